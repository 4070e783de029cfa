import { Runtime } from '../../../src/runtime/runtime.ts';
import type { Container, Sandbox } from '../../../src/sandbox/sandbox.ts';
import { type ScratchDirs } from './temp-dirs.ts';
/** What {@link useSandboxedRuntime} provides; its fields are set once the calling block's beforeAll ran. */
export interface SandboxedRuntime {
  readonly sandbox: Sandbox;
  readonly container: Container;
  readonly dirs: ScratchDirs;
  readonly runtime: Runtime;
}
/** Creates a SandboxedRuntime before the calling describe block's tests and removes it after them. */
export declare function useSandboxedRuntime(): SandboxedRuntime;
