/**
 * The seed scenario: two `--network none` containers joined by the simulated runtime with a
 * bridge + host-local + portmap chain, plugins running in a throwaway host namespace. Each step returns
 * data; test/integration/seed-scenario.test.ts asserts on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner, DiffEntry, Snapshot } from '../../../src/inspect/index.ts';
import { diffSnapshots, inspectNamespace } from '../../../src/inspect/index.ts';
import type { Attachment, NetworkConfigList, OperationOutcome } from '../../../src/runtime/index.ts';
import { buildNetworkList, Runtime } from '../../../src/runtime/index.ts';
import { ensureBusyboxImage } from '../../../src/sandbox/docker/images.ts';
import { runProcess } from '../../../src/sandbox/host-executor.ts';
import { removeContainer, type SeedContainer, startContainer } from './containers.ts';
import { createHostNetns, type HostNetns } from './host-netns.ts';

/** The subnet host-local allocates from; it exists only inside the throwaway namespaces. */
export const SEED_SUBNET = '10.99.0.0/24';
export const SEED_BRIDGE = 'cni-seed0';
export const SEED_IFNAME = 'eth0';

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

function seedList(ipamDir: string): NetworkConfigList {
  return buildNetworkList({
    cniVersion: '1.0.0',
    name: 'seed',
    plugins: [
      {
        type: 'bridge',
        bridge: SEED_BRIDGE,
        isGateway: true,
        ipMasq: false,
        ipam: { type: 'host-local', ranges: [[{ subnet: SEED_SUBNET }]], dataDir: ipamDir },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: false },
    ],
  });
}

function attachmentFor(container: SeedContainer, index: number): Attachment {
  return {
    containerId: container.id,
    netns: container.netns,
    ifname: SEED_IFNAME,
    capabilityArgs: { portMappings: [{ hostPort: 18080 + index, containerPort: 80, protocol: 'tcp' }] },
  };
}

/** Starts both containers and the host namespace; `cniPath` decides whose plugins run (ours or upstream). */
export async function setUpSeed(cniPath: readonly string[], label: string): Promise<SeedScenario> {
  const work = mkdtempSync(join(tmpdir(), 'cni-seed-'));
  const cacheDir = join(work, 'cache');
  const ipamDir = join(work, 'ipam');
  const image = await ensureBusyboxImage();
  const hostNetns = await createHostNetns();
  const suffix = `${label}-${process.pid}`;
  const started: SeedContainer[] = [];
  const tearDown = async () => {
    await Promise.all(started.map((container) => removeContainer(container)));
    hostNetns.destroy();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    started.push(await startContainer(image, `cni-seed-a-${suffix}`));
    started.push(await startContainer(image, `cni-seed-b-${suffix}`));
  } catch (error) {
    await tearDown();
    throw error;
  }
  const containers = started as unknown as [SeedContainer, SeedContainer];
  const runner: CommandRunner = (argv) => hostNetns.command(argv);
  const dataDirs = [cacheDir, ipamDir];
  return {
    runtime: new Runtime({ executor: hostNetns.executor, cniPath, cacheDir }),
    list: seedList(ipamDir),
    hostNetns,
    containers,
    attachments: [attachmentFor(containers[0], 0), attachmentFor(containers[1], 1)],
    inspectHost: () => inspectNamespace(runner, { dataDirs, processes: false }),
    dataDirs,
    tearDown,
  };
}

/** ADDs both attachments in turn (a runtime serialises per container; two containers may share a bridge). */
export async function addBoth(seed: SeedScenario): Promise<OperationOutcome[]> {
  const outcomes: OperationOutcome[] = [];
  for (const attachment of seed.attachments)
    outcomes.push(await seed.runtime.addNetworkList(seed.list, attachment));
  return outcomes;
}

/** The first IPv4 address (without prefix) a CNI result gives, or undefined. */
export function resultAddress(result: unknown): string | undefined {
  const ips = (result as { ips?: { address?: string }[] } | undefined)?.ips ?? [];
  return ips[0]?.address?.split('/')[0];
}

/** Snapshot of a container's namespace, taken from the host side with nsenter (the image has no iproute2 JSON). */
export function inspectContainer(container: SeedContainer): Promise<Snapshot> {
  const runner: CommandRunner = (argv) =>
    runProcess(
      { file: argv[0] ?? 'true', args: argv.slice(1), env: {} },
      { prefix: ['nsenter', `--net=${container.netns}`, '--'] },
    );
  return inspectNamespace(runner, { dataDirs: [], processes: false });
}

/** Leftovers between two snapshots: non-scaffolding differences. */
export function leftovers(before: Snapshot, after: Snapshot): DiffEntry[] {
  return diffSnapshots(before, after, { ignoreKinds: ['process'] }).filter((entry) => !entry.scaffolding);
}
