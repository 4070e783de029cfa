import { Runtime, type RuntimeOptions } from '../../../src/runtime/runtime.ts';
import { FakeExecutor, type FakeScript } from './fake-executor.ts';
import { type ScratchDirs } from './temp-dirs.ts';
/** What {@link useFakeRuntime} provides. */
export interface FakeRuntimeRig {
  /** This test's scratch directories (set by the calling block's beforeEach). */
  readonly dirs: ScratchDirs;
  /** A Runtime over a new FakeExecutor running `script`, on the scratch bin and cache directories. */
  runtimeWith(
    script?: FakeScript,
    extra?: Partial<RuntimeOptions>,
  ): {
    executor: FakeExecutor;
    runtime: Runtime;
  };
}
/** Installs `pluginTypes` as fake plugins in fresh scratch directories around each test of the calling block. */
export declare function useFakeRuntime(pluginTypes: readonly string[]): FakeRuntimeRig;
