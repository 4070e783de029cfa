/**
 * The runtimes `--runtime NAME` knows. Real runtimes that need a driver built or a daemon started are added
 * here as their adapters land.
 */
import type { AdapterFactory } from '../adapter.ts';
import { createContainerdAdapter } from './containerd.ts';
import { createLibcniAdapter } from './libcni.ts';
import { createSimulatedAdapter } from './simulated.ts';

/** Adapter name → factory. */
export const RUNTIME_ADAPTERS: Readonly<Record<string, AdapterFactory>> = {
  /** The project's runtime, spec-exact (must pass strict). */
  simulated: (workspace) => createSimulatedAdapter(workspace),
  /** The project's runtime with its libcni-compatibility switch (what real runtimes embed). */
  /** Debian's libcni 1.1.2 through drivers/libcni (needs golang-go and golang-github-appc-cni-dev). */
  libcni: (workspace) => createLibcniAdapter(workspace),
  /** `ctr run --cni` against a private containerd (needs containerd and runc). */
  containerd: (workspace) => createContainerdAdapter(workspace),
  'containerd-cri': async (ws) => (await import('./cri/adapter.ts')).createContainerdCriAdapter(ws),
  podman: async (ws) => (await import('./podman.ts')).createPodmanAdapter(ws),
  'simulated-libcni': (workspace) =>
    createSimulatedAdapter(workspace, { name: 'simulated-libcni', runtime: { libcniCompat: true } }),
};
