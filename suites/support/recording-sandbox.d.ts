/**
 * Opens the per-check sandbox and records what the check does in it (containers, helper commands), so the
 * repro script can recreate the same namespaces without the harness.
 */
import type { TranscriptEntry } from '../../src/report/transcript.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
/** A Sandbox that appends every container change and helper command to `entries`. */
export declare function recordingSandbox(inner: Sandbox, entries: TranscriptEntry[]): Sandbox;
