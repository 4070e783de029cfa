import type { DiffEntry, Snapshot } from '../../../src/inspect/index.ts';
import type { Attachment, NetworkConfigList, OperationOutcome } from '../../../src/runtime/index.ts';
import { Runtime } from '../../../src/runtime/index.ts';
import { type SeedContainer } from './containers.ts';
import { type HostNetns } from './host-netns.ts';
/** The subnet host-local allocates from; it exists only inside the throwaway namespaces. */
export declare const SEED_SUBNET = '10.99.0.0/24';
export declare const SEED_BRIDGE = 'cni-seed0';
export declare const SEED_IFNAME = 'eth0';
/** Everything one run of the scenario holds. */
export interface SeedScenario {
  readonly runtime: Runtime;
  readonly list: NetworkConfigList;
  readonly hostNetns: HostNetns;
  readonly containers: readonly [SeedContainer, SeedContainer];
  readonly attachments: readonly [Attachment, Attachment];
  /** The host namespace's inspector runner, with the IPAM store and the cache recorded. */
  readonly inspectHost: () => Promise<Snapshot>;
  readonly dataDirs: readonly string[];
  tearDown(): Promise<void>;
}
/** Starts both containers and the host namespace; `cniPath` decides whose plugins run (ours or upstream). */
export declare function setUpSeed(cniPath: readonly string[], label: string): Promise<SeedScenario>;
/** ADDs both attachments in turn (a runtime serialises per container; two containers may share a bridge). */
export declare function addBoth(seed: SeedScenario): Promise<OperationOutcome[]>;
/** The first IPv4 address (without prefix) a CNI result gives, or undefined. */
export declare function resultAddress(result: unknown): string | undefined;
/** Snapshot of a container's namespace, taken from the host side with nsenter (the image has no iproute2 JSON). */
export declare function inspectContainer(container: SeedContainer): Promise<Snapshot>;
/** Leftovers between two snapshots: non-scaffolding differences. */
export declare function leftovers(before: Snapshot, after: Snapshot): DiffEntry[];
