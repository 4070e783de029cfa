import type { Attachment } from '../../../src/runtime/env.ts';
import type { OperationOutcome } from '../../../src/runtime/outcome.ts';
import type { Sandbox } from '../../../src/sandbox/sandbox.ts';
export declare const UPSTREAM_CNI_PATH: string[];
/** Fails with the whole outcome (errors and transcript) in the message when the operation failed. */
export declare function expectOk(outcome: OperationOutcome): void;
/** Parsed `ip -j` output from a container (or the sandbox host when container is undefined). */
export declare function ipJson(
  sandbox: Sandbox,
  args: readonly string[],
  container?: string,
): Promise<Record<string, unknown>[]>;
/** Names of the links in a container. */
export declare function linkNames(sandbox: Sandbox, container: string): Promise<string[]>;
/** Reads an attachment's cache file as libcni would, with its mode. */
export declare function readCacheFile(
  cacheDir: string,
  network: string,
  attachment: Attachment,
): Promise<{
  json: Record<string, unknown>;
  mode: number;
}>;
/** True when the attachment's cache file exists. */
export declare function cacheFileExists(
  cacheDir: string,
  network: string,
  attachment: Attachment,
): Promise<boolean>;
/**
 * The libcni cniCacheV1 field order (Go marshals struct fields in declaration order; notes §4.10), filtered to
 * the optional fields present.
 */
export declare function libcniCacheKeys(present: { cniArgs: boolean; capabilityArgs: boolean }): string[];
