/**
 * loopback: brings `lo` up in the container (ADD) and down again (DEL), always acting on `lo` whatever
 * CNI_IFNAME says (the reference plugins' behaviour). GC and STATUS have nothing to do.
 */
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { type IpLink, ipBatch } from '../../skel/ip.ts';
import { inspectNetns, requireNetns } from '../../skel/netns.ts';
import type { PluginRequest } from '../../skel/request.ts';
import type { PluginResult } from '../../skel/result.ts';
import type { AddOutput, PluginDefinition } from '../../skel/run.ts';

const LOOPBACK_MAC = '00:00:00:00:00:00';

async function showLo(netns: string, setState?: 'up' | 'down'): Promise<IpLink> {
  const commands = setState ? [['link', 'set', 'lo', setState]] : [];
  const [lo] = (await ipBatch({ netns }, [...commands, ['addr', 'show', 'dev', 'lo']])) as IpLink[];
  if (!lo) throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'loopback interface not found');
  return lo;
}

function buildResult(lo: IpLink, netns: string): PluginResult {
  const addresses = lo.addr_info ?? [];
  const foreign = addresses.find((addr) => !isLoopbackAddress(addr.local));
  if (foreign) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      'loopback interface has a non-loopback address',
      foreign.local,
    );
  }
  const v4 = addresses.find((addr) => addr.family === 'inet');
  const v6 = addresses.find((addr) => addr.family === 'inet6');
  const ips = [v4, v6]
    .filter((addr) => addr !== undefined)
    .map((addr) => ({ address: `${addr.local}/${addr.prefixlen}`, interface: 0 }));
  return { interfaces: [{ name: 'lo', mac: LOOPBACK_MAC, sandbox: netns }], ips };
}

function isLoopbackAddress(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

async function add(request: PluginRequest): Promise<AddOutput> {
  requireNetns(request.env.netns);
  const lo = await showLo(request.env.netns, 'up');
  const prevResult = request.config.prevResult;
  if (typeof prevResult === 'object' && prevResult !== null) {
    return { verbatim: prevResult as Record<string, unknown> };
  }
  return { result: buildResult(lo, request.env.netns) };
}

/**
 * DEL succeeds when the namespace is already gone (P-DEL-4). It also flushes lo's addresses: bringing lo
 * up made the kernel add 127.0.0.1/8 (kept when lo goes down), and flushing restores a fresh namespace's
 * state (P-DEL-1); the kernel adds the address again on the next `up`.
 */
async function del(request: PluginRequest): Promise<void> {
  const { netns } = request.env;
  if (netns === '' || inspectNetns(netns) === 'missing') return;
  await ipBatch({ netns }, [
    ['link', 'set', 'lo', 'down'],
    ['addr', 'flush', 'dev', 'lo'],
  ]);
}

async function check(request: PluginRequest): Promise<void> {
  requireNetns(request.env.netns);
  const lo = await showLo(request.env.netns);
  if (!lo.flags.includes('UP'))
    throw new PluginError(PLUGIN_ERROR_CODES.INTERNAL, 'loopback interface is down');
}

async function nothingToDo(): Promise<void> {}

/** The loopback plugin. */
export const loopbackPlugin: PluginDefinition = {
  name: 'loopback',
  handlers: { ADD: add, DEL: del, CHECK: check, GC: nothingToDo, STATUS: nothingToDo },
};
