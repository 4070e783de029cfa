/**
 * The serialisation a runtime daemon puts around its CNI library: one operation at a time per container
 * (R-LIFE-1), and GC exclusive with every ADD/DEL/CHECK (R-GC-3). libcni itself does not lock; its users do.
 */

/** A FIFO mutex per key. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `body` once every earlier holder of `key` has finished. */
  async run<T>(key: string, body: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.tails.set(key, tail);
    await before;
    try {
      return await body();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Many shared holders or one exclusive holder, in arrival order. */
export class SharedExclusiveLock {
  private exclusiveTail: Promise<void> = Promise.resolve();
  private readonly shared = new Set<Promise<unknown>>();

  /** Runs alongside other shared holders, never alongside an exclusive one. */
  async runShared<T>(body: () => Promise<T>): Promise<T> {
    await this.exclusiveTail;
    const running = body();
    this.shared.add(running);
    try {
      return await running;
    } finally {
      this.shared.delete(running);
    }
  }

  /** Runs alone: waits for every shared and exclusive holder before it, and holds back later ones. */
  async runExclusive<T>(body: () => Promise<T>): Promise<T> {
    const before = this.exclusiveTail;
    let release = () => {};
    this.exclusiveTail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await before;
    await Promise.allSettled([...this.shared]);
    try {
      return await body();
    } finally {
      release();
    }
  }
}
