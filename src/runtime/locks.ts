/**
 * The runtime's own ordering rules (R-LIFE-1, R-GC-3): no two operations for the same container run at once
 * (across all its attachments), and GC of a network runs alone: no ADD/CHECK/DEL of that network is in flight
 * when it starts, and none starts until it ends. Waiters are served in arrival order.
 */

/** A shared/exclusive gate served in arrival order. */
export class Gate {
  private shared = 0;
  private exclusive = false;
  private readonly queue: { shared: boolean; start: () => void }[] = [];

  /** Waits for the gate; returns the release function. */
  async acquire(shared: boolean): Promise<() => void> {
    if (this.queue.length === 0 && this.canStart(shared)) {
      this.start(shared);
    } else {
      await new Promise<void>((resolve) => this.queue.push({ shared, start: resolve }));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(shared);
    };
  }

  private canStart(shared: boolean): boolean {
    return shared ? !this.exclusive : !this.exclusive && this.shared === 0;
  }

  private start(shared: boolean): void {
    if (shared) this.shared += 1;
    else this.exclusive = true;
  }

  private release(shared: boolean): void {
    if (shared) this.shared -= 1;
    else this.exclusive = false;
    // Start waiters in order until one has to wait: shared ones together, an exclusive one alone.
    for (let next = this.queue[0]; next && this.canStart(next.shared); next = this.queue[0]) {
      this.queue.shift();
      this.start(next.shared);
      next.start();
    }
  }
}

/** Gates by name, created on first use. */
class GateMap {
  private readonly gates = new Map<string, Gate>();

  get(key: string): Gate {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new Gate();
      this.gates.set(key, gate);
    }
    return gate;
  }
}

/** The locks one Runtime holds. */
export class OperationLocks {
  private readonly networks = new GateMap();
  private readonly containers = new GateMap();

  /** ADD, CHECK, DEL: shared on the network, exclusive on the container. */
  async lockAttachment(network: string, containerId: string): Promise<() => void> {
    const releaseNetwork = await this.networks.get(network).acquire(true);
    const releaseContainer = await this.containers.get(containerId).acquire(false);
    return () => {
      releaseContainer();
      releaseNetwork();
    };
  }

  /** GC: exclusive on the network. */
  lockNetwork(network: string): Promise<() => void> {
    return this.networks.get(network).acquire(false);
  }
}
