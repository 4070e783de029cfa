/**
 * Issue 7's bar for the shipped reference plugins: every suite (plugin and fidelity) in the strict profile,
 * with no failure and no warning. Runs the built CLI exactly as a plugin author would, against both builds of
 * the same sources: the native build (dist/native; a missing one fails), which the default run and `plugins
 * install` use, at every version it advertises; and the Node bundles (dist/plugins), the portable fallback,
 * with every suite at the newest version. Their version handling is the same TypeScript (src/plugins/skel), and
 * judging the fallback at all seven versions again doubled the project's slowest test file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, scratchDir } from '../cli/built-cli.ts';
import { nativePlugins, PLUGIN_BUILDS } from './support.ts';

interface ReportedCheck {
  readonly title: string;
  readonly verdict: string;
}

const PLUGINS = ['loopback', 'host-local', 'bridge'] as const;
const CASES = PLUGIN_BUILDS.flatMap((build) => PLUGINS.map((plugin) => [build, plugin] as const));

describe('reference plugins under the strict profile', () => {
  it.for(CASES)(
    '%s build of %s passes every suite with no failure and no warning',
    { timeout: 900_000 },
    async ([build, plugin]) => {
      ensureBuilt();
      const pluginDir = build === 'native' ? nativePlugins() : join(ROOT, 'dist/plugins');
      const dir = scratchDir();
      const json = join(dir, 'report.json');
      const run = await execa(
        'node',
        [
          ...[CLI, join(pluginDir, plugin), '--profile', 'strict', '--json', json, '--seed', '20261127'],
          ...(build === 'native' ? [] : ['--versions', '1.1.0']),
        ],
        { cwd: dir, reject: false, timeout: 840_000, env: { NO_COLOR: '1' } },
      );
      const report = JSON.parse(readFileSync(json, 'utf8')) as { checks: ReportedCheck[] };
      const flagged = report.checks.filter((check) => !['pass', 'skip', 'info'].includes(check.verdict));
      expect(flagged.map((check) => `${check.verdict}: ${check.title}`)).toEqual([]);
      expect(report.checks.filter((check) => check.verdict === 'pass').length).toBeGreaterThan(50);
      expect(run.exitCode, run.stdout.slice(-2000)).toBe(0);
    },
  );
});
