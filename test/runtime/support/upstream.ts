/**
 * Helpers for driving the upstream plugins (Debian containernetworking-plugins 1.1.1 in /usr/lib/cni) through
 * the runtime inside a sandbox: plugins never run in the real host's network namespace.
 */
import { readFile, stat } from 'node:fs/promises';
import { cacheFilePath } from '../../../src/runtime/cache.ts';
import type { Attachment } from '../../../src/runtime/env.ts';
import type { OperationOutcome } from '../../../src/runtime/outcome.ts';
import type { Sandbox } from '../../../src/sandbox/sandbox.ts';

export const UPSTREAM_CNI_PATH = ['/usr/lib/cni'];

/** Fails with the whole outcome (errors and transcript) in the message when the operation failed. */
export function expectOk(outcome: OperationOutcome): void {
  if (!outcome.ok) {
    const calls = outcome.invocations.map(
      (entry) =>
        `${entry.invocation.verb} ${entry.plugin.type}: ${entry.invocation.kind} ${entry.invocation.outcome.stdout}`,
    );
    throw new Error(
      `${outcome.verb} failed: ${outcome.errors.map((error) => error.message).join('; ')}\n${calls.join('\n')}`,
    );
  }
}

/** Parsed `ip -j` output from a container (or the sandbox host when container is undefined). */
export async function ipJson(
  sandbox: Sandbox,
  args: readonly string[],
  container?: string,
): Promise<Record<string, unknown>[]> {
  const outcome = await sandbox.command(['ip', '-j', ...args], container === undefined ? {} : { container });
  if (outcome.exitCode !== 0) throw new Error(`ip ${args.join(' ')}: ${outcome.stderr}`);
  return JSON.parse(outcome.stdout || '[]') as Record<string, unknown>[];
}

/** Names of the links in a container. */
export async function linkNames(sandbox: Sandbox, container: string): Promise<string[]> {
  return (await ipJson(sandbox, ['link', 'show'], container)).map((link) => String(link.ifname));
}

/** Reads an attachment's cache file as libcni would, with its mode. */
export async function readCacheFile(cacheDir: string, network: string, attachment: Attachment) {
  const file = cacheFilePath(cacheDir, network, attachment);
  const text = await readFile(file, 'utf8');
  return { json: JSON.parse(text) as Record<string, unknown>, mode: (await stat(file)).mode & 0o777 };
}

/** True when the attachment's cache file exists. */
export async function cacheFileExists(
  cacheDir: string,
  network: string,
  attachment: Attachment,
): Promise<boolean> {
  return stat(cacheFilePath(cacheDir, network, attachment)).then(
    () => true,
    () => false,
  );
}

/**
 * The libcni cniCacheV1 field order (Go marshals struct fields in declaration order; notes §4.10), filtered to
 * the optional fields present.
 */
export function libcniCacheKeys(present: { cniArgs: boolean; capabilityArgs: boolean }): string[] {
  return [
    'kind',
    'containerId',
    'config',
    'ifName',
    'networkName',
    'netns',
    ...(present.cniArgs ? ['cniArgs'] : []),
    ...(present.capabilityArgs ? ['capabilityArgs'] : []),
    'result',
  ];
}
