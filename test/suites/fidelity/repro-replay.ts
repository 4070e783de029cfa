/**
 * Replays the repro scripts a CLI run wrote, as a user would: `bash <script>` with no terminal. A script must
 * say the failure reproduced (exit 1) and leave none of its /tmp files behind. One script per check (by title,
 * across every run of the process): another fixture failing the same check replays the same kind of calls.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { KILLED_EARLY } from '../../../src/report/repro.ts';
import type { ReportCheck } from './cli-run.ts';

/** How one replay ended. */
export interface Replay {
  readonly title: string;
  readonly script: string;
  /** 'reproduced' (exit 1); 'timing' (exit 0: only calls the check killed at a random moment ended otherwise). */
  readonly ending: 'reproduced' | 'timing' | 'not reproduced';
  readonly exitCode: number | undefined;
  /** /tmp files the script made and did not remove. */
  readonly leftovers: readonly string[];
  readonly stderrTail: string;
}

const REPRODUCED = 'reproduced: every call ended as recorded';
/** Calls replay with their own bounds; this only stops a script that hangs outside them. */
const SCRIPT_TIMEOUT_MS = 300_000;
const replayedTitles = new Set<string>();

function endingOf(exitCode: number | undefined, stderr: string): Replay['ending'] {
  if (exitCode === 1 && stderr.includes(REPRODUCED)) return 'reproduced';
  if (exitCode === 0 && stderr.includes(`${KILLED_EARLY}:`)) return 'timing';
  return 'not reproduced';
}

/** Replays the scripts of `checks` whose check no earlier call replayed; never throws for what a script does. */
export async function replayNewRepros(reportDir: string, checks: readonly ReportCheck[]): Promise<Replay[]> {
  const replays: Replay[] = [];
  for (const check of checks) {
    const title = check.title.replace(/ @ .*$/, '');
    if (check.reproScript === undefined || replayedTitles.has(title)) continue;
    replayedTitles.add(title);
    const script = join(reportDir, check.reproScript);
    const run = await execa('bash', [script], {
      stdin: 'ignore',
      reject: false,
      timeout: SCRIPT_TIMEOUT_MS,
      forceKillAfterDelay: 1000,
    });
    const scratch = readFileSync(script, 'utf8').match(/\/tmp\/cnc-[A-Za-z0-9._-]+/g) ?? [];
    replays.push({
      title,
      script: check.reproScript,
      ending: endingOf(run.exitCode, run.stderr),
      exitCode: run.exitCode,
      leftovers: [...new Set(scratch)].filter((path) => existsSync(path)),
      stderrTail: run.stderr.slice(-1500),
    });
  }
  return replays;
}
