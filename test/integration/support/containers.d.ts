import type { ProcessOutcome } from '../../../src/sandbox/process.ts';
/** A running container and its network namespace path on the host. */
export interface SeedContainer {
  readonly id: string;
  readonly pid: number;
  /** `/proc/<pid>/ns/net`: the CNI_NETNS a runtime passes. */
  readonly netns: string;
}
/** Starts one `--network none` container that only sleeps; it is removed by {@link removeContainer}. */
export declare function startContainer(image: string, name: string): Promise<SeedContainer>;
/** Runs a command inside the container (`docker exec`). */
export declare function execIn(container: SeedContainer, argv: readonly string[]): Promise<ProcessOutcome>;
/** True while the container is running. */
export declare function isRunning(container: SeedContainer): Promise<boolean>;
/** Force-removes the container; quiet when it is already gone. */
export declare function removeContainer(container: SeedContainer): Promise<void>;
