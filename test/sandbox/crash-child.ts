/**
 * Helper for crash-safety.test.ts (not a test). `hold` (the default): creates sandboxes with containers and
 * background processes, prints what it made as one JSON line, then waits to be SIGKILLed. `loop`: a run that
 * never ends, making and destroying sandboxes (a real bridge ADD and a setsid daemon in each, the previous
 * sandbox still alive while the next is made); prints `started <run dir>` and `sandbox <id>` lines, to be
 * SIGKILLed at a random moment. `next`: the next run: makes one sandbox and prints what its start removed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanStaleRunsOnce, createSandbox, currentRunDir, type Sandbox } from '../../src/sandbox/index.ts';
import { parseRecordedSandbox } from '../../src/sandbox/run-dir.ts';

const BRIDGE_CONFIG = JSON.stringify({
  cniVersion: '1.0.0',
  name: 'crash',
  type: 'bridge',
  bridge: 'crash0',
  ipam: { type: 'host-local', subnet: '10.99.0.0/24' },
});

async function use(sandbox: Sandbox): Promise<void> {
  const container = await sandbox.addContainer();
  const env = {
    CNI_COMMAND: 'ADD',
    CNI_CONTAINERID: 'crash',
    CNI_NETNS: container.netnsPath,
    CNI_IFNAME: 'eth0',
    CNI_PATH: '/usr/lib/cni',
  };
  await sandbox.run({ file: '/usr/lib/cni/bridge', env, stdin: BRIDGE_CONFIG });
  await sandbox.run({
    file: '/bin/sh',
    args: ['-c', 'setsid sleep 42425 </dev/null >/dev/null 2>&1 &'],
    env: {},
  });
}

async function loop(): Promise<void> {
  let previous: Sandbox | undefined;
  for (;;) {
    const sandbox = await createSandbox();
    if (previous === undefined) console.log(`started ${currentRunDir()}`);
    console.log(`sandbox ${sandbox.id}`);
    await use(sandbox);
    await previous?.destroy();
    previous = sandbox;
  }
}

async function hold(): Promise<void> {
  const sandboxes = [];
  for (let index = 0; index < 3; index += 1) {
    const sandbox = await createSandbox();
    const container = await sandbox.addContainer();
    await sandbox.run({
      file: '/bin/sh',
      args: ['-c', 'setsid sleep 42424 </dev/null >/dev/null 2>&1 &'],
      env: {},
    });
    const inode = await sandbox.command(['stat', '-L', '-c', '%i', container.netnsPath]);
    const recorded = readFileSync(join(currentRunDir(), 'sandboxes', sandbox.id), 'utf8');
    const [holderPid, initPid] = parseRecordedSandbox(recorded).map((entry) => entry.pid);
    sandboxes.push({ id: sandbox.id, holderPid, initPid, containerNetnsInode: inode.stdout.trim() });
  }
  console.log(JSON.stringify({ runDir: currentRunDir(), sandboxes }));
  setInterval(() => undefined, 60_000);
}

async function next(): Promise<void> {
  const sandbox = await createSandbox();
  await sandbox.destroy();
  console.log(JSON.stringify(cleanStaleRunsOnce()));
}

const mode = process.argv[2] ?? 'hold';
await (mode === 'loop' ? loop() : mode === 'next' ? next() : hold());
