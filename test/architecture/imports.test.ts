import { describe, expect, it } from 'vitest';
import { cycles, importGraph, sourceFiles } from './import-graph.ts';

/** The first folder below src (`src/cli/x.ts` → `src/cli`); top-level files stand for themselves. */
function area(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
}

describe('import direction', () => {
  const src = importGraph(sourceFiles('src'));

  it('src imports nothing from suites, test, fixtures or bench', () => {
    const against = [...src].flatMap(([file, imports]) =>
      imports.filter((to) => !to.startsWith('src/')).map((to) => `${file} → ${to}`),
    );
    expect(against).toEqual([]);
  });

  it('suites import nothing from test or bench', () => {
    const suites = importGraph(sourceFiles('suites'));
    const against = [...suites].flatMap(([file, imports]) =>
      imports.filter((to) => /^(test|bench)\//.test(to)).map((to) => `${file} → ${to}`),
    );
    expect(against).toEqual([]);
  });

  it('has no file-level import cycle in src or suites', () => {
    const graph = importGraph([...sourceFiles('src'), ...sourceFiles('suites')]);
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between the areas of src', () => {
    const areas = new Map<string, Set<string>>();
    for (const [file, imports] of src) {
      const from = area(file);
      const targets = areas.get(from) ?? new Set<string>();
      for (const to of imports) if (area(to) !== from) targets.add(area(to));
      areas.set(from, targets);
    }
    const graph = new Map([...areas].map(([from, to]) => [from, [...to]]));
    expect(cycles(graph)).toEqual([]);
  });
});
