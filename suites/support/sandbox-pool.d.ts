import type { Container, Sandbox } from '../../src/sandbox/sandbox.ts';
/** A fresh sandbox with the container a check gets before its body runs. */
export interface FreshSandbox {
  readonly sandbox: Sandbox;
  readonly container: Container;
}
/** A fresh sandbox and container for one check (from the warm pool unless it is turned off). */
export declare function acquireFreshSandbox(): Promise<FreshSandbox>;
