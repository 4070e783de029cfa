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

/** `--only A --only B --skip C` → tag expressions ["A or B", "not C"] (vitest ANDs the entries). */
export function buildTagsFilter(only: readonly string[], skip: readonly string[]): string[] | undefined {
  const onlyIds = only.filter(isRequirementPattern);
  const skipIds = skip.filter(isRequirementPattern);
  const filter = [...(onlyIds.length > 0 ? [onlyIds.join(' or ')] : []), ...skipIds.map((id) => `not ${id}`)];
  return filter.length > 0 ? filter : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Name fragments (not IDs) → one test-name pattern: must contain an --only name, must not contain a --skip name. */
export function buildNamePattern(only: readonly string[], skip: readonly string[]): string | undefined {
  const onlyNames = only.filter((t) => !isRequirementPattern(t)).map(escapeRegExp);
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
