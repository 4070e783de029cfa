/**
 * Where check() gets its sandbox: a warm pool (src/sandbox/pool.ts) that makes the NEXT sandbox and its first
 * container in the background while the current check runs, so a check does not wait for either. Every check still
 * gets a fresh, never used sandbox, destroyed after it. `CNI_CONFORMANCE_SANDBOX_POOL=0` turns the pool off.
 */
import { createSandbox, createWarmPool, type WarmPool } from '../../src/sandbox/index.ts';
import type { Container, Sandbox } from '../../src/sandbox/sandbox.ts';
import { targetHostDirs } from '../../src/target.ts';
import { getTarget } from './target.ts';

/** A fresh sandbox with the container a check gets before its body runs. */
export interface FreshSandbox {
  readonly sandbox: Sandbox;
  readonly container: Container;
}

async function makeFresh(): Promise<FreshSandbox> {
  // The plugin's own directory and CNI_PATH stay visible where a private CNI directory would hide them.
  const sandbox = await createSandbox({ visibleHostDirs: targetHostDirs(getTarget()) });
  try {
    return { sandbox, container: await sandbox.addContainer() };
  } catch (error) {
    await sandbox.destroy();
    throw error;
  }
}

// On globalThis: with `isolate: false` a worker may evaluate this module once per suite file, and one pool per worker
// is the point (a second pool would leave its idle sandbox behind until the worker exits).
const POOL_KEY = Symbol.for('cni-conformance.check-sandbox-pool');
type PoolHolder = { [POOL_KEY]?: WarmPool<FreshSandbox> };

function pool(): WarmPool<FreshSandbox> {
  const holder = globalThis as PoolHolder;
  holder[POOL_KEY] ??= createWarmPool({ make: makeFresh, dispose: (fresh) => fresh.sandbox.destroy() });
  return holder[POOL_KEY];
}

/** A fresh sandbox and container for one check (from the warm pool unless it is turned off). */
export function acquireFreshSandbox(): Promise<FreshSandbox> {
  if (process.env.CNI_CONFORMANCE_SANDBOX_POOL === '0') return makeFresh();
  return pool().acquire();
}
