/**
 * The cluster mode against its fixtures: each faulty one fails exactly the cells (and leak checks) it
 * breaks, each known-good one passes everything. Real plugins, real namespaces. The faulty ones run root and
 * rootless (one user namespace for the whole run) when root, rootless otherwise: each check must be able to
 * fail in both; the known-good ones run in this user's default mode (test/cluster/rootless.test.ts runs the
 * upstream bridge as an unprivileged user).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterFixture,
  FAULTY_CLUSTER_FIXTURES,
  KNOWN_GOOD_CLUSTER_FIXTURES,
} from '../../fixtures/cluster/manifest.ts';
import { type Cell, cellName } from '../../src/cluster/matrix.ts';
import { loadClusterConfig } from '../../src/cluster/node-config.ts';
import { planCluster } from '../../src/cluster/plan.ts';
import { runCluster } from '../../src/cluster/run.ts';
import { packageRoot } from '../../src/package-root.ts';
import type { SandboxMode } from '../../src/sandbox/index.ts';

const isRoot = process.geteuid?.() === 0;
const FAULTY_MODES: readonly SandboxMode[] = isRoot ? ['root', 'rootless'] : ['rootless'];

function breaks(fixture: ClusterFixture, cell: Cell): boolean {
  return fixture.breaks.includes(cell.kind) || fixture.alsoBreaks?.matches(cell) === true;
}

async function verdicts(fixture: ClusterFixture, sandboxMode?: SandboxMode) {
  const type = fixture.plugin.split('/').at(-1) ?? '';
  const result = await runCluster({
    plan: planCluster(fixture.nodes, fixture.podsPerNode, fixture.mode),
    config: loadClusterConfig(packageRoot(), type, fixture.config),
    cniPath: [dirname(fixture.plugin), '/usr/lib/cni'],
    timeoutMs: 20_000,
    sandboxMode,
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

/** Faulty runs mostly wait for probe timeouts: three at a time, before their verdicts are read. */
const FAULTY_AT_ONCE = 3;
const RUN_TIMEOUT_MS = 180_000;

describe.each(FAULTY_MODES)('cluster fixtures (%s)', (mode) => {
  const found = new Map<string, Awaited<ReturnType<typeof verdicts>>>();
  beforeAll(async () => {
    for (let start = 0; start < FAULTY_CLUSTER_FIXTURES.length; start += FAULTY_AT_ONCE) {
      const batch = FAULTY_CLUSTER_FIXTURES.slice(start, start + FAULTY_AT_ONCE);
      const results = await Promise.all(
        batch.map(async (fixture) => [fixture.name, await verdicts(fixture, mode)] as const),
      );
      for (const [name, verdict] of results) found.set(name, verdict);
    }
  }, 2 * RUN_TIMEOUT_MS);

  for (const fixture of FAULTY_CLUSTER_FIXTURES) {
    const what = [...fixture.breaks, ...(fixture.alsoBreaks ? [fixture.alsoBreaks.what] : [])];
    it(`catches ${fixture.name}: fails ${what.join(', ') || 'no cell'} and no other`, () => {
      const verdict = found.get(fixture.name);
      expect(verdict?.result.pods.filter((pod) => pod.addError)).toEqual([]);
      expect(verdict?.wrong).toEqual([]);
      expect(verdict?.leaking).toEqual(fixture.leaksOn);
    });
  }
});

describe('cluster known-good plugins', () => {
  for (const fixture of KNOWN_GOOD_CLUSTER_FIXTURES) {
    it.skipIf(!existsSync(fixture.plugin))(
      `passes ${fixture.name}`,
      async () => {
        const { result, wrong, leaking } = await verdicts(fixture);
        expect(result.cells.length).toBeGreaterThan(0);
        expect(wrong).toEqual([]);
        expect(leaking).toEqual([]);
      },
      RUN_TIMEOUT_MS,
    );
  }
});
