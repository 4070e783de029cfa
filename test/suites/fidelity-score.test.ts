/**
 * The harness's fidelity score (issue 6): the built CLI must fail every faulty fixture of
 * fixtures/faulty-plugins/manifest.ts (exit 1, the broken requirement among the failures) and must not fail the
 * upstream plugins beyond pinned, hand-reproduced upstream bugs (src/spec/known-bugs.ts: real bugs, not
 * failures). The third-party plugins of fixtures/third-party-plugins count in both sets: their faulty twins must be
 * caught, the good ones must pass. Prints "fidelity: caught X/Y, false alarms Z/W".
 *
 * Faulty runs use the fixture's `--only` patterns; upstream runs use all their title fragments together by
 * default, and the whole default suite with FIDELITY_FULL=1 (about a minute per plugin). One test per run, so `-t <file>` runs one
 * fixture; the runs share two CLI slots. After each faulty run, the repro scripts it wrote are replayed (one per
 * check across the file) and must reproduce; prints "repro scripts replayed: …".
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTY_FIXTURES, type FaultyFixture, fixturePath } from '../../fixtures/faulty-plugins/manifest.ts';
import {
  THIRD_PARTY_DIR,
  THIRD_PARTY_FAULTY,
  THIRD_PARTY_GOOD,
} from '../../fixtures/third-party-plugins/manifest.ts';
import { isRequirementPattern } from '../../src/cli/options.ts';
import { type CliVerdict, limiter, type ReportCheck, runCli } from './fidelity/cli-run.ts';
import { type Replay, replayNewRepros } from './fidelity/repro-replay.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UPSTREAM = ['bridge', 'host-local', 'loopback', 'ptp', 'tuning', 'portmap', 'bandwidth', 'firewall'];
const FULL = process.env.FIDELITY_FULL === '1';
/** CLI runs side by side: each already runs two suite files in parallel. */
const slot = limiter(2);
/** A run may wait for a slot behind the other concurrent tests. */
const RUN_TIMEOUT = 600_000;

/** Faulty fixtures: the project's wrappers of upstream plugins, and third-party plugins' faulty twins. */
const ALL_FAULTY: readonly FaultyFixture[] = [...FAULTY_FIXTURES, ...THIRD_PARTY_FAULTY];

const faulty = new Map<string, CliVerdict>();
/** The repro scripts replayed after each faulty run (one per check across the file: see repro-replay.ts). */
const replays = new Map<string, readonly Replay[]>();
/** Known-good runs: upstream plugins and the good third-party plugins; any failure is a false alarm. */
const upstream = new Map<string, CliVerdict>();

/**
 * Exit 1 with the requirement among the failures; for a check at level IMPL (INFO), exit 0 with it among the
 * warnings (informational findings).
 */
function caught(fixture: FaultyFixture, verdict: CliVerdict | undefined): boolean {
  if (verdict === undefined) return false;
  const findings = { fail: verdict.failures, warn: verdict.warnings, info: verdict.infos }[
    fixture.verdict ?? 'fail'
  ];
  const exitCode = fixture.verdict === undefined || fixture.verdict === 'fail' ? 1 : 0;
  return verdict.exitCode === exitCode && findings.some((f) => f.ids.includes(fixture.requirement));
}

/**
 * The checks the fixtures name by title (the fidelity checks they are caught by), through the CLI with the
 * built-in configs. Left out: the checks the fixtures select by requirement ID, or by the titles that narrow one
 * (`narrowed`): the plugin suites' checks, which the in-process upstream suites (test/suites/plugin/upstream-*)
 * run in full on the same eight plugins at every version, and the long leak, concurrency and robustness checks,
 * which only FIDELITY_FULL=1 runs on the upstream plugins.
 */
function upstreamOnly(): string[] {
  if (FULL) return [];
  const named = FAULTY_FIXTURES.filter((f) => f.narrowed === undefined).flatMap((f) => f.only);
  const patterns = [...new Set(named)].filter((p) => !isRequirementPattern(p));
  return patterns.flatMap((pattern) => ['--only', pattern]);
}

function runFixture(fixture: FaultyFixture): Promise<CliVerdict> {
  const args = [
    ...['--cni-path', (fixture.cniPath ?? ['/usr/lib/cni']).join(':')],
    ...fixture.only.flatMap((pattern) => ['--only', pattern]),
    ...['--role', fixture.role],
    ...(fixture.args ?? []),
  ];
  const plugin = fixturePath(fixture.file, fixture.dir);
  // The replays share the run's slot: they are the same plugin calls again.
  const withReports = async (dir: string, checks: readonly ReportCheck[]) => {
    replays.set(fixture.file, await replayNewRepros(dir, checks));
  };
  return slot(() => runCli({ root: ROOT, plugin, config: fixture.config, args, withReports }));
}

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli.js`))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}, 300_000);

afterAll(() => {
  const hits = ALL_FAULTY.filter((f) => caught(f, faulty.get(f.file))).length;
  const alarms = [...upstream.values()].filter((verdict) => verdict.failures.length > 0).length;
  const knownGood = UPSTREAM.length + THIRD_PARTY_GOOD.length;
  const partial = faulty.size < ALL_FAULTY.length || upstream.size < knownGood;
  console.log(
    `fidelity: caught ${hits}/${faulty.size}, false alarms ${alarms}/${upstream.size}` +
      (partial
        ? ` (a filtered run: ${ALL_FAULTY.length} fixtures, ${knownGood} known-good plugins in all)`
        : ''),
  );
  const all = [...replays.values()].flat();
  const count = (ending: Replay['ending']) => all.filter((replay) => replay.ending === ending).length;
  console.log(
    `repro scripts replayed: ${all.length} (one per failing check), reproduced ${count('reproduced')}, ` +
      `timing only ${count('timing')}, not reproduced ${count('not reproduced')}`,
  );
});

describe.concurrent('the CLI against faulty fixtures', () => {
  it.each(ALL_FAULTY.map((f) => [f.file, f] as const))(
    'catches %s',
    { timeout: RUN_TIMEOUT },
    async (_file, fixture) => {
      const verdict = await runFixture(fixture);
      faulty.set(fixture.file, verdict);
      // A renamed check would silently drop out of a run that names it by title.
      const stale = fixture.only.filter(
        (p) => !isRequirementPattern(p) && !verdict.titles.some((title) => title.includes(p)),
      );
      expect(stale, `--only fragments of ${fixture.file} that select no check`).toEqual([]);
      const findings = [...verdict.failures, ...verdict.warnings, ...verdict.infos]
        .map((f) => f.title)
        .join('\n  ');
      const expected = `${fixture.verdict ?? 'fail'} findings`;
      const account = `exit ${verdict.exitCode}, findings:\n  ${findings}\n${verdict.output}`;
      expect(caught(fixture, verdict), `${fixture.requirement} not among the ${expected}; ${account}`).toBe(
        true,
      );
      // Every repro reproduces unattended and cleans up; a call the check killed at a random moment may run to
      // its end on replay (the script then says "timing"), but every other call must end as recorded.
      for (const replay of replays.get(fixture.file) ?? []) {
        const about = `repro of ${replay.title} (${replay.script}), exit ${replay.exitCode}:\n${replay.stderrTail}`;
        expect(replay.ending, about).not.toBe('not reproduced');
        expect(replay.leftovers, about).toEqual([]);
      }
    },
  );
});

describe.concurrent('the CLI against upstream plugins', () => {
  it.each(UPSTREAM)('raises no false alarm on /usr/lib/cni/%s', { timeout: RUN_TIMEOUT }, async (name) => {
    // A pinned bug of the Debian build is real, not a false alarm: --accept-known makes exactly those warnings.
    const args = ['--cni-path', '/usr/lib/cni', '--accept-known', ...upstreamOnly()];
    const verdict = await slot(() => runCli({ root: ROOT, plugin: `/usr/lib/cni/${name}`, args }));
    upstream.set(name, verdict);
    const failed = verdict.failures.map((f) => f.title);
    expect(failed, `failures on upstream ${name}; output:\n${verdict.output}`).toEqual([]);
    expect(verdict.exitCode).toBe(0);
  });
});

describe.concurrent('the CLI against good third-party plugins', () => {
  it.each(THIRD_PARTY_GOOD.map((g) => [g.file, g] as const))(
    'raises no false alarm on third-party %s',
    { timeout: RUN_TIMEOUT },
    async (file, good) => {
      const args = [
        ...['--cni-path', '/usr/lib/cni', '--role', good.role],
        ...good.only.flatMap((pattern) => ['--only', pattern]),
        ...good.args,
      ];
      const run = { root: ROOT, plugin: `${THIRD_PARTY_DIR}${file}`, config: good.config, args };
      const verdict = await slot(() => runCli(run));
      upstream.set(file, verdict);
      const failed = verdict.failures.map((f) => f.title);
      expect(failed, `failures on third-party ${file}; output:\n${verdict.output}`).toEqual([]);
      expect(verdict.exitCode).toBe(0);
    },
  );
});
