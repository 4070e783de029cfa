/**
 * The cluster mode against its fixtures: each faulty one fails exactly the cells (and leak checks) it
 * breaks, each known-good one passes everything. Real plugins, real namespaces; root only.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ClusterFixture,
  FAULTY_CLUSTER_FIXTURES,
  KNOWN_GOOD_CLUSTER_FIXTURES,
} from '../../fixtures/cluster/manifest.ts';
import { packageRoot } from '../../src/cli/package-root.ts';
import { type Cell, cellName } from '../../src/cluster/matrix.ts';
import { loadClusterConfig } from '../../src/cluster/node-config.ts';
import { planCluster } from '../../src/cluster/plan.ts';
import { runCluster } from '../../src/cluster/run.ts';

const isRoot = process.geteuid?.() === 0;

function breaks(fixture: ClusterFixture, cell: Cell): boolean {
  return fixture.breaks.includes(cell.kind) || fixture.alsoBreaks?.matches(cell) === true;
}

async function verdicts(fixture: ClusterFixture) {
  const type = fixture.plugin.split('/').at(-1) ?? '';
  const result = await runCluster({
    plan: planCluster(fixture.nodes, fixture.podsPerNode, fixture.mode),
    config: loadClusterConfig(packageRoot(), type, fixture.config),
    cniPath: [dirname(fixture.plugin), '/usr/lib/cni'],
    timeoutMs: 20_000,
  });
  const wrong = result.cells
    .filter((cell) => cell.ok === breaks(fixture, cell.cell))
    .map(
      (cell) =>
        `${cell.ok ? 'passed' : 'failed'}: ${cellName(cell.cell)} ${cell.probes.map((p) => `${p.probe}=${p.detail}`).join(' ')}`,
    );
  const leaking = result.leaks.filter((leak) => !leak.ok).map((leak) => leak.node);
  return { result, wrong, leaking };
}

// Faulty runs mostly wait for probe timeouts: they run side by side.
describe.skipIf(!isRoot).concurrent('cluster fixtures', () => {
  for (const fixture of FAULTY_CLUSTER_FIXTURES) {
    const what = [...fixture.breaks, ...(fixture.alsoBreaks ? [fixture.alsoBreaks.what] : [])];
    it(`catches ${fixture.name}: fails ${what.join(', ') || 'no cell'} and no other`, async () => {
      const { result, wrong, leaking } = await verdicts(fixture);
      expect(result.pods.filter((pod) => pod.addError)).toEqual([]);
      expect(wrong).toEqual([]);
      expect(leaking).toEqual(fixture.leaksOn);
    });
  }
});

describe.skipIf(!isRoot)('cluster known-good plugins', () => {
  for (const fixture of KNOWN_GOOD_CLUSTER_FIXTURES) {
    it.skipIf(!existsSync(fixture.plugin))(`passes ${fixture.name}`, async () => {
      const { result, wrong, leaking } = await verdicts(fixture);
      expect(result.cells.length).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
      expect(leaking).toEqual([]);
    });
  }
});
