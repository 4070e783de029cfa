/**
 * A bash repro script per failed check: recreates a private host network namespace (with its own /run and
 * /var/lib/cni, like the sandbox), the container namespaces, the helper commands, and replays every plugin call
 * with its exact env and stdin, printing each exit code next to the recorded one. No harness needed.
 */

import type { CheckRecord } from './model.ts';
import type { TranscriptEntry } from './transcript.ts';

/** Single-quotes a string for bash. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A file name for the check's script: "p-env-2-a-call-missing-a-required-cni-variable-fails-1.0.0.sh". */
export function reproFileName(check: CheckRecord): string {
  const slug = check.title
    .toLowerCase()
    .replace(/@.*$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `${slug}${check.version ? `-${check.version}` : ''}.sh`;
}

const PRELUDE = `set -uo pipefail
# Re-run inside fresh network + mount namespaces (a user namespace too when not root), as the harness does.
if [ "\${CNI_REPRO_INSIDE:-}" != 1 ]; then
  if [ "$(id -u)" = 0 ]; then exec env CNI_REPRO_INSIDE=1 unshare --net --mount --propagation private bash "$0" "$@"; fi
  exec env CNI_REPRO_INSIDE=1 unshare --user --map-root-user --net --mount --propagation private bash "$0" "$@"
fi
mount -t tmpfs tmpfs /run && mkdir -p /run/netns
mkdir -p /var/lib/cni 2>/dev/null; mount -t tmpfs tmpfs /var/lib/cni
ip link set lo up
`;

function renderEntry(entry: TranscriptEntry, index: number, netnsPaths: Map<string, string>): string {
  const n = index + 1;
  if (entry.type === 'container' && entry.action === 'add') {
    netnsPaths.set(entry.name, entry.netnsPath);
    const path = shellQuote(entry.netnsPath);
    return `echo '== ${n}: container ${entry.name}' >&2\nmkdir -p "$(dirname ${path})" && touch ${path} && unshare --net=${path} true`;
  }
  if (entry.type === 'container') {
    const path = shellQuote(netnsPaths.get(entry.name) ?? `/run/netns/${entry.name}`);
    return `echo '== ${n}: remove container ${entry.name}' >&2\numount ${path} && rm -f ${path}`;
  }
  if (entry.type === 'command') {
    const argv = entry.argv.map(shellQuote).join(' ');
    const inNs = entry.container ? `nsenter --net=${shellQuote(netnsPaths.get(entry.container) ?? '')} ` : '';
    return `echo '== ${n}: ${entry.argv.join(' ').replace(/'/g, '')}' >&2\n${inNs}${argv}`;
  }
  const env = [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(entry.env).map(([k, v]) => `${k}=${v}`),
  ];
  const input = entry.stdin === undefined ? '< /dev/null' : '';
  const feed = entry.stdin === undefined ? '' : `printf '%s' ${shellQuote(entry.stdin)} | `;
  const recorded = entry.signal ? `signal ${entry.signal}` : `exit ${entry.exitCode}`;
  return [
    `echo '== ${n}: ${entry.verb} (recorded: ${recorded})' >&2`,
    `${feed}env -i ${env.map(shellQuote).join(' ')} ${shellQuote(entry.file)} ${input}`.trimEnd(),
    `echo "   -> exit $?" >&2`,
  ].join('\n');
}

/** The script text. */
export function renderRepro(check: CheckRecord, toolVersion: string): string {
  const netnsPaths = new Map<string, string>();
  const header = [
    '#!/usr/bin/env bash',
    `# Repro for ${check.title} (cni-conformance ${toolVersion})`,
    `# Verdict: ${check.verdict} [${check.level}]: ${(check.failure ?? '').split('\n')[0]}`,
    '# Recreates the sandbox and replays the plugin calls with their exact env and stdin.',
  ].join('\n');
  const steps = check.transcript.map((entry, index) => renderEntry(entry, index, netnsPaths));
  return `${header}\n${PRELUDE}\n${steps.join('\n\n')}\n`;
}
