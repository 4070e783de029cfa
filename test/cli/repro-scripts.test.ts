/**
 * Repro scripts as the suites write them, run for real: for fault fixtures whose checks use a plain call, a fault
 * wrapper installed from stdin (P-DLG-5) and a recording delegate spy (P-DLG-2), every generated script runs
 * unattended, exits 1 (the failure reproduces) and leaves none of its /tmp files behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli, scratchDir } from './built-cli.ts';

const isRoot = process.getuid?.() === 0;

const FIXTURES: ReadonlyArray<readonly [string, string]> = [
  ['P-ENV-2-ignores-missing-vars.sh', 'P-ENV-2'],
  ['P-DLG-5-leaks-ip-after-failed-add.sh', 'P-DLG-5'],
  ['P-DLG-2-delegate-gets-partial-config.sh', 'P-DLG-2'],
];

beforeAll(() => ensureBuilt(), 120_000);

describe.runIf(isRoot)('generated repro scripts', () => {
  it.each(FIXTURES)(
    '%s: every repro reproduces (exit 1) and cleans up',
    async (fixture, id) => {
      const dir = scratchDir();
      const config = JSON.parse(
        readFileSync(join(ROOT, 'fixtures/configs/defaults/bridge.conflist'), 'utf8'),
      );
      config.plugins[0].type = fixture;
      writeFileSync(join(dir, 'net.conflist'), JSON.stringify(config));
      const plugin = join(ROOT, 'fixtures/faulty-plugins', fixture);
      const args = [plugin, '--config', join(dir, 'net.conflist'), '--cni-path', '/usr/lib/cni'];
      const run = await runCli([...args, '--only', id, '--versions', '1.0.0'], dir);
      expect(run.exitCode, run.stderr).toBe(1);
      const scripts = readdirSync(join(dir, 'reports/repro')).map((name) => join(dir, 'reports/repro', name));
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        const replay = spawnSync('bash', [script], { encoding: 'utf8', timeout: 90_000 });
        expect(replay.status, `${script}\n${replay.stderr}`).toBe(1);
        expect(replay.stderr).toContain('reproduced: every call ended as recorded');
        for (const path of readFileSync(script, 'utf8').match(/\/tmp\/cnc-[A-Za-z0-9._-]+/g) ?? []) {
          expect(existsSync(path), path).toBe(false);
        }
      }
    },
    300_000,
  );
});
