/**
 * `--only`/`--skip` that select no check are a usage error (exit 2): a typo must not turn CI green with "no checks
 * ran". The line names the selectors and suggests the closest requirement ID or test-name word that does exist.
 */
import { HarnessError } from '../errors.ts';
import { didYouMean } from './did-you-mean.ts';
import { isRequirementPattern } from './options.ts';

/** A test the filters left out: its name and requirement tags. */
export interface UnselectedTest {
  readonly name: string;
  readonly tags: readonly string[];
}

function nameWords(tests: readonly UnselectedTest[]): string[] {
  const words = tests.flatMap((t) => t.name.replace(/^.*?: /, '').split(/[^A-Za-z0-9_.-]+/));
  return [...new Set(words.filter((w) => w.length >= 4))];
}

function suggestion(token: string, tests: readonly UnselectedTest[]): string {
  if (isRequirementPattern(token)) {
    const ids = [...new Set(tests.flatMap((t) => t.tags.filter(isRequirementPattern)))].sort();
    return didYouMean(token, ids);
  }
  return didYouMean(token, nameWords(tests));
}

/** Throws a usage error when filters were given and no check was selected. */
export function assertSelectedSomething(
  selectedCount: number,
  filters: { readonly only: readonly string[]; readonly skip: readonly string[] },
  unselected: readonly UnselectedTest[],
): void {
  if (selectedCount > 0 || (filters.only.length === 0 && filters.skip.length === 0)) return;
  const parts = [
    ...filters.only.map((token) => `--only ${token}${suggestion(token, unselected)}`),
    ...filters.skip.map((token) => `--skip ${token}`),
  ];
  throw new HarnessError('CNI_CONFORMANCE_USAGE', `no check selected by ${parts.join(', ')}`, {
    fix: 'select requirement IDs (P-ADD-*) or words of check names that this plugin has checks for',
  });
}
