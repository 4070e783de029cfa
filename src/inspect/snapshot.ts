/** `inspectNamespace`: one spawn of a shell script, parsed into a typed {@link Snapshot}. */
import type { ParseResult } from '../errors.ts';
import { formatParseIssues } from '../errors.ts';
import { parseIptablesSave, parseNftRuleset } from './firewall-views.ts';
import { parseAddresses, parseLinks, parseRoutes, parseRules } from './network-views.ts';
import type { CommandRunner } from './runner.ts';
import { buildSnapshotScript, SECTION_MARK } from './snapshot-script.ts';
import type { NftRuleset, Snapshot } from './snapshot-types.ts';
import { parseFiles, parseNetnsList, parseProcesses, parseSysctls } from './state-views.ts';

/** Options for {@link inspectNamespace}. */
export interface InspectOptions {
  /** Directories whose files are recorded (IPAM stores, caches). @defaultValue ['/var/lib/cni'] */
  readonly dataDirs?: readonly string[];
  /** Record processes (off for the real host). @defaultValue true */
  readonly processes?: boolean;
}

/** One section of the script's output. */
interface Section {
  readonly body: string;
  readonly exitCode: number;
}

/** Views whose failure means the snapshot is incomplete (the others exit non-zero when merely empty). */
const MUST_SUCCEED = ['links+addresses', 'routes4+rules4', 'routes6+rules6', 'iptables4', 'iptables6', 'nft'];

function splitSections(stdout: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  const pattern = new RegExp(`^${SECTION_MARK} (\\S+)\\n([\\s\\S]*?)\\n${SECTION_MARK}-exit (\\d+)$`, 'gm');
  for (const match of stdout.matchAll(pattern)) {
    sections.set(match[1] ?? '', { body: match[2] ?? '', exitCode: Number(match[3]) });
  }
  return sections;
}

const EMPTY_NFT: NftRuleset = { tables: [], chains: [], rules: [], objects: [] };

/** Takes a snapshot of the namespace the runner runs in. Never throws for what it finds. */
export async function inspectNamespace(
  runner: CommandRunner,
  options: InspectOptions = {},
): Promise<Snapshot> {
  const dataDirs = options.dataDirs ?? ['/var/lib/cni'];
  const processes = options.processes ?? true;
  const outcome = await runner(['sh', '-c', buildSnapshotScript({ dataDirs, processes })]);
  const sections = splitSections(outcome.stdout);
  const problems: string[] = [];
  if (outcome.exitCode === null)
    problems.push(`inspector script failed: ${outcome.spawnError ?? outcome.signal}`);
  for (const name of MUST_SUCCEED) {
    const section = sections.get(name);
    if (section?.exitCode !== 0) problems.push(`${name}: exit ${section?.exitCode ?? 'missing'}`);
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
    problems,
  };
}
