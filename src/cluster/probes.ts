/**
 * Probes with a bounded number of packets, only between the cluster's own namespaces: one `ping` packet
 * (ICMP and the full-MTU DF packet, iputils), one HTTP GET to a busybox httpd whose CGI answers with its
 * namespace's name and the peer address it saw (TCP, identity and masquerade in one request).
 */
import type { Cell, ProbeKind } from './matrix.ts';
import type { Place } from './steps.ts';

export const PROBE_PORT = 7777;
const WWW = '/tmp/cluster-www';
const PING_WAIT_S = 1;
const TCP_TIMEOUT_S = 2;
/** Probes one source runs at once. */
const PROBES_IN_FLIGHT = 32;

/** One probe's observation. */
export interface ProbeResult {
  readonly probe: ProbeKind;
  readonly ok: boolean;
  /** Why it failed, or what was seen ("node1-pod0 10.250.0.1"). */
  readonly detail: string;
  /** ICMP round-trip time. */
  readonly latencyMs?: number;
}

/** A namespace that listens: by name, in a place. */
export interface Listener {
  readonly name: string;
  readonly place: Place;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Starts one httpd per listener of a node (all in that node's sandbox); their PIDs go to a file. Each
 * serves its name as a static file; the outside also runs a CGI that adds the peer address it saw (an exec
 * per request, so only where the masquerade verdict needs it).
 */
export function startListenersScript(listeners: readonly Listener[]): string {
  const cgi = `#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho "%s $REMOTE_ADDR"\\n`;
  const lines = listeners.map((listener) => {
    const dir = `${WWW}/${listener.name}`;
    const enter = listener.place.inside ? `nsenter --net=/run/netns/${listener.place.inside} ` : '';
    return [
      `mkdir -p ${dir}/cgi-bin`,
      `echo ${quote(listener.name)} > ${dir}/id`,
      `printf '${cgi}' ${quote(listener.name)} > ${dir}/cgi-bin/id`,
      `chmod +x ${dir}/cgi-bin/id`,
      `${enter}busybox httpd -f -p ${PROBE_PORT} -h ${dir} </dev/null >/dev/null 2>&1 &`,
      `echo $! >> ${WWW}/pids`,
    ].join('\n');
  });
  return `mkdir -p ${WWW}\n${lines.join('\n')}\n`;
}

/** Stops the node's listeners (before DEL, so no process pins a pod's namespace). */
export const STOP_LISTENERS_SCRIPT = `[ -f ${WWW}/pids ] && kill $(cat ${WWW}/pids) 2>/dev/null; rm -rf ${WWW}\n`;

/** The probe's command line; `withPeer` asks the listener for the peer address it saw (CGI). */
export function probeCommand(probe: ProbeKind, address: string, sourceMtu: number, withPeer = false): string {
  if (probe === 'icmp') return `ping -n -c 1 -W ${PING_WAIT_S} ${address}`;
  if (probe === 'mtu') return `ping -n -c 1 -W ${PING_WAIT_S} -M do -s ${sourceMtu - 28} ${address}`;
  const path = withPeer ? 'cgi-bin/id' : 'id';
  return `timeout ${TCP_TIMEOUT_S} busybox wget -q -O - http://${address}:${PROBE_PORT}/${path}`;
}

/**
 * One script for every probe of one source: each probe prints one line `@<cell> <probe> <exit> <output>`,
 * at most {@link PROBES_IN_FLIGHT} at a time.
 */
export function probeScript(cells: readonly { index: number; cell: Cell }[], sourceMtu: number): string {
  const lines: string[] = ['set -f'];
  let launched = 0;
  for (const { index, cell } of cells) {
    const address = cell.destination.address;
    if (address === undefined) continue;
    for (const probe of cell.probes) {
      const command = probeCommand(probe, address, sourceMtu, cell.allowedPeers !== undefined);
      // `set -- $out` joins the output's lines with the shell's own word splitting: no extra process.
      lines.push(`( out=$(${command} 2>&1); code=$?; set -- $out; echo "@${index} ${probe} $code $*" ) &`);
      launched += 1;
      if (launched % PROBES_IN_FLIGHT === 0) lines.push('wait');
    }
  }
  lines.push('wait');
  return `${lines.join('\n')}\n`;
}

const LINE = /^@(\d+) (icmp|tcp|mtu) (\d+) ?(.*)$/;

/** Parses a probe script's output into results by cell index. */
export function parseProbeOutput(
  stdout: string,
): Map<number, Map<ProbeKind, { exit: number; output: string }>> {
  const results = new Map<number, Map<ProbeKind, { exit: number; output: string }>>();
  for (const line of stdout.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const index = Number(match[1]);
    const byProbe = results.get(index) ?? new Map();
    byProbe.set(match[2] as ProbeKind, { exit: Number(match[3]), output: match[4] ?? '' });
    results.set(index, byProbe);
  }
  return results;
}

/** Judges one probe's raw output against the cell. */
export function judgeProbe(
  cell: Cell,
  probe: ProbeKind,
  raw: { exit: number; output: string } | undefined,
): ProbeResult {
  if (cell.destination.address === undefined)
    return { probe, ok: false, detail: `${cell.destination.name} has no address (ADD failed?)` };
  if (!raw) return { probe, ok: false, detail: 'no output from the probe' };
  if (probe === 'tcp') return judgeTcp(cell, raw);
  const latency = /time=([\d.]+) ms/.exec(raw.output)?.[1];
  if (raw.exit === 0)
    return { probe, ok: true, detail: 'reply', ...(latency ? { latencyMs: Number(latency) } : {}) };
  const reason = /(Frag needed[^)]*\)|message too long|Destination [A-Za-z ]+Unreachable)/.exec(
    raw.output,
  )?.[1];
  return { probe, ok: false, detail: reason ?? 'no reply' };
}

function judgeTcp(cell: Cell, raw: { exit: number; output: string }): ProbeResult {
  if (raw.exit !== 0)
    return { probe: 'tcp', ok: false, detail: raw.exit === 124 ? 'timeout' : 'connection failed' };
  const [name, seen] = raw.output.trim().split(' ');
  // busybox httpd reports IPv4 peers in IPv6-mapped form: [::ffff:10.250.0.2].
  const peer = seen?.replace(/^\[(::ffff:)?|\]$/g, '');
  if (name !== cell.destination.name)
    return { probe: 'tcp', ok: false, detail: `answered by ${name ?? '?'}, not ${cell.destination.name}` };
  if (cell.allowedPeers && !cell.allowedPeers.includes(peer ?? '')) {
    return {
      probe: 'tcp',
      ok: false,
      detail: `${cell.destination.name} saw ${peer}, not the node's address (${cell.allowedPeers.join(' or ')})`,
    };
  }
  return { probe: 'tcp', ok: true, detail: peer ? `${name} saw ${peer}` : `${name} answered` };
}
