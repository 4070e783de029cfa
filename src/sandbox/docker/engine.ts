/**
 * The Docker engine as the harness sees it: reachable or not (with the reason), and the `docker` CLI as a
 * typed command runner. The CLI is used for image builds and the seed scenario's plain containers;
 * testcontainers (see container.ts) starts the sandbox container itself.
 */
import { runProcess } from '../host-executor.ts';
import type { ProcessOutcome } from '../process.ts';

/** Whether an engine answers, and if not, why (shown as a skip reason or a prerequisite error). */
export type EngineStatus =
  | { readonly reachable: true; readonly serverVersion: string }
  | { readonly reachable: false; readonly reason: string };

const DOCKER_TIMEOUT_MS = 120_000;

/** Environment for the docker CLI: the caller's DOCKER_HOST (if any) and PATH, nothing else. */
function dockerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'DOCKER_HOST', 'HOME', 'DOCKER_CONFIG']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Runs `docker <args>` on the host; never throws for what docker does. */
export function docker(
  args: readonly string[],
  options: { stdin?: string; timeoutMs?: number } = {},
): Promise<ProcessOutcome> {
  return runProcess({
    file: 'docker',
    args,
    env: dockerEnv(),
    stdin: options.stdin,
    timeoutMs: options.timeoutMs ?? DOCKER_TIMEOUT_MS,
  });
}

/** Runs `docker <args>` and returns trimmed stdout; throws an Error naming the command when it fails. */
export async function dockerOk(
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const outcome = await docker(args, options);
  if (outcome.exitCode !== 0) {
    const why = outcome.spawnError ?? (outcome.stderr.trim() || `exit ${outcome.exitCode}`);
    throw new Error(`docker ${args.join(' ')}: ${why}`);
  }
  return outcome.stdout.trim();
}

/** Asks the engine for its version; a missing client or a silent daemon is a reason, not an exception. */
export async function probeEngine(): Promise<EngineStatus> {
  const outcome = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 });
  if (outcome.exitCode === 0) return { reachable: true, serverVersion: outcome.stdout.trim() };
  const detail =
    outcome.spawnError ?? (outcome.stderr.trim().split('\n').at(-1) || `exit ${outcome.exitCode}`);
  return {
    reachable: false,
    reason: `no Docker engine reachable (${detail}); start one with scripts/ci/docker.sh or set DOCKER_HOST`,
  };
}
