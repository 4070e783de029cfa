import { type RuntimeScenario } from '../../../src/runtime-conformance/scenario.ts';
/** Declares the tests of one scenario. */
export declare function judgeScenario(scenario: RuntimeScenario): void;
