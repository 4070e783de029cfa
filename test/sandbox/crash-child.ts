/**
 * Helper for crash-safety.test.ts (not a test): creates sandboxes with containers and background
 * processes, prints what it made as one JSON line, then waits to be SIGKILLed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, currentRunDir } from '../../src/sandbox/index.ts';

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
  const [holderPid, initPid] = readFileSync(join(currentRunDir(), 'sandboxes', sandbox.id), 'utf8')
    .trim()
    .split(' ')
    .map(Number);
  sandboxes.push({ id: sandbox.id, holderPid, initPid, containerNetnsInode: inode.stdout.trim() });
}
console.log(JSON.stringify({ runDir: currentRunDir(), sandboxes }));
setInterval(() => undefined, 60_000);
