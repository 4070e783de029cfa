/**
 * The library surface of cni-conformance: `import { Runtime, createSandbox } from 'cni-conformance'`.
 * Each module's index holds its explicit export list; this file only gathers them.
 */
export type { HarnessErrorCode, ParseIssue, ParseResult } from './errors.ts';
export { HarnessError, isHarnessError } from './errors.ts';
export * from './inspect/index.ts';
export * from './runtime/index.ts';
export * from './sandbox/index.ts';
export * from './spec/index.ts';
