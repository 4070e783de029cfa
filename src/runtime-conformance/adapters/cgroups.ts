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

/** Removes `<controller>/<name>` and everything under it, in every mounted controller. */
export async function removeCgroupTree(name: string, root = CGROUP_ROOT): Promise<void> {
  if (name === '' || name.includes('..')) return;
  const controllers = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const controller of controllers)
    if (controller.isDirectory()) await removeTree(join(root, controller.name, name));
}
