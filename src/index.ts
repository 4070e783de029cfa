/**
 * The library surface of cni-conformance: `import { Runtime, createSandbox } from 'cni-conformance'`.
 * Each module's index holds its explicit export list; this file only gathers them.
 */
export type { HarnessErrorCode, ParseIssue, ParseResult } from './errors.ts';
export { HarnessError, isHarnessError } from './errors.ts';
export * from './inspect/index.ts';
// Both the spec model and the runtime define these names: the runtime's are the resolved, ready-to-run forms,
// the spec's the documents as written. Explicit exports settle which bare name wins.
export type { GcAttachment, NetworkConfigList } from './runtime/index.ts';
export * from './runtime/index.ts';
export { parseNetworkConfigList } from './runtime/index.ts';
export * from './runtime-conformance/index.ts';
export * from './sandbox/index.ts';
export type {
  GcAttachment as SpecGcAttachment,
  NetworkConfigList as SpecNetworkConfigList,
} from './spec/index.ts';
export * from './spec/index.ts';
export { parseNetworkConfigList as parseSpecNetworkConfigList } from './spec/index.ts';
