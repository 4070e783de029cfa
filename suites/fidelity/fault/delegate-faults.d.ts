/**
 * Fault wrappers around the IPAM delegate for the FAULT suite: a script named like `ipam.type`, installed in a
 * directory of its own inside the sandbox and put first on CNI_PATH for one call. It finds the real delegate in
 * the rest of CNI_PATH, so the plugin under test talks to its real IPAM with one fault in between.
 */
import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';
/** What the wrapper does on ADD; every other verb passes straight through. */
export type DelegateFault =
  /** Runs the real ADD (the address is allocated), then fails with code 11. */
  | 'fail-after-allocating'
  /** Runs the real ADD, then answers with a result that has no IPs (unusable for the caller). */
  | 'unusable-result'
  /** Never answers. */
  | 'hang';
/** The IPAM type the config delegates to, or undefined. */
export declare function delegateType(config: JsonObject): string | undefined;
/** Installs the wrapper; returns the CNI_PATH value that puts it first. */
export declare function installDelegateFault(
  ctx: CheckContext,
  type: string,
  fault: DelegateFault,
): Promise<string>;
