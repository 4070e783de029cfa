/**
 * The harness's fidelity score (issue 6): the built CLI must fail every faulty fixture (exit 1, the broken
 * requirement among the failures) and must not fail the upstream plugins beyond pinned, hand-reproduced upstream
 * bugs (those are "expected-fail" verdicts, not failures). Prints "fidelity: caught X/Y, false alarms Z/W".
 *
 * Faulty runs use `--only <the broken requirement>`; upstream runs use the same requirement IDs by default, and the
 * whole default suite with FIDELITY_FULL=1 (about a minute per plugin).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTY_FIXTURES, fixturePath } from '../../fixtures/faulty-plugins/manifest.ts';
import { type CliVerdict, inPool, runCli } from './fidelity/cli-run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UPSTREAM = ['bridge', 'host-local', 'loopback', 'ptp', 'tuning', 'portmap', 'bandwidth', 'firewall'];
const FULL = process.env.FIDELITY_FULL === '1';
/** CLI runs side by side: each already runs two suite files in parallel. */
const CONCURRENCY = 2;
const COMMON = ['--cni-path', '/usr/lib/cni'];

const faulty = new Map<string, CliVerdict>();
const upstream = new Map<string, CliVerdict>();

function caught(file: string): boolean {
  const fixture = FAULTY_FIXTURES.find((f) => f.file === file);
  const verdict = faulty.get(file);
  return (
    !!fixture && verdict?.exitCode === 1 && verdict.failures.some((f) => f.ids.includes(fixture.requirement))
  );
}

function upstreamOnly(): string[] {
  if (FULL) return [];
  const ids = [...new Set(FAULTY_FIXTURES.flatMap((f) => f.only ?? [f.requirement]))];
  return ids.flatMap((id) => ['--only', id]);
}

beforeAll(async () => {
  if (!existsSync(`${ROOT}dist/cli.js`))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const jobs = [
    ...FAULTY_FIXTURES.map((f) => async () => {
      const only = (f.only ?? [f.requirement]).flatMap((id) => ['--only', id]);
      const args = [...COMMON, ...only, '--role', f.role, ...(f.args ?? [])];
      faulty.set(f.file, await runCli({ root: ROOT, plugin: fixturePath(f.file), config: f.config, args }));
    }),
    ...UPSTREAM.map((name) => async () => {
      const args = [...COMMON, ...upstreamOnly()];
      upstream.set(name, await runCli({ root: ROOT, plugin: `/usr/lib/cni/${name}`, args }));
    }),
  ];
  await inPool(jobs, CONCURRENCY, (job) => job());
}, 3_600_000);

afterAll(() => {
  const hits = FAULTY_FIXTURES.filter((f) => caught(f.file)).length;
  const alarms = UPSTREAM.filter((name) => (upstream.get(name)?.failures.length ?? 1) > 0).length;
  console.log(
    `fidelity: caught ${hits}/${FAULTY_FIXTURES.length}, false alarms ${alarms}/${UPSTREAM.length}`,
  );
});

describe('the CLI against faulty fixtures', () => {
  it.each(FAULTY_FIXTURES.map((f) => [f.file, f] as const))('catches %s', (_file, fixture) => {
    const verdict = faulty.get(fixture.file);
    const failed = verdict?.failures.map((f) => f.title).join('\n  ');
    expect(verdict?.exitCode, `exit code; output:\n${verdict?.output}`).toBe(1);
    expect(caught(fixture.file), `${fixture.requirement} not among the failures:\n  ${failed}`).toBe(true);
  });
});

describe('the CLI against upstream plugins', () => {
  it.each(UPSTREAM)('raises no false alarm on /usr/lib/cni/%s', (name) => {
    const verdict = upstream.get(name);
    const failed = verdict?.failures.map((f) => f.title) ?? ['(no report)'];
    expect(failed, `failures on upstream ${name}; output:\n${verdict?.output}`).toEqual([]);
    expect(verdict?.exitCode).toBe(0);
  });
});
