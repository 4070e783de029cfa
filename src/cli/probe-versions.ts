/**
 * The VERSION probe, once per run: which versions the plugin advertises. This first exec of an unknown binary
 * gets the same contract as every other: a throwaway sandbox (own net, IPC, UTS, mount and PID namespaces,
 * private CNI dirs, copy-on-write /tmp), its process group killed on timeout and the sandbox destroyed
 * afterwards, so a daemon it leaves dies with it.
 */

import { dirname } from 'node:path';
import { classifyOutcome } from '../runtime/invoke.ts';
import { withSandbox } from '../sandbox/netns.ts';
import type { ProcessRequest } from '../sandbox/process.ts';

/** What VERSION said, or why it said nothing usable. */
export type ProbeResult =
  | { readonly ok: true; readonly supportedVersions: readonly string[]; readonly cniVersion: string }
  | { readonly ok: false; readonly reason: string };

function parseReply(output: unknown): ProbeResult {
  const reply = output as { cniVersion?: unknown; supportedVersions?: unknown } | undefined;
  const versions = reply?.supportedVersions;
  if (Array.isArray(versions) && versions.every((v) => typeof v === 'string')) {
    return { ok: true, supportedVersions: versions, cniVersion: String(reply?.cniVersion) };
  }
  // A legacy 0.2.0 reply without a list means 0.1.0 and 0.2.0 (P-VCMD-4).
  if (reply?.cniVersion === '0.2.0')
    return { ok: true, supportedVersions: ['0.1.0', '0.2.0'], cniVersion: '0.2.0' };
  return { ok: false, reason: 'VERSION reply has no supportedVersions list' };
}

/** Asks the plugin for its versions (stdin `{"cniVersion":"1.1.0"}`, as libcni sends). */
export async function probeVersions(pluginPath: string, timeoutMs: number): Promise<ProbeResult> {
  const request: ProcessRequest = {
    file: pluginPath,
    env: { CNI_COMMAND: 'VERSION' },
    stdin: JSON.stringify({ cniVersion: '1.1.0' }),
    timeoutMs,
  };
  const outcome = await withSandbox((sandbox) => sandbox.run(request), {
    visibleHostDirs: [dirname(pluginPath)],
  });
  const invocation = classifyOutcome('VERSION', request, outcome);
  if (invocation.kind === 'ok') return parseReply(invocation.output);
  if (invocation.kind === 'plugin-error')
    return { ok: false, reason: `VERSION failed: ${invocation.error.msg}` };
  return { ok: false, reason: `VERSION ${invocation.kind.replace('-', ' ')}` };
}
