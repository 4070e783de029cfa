/** The sandbox module: namespace sandboxes, their prerequisites and the clean-up of crashed runs. */

export { SANDBOX_MARKER_DIR } from './holder-script.ts';
export type { RunProcessOptions } from './host-executor.ts';
export { DEFAULT_PATH, DEFAULT_TIMEOUT_MS, hostExecutor, runProcess } from './host-executor.ts';
export type { SandboxOptions } from './netns.ts';
export { createSandbox, defaultSandboxMode } from './netns.ts';
export type { Executor, ProcessOutcome, ProcessRequest } from './process.ts';
export type { CommandOptions, Container, Sandbox, SandboxMode } from './sandbox.ts';
