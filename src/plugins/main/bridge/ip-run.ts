/**
 * `ip -json -batch -` with an argv of our choosing: skel's ipBatch always runs plain `ip` (through nsenter
 * for a namespace), but the container step runs ip behind a small sysctl prologue (see container.ts).
 */
import { runChecked } from '../../skel/exec.ts';

/**
 * One batch line per command. iproute2 splits batch lines on whitespace; our words are validated names,
 * addresses and numbers, so whitespace, quotes and comment marks are refused rather than escaped.
 */
export function batchInput(commands: readonly (readonly string[])[]): string {
  const lines = commands.map((command) =>
    command
      .map((word) => {
        if (word === '' || /[\s"'\\#]/.test(word))
          throw new Error(`refusing unsafe ip batch argument ${JSON.stringify(word)}`);
        return word;
      })
      .join(' '),
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON arrays `ip -json` printed (one per show command), concatenated. */
export function parseIpOutput(stdout: string): unknown[] {
  const items: unknown[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) items.push(...parsed);
  }
  return items;
}

/** Runs `argv` (which must end in `ip -json -batch -`) with `commands` on stdin; returns what it showed. */
export async function runIpBatch(
  argv: readonly string[],
  commands: readonly (readonly string[])[],
): Promise<unknown[]> {
  return parseIpOutput(await runChecked(argv, { input: batchInput(commands) }));
}
