/**
 * A bash repro script per failed check: recreates a private host network namespace (with its own /run and
 * /var/lib/cni and a copy-on-write /tmp, like the sandbox), the container namespaces, the helper commands, and
 * replays every plugin call with its exact env and stdin (a prevResult that was an earlier call's result is that
 * call's replayed output), printing each exit code next to the recorded one. No harness needed.
 */
import { constants } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { CheckRecord } from './model.ts';
import type { PluginCallRecord, TranscriptEntry } from './transcript.ts';

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
# Re-run inside fresh network + mount + PID namespaces (a user namespace too when not root), as the harness does:
# whatever the plugin starts (a dnsmasq) dies with the script. Nothing reads the terminal.
if [ "\${CNI_REPRO_INSIDE:-}" != 1 ]; then
  isolate="--net --mount --propagation private --pid --fork --mount-proc"
  if [ "$(id -u)" != 0 ]; then isolate="--user --map-root-user $isolate"; fi
  exec env CNI_REPRO_INSIDE=1 unshare $isolate bash "$0" "$@" </dev/null
fi
mount -t tmpfs tmpfs /run && mkdir -p /run/netns /run/cnc-repro/tmp-upper /run/cnc-repro/tmp-work
# /tmp copy-on-write, as in the sandbox: the plugin sees the host's files, and what it writes goes with the script.
chmod 1777 /run/cnc-repro/tmp-upper
mount -t overlay overlay -o lowerdir=/tmp,upperdir=/run/cnc-repro/tmp-upper,workdir=/run/cnc-repro/tmp-work /tmp ||
  echo "note: no overlay on /tmp here: what the plugin writes in /tmp stays on the host" >&2
mkdir -p /var/lib/cni 2>/dev/null; mount -t tmpfs tmpfs /var/lib/cni
ip link set lo up
# Exit 1 when every plugin call ends as recorded (the failure reproduces), 0 when one differs.
diverged=0
expect_exit() { echo "   -> exit $1 (recorded $2)" >&2; [ "$1" = "$2" ] || diverged=1; }
# A call the harness killed at a random moment may finish before that moment on another run: timing, not the plugin.
killed_early=0
expect_killed() { echo "   -> exit $1 (recorded $2: killed by the harness after $3 s)" >&2; [ "$1" = "$2" ] || killed_early=1; }
`;

/** Files the check's helper commands made under /tmp (fault wrappers, spies): removed when the script ends. */
function scratchPaths(entries: readonly TranscriptEntry[]): string[] {
  const paths = entries.flatMap((entry) =>
    entry.type === 'command' ? (entry.argv.join(' ').match(/\/tmp\/cnc-[A-Za-z0-9._-]+/g) ?? []) : [],
  );
  return [...new Set(paths)];
}

/** Removes the check's /tmp files however the script ends. */
function cleanupTrap(entries: readonly TranscriptEntry[]): string {
  const paths = scratchPaths(entries);
  return paths.length > 0 ? `trap ${shellQuote(`rm -rf ${paths.join(' ')}`)} EXIT\n` : '';
}

/**
 * The script's closing line when only calls the harness killed at a random moment ended differently (they ran
 * to their end before the kill): the timing did not repeat, which says nothing about the plugin.
 */
export const KILLED_EARLY = 'not reproduced (timing)';

const EPILOGUE = [
  'if [ "$diverged$killed_early" = 00 ]; then echo "reproduced: every call ended as recorded" >&2; exit 1; fi',
  'if [ "$diverged" = 0 ]; then',
  `  echo "${KILLED_EARLY}: a call the harness killed ended before its kill moment this time; every other call ended as recorded (run it again)" >&2`,
  '  exit 0',
  'fi',
  'echo "not reproduced: a call ended differently from the recording" >&2',
  'exit 0',
].join('\n');

/** The shell's status for a recorded ending: the exit code, or 128 + the signal's number. */
function recordedStatus(entry: PluginCallRecord): number {
  if (entry.signal === null) return entry.exitCode ?? 0;
  const number = constants.signals[entry.signal as keyof typeof constants.signals];
  return 128 + (number ?? 9);
}

/**
 * A timed-out call is killed when the harness killed it, to the millisecond (a check that kills an ADD at a
 * random moment of its run must see it killed at that moment again, not at the next whole second); any other
 * gets a generous bound, never a hang. `timeout` takes fractional seconds.
 */
function timeoutSeconds(entry: PluginCallRecord): string {
  return entry.kind === 'timed-out' ? (Math.max(entry.durationMs, 1) / 1000).toFixed(3) : '120';
}

/** Where the replayed stdout of plugin call `n` is kept (the script's private /run). */
const outputFile = (n: number) => `/run/cnc-repro/${n}.out`;

function parsedJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The stdin of call `index` as bash words for printf: its recorded text, except that a prevResult equal to an
 * earlier call's result becomes that call's replayed output, as a runtime would pass it (a chained plugin
 * finds the interfaces the replay made, not the recording's random veth names).
 */
function stdinWords(entries: readonly TranscriptEntry[], index: number): string {
  const entry = entries[index] as PluginCallRecord;
  const stdin = entry.stdin ?? '';
  const prevResult = (parsedJson(stdin) as { prevResult?: unknown } | undefined)?.prevResult;
  const source =
    prevResult === undefined
      ? -1
      : entries.findLastIndex(
          (earlier, at) =>
            at < index &&
            earlier.type === 'plugin' &&
            earlier.kind === 'ok' &&
            isDeepStrictEqual(parsedJson(earlier.stdout), prevResult),
        );
  const recorded = `"prevResult":${JSON.stringify(prevResult)}`;
  const at = stdin.indexOf(recorded);
  if (source < 0 || at < 0 || stdin.indexOf(recorded, at + 1) >= 0) return `'%s' ${shellQuote(stdin)}`;
  const [before, after] = [stdin.slice(0, at), stdin.slice(at + recorded.length)];
  return `'%s"prevResult":%s%s' ${shellQuote(before)} "$(cat ${outputFile(source + 1)})" ${shellQuote(after)}`;
}

function renderEntry(
  entries: readonly TranscriptEntry[],
  index: number,
  netnsPaths: Map<string, string>,
): string {
  const entry = entries[index] as TranscriptEntry;
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
    const feed = entry.stdin === undefined ? '' : `printf '%s' ${shellQuote(entry.stdin)} | `;
    const input = entry.stdin === undefined ? ' </dev/null' : '';
    return `echo '== ${n}: ${entry.argv.join(' ').replace(/'/g, '')}' >&2\n${feed}${inNs}${argv}${input}`;
  }
  const env = [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(entry.env).map(([k, v]) => `${k}=${v}`),
  ];
  const input = entry.stdin === undefined ? ' < /dev/null' : '';
  const feed = entry.stdin === undefined ? '' : `printf ${stdinWords(entries, index)} | `;
  const recorded = entry.signal ? `signal ${entry.signal}` : `exit ${entry.exitCode}`;
  return [
    `echo '== ${n}: ${entry.verb} (recorded: ${recorded})' >&2`,
    // pipefail: the status is the plugin's (tee's only when the plugin exited 0).
    `${feed}timeout -s KILL ${timeoutSeconds(entry)} env -i ${env.map(shellQuote).join(' ')} ${shellQuote(entry.file)}${input} | tee ${outputFile(n)}`,
    entry.kind === 'timed-out'
      ? `expect_killed $? ${recordedStatus(entry)} ${timeoutSeconds(entry)}`
      : `expect_exit $? ${recordedStatus(entry)}`,
  ].join('\n');
}

/** The script text. */
export function renderRepro(check: CheckRecord, toolVersion: string): string {
  const netnsPaths = new Map<string, string>();
  const header = [
    '#!/usr/bin/env bash',
    `# Repro for ${check.title} (cni-conformance ${toolVersion})`,
    `# Verdict: ${check.verdict} [${check.level}]: ${(check.failure ?? '').split('\n')[0]}`,
    '# Recreates the sandbox and replays the plugin calls with their exact env and stdin (a prevResult that was',
    "# an earlier call's result is that call's replayed output, as a runtime passes it). Runs unattended;",
    '# exits 1 when every plugin call ends as recorded (the failure reproduces), 0 when one differs.',
  ].join('\n');
  const steps = check.transcript.map((_, index) => renderEntry(check.transcript, index, netnsPaths));
  return `${header}\n${PRELUDE}${cleanupTrap(check.transcript)}\n${steps.join('\n\n')}\n\n${EPILOGUE}\n`;
}
