/**
 * A warm pool: the next item (a sandbox, or a sandbox with its first container) is created in the
 * background while the current one is in use, so a caller's observed cost of getting one is near zero.
 * Items are never reused: each `acquire` hands out a freshly made, never used item, and the caller
 * disposes of it as before. At most `size` idle items exist; an idle one left at exit dies with this
 * process (a holder's PID 1 exits when its stdin pipe from us closes).
 */
import { createSandbox, type SandboxOptions } from './netns.ts';
import type { Sandbox } from './sandbox.ts';

/** A pool of fresh items made ahead of time. */
export interface WarmPool<T> {
  /** A fresh, never used item; starts making the next one in the background. */
  acquire(): Promise<T>;
  /** Disposes of every idle item; later acquires make new ones. */
  drain(): Promise<void>;
}

/** Options for {@link createWarmPool}. */
export interface WarmPoolOptions<T> {
  readonly make: () => Promise<T>;
  /** Disposes of an idle item on drain. */
  readonly dispose: (item: T) => Promise<void>;
  /** Idle items kept ready. @defaultValue 1 */
  readonly size?: number;
}

/** Creates a warm pool; it makes nothing until the first acquire. */
export function createWarmPool<T>(options: WarmPoolOptions<T>): WarmPool<T> {
  const size = options.size ?? 1;
  const idle: Promise<T>[] = [];
  const refill = (): void => {
    while (idle.length < size) {
      const next = options.make();
      next.catch(() => undefined); // reported to the acquire that takes it, never unhandled
      idle.push(next);
    }
  };
  return {
    async acquire() {
      const ready = idle.shift();
      // After the caller has its item: spawning the next holder costs a few ms of synchronous work.
      setImmediate(refill);
      if (ready === undefined) return options.make();
      // A background failure (e.g. a start-up timeout on a busy machine) gets one fresh attempt.
      return ready.catch(() => options.make());
    },
    async drain() {
      const items = await Promise.allSettled(idle.splice(0));
      await Promise.all(
        items.flatMap((item) => (item.status === 'fulfilled' ? [options.dispose(item.value)] : [])),
      );
    },
  };
}

/** A warm pool of fresh sandboxes; release one with `destroy()` as usual. */
export function createSandboxPool(
  options: SandboxOptions & { readonly size?: number } = {},
): WarmPool<Sandbox> {
  const { size, ...sandboxOptions } = options;
  return createWarmPool({
    make: () => createSandbox(sandboxOptions),
    dispose: (sandbox) => sandbox.destroy(),
    size,
  });
}
