/**
 * The engine is vitest: the suites under suites/ run through vitest's Node API with the options of
 * suite-config.ts (the same ones vitest.suites.config.ts holds). This module only translates run options into
 * vitest options (provide, reporters, tag filters, workers).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Reporter } from 'vitest/node';
import type { ConformanceTarget } from '../target.ts';
import { isRequirementPattern } from './options.ts';
import { suiteTestOptions } from './suite-config.ts';
import { selectSuiteFiles } from './suite-files.ts';

/** What the engine needs besides the target. */
export interface EngineOptions {
  /** Package root: suites/ lives here. */
  readonly root: string;
  readonly target: ConformanceTarget;
  readonly reporters: readonly Reporter[];
  readonly only: readonly string[];
  readonly skip: readonly string[];
  readonly parallel: number;
  /** Aborting it cancels the run (tests not started are skipped). */
  readonly signal?: AbortSignal;
}

/** Whether `--only` mixes IDs with name fragments: then both go into the name pattern, so they add up. */
function onlyMixes(only: readonly string[]): boolean {
  return only.some(isRequirementPattern) && !only.every(isRequirementPattern);
}

/**
 * `--only A --only B --skip C` → tag expressions ["A or B", "not C"] (vitest ANDs the entries). IDs mixed with
 * name fragments in `--only` are left to {@link buildNamePattern}: a tag filter and a name pattern would have
 * to match both, and `--only P-DEL-1 --only 'malformed stdin'` means either.
 */
export function buildTagsFilter(only: readonly string[], skip: readonly string[]): string[] | undefined {
  const onlyIds = onlyMixes(only) ? [] : only.filter(isRequirementPattern);
  const skipIds = skip.filter(isRequirementPattern);
  const filter = [...(onlyIds.length > 0 ? [onlyIds.join(' or ')] : []), ...skipIds.map((id) => `not ${id}`)];
  return filter.length > 0 ? filter : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A requirement ID or glob as it appears in a check's title ("P-DLG-3, P-DEL-1: …"), not inside a longer ID. */
function idInTitle(pattern: string): string {
  const body = pattern.split('*').map(escapeRegExp).join('[A-Z0-9-]*');
  return `(?<![A-Z0-9-])${body}(?=[,:])`;
}

/**
 * Name fragments (not IDs) → one test-name pattern: must contain an --only name, must not contain a --skip name.
 * When `--only` mixes IDs and names, the IDs join the names as alternatives, matched where titles name them.
 */
export function buildNamePattern(only: readonly string[], skip: readonly string[]): string | undefined {
  const onlyNames = [
    ...only.filter((t) => !isRequirementPattern(t)).map(escapeRegExp),
    ...(onlyMixes(only) ? only.filter(isRequirementPattern).map(idInTitle) : []),
  ];
  const skipNames = skip.filter((t) => !isRequirementPattern(t)).map(escapeRegExp);
  if (onlyNames.length === 0 && skipNames.length === 0) return undefined;
  const exclude = skipNames.length > 0 ? `(?!.*(?:${skipNames.join('|')}))` : '';
  const include = onlyNames.length > 0 ? `.*(?:${onlyNames.join('|')})` : '';
  return `^${exclude}${include}.*$`;
}

/** vitest's own console output goes nowhere: our reporters own the terminal. */
function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** Runs the suites; the reporters collect the results. Returns vitest's errors outside tests. */
export async function runSuites(options: EngineOptions): Promise<void> {
  const tagsFilter = buildTagsFilter(options.only, options.skip);
  const testNamePattern = buildNamePattern(options.only, options.skip);
  // Loaded on demand: a usage error should not pay for vitest's start-up.
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest(
    'test',
    {
      root: options.root,
      // Inline options, no config file: nothing to bundle or transform at start-up, and nothing written next to
      // a package installed read-only (root-owned, CLI run as a user).
      config: false,
      ...suiteTestOptions(),
      cache: false,
      reporters: [...options.reporters],
      provide: { cniTarget: options.target },
      maxWorkers: options.parallel,
      passWithNoTests: true,
      ...(tagsFilter ? { tagsFilter } : {}),
      ...(testNamePattern ? { testNamePattern } : {}),
    },
    // Vite's own cache must not go under the (possibly read-only) package either.
    { cacheDir: join(tmpdir(), `cni-conformance-vite-${process.getuid?.() ?? 0}`) },
    { stdout: sink(), stderr: sink() },
  );
  const cancel = () => void vitest.cancelCurrentRun('test-failure');
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const files = selectSuiteFiles(options.root, options.only);
    await vitest.start(files);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await vitest.close();
  }
}
