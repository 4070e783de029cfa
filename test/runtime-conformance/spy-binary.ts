/**
 * Makes sure the bundled spy exists before runtime-conformance tests use it (vitest does not run the build).
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SPY_BINARY } from '../../src/runtime-conformance/workspace.ts';

/** Builds dist/ when the spy binary is missing; returns its path. */
export async function ensureSpyBinary(): Promise<string> {
  const present = await access(DEFAULT_SPY_BINARY).then(
    () => true,
    () => false,
  );
  if (!present) await promisify(execFile)('node', [resolve(import.meta.dirname, '../../scripts/build.mjs')]);
  return DEFAULT_SPY_BINARY;
}
