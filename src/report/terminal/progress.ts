/**
 * Live terminal progress: on a TTY one status line (current suite, counts, elapsed) rewritten in place; findings
 * (fail, error, warn) printed as they happen on any terminal.
 */
import pc from 'picocolors';
import type { KnownBugNote } from '../../spec/known-bugs.ts';
import { boundFailure } from '../failure-text.ts';
import type { CheckRecord, Verdict } from '../model.ts';

/** What a terminal shows of one failure; the reports hold all of it. */
const FAILURE_BOUNDS = { maxLines: 12, maxLineChars: 400 } as const;

/** Where progress goes. */
export interface ProgressOutput {
  write(text: string): void;
  readonly isTTY: boolean;
}

const SYMBOL: Readonly<Record<Verdict, string>> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.red('!'),
  warn: pc.yellow('⚠'),
  info: pc.blue('i'),
  skip: pc.gray('-'),
};

/** "known upstream bug <id> (reference); reproduced by hand: see the report". */
export function knownBugLine(bug: KnownBugNote): string {
  const accepted = bug.accepted ? ', accepted by --accept-known' : '';
  return `known upstream bug ${bug.id}${accepted}: ${bug.summary} (${bug.reference}); reproduced by hand, commands in the JSON/HTML report`;
}

/** The verdict's one-character symbol, coloured. */
export function verdictSymbol(verdict: Verdict): string {
  return SYMBOL[verdict];
}

/** Tracks counts and prints as checks finish. */
export class Progress {
  readonly #out: ProgressOutput;
  readonly #started = Date.now();
  readonly #counts = new Map<Verdict, number>();
  #suite = '';
  #done = 0;
  #planned = 0;
  #files = 0;
  #filesCollected = 0;

  constructor(out: ProgressOutput) {
    this.#out = out;
  }

  /** Adds the checks a collected suite file will run to the total. */
  onPlanned(count: number): void {
    this.#planned += count;
    this.#filesCollected += 1;
  }

  /** How many suite files the run has; their checks are counted as each is collected. */
  onFiles(count: number): void {
    this.#files = count;
  }

  /** Called for each finished check. */
  onCheck(record: CheckRecord): void {
    this.#done += 1;
    this.#counts.set(record.verdict, (this.#counts.get(record.verdict) ?? 0) + 1);
    this.#suite = record.suite;
    if (['fail', 'error', 'warn'].includes(record.verdict)) {
      this.#clearLine();
      const lines = boundFailure(record.failure ?? '', FAILURE_BOUNDS).map((line) => `    ${pc.dim(line)}\n`);
      this.#out.write(
        `${verdictSymbol(record.verdict)} ${record.title} [${record.level}]\n${lines.join('')}`,
      );
      if (record.knownBug) this.#out.write(`    ${pc.magenta(knownBugLine(record.knownBug))}\n`);
    }
    // Clear the line before redrawing: a shorter status must not leave the end of the longer one behind.
    if (this.#out.isTTY) this.#out.write(`\r\x1b[2K${this.#statusLine()}`);
  }

  /** Clears the status line before the summary. */
  finish(): void {
    this.#clearLine();
  }

  #clearLine(): void {
    if (this.#out.isTTY) this.#out.write('\r\x1b[2K');
  }

  /** "plugin/del  ✓ 12  ✗ 1  13/40 checks (5/9 files)  10.2s". */
  #statusLine(): string {
    const elapsed = ((Date.now() - this.#started) / 1000).toFixed(1);
    const parts = [...this.#counts].map(([verdict, n]) => `${verdictSymbol(verdict)} ${n}`).join('  ');
    const total = Math.max(this.#planned, this.#done);
    const files = this.#files > 0 ? ` (${this.#filesCollected}/${this.#files} files)` : '';
    return `${pc.bold(this.#suite)}  ${parts}  ${this.#done}/${total} checks${files}  ${pc.dim(`${elapsed}s`)}`;
  }
}
