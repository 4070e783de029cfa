/**
 * The set-up the upstream runtime tests share: one sandbox with one container, scratch directories for the
 * cache, and a Runtime that execs the upstream plugins inside that sandbox.
 */
import { afterAll, beforeAll } from 'vitest';
import { Runtime } from '../../../src/runtime/runtime.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';
import type { Container, Sandbox } from '../../../src/sandbox/sandbox.ts';
import { makeScratchDirs, type ScratchDirs } from './temp-dirs.ts';
import { UPSTREAM_CNI_PATH } from './upstream.ts';

/** What {@link useSandboxedRuntime} provides; its fields are set once the calling block's beforeAll ran. */
export interface SandboxedRuntime {
  readonly sandbox: Sandbox;
  readonly container: Container;
  readonly dirs: ScratchDirs;
  readonly runtime: Runtime;
}

/** Creates a SandboxedRuntime before the calling describe block's tests and removes it after them. */
export function useSandboxedRuntime(): SandboxedRuntime {
  const rig: Partial<{ -readonly [K in keyof SandboxedRuntime]: SandboxedRuntime[K] }> = {};
  beforeAll(async () => {
    rig.sandbox = await createSandbox();
    rig.container = await rig.sandbox.addContainer();
    rig.dirs = await makeScratchDirs();
    rig.runtime = new Runtime({
      executor: rig.sandbox,
      cniPath: UPSTREAM_CNI_PATH,
      cacheDir: rig.dirs.cacheDir,
    });
  });
  afterAll(async () => {
    await rig.sandbox?.destroy();
    await rig.dirs?.cleanup();
  });
  return rig as SandboxedRuntime;
}
