/**
 * The Docker engine as the harness sees it: reachable or not (with the reason), and the `docker` CLI as a
 * typed command runner over the host-command seam (../host-command.ts), so a test can hand it a fake. The
 * CLI does everything: image builds, the seed scenario's plain containers and the sandbox container.
 */
import { type HostCommandRunner, runHostCommand, runToOutcome } from '../host-command.ts';
import type { ProcessOutcome } from '../process.ts';

/** Whether an engine answers, and if not, why (shown as a skip reason or a prerequisite error). */
export type EngineStatus =
  | { readonly reachable: true; readonly serverVersion: string }
  | { readonly reachable: false; readonly reason: string };

/** Per-call options. */
export interface DockerCallOptions {
  readonly stdin?: string;
  /** @defaultValue 120_000 */
  readonly timeoutMs?: number;
}

/** The `docker` CLI on one runner. */
export interface DockerCli {
  /** Runs `docker <args>`; never throws for what docker does. */
  run(args: readonly string[], options?: DockerCallOptions): Promise<ProcessOutcome>;
  /** Runs `docker <args>` and returns trimmed stdout; throws a one-line error naming the command when it fails. */
  ok(args: readonly string[], options?: DockerCallOptions): Promise<string>;
}

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

/** The docker CLI run through `runner` (the real one by default). */
export function dockerCli(runner: HostCommandRunner = runHostCommand): DockerCli {
  const options = (call: DockerCallOptions) => ({
    env: dockerEnv(),
    timeoutMs: call.timeoutMs ?? DOCKER_TIMEOUT_MS,
    ...(call.stdin !== undefined ? { input: call.stdin } : {}),
  });
  return {
    run: (args, call = {}) => runToOutcome(runner, 'docker', args, options(call)),
    ok: async (args, call = {}) => (await runner('docker', args, options(call))).stdout.trim(),
  };
}

const hostDocker = dockerCli();

/** Runs `docker <args>` on the host; never throws for what docker does. */
export function docker(args: readonly string[], options: DockerCallOptions = {}): Promise<ProcessOutcome> {
  return hostDocker.run(args, options);
}

/** Runs `docker <args>` on the host and returns trimmed stdout; throws a one-line error when it fails. */
export function dockerOk(args: readonly string[], options: DockerCallOptions = {}): Promise<string> {
  return hostDocker.ok(args, options);
}

/** Asks the engine for its version; a missing client or a silent daemon is a reason, not an exception. */
export async function probeEngine(cli: DockerCli = hostDocker): Promise<EngineStatus> {
  const outcome = await cli.run(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 });
  if (outcome.exitCode === 0) return { reachable: true, serverVersion: outcome.stdout.trim() };
  const detail =
    outcome.spawnError ?? (outcome.stderr.trim().split('\n').at(-1) || `exit ${outcome.exitCode}`);
  return {
    reachable: false,
    reason: `no Docker engine reachable (${detail}); start one with scripts/ci/docker.sh or set DOCKER_HOST`,
  };
}
