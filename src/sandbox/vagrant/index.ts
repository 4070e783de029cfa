/** The vagrant VM sandbox (`--sandbox vagrant`): the CLI re-run inside a VM over `vagrant ssh`. */

export type { ReportPaths } from '../inner-run.ts';
export type { VagrantCommandOptions } from './command.ts';
export { runVagrantConformance } from './command.ts';
export type { GuestLayout, PayloadSources } from './payload.ts';
export { buildPayload, GUEST_ROOT, guestLayout, tarSteps } from './payload.ts';
export type { VagrantAfterRun, VagrantSuiteOutcome, VagrantSuiteRun } from './run.ts';
export { innerArgv, runInVagrantSandbox } from './run.ts';
export { quoteArgv, quoteSteps, quoteWord } from './shell-quote.ts';
export type { MachineState } from './status.ts';
export { isNotCreated, isRunning, parseMachineStates } from './status.ts';
export type { Redactions, TranscriptEntry, VagrantTranscript } from './transcript.ts';
export { readTranscript, recordingVagrant, replayVagrant, writeTranscript } from './transcript.ts';
export type { HostVagrantOptions, VagrantCallOptions, VagrantRunner } from './vagrant-cli.ts';
export { describeFailure, hostVagrant } from './vagrant-cli.ts';
