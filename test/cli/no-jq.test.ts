/**
 * The harness needs no jq: the delegate spy (P-DLG-*) and the delegate fault wrappers (P-DLG-5) record and edit
 * with coreutils only. Proven by running them with jq masked (bind-mounted /dev/null in a private mount namespace).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, scratchDir } from './built-cli.ts';

const JQ = '/usr/bin/jq';
const isRoot = process.getuid?.() === 0;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

beforeAll(() => ensureBuilt(), 120_000);

describe('no jq needed', () => {
  it('no source under src/ or suites/ runs jq', () => {
    // The known-bug pins quote the commands a person ran to reproduce a bug; the harness never runs them.
    const harness = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'suites'))].filter(
      (file) => !file.includes('/src/spec/known-bugs/'),
    );
    const users = harness.filter((file) => /(^|[|;&(`$]\s*)jq\s/m.test(readFileSync(file, 'utf8')));
    expect(users).toEqual([]);
  });

  it.skipIf(!isRoot || !existsSync(JQ))(
    'the delegate checks pass on the shipped bridge with jq masked',
    async () => {
      const dir = scratchDir();
      const script = `mount --bind /dev/null ${JQ} && exec node ${CLI} --only P-DLG-2,P-DLG-5 --versions 1.0.0`;
      const run = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
        cwd: dir,
        reject: false,
        env: { NO_COLOR: '1' },
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode, run.stdout).toBe(0);
      const model = JSON.parse(readFileSync(join(dir, 'reports/cni-conformance.json'), 'utf8'));
      const verdicts = model.checks.map(
        (c: { ids: string[]; verdict: string }) => `${c.ids[0]} ${c.verdict}`,
      );
      expect(verdicts).toEqual(expect.arrayContaining(['P-DLG-2 pass', 'P-DLG-5 pass']));
    },
    180_000,
  );
});
