/**
 * Done-when of `runtime record`: containerd (CRI) and podman run Debian's real bridge + host-local + portmap
 * (/usr/lib/cni) through the recorder; the judge, given only the log and the conf dir, reports their known
 * deviations (suites/runtime/README.md) and nothing else. bridge running host-local is judged by P-DLG, not as
 * the runtime's call. Both runtimes live in private netns (their adapters), so the bridge and the port mapping
 * never touch the host's network.
 */
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runRuntimeCommand } from '../../src/cli/runtime-command.ts';
import type { AttachmentRequest, RuntimeAdapter } from '../../src/runtime-conformance/adapter.ts';
import { createContainerdCriAdapter } from '../../src/runtime-conformance/adapters/cri/adapter.ts';
import { createPodmanAdapter, podmanUnavailable } from '../../src/runtime-conformance/adapters/podman.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { createWorkspace, type Workspace } from '../../src/runtime-conformance/workspace.ts';

const REAL_PLUGINS = ['bridge', 'host-local', 'portmap', 'loopback'];

async function unavailable(tools: readonly string[]): Promise<string | undefined> {
  for (const tool of tools)
    if (
      !(await promisify(execFile)('sh', ['-c', `command -v ${tool}`]).then(
        () => true,
        () => false,
      ))
    )
      return `${tool} is not installed`;
  for (const plugin of REAL_PLUGINS)
    if (
      !(await access(`/usr/lib/cni/${plugin}`).then(
        () => true,
        () => false,
      ))
    )
      return `/usr/lib/cni/${plugin} is missing (Debian package containernetworking-plugins)`;
  if (
    !(await promisify(execFile)('sh', ['-c', 'command -v cc']).then(
      () => true,
      () => false,
    ))
  )
    return 'runtime record needs cc (Debian packages gcc, libc6-dev)';
  return undefined;
}

function conflist(workspace: Workspace, name: string) {
  return {
    cniVersion: '1.0.0',
    name,
    plugins: [
      {
        type: 'bridge',
        bridge: 'cncrec0',
        isGateway: true,
        ipam: { type: 'host-local', subnet: '10.231.7.0/24', dataDir: join(workspace.root, 'ipam') },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };
}

const cli = async (args: string[]) => {
  const out: string[] = [];
  const sink = (t: string) => out.push(t);
  const code = await runRuntimeCommand(args, { stdout: { write: sink }, stderr: { write: sink } });
  return { code, out: out.join('') };
};

/** Records one ADD and DEL of `adapter` in front of the real plugins; returns the judge's failing IDs. */
async function recordAndJudge(
  name: string,
  makeAdapter: (workspace: Workspace) => Promise<RuntimeAdapter>,
): Promise<{ failing: string[]; out: string; delegated: number }> {
  const workspace = await createWorkspace();
  const log = join(workspace.root, 'record.jsonl');
  let adapter: RuntimeAdapter | undefined;
  try {
    await mkdir(workspace.binDir, { recursive: true });
    for (const plugin of REAL_PLUGINS)
      await copyFile(`/usr/lib/cni/${plugin}`, join(workspace.binDir, plugin));
    await workspace.writeConflist('10-rec.conflist', conflist(workspace, name));
    expect((await cli(['record', '--plugin-dir', workspace.binDir, '--log', log])).code).toBe(0);
    adapter = await makeAdapter(workspace);
    const request: AttachmentRequest = {
      network: name,
      containerId: 'rec1',
      ifname: 'eth0',
      netns: '',
      capabilityArgs: { portMappings: [{ hostPort: 18080, containerPort: 80, protocol: 'tcp' }] },
    };
    expect(await adapter.add(request)).toEqual({ ok: true });
    expect(await adapter.del(request)).toEqual({ ok: true });
  } finally {
    await adapter?.close?.();
    await cli(['record', '--restore', workspace.binDir]);
  }
  try {
    const parsed = parseRuntimeLog(await readFile(log, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    // strict: the runtimes' known deviations of the spec text (R-REQ-4 is an IMPL warning under compat) are failures.
    const judged = await cli([
      'judge',
      log,
      '--profile',
      'strict',
      '--conf-dir',
      workspace.confDir,
      '--json',
      join(workspace.root, 'j.json'),
    ]);
    const report = JSON.parse(await readFile(join(workspace.root, 'j.json'), 'utf8')) as {
      findings: { id: string; verdict: string }[];
    };
    const failing = [...new Set(report.findings.filter((f) => f.verdict === 'fail').map((f) => f.id))].sort();
    const delegated = parsed.value.invocations.filter((c) => c.calledAs === 'host-local').length;
    expect(judged.code, judged.out).toBe(failing.length > 0 ? 1 : 0);
    return { failing, out: judged.out, delegated };
  } finally {
    await workspace.dispose();
  }
}

describe('runtime record in front of real plugins', () => {
  // go-cni attaches CRI's own loopback network and the pod's network in parallel: the recorder sees loopback too.
  it('containerd (CRI): only its known deviations, R-LIFE-1 (loopback in parallel), R-REQ-3 (Go-cased portMappings), R-REQ-4', async (ctx) => {
    const missing = await unavailable(['containerd', 'runc', 'unshare']);
    if (missing) ctx.skip(missing);
    const judged = await recordAndJudge('rec-cri', createContainerdCriAdapter);
    expect(judged.failing, judged.out).toEqual(['R-LIFE-1', 'R-REQ-3', 'R-REQ-4']);
    expect(judged.out).toMatch(
      /FAIL R-LIFE-1 .*bridge ADD .*overlapped loopback ADD .* if=lo|FAIL R-LIFE-1 .*loopback ADD .*overlapped bridge ADD/,
    );
    expect(judged.out).toMatch(/FAIL R-REQ-3 .*portMappings\[0\]\.hostPort/);
    expect(judged.out).toMatch(/PASS P-DLG-2/);
    expect(judged.out).toMatch(/PASS R-ADD-1 .*ADD runs the plugins in list order/);
    expect(judged.delegated).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('podman: only its known deviation R-REQ-4', async (ctx) => {
    const missing = (await podmanUnavailable()) ?? (await unavailable(['podman']));
    if (missing) ctx.skip(missing);
    const judged = await recordAndJudge('rec-podman', createPodmanAdapter);
    expect(judged.failing, judged.out).toEqual(['R-REQ-4']);
    expect(judged.out).toMatch(/PASS P-DLG-2/);
    expect(judged.out).toMatch(/PASS R-DEL-1/);
    expect(judged.delegated).toBeGreaterThanOrEqual(2);
  }, 240_000);
});
