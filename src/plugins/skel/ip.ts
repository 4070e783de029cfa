/**
 * iproute2 helpers: batched `ip -json -batch -` runs, on the host or inside a container namespace.
 */
import { runChecked } from './exec.ts';
import { inNetns } from './netns.ts';

/** A link as `ip -json link|addr show` prints it (the fields we read). */
export interface IpLink {
  readonly ifindex: number;
  readonly ifname: string;
  readonly flags: readonly string[];
  readonly mtu: number;
  readonly address?: string;
  readonly operstate?: string;
  readonly master?: string;
  readonly link_index?: number;
  readonly linkinfo?: { readonly info_kind?: string; readonly info_slave_kind?: string };
  readonly addr_info?: readonly IpAddrInfo[];
  readonly promiscuity?: number;
}

/** One address of a link. */
export interface IpAddrInfo {
  readonly family: 'inet' | 'inet6';
  readonly local: string;
  readonly prefixlen: number;
  readonly scope?: string;
}

/** Where ip commands run: the host, or the namespace file of a container. */
export type IpTarget = { readonly netns?: string };

function ipArgv(target: IpTarget, args: readonly string[]): string[] {
  const argv = ['ip', ...args];
  return target.netns ? inNetns(target.netns, argv) : argv;
}

/**
 * Runs several `ip` commands in one process (`ip -batch -`), stopping at the first failure; `-json` makes
 * show commands print JSON arrays, which are concatenated and parsed.
 */
export async function ipBatch(
  target: IpTarget,
  commands: readonly (readonly string[])[],
): Promise<unknown[]> {
  if (commands.length === 0) return [];
  return runIpBatch(ipArgv(target, ['-json', '-batch', '-']), commands);
}

/** Runs `argv` (which must end in `ip -json -batch -`) with `commands` on stdin; returns what it showed. */
export async function runIpBatch(
  argv: readonly string[],
  commands: readonly (readonly string[])[],
): Promise<unknown[]> {
  return parseJsonArrays(await runChecked(argv, { input: batchInput(commands) }));
}

/** One `ip -batch` line per command. */
export function batchInput(commands: readonly (readonly string[])[]): string {
  return `${commands.map((command) => command.map(quoteBatchWord).join(' ')).join('\n')}\n`;
}

/** Runs one `ip -json <args>` and parses its output. */
export async function ipJson<T>(target: IpTarget, args: readonly string[]): Promise<T[]> {
  const stdout = await runChecked(ipArgv(target, ['-json', ...args]));
  return parseJsonArrays(stdout) as T[];
}

/**
 * Batch words are split on whitespace by iproute2; our words are validated names, addresses and numbers,
 * so any whitespace or quote is refused rather than escaped.
 */
function quoteBatchWord(word: string): string {
  if (word === '' || /[\s"'\\#]/.test(word))
    throw new Error(`refusing unsafe ip batch argument ${JSON.stringify(word)}`);
  return word;
}

/** The JSON arrays `ip -json` printed (one per show command), concatenated. */
export function parseJsonArrays(stdout: string): unknown[] {
  const items: unknown[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) items.push(...parsed);
  }
  return items;
}
