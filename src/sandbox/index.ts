/** The sandbox module: namespace sandboxes, their prerequisites and the clean-up of crashed runs. */

export type { CleanOptions, CleanReport } from './clean.ts';
export { cleanRuns, cleanStaleRunsOnce } from './clean.ts';
export { SANDBOX_INIT_NAME } from './holder-script.ts';
export type { RunProcessOptions } from './host-executor.ts';
export {
  DEFAULT_PATH,
  DEFAULT_TIMEOUT_MS,
  hostExecutor,
  OUTPUT_LIMIT_BYTES,
  runProcess,
} from './host-executor.ts';
export { COPY_ON_WRITE_DIRS, PRIVATE_DIRS, SANDBOX_MARKER_DIR } from './mount-plan.ts';
export type { SandboxOptions } from './netns.ts';
export { createSandbox, defaultSandboxMode, withSandbox } from './netns.ts';
export type { PidsLimit } from './pids-limit.ts';
export { SANDBOX_PIDS_MAX } from './pids-limit.ts';
export type { WarmPool, WarmPoolOptions } from './pool.ts';
export { createSandboxPool, createWarmPool } from './pool.ts';
export type { PrerequisiteOptions, PrerequisiteProblem } from './prerequisites.ts';
export { checkPrerequisites } from './prerequisites.ts';
export type { Executor, ProcessOutcome, ProcessRequest } from './process.ts';
export type { QuickCommandOptions } from './quick-command.ts';
export { runCommand } from './quick-command.ts';
export { claimRunOwnership, currentRunDir, RUNS_ROOT_ENV, runsRoot } from './run-dir.ts';
export type { CommandOptions, Container, Sandbox, SandboxMode } from './sandbox.ts';
