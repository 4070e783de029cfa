/**
 * Helper for rootless.test.ts (not a test), run as an unprivileged user: exercises a rootless sandbox
 * and prints one JSON line of findings (what works inside a user namespace and what does not).
 */
import { diffSnapshots, inspectNamespace, leaks, sandboxRunner } from '../../src/inspect/index.ts';
import { checkPrerequisites, createSandbox } from '../../src/sandbox/index.ts';

const problems = await checkPrerequisites();
const sandbox = await createSandbox();
const container = await sandbox.addContainer();
const ok = async (argv: string[]) => (await sandbox.command(argv)).exitCode === 0;
const before = await inspectNamespace(sandboxRunner(sandbox));
const config = {
  cniVersion: '1.0.0',
  name: 'rootless',
  type: 'bridge',
  bridge: 'cni0',
  isGateway: true,
  ipMasq: true,
  ipam: { type: 'host-local', subnet: '10.98.0.0/24' },
};
const env = {
  CNI_CONTAINERID: 'r1',
  CNI_NETNS: container.netnsPath,
  CNI_IFNAME: 'eth0',
  CNI_PATH: '/usr/lib/cni',
};
const add = await sandbox.run({
  file: '/usr/lib/cni/bridge',
  env: { ...env, CNI_COMMAND: 'ADD' },
  stdin: JSON.stringify(config),
});
const afterAdd = await inspectNamespace(sandboxRunner(sandbox));
const del = await sandbox.run({
  file: '/usr/lib/cni/bridge',
  env: { ...env, CNI_COMMAND: 'DEL' },
  stdin: JSON.stringify(config),
});
const afterDel = await inspectNamespace(sandboxRunner(sandbox));
const findings = {
  euid: process.geteuid?.(),
  mode: sandbox.mode,
  prerequisiteProblems: problems.map((problem) => problem.message),
  containerIsNsfs: (await sandbox.command(['stat', '-f', '-c', '%T', container.netnsPath])).stdout.trim(),
  iptables: await ok([
    'iptables',
    '-t',
    'nat',
    '-A',
    'POSTROUTING',
    '-s',
    '10.97.0.0/24',
    '-j',
    'MASQUERADE',
  ]),
  ip6tables: await ok(['ip6tables', '-A', 'FORWARD', '-j', 'ACCEPT']),
  nft: await ok(['nft', 'add', 'table', 'inet', 'probe']),
  sysctlWrite: await ok(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward']),
  bridgeAdd: add.exitCode === 0 ? 'ok' : add.stdout + add.stderr,
  bridgeDel: del.exitCode === 0 ? 'ok' : del.stdout + del.stderr,
  addedLeaks: leaks(diffSnapshots(before, afterAdd)).map((entry) => entry.id),
  leaksAfterDel: leaks(diffSnapshots(before, afterDel)).map((entry) => entry.id),
  snapshotProblems: afterDel.problems,
};
await sandbox.destroy();
console.log(JSON.stringify(findings));
