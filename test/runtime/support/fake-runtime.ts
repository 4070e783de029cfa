/**
 * The set-up the fake-executor runtime tests share: fresh scratch directories with fake plugins installed
 * before each test, and Runtimes whose plugin calls a FakeExecutor answers.
 */
import { afterEach, beforeEach } from 'vitest';
import { Runtime, type RuntimeOptions } from '../../../src/runtime/runtime.ts';
import { FakeExecutor, type FakeScript } from './fake-executor.ts';
import { installFakePlugins, makeScratchDirs, type ScratchDirs } from './temp-dirs.ts';

/** What {@link useFakeRuntime} provides. */
export interface FakeRuntimeRig {
  /** This test's scratch directories (set by the calling block's beforeEach). */
  readonly dirs: ScratchDirs;
  /** A Runtime over a new FakeExecutor running `script`, on the scratch bin and cache directories. */
  runtimeWith(
    script?: FakeScript,
    extra?: Partial<RuntimeOptions>,
  ): { executor: FakeExecutor; runtime: Runtime };
}

/** Installs `pluginTypes` as fake plugins in fresh scratch directories around each test of the calling block. */
export function useFakeRuntime(pluginTypes: readonly string[]): FakeRuntimeRig {
  let current: ScratchDirs | undefined;
  beforeEach(async () => {
    current = await makeScratchDirs();
    await installFakePlugins(current.binDir, pluginTypes);
  });
  afterEach(() => current?.cleanup());
  const rig: FakeRuntimeRig = {
    get dirs(): ScratchDirs {
      if (!current) throw new Error('useFakeRuntime: dirs are set in beforeEach; use them inside a test');
      return current;
    },
    runtimeWith(script, extra = {}) {
      const executor = new FakeExecutor(script);
      const { binDir, cacheDir } = rig.dirs;
      return { executor, runtime: new Runtime({ executor, cniPath: [binDir], cacheDir, ...extra }) };
    },
  };
  return rig;
}
