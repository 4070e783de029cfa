import { type PluginOutcome } from '../support.ts';
/** Which host-local to run: ours (from the build dir) or upstream's Go binary. */
export type Flavour = 'ours' | 'upstream';
/** A host-local network config over `ranges` with its leases in `dataDir`. */
export declare function hostLocalConfig(
  dataDir: string,
  ranges: unknown[][],
  extra?: Record<string, unknown>,
): {
  ipam: {
    type: string;
    dataDir: string;
    ranges: unknown[][];
  };
  cniVersion: string;
  name: string;
};
/** Calls host-local for an attachment; CNI_NETNS is a dummy, host-local never opens it. */
export declare function hostLocal(
  bin: string,
  flavour: Flavour,
  command: string,
  config: object,
  env?: Record<string, string>,
): Promise<PluginOutcome>;
/** The lease files (addresses) in the network directory. */
export declare function leaseFiles(dataDir: string, network?: string): string[];
/** The addresses of an ADD result. */
export declare function addressesOf(outcome: PluginOutcome): string[];
