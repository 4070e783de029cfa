import { type FaultyFixture } from '../../../fixtures/faulty-plugins/manifest.ts';
import { type SuiteOutcome } from './run-suites.ts';
/** Shard `index` of `count` of the fixtures the plugin suites prove (round robin over the sorted manifest). */
export declare function pluginSuiteShard(index: number, count: number): FaultyFixture[];
/** "title: state (first error)" lines, for assertion messages. */
export declare function summarize(outcomes: readonly SuiteOutcome[]): string;
/** One test per fixture: the suites citing its requirement, run against it, fail a check citing that requirement. */
export declare function testFixturesAreCaught(fixtures: readonly FaultyFixture[]): void;
