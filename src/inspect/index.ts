/** The inspector: snapshots of a namespace and the leak diff between two of them. */

export type { DiffEntry, DiffOptions } from './diff.ts';
export { diffSnapshots, formatDiff, leaks } from './diff.ts';
export type { HostDifference, HostProcess, HostState } from './host-state.ts';
export { diffHostStates, formatHostDifferences, takeHostState } from './host-state.ts';
export type { AttachmentIdentity, AttachmentOwnership, Leftover } from './ownership.ts';
export {
  describeLeftover,
  firstAttachmentLeftovers,
  leftoversByDifference,
  ownedByAdd,
  shapeOf,
} from './ownership.ts';
export type { CommandRunner } from './runner.ts';
export { hostRunner, sandboxRunner } from './runner.ts';
export type { ScaffoldingRule } from './scaffolding.ts';
export { SCAFFOLDING_RULES, SHARED_CHAINS } from './scaffolding.ts';
export type { InspectOptions } from './snapshot.ts';
export { DEFAULT_DATA_DIRS, inspectNamespace } from './snapshot.ts';
export type { LeftoverKind } from './snapshot-items.ts';
export type * from './snapshot-types.ts';
