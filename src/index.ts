/** The library surface of cni-conformance: an explicit export list. */
export { HarnessError, isHarnessError } from './errors.ts';
export type { Invocation, InvocationKind } from './runtime/invoke.ts';
export { classifyOutcome, invokePlugin } from './runtime/invoke.ts';
export { hostExecutor, runProcess } from './sandbox/host-executor.ts';
export type { Executor, ProcessOutcome, ProcessRequest } from './sandbox/process.ts';
export type { Container, Sandbox, SandboxMode } from './sandbox/sandbox.ts';
export { ERROR_CODE_MEANINGS, ERROR_CODES, WireErrorSchema } from './spec/error.ts';
export type { CniVersion, Verb, VersionFamily } from './spec/versions.ts';
export { CNI_VERSIONS, compareVersions, familyOf, VERBS, verbAllowed } from './spec/versions.ts';
