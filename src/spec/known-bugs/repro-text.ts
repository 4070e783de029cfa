/**
 * The `reproduced` text of a pin, as runnable bash: plain CNI calls in two throwaway namespaces (`cnchost` plays
 * the host, `cnc` the container), so anyone can paste it and see the bug.
 */

/** Creates the two namespaces. */
export const NETNS_SETUP = 'ip netns add cnchost; ip netns add cnc; ip netns exec cnchost ip link set lo up';

/** Removes them. */
export const NETNS_TEARDOWN = 'ip netns del cnc; ip netns del cnchost';

/** One plugin call; `stdin` is a shell word (a quoted JSON literal or "$VAR"). */
export function cniCall(
  verb: 'ADD' | 'DEL' | 'CHECK' | 'VERSION',
  plugin: string,
  stdin: string,
  env: { readonly cid?: string; readonly ifname?: string; readonly netns?: string } = {},
): string {
  const vars = [
    `CNI_COMMAND=${verb}`,
    `CNI_CONTAINERID=${env.cid ?? 'c1'}`,
    `CNI_NETNS=${env.netns ?? '/run/netns/cnc'}`,
    `CNI_IFNAME=${env.ifname ?? 'eth0'}`,
    'CNI_PATH=/usr/lib/cni',
  ];
  return `echo ${stdin} | ip netns exec cnchost env ${vars.join(' ')} /usr/lib/cni/${plugin}`;
}

/** A JSON value as a single-quoted shell word. */
export function quoted(value: unknown): string {
  return `'${JSON.stringify(value).replaceAll("'", "'\\''")}'`;
}

/** Steps joined into one script, one command a line, then what was observed. */
export function reproScript(steps: readonly string[], observed: string): string {
  return `${steps.join('\n')}\n# observed: ${observed}`;
}
