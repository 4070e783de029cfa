/**
 * The seed scenario's containers: plain `docker run --network none` busybox containers, exactly what a
 * Kubernetes-style runtime creates before it calls CNI on the container's network namespace.
 */
import { docker, dockerOk } from '../../../src/sandbox/docker/engine.ts';
import type { ProcessOutcome } from '../../../src/sandbox/process.ts';

/** A running container and its network namespace path on the host. */
export interface SeedContainer {
  readonly id: string;
  readonly pid: number;
  /** `/proc/<pid>/ns/net`: the CNI_NETNS a runtime passes. */
  readonly netns: string;
}

/** Starts one `--network none` container that only sleeps; it is removed by {@link removeContainer}. */
export async function startContainer(image: string, name: string): Promise<SeedContainer> {
  const id = await dockerOk([
    'run',
    '-d',
    '--rm',
    '--network',
    'none',
    '--name',
    name,
    '--label',
    'cni-conformance=seed',
    image,
    'sleep',
    '3600',
  ]);
  const pid = Number(await dockerOk(['inspect', '--format', '{{.State.Pid}}', id]));
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`container ${name} has no pid (${pid})`);
  return { id, pid, netns: `/proc/${pid}/ns/net` };
}

/** Runs a command inside the container (`docker exec`). */
export function execIn(container: SeedContainer, argv: readonly string[]): Promise<ProcessOutcome> {
  return docker(['exec', container.id, ...argv], { timeoutMs: 20_000 });
}

/** True while the container is running. */
export async function isRunning(container: SeedContainer): Promise<boolean> {
  const outcome = await docker(['inspect', '--format', '{{.State.Running}}', container.id]);
  return outcome.stdout.trim() === 'true';
}

/** Force-removes the container; quiet when it is already gone. */
export async function removeContainer(container: SeedContainer): Promise<void> {
  await docker(['rm', '-f', container.id]);
}
