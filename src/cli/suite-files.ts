/**
 * A cheap pre-filter for `--only` runs: suite files that cite requirement IDs literally, none of them selected, are
 * not even loaded (collecting every suite file is most of a narrow run's fixed cost). A file citing no literal ID
 * (its IDs come from a shared module) is always kept, so the filter can only skip files it can read the IDs of.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchesRequirementPattern } from '../spec/requirements.ts';
import { isRequirementPattern } from './options.ts';

const LITERAL_ID = /\b[PR]-[A-Z]+-\d+\b/g;

function listCheckFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listCheckFiles(path);
    return entry.name.endsWith('.check.ts') ? [path] : [];
  });
}

/** The suite files worth loading for `only`, or undefined to load them all. */
export function selectSuiteFiles(root: string, only: readonly string[]): string[] | undefined {
  if (only.length === 0 || !only.every(isRequirementPattern)) return undefined;
  return listCheckFiles(join(root, 'suites')).filter((file) => {
    const ids = readFileSync(file, 'utf8').match(LITERAL_ID) ?? [];
    return (
      ids.length === 0 || ids.some((id) => only.some((pattern) => matchesRequirementPattern(id, pattern)))
    );
  });
}
