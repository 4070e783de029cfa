/**
 * The model of an IPAM plugin's allocations for the PROP suite, and the fast-check commands that drive the real
 * plugin and the model side by side. After every command the plugin's answer and (for a host-local-compatible
 * store) the leases on disk must agree with the model.
 */
import type fc from 'fast-check';
import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';
import { type SubnetFacts } from '../lib/ipam-shape.ts';
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
/**
 * Compares the leases on disk with the model; throws with the difference. Run once per sequence (spawns are the
 * cost): a DEL that released another container's lease also shows up at once as a duplicate on the next ADD.
 */
export declare function verifyStore(model: AllocationModel, real: IpamReal, after: string): Promise<void>;
/** ADD of a new attachment: an address from the range, or a clean error when the range is exhausted. */
export declare class AddCommand implements IpamCommand {
  readonly containerId: string;
  readonly ifname: string;
  constructor(containerId: string, ifname: string);
  get key(): string;
  check(model: Readonly<AllocationModel>): boolean;
  run(model: AllocationModel, real: IpamReal): Promise<void>;
  toString(): string;
}
/** DEL of any attachment (also never added or already deleted): succeeds and releases exactly its addresses. */
export declare class DelCommand implements IpamCommand {
  readonly containerId: string;
  readonly ifname: string;
  constructor(containerId: string, ifname: string);
  get key(): string;
  check(): boolean;
  run(model: AllocationModel, real: IpamReal): Promise<void>;
  toString(): string;
}
/** CHECK of a live attachment with its ADD result as prevResult: succeeds. */
export declare class CheckCommand implements IpamCommand {
  readonly containerId: string;
  readonly ifname: string;
  constructor(containerId: string, ifname: string);
  get key(): string;
  check(model: Readonly<AllocationModel>): boolean;
  run(_model: AllocationModel, real: IpamReal): Promise<void>;
  toString(): string;
}
