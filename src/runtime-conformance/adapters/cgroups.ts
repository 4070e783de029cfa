/**
 * Removes a runtime's cgroup subtree from every controller (cgroup v1 hierarchies and the unified one). runc
 * creates `/<parent>/<container>` and leaves the directories behind after the container is deleted; only empty
 * cgroups can be removed, so children go first and a cgroup still holding tasks is left alone.
 */
import { readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

const CGROUP_ROOT = '/sys/fs/cgroup';

async function removeTree(path: string): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) if (entry.isDirectory()) await removeTree(join(path, entry.name));
  await rmdir(path).catch(() => undefined);
}

/**
 * Removes `<name>` and everything under it: at the root (a cgroup v2-only host) and in every v1 controller.
 * `name` may start with '/' (a runtime's cgroup parent).
 */
export async function removeCgroupTree(name: string, root = CGROUP_ROOT): Promise<void> {
  if (name.replaceAll('/', '') === '' || name.includes('..')) return;
  const controllers = await readdir(root, { withFileTypes: true }).catch(() => []);
  const tops = [
    join(root, name),
    ...controllers.filter((entry) => entry.isDirectory()).map((entry) => join(root, entry.name, name)),
  ];
  for (const top of tops) await removeTree(top);
}
