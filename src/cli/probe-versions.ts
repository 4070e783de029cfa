/**
 * The VERSION probe, once per run: which versions the plugin advertises. It runs in a fresh network namespace
 * (a user namespace too when not root) so even this first exec of an unknown binary cannot touch the host network.
 */
import { classifyOutcome } from '../runtime/invoke.ts';
import { runProcess } from '../sandbox/host-executor.ts';
import type { ProcessRequest } from '../sandbox/process.ts';

/** What VERSION said, or why it said nothing usable. */
export type ProbeResult =
  | { readonly ok: true; readonly supportedVersions: readonly string[]; readonly cniVersion: string }
  | { readonly ok: false; readonly reason: string };

function isolationPrefix(): string[] {
  const root = process.getuid?.() === 0;
  return root ? ['unshare', '--net', '--'] : ['unshare', '--user', '--map-root-user', '--net', '--'];
}

function parseReply(output: unknown): ProbeResult {
  const reply = output as { cniVersion?: unknown; supportedVersions?: unknown } | undefined;
  const versions = reply?.supportedVersions;
  if (Array.isArray(versions) && versions.every((v) => typeof v === 'string')) {
    return { ok: true, supportedVersions: versions, cniVersion: String(reply?.cniVersion) };
  }
  // A legacy 0.2.0 reply without a list means 0.1.0 and 0.2.0 (notes P-VCMD-4).
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
  const invocation = classifyOutcome(
    'VERSION',
    request,
    await runProcess(request, { prefix: isolationPrefix() }),
  );
  if (invocation.kind === 'ok') return parseReply(invocation.output);
  if (invocation.kind === 'plugin-error')
    return { ok: false, reason: `VERSION failed: ${invocation.error.msg}` };
  return { ok: false, reason: `VERSION ${invocation.kind.replace('-', ' ')}` };
}
