/** `inspectNamespace`: one spawn of a shell script, parsed into a typed {@link Snapshot}. */
import type { ParseResult } from '../errors.ts';
import { formatParseIssues } from '../errors.ts';
import { parseIptablesSave, parseNftRuleset } from './firewall-views.ts';
import { parseAddresses, parseLinks, parseNeighbours, parseRoutes, parseRules } from './network-views.ts';
import type { CommandRunner } from './runner.ts';
import { buildSnapshotScript, SECTION_MARK } from './snapshot-script.ts';
import type { NftRuleset, Snapshot } from './snapshot-types.ts';
import {
  parseFiles,
  parseMounts,
  parseNetnsList,
  parseProcesses,
  parseStateLines,
  parseSysctls,
} from './state-views.ts';

/** Options for {@link inspectNamespace}. */
export interface InspectOptions {
  /** Directories whose files are recorded (IPAM stores, caches). @defaultValue {@link DEFAULT_DATA_DIRS} */
  readonly dataDirs?: readonly string[];
  /** Record processes and mounts (off for the real host). @defaultValue true */
  readonly processes?: boolean;
  /** A command (run by `sh`) whose stdout lines are state items: the author's view of a daemon's state. */
  readonly stateCommand?: string;
}

/** Where plugins keep per-attachment files in a sandbox: its private /run, /var/lib/cni and /etc/cni. */
export const DEFAULT_DATA_DIRS: readonly string[] = ['/var/lib/cni', '/run', '/etc/cni'];

/** One section of the script's output. */
interface Section {
  readonly body: string;
  readonly exitCode: number;
  /** What the view printed on stderr, when it failed (one line). */
  readonly stderr: string;
}

function splitSections(stdout: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  const pattern = new RegExp(
    `^${SECTION_MARK} (\\S+)\\n([\\s\\S]*?)\\n${SECTION_MARK}-exit (\\d+) ?(.*)$`,
    'gm',
  );
  for (const match of stdout.matchAll(pattern)) {
    const stderr = (match[4] ?? '').trim();
    sections.set(match[1] ?? '', { body: match[2] ?? '', exitCode: Number(match[3]), stderr });
  }
  return sections;
}

/** Every view the script was asked for: each must exit 0, or the snapshot is incomplete. */
function expectedSections(options: Required<Omit<InspectOptions, 'stateCommand'>>, state: boolean): string[] {
  const names = ['links+addresses', 'routes4+rules4', 'routes6+rules6', 'iptables4', 'iptables6', 'nft'];
  names.push('sysctls', 'netns');
  if (options.dataDirs.length > 0) names.push('file-list', 'file-contents');
  if (options.processes) names.push('processes', 'mounts');
  if (state) names.push('state-command');
  return names;
}

const EMPTY_NFT: NftRuleset = { tables: [], chains: [], rules: [], objects: [] };

/** Takes a snapshot of the namespace the runner runs in. Never throws for what it finds. */
export async function inspectNamespace(
  runner: CommandRunner,
  options: InspectOptions = {},
): Promise<Snapshot> {
  const first = await inspectOnce(runner, options);
  // A view can fail on a race (a file removed between find and tail): one more look before it counts.
  return first.problems.length === 0 ? first : inspectOnce(runner, options);
}

async function inspectOnce(runner: CommandRunner, options: InspectOptions): Promise<Snapshot> {
  const dataDirs = options.dataDirs ?? DEFAULT_DATA_DIRS;
  const processes = options.processes ?? true;
  const { stateCommand } = options;
  const script = buildSnapshotScript({ dataDirs, processes, ...(stateCommand ? { stateCommand } : {}) });
  const outcome = await runner(['sh', '-c', script]);
  const sections = splitSections(outcome.stdout);
  const problems: string[] = [];
  if (outcome.exitCode === null)
    problems.push(`inspector script failed: ${outcome.spawnError ?? outcome.signal}`);
  for (const name of expectedSections({ dataDirs, processes }, stateCommand !== undefined)) {
    const section = sections.get(name);
    if (section === undefined) problems.push(`${name}: no output (${outcome.stderr.trim().slice(0, 300)})`);
    else if (section.exitCode !== 0)
      problems.push(`${name}: exit ${section.exitCode}${section.stderr ? `: ${section.stderr}` : ''}`);
  }
  const body = (name: string) => sections.get(name)?.body ?? '';
  // A batch section holds one JSON array per line, in command order.
  const line = (name: string, index: number) =>
    body(name)
      .split('\n')
      .filter((text) => text.trim())[index] ?? '';
  const take = <T>(result: ParseResult<T>, fallback: T): T => {
    if (result.ok) return result.value;
    problems.push(formatParseIssues(result.issues));
    return fallback;
  };
  return {
    links: take(parseLinks(line('links+addresses', 0)), []),
    addresses: take(parseAddresses(line('links+addresses', 1)), []),
    neighbours: take(parseNeighbours(line('links+addresses', 2)), []),
    routes: [
      ...take(parseRoutes(line('routes4+rules4', 0), 'ipv4'), []),
      ...take(parseRoutes(line('routes6+rules6', 0), 'ipv6'), []),
    ],
    rules: [
      ...take(parseRules(line('routes4+rules4', 1), 'ipv4'), []),
      ...take(parseRules(line('routes6+rules6', 1), 'ipv6'), []),
    ],
    iptables: [
      ...parseIptablesSave(body('iptables4'), 'ipv4'),
      ...parseIptablesSave(body('iptables6'), 'ipv6'),
    ],
    nft: take(parseNftRuleset(body('nft')), EMPTY_NFT),
    sysctls: parseSysctls(body('sysctls')),
    files: parseFiles(body('file-list'), body('file-contents')),
    netns: parseNetnsList(body('netns')),
    processes: processes ? parseProcesses(body('processes')) : null,
    mounts: processes ? parseMounts(body('mounts'), dataDirs) : null,
    stateLines: stateCommand === undefined ? null : parseStateLines(body('state-command')),
    problems,
  };
}
