/**
 * The model of an IPAM plugin's allocations for the PROP suite, and the fast-check commands that drive the real
 * plugin and the model side by side. After every command the plugin's answer and (for a host-local-compatible
 * store) the leases on disk must agree with the model.
 */
import type fc from 'fast-check';
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { JsonObject } from '../../../src/target.ts';
import { listReservations } from '../../plugin/lib/ipam-store.ts';
import type { CheckContext } from '../../support/context.ts';
import { addressIp, resultAddresses, type SubnetFacts } from '../lib/ipam-shape.ts';

/** What the plugin should have handed out: attachment key ("cid/ifname") → its IPs. */
export interface AllocationModel {
  readonly leases: Map<string, string[]>;
  readonly facts: SubnetFacts;
}

/** The real system: the check context, this sequence's network config and the ADD results kept for CHECK. */
export interface IpamReal {
  readonly ctx: CheckContext;
  readonly config: JsonObject;
  /** Lease directory of a host-local-compatible store, when there is one. */
  readonly leaseDir: string | undefined;
  readonly results: Map<string, unknown>;
}

type IpamCommand = fc.AsyncCommand<AllocationModel, IpamReal>;

function outcomeText(invocation: Invocation): string {
  if (invocation.kind === 'plugin-error')
    return `exit ${invocation.outcome.exitCode}, code ${invocation.error.code}: ${invocation.error.msg}`;
  if (invocation.kind === 'ok') return 'exit 0';
  return `${invocation.kind} (exit ${invocation.outcome.exitCode ?? invocation.outcome.signal})`;
}

function ownerOf(model: AllocationModel, ip: string): string | undefined {
  return [...model.leases].find(([, ips]) => ips.includes(ip))?.[0];
}

/**
 * Compares the leases on disk with the model; throws with the difference. Run once per sequence (spawns are the
 * cost): a DEL that released another container's lease also shows up at once as a duplicate on the next ADD.
 */
export async function verifyStore(model: AllocationModel, real: IpamReal, after: string): Promise<void> {
  if (real.leaseDir === undefined) return;
  const onDisk = await listReservations(real.ctx, real.leaseDir);
  const actual = onDisk.map((r) => `${r.ip}=${r.containerId}/${r.ifname ?? ''}`).sort();
  const expected = [...model.leases].flatMap(([key, ips]) => ips.map((ip) => `${ip}=${key}`)).sort();
  if (actual.join() !== expected.join()) {
    throw new Error(`after ${after}: leases on disk [${actual.join(', ')}] ≠ model [${expected.join(', ')}]`);
  }
}

function checkAddresses(model: AllocationModel, key: string, addresses: readonly string[]): string[] {
  if (addresses.length === 0) throw new Error(`ADD ${key} succeeded without an address`);
  return addresses.map((cidr) => {
    const ip = addressIp(cidr);
    if (ip === undefined) throw new Error(`ADD ${key}: "${cidr}" is not an address in CIDR form`);
    if (model.facts.reserved.has(ip))
      throw new Error(`ADD ${key}: ${ip} is the network, gateway or broadcast address`);
    if (!model.facts.allocatable.has(ip))
      throw new Error(`ADD ${key}: ${ip} is outside ${model.facts.subnet}`);
    const owner = ownerOf(model, ip);
    if (owner !== undefined)
      throw new Error(`ADD ${key}: ${ip} is already allocated to ${owner} (handed out twice)`);
    return ip;
  });
}

/** ADD of a new attachment: an address from the range, or a clean error when the range is exhausted. */
export class AddCommand implements IpamCommand {
  constructor(
    readonly containerId: string,
    readonly ifname: string,
  ) {}
  get key(): string {
    return `${this.containerId}/${this.ifname}`;
  }
  check(model: Readonly<AllocationModel>): boolean {
    return !model.leases.has(this.key);
  }
  async run(model: AllocationModel, real: IpamReal): Promise<void> {
    const { containerId, ifname } = this;
    const add = await real.ctx.call('ADD', { containerId, ifname, config: real.config });
    if (model.leases.size >= model.facts.allocatable.size) {
      if (add.kind === 'ok' || add.outcome.exitCode === null)
        throw new Error(
          `ADD ${this.key} with the range exhausted: expected a clean error, got ${outcomeText(add)}`,
        );
    } else {
      if (add.kind !== 'ok')
        throw new Error(`ADD ${this.key} with free addresses failed: ${outcomeText(add)}`);
      model.leases.set(this.key, checkAddresses(model, this.key, resultAddresses(add.output)));
      real.results.set(this.key, add.output);
    }
  }
  toString(): string {
    return `ADD(${this.key})`;
  }
}

/** DEL of any attachment (also never added or already deleted): succeeds and releases exactly its addresses. */
export class DelCommand implements IpamCommand {
  constructor(
    readonly containerId: string,
    readonly ifname: string,
  ) {}
  get key(): string {
    return `${this.containerId}/${this.ifname}`;
  }
  check(): boolean {
    return true;
  }
  async run(model: AllocationModel, real: IpamReal): Promise<void> {
    const { containerId, ifname } = this;
    const prevResult = real.results.get(this.key);
    const del = await real.ctx.call('DEL', { containerId, ifname, config: real.config, prevResult });
    if (del.kind !== 'ok') throw new Error(`DEL ${this.key} failed: ${outcomeText(del)}`);
    model.leases.delete(this.key);
    real.results.delete(this.key);
  }
  toString(): string {
    return `DEL(${this.key})`;
  }
}

/** CHECK of a live attachment with its ADD result as prevResult: succeeds. */
export class CheckCommand implements IpamCommand {
  constructor(
    readonly containerId: string,
    readonly ifname: string,
  ) {}
  get key(): string {
    return `${this.containerId}/${this.ifname}`;
  }
  check(model: Readonly<AllocationModel>): boolean {
    return model.leases.has(this.key);
  }
  async run(_model: AllocationModel, real: IpamReal): Promise<void> {
    const { containerId, ifname } = this;
    const prevResult = real.results.get(this.key);
    const result = await real.ctx.call('CHECK', { containerId, ifname, config: real.config, prevResult });
    if (result.kind !== 'ok')
      throw new Error(`CHECK ${this.key} of a live attachment failed: ${outcomeText(result)}`);
  }
  toString(): string {
    return `CHECK(${this.key})`;
  }
}
