/**
 * docs/examples/github-matrix.yml against action.yml: every input the example passes exists, the matrix covers
 * CNI versions × shards with shard i/n matching the matrix size, and the merge job merges each version's shards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, string>;
}
interface Job {
  readonly needs?: string;
  readonly if?: string;
  readonly strategy?: { readonly matrix: Record<string, readonly (string | number)[]> };
  readonly steps: readonly Step[];
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
const workflow = parse(readFileSync(join(ROOT, 'docs/examples/github-matrix.yml'), 'utf8')) as {
  jobs: Record<string, Job>;
};
const actionStep = (job: Job) => job.steps.find((s) => s.uses?.includes('cni-conformance@')) as Step;

describe('the CI matrix example', () => {
  it('passes only inputs action.yml declares, shard and merge mode among them', () => {
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['shard', 'durations', 'mode', 'reports']),
    );
    for (const job of Object.values(workflow.jobs))
      for (const name of Object.keys(actionStep(job).with ?? {}))
        expect(Object.keys(action.inputs)).toContain(name);
  });

  it('shards each CNI version into as many parts as the matrix has shards, then merges them after', () => {
    const { conformance, merge } = workflow.jobs;
    const matrix = conformance?.strategy?.matrix ?? {};
    expect(matrix['cni-version']?.length).toBeGreaterThan(1);
    const shards = matrix.shard ?? [];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(actionStep(conformance as Job).with?.shard).toBe(`\${{ matrix.shard }}/${shards.length}`);
    expect(merge?.needs).toBe('conformance');
    expect(merge?.if).toBe('always()');
    expect(actionStep(merge as Job).with?.mode).toBe('merge');
  });
});
