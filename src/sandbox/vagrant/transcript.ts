/**
 * Recorded vagrant CLI transcripts: a recording runner wraps the real one and keeps every call with its
 * outcome; a replaying runner answers the same calls from the recording, in order, and fails loudly on
 * the first call that differs. Volatile host paths are redacted to stable placeholders both ways.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ProcessOutcome } from '../process.ts';
import type { VagrantRunner } from './vagrant-cli.ts';

/** One recorded call. */
export interface TranscriptEntry {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A whole recording, as stored under test/sandbox/vagrant/. */
export interface VagrantTranscript {
  /** What was recorded, where, with which vagrant/provider versions. */
  readonly note: string;
  readonly entries: readonly TranscriptEntry[];
}

/** Replaces volatile strings (temp dirs) by placeholders, e.g. `{ "/tmp/abc": "<work>" }`. */
export type Redactions = Readonly<Record<string, string>>;

function redact(text: string, redactions: Redactions): string {
  let out = text;
  for (const [volatile, placeholder] of Object.entries(redactions))
    out = out.replaceAll(volatile, placeholder);
  return out;
}

function unredact(text: string, redactions: Redactions): string {
  let out = text;
  for (const [volatile, placeholder] of Object.entries(redactions))
    out = out.replaceAll(placeholder, volatile);
  return out;
}

/** Wraps a runner and appends every call (redacted) to `sink`. */
export function recordingVagrant(
  inner: VagrantRunner,
  sink: TranscriptEntry[],
  redactions: Redactions = {},
): VagrantRunner {
  return async (args, options) => {
    const outcome = await inner(args, options);
    sink.push({
      args: args.map((arg) => redact(arg, redactions)),
      exitCode: outcome.exitCode,
      stdout: redact(outcome.stdout, redactions),
      stderr: redact(outcome.stderr, redactions),
    });
    return outcome;
  };
}

/** A replaying runner plus how many recorded calls are still unanswered. */
export interface Replay {
  readonly runner: VagrantRunner;
  readonly calls: string[][];
  remaining(): number;
}

/** Answers calls from a transcript in order; a call that differs from the recording throws. */
export function replayVagrant(transcript: VagrantTranscript, redactions: Redactions = {}): Replay {
  let next = 0;
  const calls: string[][] = [];
  const runner: VagrantRunner = async (args) => {
    const asked = args.map((arg) => redact(arg, redactions));
    calls.push(asked);
    const entry = transcript.entries[next];
    if (!entry || JSON.stringify(entry.args) !== JSON.stringify(asked)) {
      throw new Error(
        `transcript mismatch at call ${next + 1}: asked vagrant ${JSON.stringify(asked)}, recorded ${JSON.stringify(entry?.args ?? null)}`,
      );
    }
    next += 1;
    const outcome: ProcessOutcome = {
      stdout: unredact(entry.stdout, redactions),
      stderr: unredact(entry.stderr, redactions),
      exitCode: entry.exitCode,
      signal: null,
      timedOut: false,
      spawnError: null,
      durationMs: 0,
    };
    return outcome;
  };
  return { runner, calls, remaining: () => transcript.entries.length - next };
}

/** Reads a transcript file written by {@link writeTranscript}. */
export function readTranscript(file: string): VagrantTranscript {
  return JSON.parse(readFileSync(file, 'utf8')) as VagrantTranscript;
}

/** Writes a transcript as indented JSON. */
export function writeTranscript(file: string, transcript: VagrantTranscript): void {
  writeFileSync(file, `${JSON.stringify(transcript, null, 2)}\n`);
}
