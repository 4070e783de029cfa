/**
 * RECORDED TRANSCRIPT test: the driver against the vagrant CLI calls and answers recorded from a real
 * run (test/sandbox/vagrant/real-vm.test.ts with CNI_CONFORMANCE_VAGRANT_RECORD=1: offline Debian box,
 * vagrant-libvirt, libvirtd in its own netns). No VM boots here; the replay checks that the driver makes
 * exactly the recorded calls, in order, reads their answers (status, exit codes, the report archive) and
 * copies real reports back. Variants derived from the recording cover reuse and failure paths.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../../src/errors.ts';
import {
  readTranscript,
  replayVagrant,
  runInVagrantSandbox,
  type VagrantAfterRun,
  type VagrantTranscript,
} from '../../../src/sandbox/vagrant/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const TRANSCRIPT = join(import.meta.dirname, 'transcripts/local-debian12-upstream-bridge.json');
const recorded = readTranscript(TRANSCRIPT);
const work: string[] = [];
afterEach(() => {
  for (const dir of work.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function replay(transcript: VagrantTranscript, after: VagrantAfterRun = 'destroy') {
  const scratch = mkdtempSync(join(tmpdir(), 'cnct-vagrant-replay-'));
  work.push(scratch);
  const driverDir = join(scratch, 'driver');
  const out = join(scratch, 'out');
  const { runner, calls, remaining } = replayVagrant(transcript, { [driverDir]: '<work>', [root]: '<pkg>' });
  const run = runInVagrantSandbox({
    pluginPath: '/usr/lib/cni/bridge',
    cniPath: ['/usr/lib/cni'],
    flags: ['--versions', '1.0.0', '--only', 'P-ADD-*'],
    packageRoot: root,
    reports: { json: join(out, 'r.json'), junit: join(out, 'r.xml'), html: join(out, 'r.html'), dir: out },
    machine: 'local',
    provider: 'libvirt',
    after,
    vagrant: runner,
    workDir: driverDir,
    // The recorded upload call is answered from the transcript; nothing reads the archive.
    buildPayload: async (_sources, archive) => `${archive}.gz`,
  });
  return { run, calls, remaining, out };
}

const verb = (args: readonly string[]) => args[0];
const withoutVerb = (t: VagrantTranscript, name: string) => ({
  ...t,
  entries: t.entries.filter((e) => verb(e.args) !== name),
});

describe('vagrant driver against a RECORDED vagrant CLI transcript', () => {
  it('makes exactly the recorded calls and copies the real reports back', async () => {
    const { run, calls, remaining, out } = await replay(recorded);
    const outcome = await run;
    expect(calls.map(verb)).toEqual(['status', 'up', 'upload', 'ssh', 'ssh', 'ssh', 'destroy']);
    expect(remaining()).toBe(0);
    expect(outcome.reused).toBe(false);
    expect([0, 1]).toContain(outcome.exitCode);
    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { checks: { ids: string[] }[] };
    expect(report.checks.length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'r.xml')) && existsSync(join(out, 'r.html'))).toBe(true);
  });

  it('runs the suites in the guest with --sandbox netns through quoted argv, never raw input', async () => {
    const { run, calls } = await replay(recorded);
    await run;
    const command = calls.filter((args) => verb(args) === 'ssh')[1]?.at(-1) ?? '';
    expect(command).toContain("--only 'P-ADD-*'");
    expect(command).toMatch(/--sandbox netns /);
    expect(command).toMatch(/^cd \/tmp\/cni-conformance\/pkg && sudo -n /);
  });

  it('reuses a running VM: no `up` when status says running', async () => {
    const entries = withoutVerb(recorded, 'up').entries.map((entry) =>
      verb(entry.args) === 'status'
        ? { ...entry, stdout: entry.stdout.replace(/,state,[a-z_]+/, ',state,running') }
        : entry,
    );
    const { run, calls } = await replay({ ...recorded, entries });
    expect((await run).reused).toBe(true);
    expect(calls.map(verb)).not.toContain('up');
  });

  it('keeps the VM when asked: no halt or destroy', async () => {
    const { run, calls, remaining } = await replay(withoutVerb(recorded, 'destroy'), 'keep');
    await run;
    expect(calls.map(verb).at(-1)).toBe('ssh');
    expect(remaining()).toBe(0);
  });

  it('a failed `vagrant up` is a SANDBOX_FAILED error naming the call, and the VM is still destroyed', async () => {
    const entries = recorded.entries
      .filter((e) => ['status', 'up', 'destroy'].includes(verb(e.args) ?? ''))
      .map((e) =>
        verb(e.args) === 'up' ? { ...e, exitCode: 1, stderr: 'Call to virDomainCreateWithFlags failed' } : e,
      );
    const { run, calls } = await replay({ ...recorded, entries });
    const error = await run.catch((caught: unknown) => caught);
    expect(isHarnessError(error) && error.code).toBe('CNI_CONFORMANCE_SANDBOX_FAILED');
    expect(String(error)).toMatch(/vagrant up local --provider libvirt failed .*virDomainCreateWithFlags/);
    expect(calls.map(verb)).toEqual(['status', 'up', 'destroy']);
  });
});
