import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HostCommandError } from '../../src/sandbox/host-command.ts';
import { checkPrerequisites } from '../../src/sandbox/index.ts';

const isRoot = process.geteuid?.() === 0;
const PROBE = fileURLToPath(new URL('./rootless-probe.ts', import.meta.url));
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

interface Findings {
  euid: number;
  mode: string;
  prerequisiteProblems: string[];
  containerIsNsfs: string;
  iptables: boolean;
  ip6tables: boolean;
  nft: boolean;
  sysctlWrite: boolean;
  bridgeAdd: string;
  bridgeDel: string;
  addedLeaks: string[];
  leaksAfterDel: string[];
  snapshotProblems: string[];
}

function runProbeAsNobody(): Findings {
  const env = ['env', '-i', `PATH=${process.env.PATH ?? ''}`, 'HOME=/tmp'];
  const probe = spawnSync('setpriv', [...NOBODY, ...env, process.execPath, '--import', 'tsx', PROBE], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (probe.status !== 0) throw new Error(`rootless probe failed: ${probe.stderr}`);
  return JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}') as Findings;
}

describe.runIf(isRoot)('createSandbox (rootless mode, as user nobody)', () => {
  describe('when run without privileges', () => {
    let findings: Findings;
    // One probe process for all the assertions below: it spawns node and tsx as nobody.
    beforeAll(() => {
      findings = runProbeAsNobody();
    }, 90_000);

    it('chooses rootless mode and finds no missing prerequisite', () => {
      expect(findings.euid).toBe(65534);
      expect(findings.mode).toBe('rootless');
      expect(findings.prerequisiteProblems).toEqual([]);
    });

    it('gives containers real nsfs mounts', () => {
      expect(findings.containerIsNsfs).toBe('nsfs');
    });

    it('lets plugins use iptables, ip6tables, nft and sysctls inside the user namespace', () => {
      expect(findings).toMatchObject({ iptables: true, ip6tables: true, nft: true, sysctlWrite: true });
    });

    it('runs the upstream bridge plugin and sees what it created, and nothing left after DEL', () => {
      expect([findings.bridgeAdd, findings.bridgeDel]).toEqual(['ok', 'ok']);
      expect(findings.addedLeaks).toEqual(
        expect.arrayContaining([expect.stringMatching(/^link veth\w+ \(veth, master cni0\)$/)]),
      );
      expect(findings.leaksAfterDel).toEqual([]);
      expect(findings.snapshotProblems).toEqual([]);
    });
  });
});

describe('checkPrerequisites', () => {
  describe('when programs are missing and user namespaces are disabled', () => {
    it('names each problem on one line with its fix', async () => {
      const sysctls: Record<string, string> = { '/proc/sys/user/max_user_namespaces': '0' };
      const problems = await checkPrerequisites({
        mode: 'rootless',
        path: '/nonexistent',
        readSysctl: (path) => sysctls[path],
      });
      const subjects = problems.map((problem) => problem.subject);
      expect(subjects).toEqual(
        expect.arrayContaining(['unshare', 'nsenter', 'ip', 'nft', 'user.max_user_namespaces']),
      );
      expect(problems.every((problem) => !problem.message.includes('\n'))).toBe(true);
      expect(problems.find((problem) => problem.subject === 'nft')?.message).toContain(
        'apt-get install nftables',
      );
      expect(problems.at(-1)?.message).toContain('sysctl -w user.max_user_namespaces=');
    });
  });

  describe('when root but user namespaces are switched off (root sandboxes are user namespaces too)', () => {
    it('names the switch, and only that one (the others restrict unprivileged users)', async () => {
      const sysctls: Record<string, string> = {
        '/proc/sys/user/max_user_namespaces': '0',
        '/proc/sys/kernel/unprivileged_userns_clone': '0',
      };
      const problems = await checkPrerequisites({ mode: 'root', readSysctl: (path) => sysctls[path] });
      expect(problems.map((problem) => problem.message)).toEqual([
        'user namespaces are disabled (user.max_user_namespaces=0) — run `sudo sysctl -w user.max_user_namespaces=15000`',
      ]);
    });
  });

  describe('when rootless and the kernel refuses a user namespace no sysctl shows (seccomp, an LSM)', () => {
    it("says so with the probe's one-line failure (a fake runner stands in for unshare)", async () => {
      const probed: string[][] = [];
      const problems = await checkPrerequisites({
        mode: 'rootless',
        readSysctl: () => undefined,
        run: async (file, args) => {
          probed.push([file, ...args]);
          const outcome = { notFound: false, timedOut: false, exitCode: 1, signal: undefined, stdout: '' };
          throw new HostCommandError(
            `${file} --user`,
            { ...outcome, stderr: 'unshare: Operation not permitted' },
            1,
          );
        },
      });
      expect(probed).toEqual([['unshare', '--user', '--map-root-user', '--net', '--mount', 'true']]);
      expect(problems.map((problem) => problem.message)).toEqual([
        'cannot create a user namespace (`unshare --user` exited 1: unshare: Operation not permitted) — allow unprivileged user namespaces, or run as root',
      ]);
    });
  });

  describe('when everything is installed', () => {
    it('finds nothing missing in root mode', async () => {
      expect(await checkPrerequisites({ mode: 'root' })).toEqual([]);
    });
  });
});
