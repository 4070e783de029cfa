/** The docker sandbox (`--sandbox docker`) and the locally built images the seed scenario shares. */

export type { DockerCommandIo, DockerCommandOptions } from './command.ts';
export { runDockerConformance } from './command.ts';
export type {
  ContainerExecResult,
  InitSource,
  PrivilegeMode,
  SandboxContainer,
  SandboxContainerOptions,
} from './container.ts';
export { CONTAINER_REPORT_DIR, minimalMounts, sandboxRunArgs, startSandboxContainer } from './container.ts';
export type { DockerCallOptions, DockerCli, EngineStatus } from './engine.ts';
export { docker, dockerCli, dockerOk, probeEngine } from './engine.ts';
export { ensureBusyboxImage, ensureSandboxImage, hostSystemMounts } from './images.ts';
export type { DockerSuiteOutcome, DockerSuiteRun, ReportPaths } from './run.ts';
export { harnessPaths, passThroughFlags, runInDockerSandbox } from './run.ts';
