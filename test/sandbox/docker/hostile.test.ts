/**
 * `--sandbox docker` holds against a hostile plugin (needs-docker): the whole run is in a container, and the plugin
 * attacks on every path it is run on there (every-path.sh: the VERSION probe writes the host's CNI dirs and leaves
 * a setsid daemon; ADD writes /etc, the CNI dirs, /run, /tmp and the checkout). The run reports the plugin's
 * failure with what it did, and the real host is as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { takeHostState } from '../../../src/inspect/index.ts';
import { probeEngine } from '../../../src/sandbox/docker/index.ts';
import { ROOT, runCli } from '../../cli/built-cli.ts';
import { formatHostDifferences, hostDamage, processesMatching } from '../support/host-guard.ts';

const PLUGIN = join(ROOT, 'fixtures/hostile-plugins/every-path.sh');
const TRACES = /evil|hostile-fs-writer|sleep 1000/;

const engine = await probeEngine();
if (!engine.reachable) console.warn(`docker hostile-plugin test skipped (needs-docker): ${engine.reason}`);

describe.skipIf(!engine.reachable)(
  'a hostile plugin in the docker sandbox (needs-docker)',
  { timeout: 180_000 },
  () => {
    const work = mkdtempSync(join(tmpdir(), 'cni-docker-hostile-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('is reported with what it did, and the host keeps none of it', async () => {
      const config = join(work, 'hostile.conf');
      writeFileSync(config, '{"cniVersion":"1.0.0","name":"hostile","type":"every-path.sh"}');
      const before = await takeHostState();
      const json = join(work, 'report.json');
      const run = await runCli(
        [
          PLUGIN,
          ...['--config', config, '--sandbox', 'docker', '--only', 'P-ADD-1', '--versions', '1.0.0'],
          ...['--report-dir', join(work, 'reports'), '--json', json],
        ],
        work,
      );
      expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(1);
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        checks: { ids: string[]; verdict: string; failure?: string }[];
      };
      const addFailure = report.checks.find((c) => c.ids.includes('P-ADD-1') && c.verdict === 'fail');
      // The probe answered (its guard refuses outside a sandbox), so ADD ran; its message says what it reached.
      expect(addFailure?.failure).toMatch(/fs-writer: \/etc:refused \/var\/lib\/cni:written/);
      const damage = hostDamage(before, await takeHostState(), TRACES);
      expect(damage, formatHostDifferences(damage)).toEqual([]);
      expect(processesMatching(/\bsleep 1000$/)).toEqual([]);
    });
  },
);
