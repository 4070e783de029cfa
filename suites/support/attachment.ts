/**
 * Attachment helpers: ADD/CHECK/DEL of the plugin under test as a runtime would run them. For a meta plugin the
 * conflist entries before it run first (ADD in order, DEL in reverse, prevResult chained, R-ADD-*, R-DEL-*), so
 * the plugin under test gets a real prevResult.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { Invocation } from '../../src/runtime/invoke.ts';
import type { CallOptions, CheckContext } from './context.ts';

/** The path of plugin `type` in the target's CNI_PATH, first directory wins (libcni FindInPath). */
export function findPlugin(ctx: CheckContext, type: string): string {
  for (const dir of ctx.target.cniPath) {
    const path = join(dir, type);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(`chain plugin "${type}" not found in CNI_PATH ${ctx.target.cniPath.join(':')}`);
}

function entryType(ctx: CheckContext, index: number): string {
  const type = ctx.target.conflist.plugins[index]?.type;
  if (typeof type !== 'string') throw new Error(`conflist entry ${index} has no type`);
  return type;
}

function describeFailure(invocation: Invocation): string {
  if (invocation.kind === 'plugin-error') return `code ${invocation.error.code}: ${invocation.error.msg}`;
  if (invocation.kind === 'ok') return 'ok';
  return invocation.kind;
}

/** Runs the chain members before the plugin under test; returns the prevResult it gets (undefined for none). */
export async function addChainPrefix(ctx: CheckContext, options: CallOptions = {}): Promise<unknown> {
  let prevResult: unknown;
  for (let index = 0; index < ctx.target.pluginIndex; index++) {
    if (ctx.target.role !== 'meta') break;
    const type = entryType(ctx, index);
    const invocation = await ctx.call('ADD', {
      ...options,
      plugin: findPlugin(ctx, type),
      config: ctx.configAt(index),
      prevResult,
    });
    if (invocation.kind !== 'ok') {
      throw new Error(`setup: chain plugin ${type} ADD failed (${describeFailure(invocation)})`);
    }
    prevResult = invocation.output;
  }
  return prevResult;
}

/** ADD of the plugin under test (behind its chain for a meta plugin). */
export async function addAttachment(ctx: CheckContext, options: CallOptions = {}): Promise<Invocation> {
  const prevResult = options.prevResult ?? (await addChainPrefix(ctx, options));
  return ctx.call('ADD', { ...options, prevResult });
}

/** DEL of the plugin under test, then of the chain members before it in reverse order, all with `prevResult`. */
export async function delAttachment(ctx: CheckContext, options: CallOptions = {}): Promise<Invocation> {
  const own = await ctx.call('DEL', options);
  if (ctx.target.role !== 'meta') return own;
  for (let index = ctx.target.pluginIndex - 1; index >= 0; index--) {
    const type = entryType(ctx, index);
    await ctx.call('DEL', { ...options, plugin: findPlugin(ctx, type), config: ctx.configAt(index) });
  }
  return own;
}

/** The parsed result of an ok invocation; throws with the plugin's error otherwise (a failed expectation). */
export function expectOk(invocation: Invocation, what: string): unknown {
  if (invocation.kind === 'ok') return invocation.output;
  const stderr = invocation.outcome.stderr.trim();
  throw new Error(
    `${what}: expected success, got ${describeFailure(invocation)}${stderr ? ` (stderr: ${stderr.slice(0, 500)})` : ''}`,
  );
}

/** One-line description of an invocation's outcome, for assertion messages. */
export { describeFailure as describeOutcome };
