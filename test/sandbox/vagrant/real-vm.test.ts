/**
 * The vagrant sandbox on a real VM: builds (or reuses) the offline Debian box, runs libvirtd in its own
 * network namespace, boots the box with vagrant-libvirt and runs the upstream bridge suites inside,
 * then compares every verdict with a netns-mode run of the same selection on this host.
 * Opt-in (CNI_CONFORMANCE_VAGRANT=1) because it builds a box and boots a VM: minutes, not seconds.
 * CNI_CONFORMANCE_VAGRANT_RECORD=1 also rewrites the recorded transcript the replay test uses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostVagrant,
  recordingVagrant,
  runInVagrantSandbox,
  type TranscriptEntry,
  writeTranscript,
} from '../../../src/sandbox/vagrant/index.ts';
import { verdictsOf } from './verdicts.ts';

const enabled = process.env.CNI_CONFORMANCE_VAGRANT === '1';
const root = resolve(import.meta.dirname, '../../..');
const vagrantDir = join(root, 'vagrant');
const boxFile =
  process.env.CNI_CONFORMANCE_VAGRANT_BOX_FILE ?? join(vagrantDir, 'boxes/cni-conformance-debian12.box');
const netns = process.env.CNI_CONFORMANCE_VAGRANT_NETNS ?? 'cnct-vagrant';
/** KVM here is PVM (kvm_pvm), which cannot run stock kernels: default to software emulation. */
const driver = process.env.CNI_CONFORMANCE_VAGRANT_DRIVER ?? 'qemu';
const vagrantHome = '/var/tmp/cni-conformance-vagrant-home';
const selection = ['--versions', '1.0.0', '--only', 'P-ADD-*'];
export const TRANSCRIPT = join(import.meta.dirname, 'transcripts/local-debian12-upstream-bridge.json');

const vagrantEnv = {
  VAGRANT_HOME: vagrantHome,
  VAGRANT_DOTFILE_PATH: join(vagrantHome, 'dotfile'),
  VAGRANT_DEFAULT_PROVIDER: 'libvirt',
  CNI_CONFORMANCE_VAGRANT_DRIVER: driver,
  CNI_CONFORMANCE_VAGRANT_MEMORY: '1024',
};
const vagrant = hostVagrant({ vagrantDir, prefix: ['ip', 'netns', 'exec', netns], env: vagrantEnv });
const run = (file: string, args: string[], timeout: number) =>
  execFileSync(file, args, {
    stdio: 'inherit',
    timeout,
    env: { ...process.env, CNI_CONFORMANCE_VAGRANT_NETNS: netns },
  });

describe.skipIf(!enabled)(
  'vagrant sandbox on a real VM (opt-in: CNI_CONFORMANCE_VAGRANT=1, takes minutes)',
  () => {
    const work = enabled ? mkdtempSync('/var/tmp/cni-conformance-vagrant-test-') : '';

    beforeAll(async () => {
      if (!existsSync(boxFile)) run(join(vagrantDir, 'build-box.sh'), [boxFile], 2_400_000);
      run(join(vagrantDir, 'libvirt-netns.sh'), ['start'], 120_000);
      mkdirSync(vagrantHome, { recursive: true });
      // Set when the box is already in VAGRANT_HOME (a re-run saves a minute of unpacking).
      if (process.env.CNI_CONFORMANCE_VAGRANT_BOX_ADDED === '1') return;
      const added = await vagrant(
        ['box', 'add', '--force', '--name', 'cni-conformance/debian12-local', boxFile],
        {
          timeoutMs: 600_000,
        },
      );
      expect(added.exitCode, added.stderr).toBe(0);
    }, 3_000_000);

    afterAll(async () => {
      await vagrant(['destroy', '--force', 'local'], { timeoutMs: 600_000 });
      run(join(vagrantDir, 'libvirt-netns.sh'), ['stop'], 120_000);
      rmSync(work, { recursive: true, force: true });
    }, 900_000);

    it('gives the same verdicts as netns mode for upstream bridge', async () => {
      const netnsReport = join(work, 'netns/report.json');
      const netnsArgs = [
        '/usr/lib/cni/bridge',
        '--cni-path',
        '/usr/lib/cni',
        ...selection,
        '--report-dir',
        join(work, 'netns'),
      ];
      const netnsExit = (() => {
        try {
          execFileSync(process.execPath, [join(root, 'dist/cli.js'), ...netnsArgs, '--json', netnsReport], {
            stdio: 'inherit',
          });
          return 0;
        } catch (error) {
          return (error as { status: number }).status;
        }
      })();

      const entries: TranscriptEntry[] = [];
      const scratch = join(work, 'driver');
      const vmDir = join(work, 'vm');
      const outcome = await runInVagrantSandbox({
        pluginPath: '/usr/lib/cni/bridge',
        cniPath: ['/usr/lib/cni'],
        flags: selection,
        packageRoot: root,
        reports: {
          json: join(vmDir, 'report.json'),
          junit: join(vmDir, 'report.junit.xml'),
          html: join(vmDir, 'report.html'),
          dir: vmDir,
        },
        machine: 'local',
        provider: 'libvirt',
        after: 'destroy',
        vagrant: recordingVagrant(vagrant, entries, { [scratch]: '<work>', [root]: '<pkg>' }),
        workDir: scratch,
      });
      if (process.env.CNI_CONFORMANCE_VAGRANT_RECORD === '1') {
        mkdirSync(join(import.meta.dirname, 'transcripts'), { recursive: true });
        const versions = execFileSync('vagrant', ['--version'], { encoding: 'utf8' }).trim();
        writeTranscript(TRANSCRIPT, {
          note: `recorded by test/sandbox/vagrant/real-vm.test.ts on ${new Date().toISOString()}: ${versions}, vagrant-libvirt 0.11.2, libvirt driver ${driver}, box cni-conformance/debian12-local (vagrant/build-box.sh)`,
          entries,
        });
      }
      console.log(outcome.output);
      expect(outcome.exitCode).toBe(netnsExit);
      expect(verdictsOf(join(vmDir, 'report.json'))).toEqual(verdictsOf(netnsReport));
    }, 3_600_000);
  },
);
