/**
 * Upstream does not report an attachment whose bridge port is not forwarding yet: it re-reads the host
 * veth after 0, 50, 500, 1000 and 1000 ms and fails with "bridge port in error state: <operstate>" when
 * it is still not oper-UP. The first look usually comes for free from a batch the caller runs anyway.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import type { IpLink } from '../../skel/ip.ts';
import { showLink } from './links.ts';

/** Upstream's back-off before each look at the port (about 2.5 s in all). */
export const PORT_UP_DELAYS_MS: readonly number[] = [0, 50, 500, 1000, 1000];

/**
 * Resolves with the host veth once it is oper-UP. `seen` is the link as a batch just showed it: when it is
 * already UP no process is spawned at all.
 */
export async function waitForPortUp(
  hostName: string,
  seen?: IpLink,
  delays: readonly number[] = PORT_UP_DELAYS_MS,
): Promise<IpLink> {
  if (seen?.operstate === 'UP') return seen;
  let state = seen?.operstate ?? 'UNKNOWN';
  for (const delay of delays) {
    if (delay > 0) await sleep(delay);
    const link = await showLink({}, hostName);
    if (!link) throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `host veth ${hostName} vanished`);
    if (link.operstate === 'UP') return link;
    state = link.operstate ?? 'UNKNOWN';
  }
  throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, `bridge port in error state: ${state}`);
}
