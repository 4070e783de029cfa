/**
 * Everything a check did, in order: plugin calls (exact env + stdin + outcome) and helper commands run in the
 * sandbox (`ip link add …`). Stored in `task.meta.transcript` for the reports and the repro script.
 */
import type { Invocation } from '../runtime/invoke.ts';

/** Bytes kept per stream; a plugin that prints megabytes must not blow up the report. */
const MAX_STREAM_CHARS = 64 * 1024;

/** One plugin exec as it happened. */
export interface PluginCallRecord {
  readonly type: 'plugin';
  readonly verb: string;
  readonly file: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string | undefined;
  readonly kind: Invocation['kind'];
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Epoch milliseconds at spawn: with durationMs, the interval the plugin ran (for the overhead ratio). */
  readonly startedAtMs: number;
  readonly durationMs: number;
}

/** One helper command run in the sandbox host namespace or a container. */
export interface CommandRecord {
  readonly type: 'command';
  readonly argv: readonly string[];
  /** Container namespace name, when run inside one. */
  readonly container: string | undefined;
  /** What the command read on stdin (a fault wrapper's script), when it was given any. */
  readonly stdin?: string;
  readonly exitCode: number | null;
}

/** A container namespace the check created (the repro script recreates it). */
export interface ContainerRecord {
  readonly type: 'container';
  readonly name: string;
  readonly netnsPath: string;
  readonly action: 'add' | 'remove';
}

export type TranscriptEntry = PluginCallRecord | CommandRecord | ContainerRecord;

function clip(text: string): string {
  return text.length > MAX_STREAM_CHARS ? `${text.slice(0, MAX_STREAM_CHARS)}\n… (truncated)` : text;
}

/** Turns an Invocation into its JSON record. */
export function recordInvocation(invocation: Invocation, startedAtMs: number): PluginCallRecord {
  const { request, outcome } = invocation;
  return {
    type: 'plugin',
    verb: invocation.verb,
    file: request.file,
    env: request.env,
    stdin: request.stdin,
    kind: invocation.kind,
    stdout: clip(outcome.stdout),
    stderr: clip(outcome.stderr),
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    startedAtMs,
    durationMs: outcome.durationMs,
  };
}

/** Total wall time spent inside plugin processes. */
export function pluginWallMs(entries: readonly TranscriptEntry[]): number {
  return entries.reduce((sum, entry) => sum + (entry.type === 'plugin' ? entry.durationMs : 0), 0);
}
