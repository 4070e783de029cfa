/** Shared set-up for the host-local tests: a built plugin, a private data dir, and a call helper. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { callPlugin, type PluginOutcome, UPSTREAM_DIR } from '../support.ts';

/** Which host-local to run: ours (from the build dir) or upstream's Go binary. */
export type Flavour = 'ours' | 'upstream';

/** A host-local network config over `ranges` with its leases in `dataDir`. */
export function hostLocalConfig(dataDir: string, ranges: unknown[][], extra: Record<string, unknown> = {}) {
  const { ipam, ...rest } = extra as { ipam?: Record<string, unknown> };
  return {
    cniVersion: '1.0.0',
    name: 'hl-net',
    ...rest,
    ipam: { type: 'host-local', dataDir, ranges, ...ipam },
  };
}

/** Calls host-local for an attachment; CNI_NETNS is a dummy, host-local never opens it. */
export function hostLocal(
  bin: string,
  flavour: Flavour,
  command: string,
  config: object,
  env: Record<string, string> = {},
): Promise<PluginOutcome> {
  const plugin = flavour === 'ours' ? join(bin, 'host-local') : join(UPSTREAM_DIR, 'host-local');
  return callPlugin({
    plugin,
    command,
    config,
    env: { CNI_CONTAINERID: 'c1', CNI_NETNS: '/dev/null', CNI_IFNAME: 'eth0', CNI_PATH: bin, ...env },
  });
}

/** The lease files (addresses) in the network directory. */
export function leaseFiles(dataDir: string, network = 'hl-net'): string[] {
  try {
    return readdirSync(join(dataDir, network)).filter(
      (name) => name !== 'lock' && !name.startsWith('last_reserved_ip.'),
    );
  } catch {
    return [];
  }
}

/** The addresses of an ADD result. */
export function addressesOf(outcome: PluginOutcome): string[] {
  return ((outcome.json?.ips as { address: string }[] | undefined) ?? []).map((ip) => ip.address);
}
