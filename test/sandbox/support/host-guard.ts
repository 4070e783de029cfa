/**
 * Proof that a hostile plugin left the real host as it was: the host-state snapshot before and after, compared
 * in full for the network views (no other test may change the host's network) and, in the views other tests
 * of the same run legitimately change meanwhile (processes, mounts, /tmp, /etc, the CNI dirs), only for the
 * fixture's own traces, named by `traces`. A scan of every process (ours included) for the fixture's daemons
 * completes it: the snapshot leaves out this process's descendants.
 */
import { spawnSync } from 'node:child_process';
import {
  diffHostStates,
  formatHostDifferences,
  type HostDifference,
  type HostState,
} from '../../../src/inspect/index.ts';

const SHARED_KINDS = new Set(['file', 'netns', 'process', 'mount', 'path']);

/** The differences that count for a test whose fixture leaves traces matching `traces`. */
export function hostDamage(before: HostState, after: HostState, traces: RegExp): HostDifference[] {
  return diffHostStates(before, after).filter(
    (entry) => !SHARED_KINDS.has(entry.kind) || traces.test(entry.id),
  );
}

/** Every process on the machine (any namespace) whose command line matches `pattern`. */
export function processesMatching(pattern: RegExp): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => pattern.test(line));
}

export { formatHostDifferences };
