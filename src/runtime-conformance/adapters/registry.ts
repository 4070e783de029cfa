/**
 * The runtimes `--runtime NAME` knows. Real runtimes that need a driver built or a daemon started are added
 * here as their adapters land.
 */
import type { AdapterFactory } from '../adapter.ts';
import { createSimulatedAdapter } from './simulated.ts';

/** Adapter name → factory. */
export const RUNTIME_ADAPTERS: Readonly<Record<string, AdapterFactory>> = {
  /** The project's runtime, spec-exact (must pass strict). */
  simulated: (workspace) => createSimulatedAdapter(workspace),
  /** The project's runtime with its libcni-compatibility switch (what real runtimes embed). */
  'simulated-libcni': (workspace) =>
    createSimulatedAdapter(workspace, { name: 'simulated-libcni', runtime: { libcniCompat: true } }),
};
