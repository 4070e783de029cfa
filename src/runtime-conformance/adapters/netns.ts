/**
 * A private network namespace for a runtime that would otherwise run in the host's: podman (and the conmon it
 * starts) binds published ports on the host (`-p 8080:80` holds 0.0.0.0:8080 open), and containerd's CRI
 * streaming server listens on a random 127.0.0.1 port, which the harness must never do. The namespace is persistent (bind-mounted on a file) so every command can `nsenter` it; only `lo`
 * is up in it, so nothing inside reaches any network.
 */
import { stat, writeFile } from 'node:fs/promises';
import { type HostCommandRunner, runHostCommand } from '../../sandbox/host-command.ts';

/** The identity of the netns bind-mounted at `path`, spelled as `readlink /proc/<pid>/ns/net` spells it. */
export async function netnsIdentity(path: string): Promise<string> {
  // An nsfs file's inode number is the namespace's.
  return `net:[${(await stat(path)).ino}]`;
}

/** Creates a persistent netns bound on `path` with `lo` up; returns its identity (`net:[inode]`). */
export async function createPrivateNetns(
  path: string,
  run: HostCommandRunner = runHostCommand,
): Promise<string> {
  await writeFile(path, '');
  await run('unshare', [`--net=${path}`, 'ip', 'link', 'set', 'lo', 'up']);
  return netnsIdentity(path);
}

/** Releases the netns bound on `path` (it lives on while a process is still in it). */
export async function removePrivateNetns(
  path: string,
  run: HostCommandRunner = runHostCommand,
): Promise<void> {
  await run('umount', ['-l', path]).catch(() => undefined);
}
