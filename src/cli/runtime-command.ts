/**
 * `cni-conformance runtime judge LOG.jsonl` and `cni-conformance runtime run --runtime NAME|--runtime-config FILE`:
 * judge a recorded spy log offline, or run the runtime scenarios against a runtime and judge each log.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatParseIssues, HarnessError, isHarnessError } from '../errors.ts';
import { packageRoot } from '../package-root.ts';
import type { ShardInfo } from '../report/model.ts';
import type { AdapterFactory } from '../runtime-conformance/adapter.ts';
import { createCommandAdapter, loadRuntimeConfig } from '../runtime-conformance/adapters/command.ts';
import { RUNTIME_ADAPTERS } from '../runtime-conformance/adapters/registry.ts';
import { readConfDir } from '../runtime-conformance/conf-dir.ts';
import type { RuntimeProfile } from '../runtime-conformance/finding.ts';
import { judgeRuntimeLog } from '../runtime-conformance/judge.ts';
import { parseRuntimeLog } from '../runtime-conformance/log.ts';
import { startRecording, stopRecording } from '../runtime-conformance/recorder/record.ts';
import { renderJudgeReport } from '../runtime-conformance/render.ts';
import { buildRuntimeReportModel } from '../runtime-conformance/report-model.ts';
import { runScenario, type ScenarioRun } from '../runtime-conformance/scenario.ts';
import { RUNTIME_SCENARIOS } from '../runtime-conformance/scenarios/index.ts';
import { runRuntimeSuites } from '../runtime-conformance/suite-run.ts';
import { printHelp, type SubcommandIo, wantsHelp } from './help.ts';
import { parseShard } from './options.ts';

/** Where the command writes. `process` fits. */
export type RuntimeCommandIo = SubcommandIo;

const USAGE = [
  'usage: cni-conformance runtime run (--runtime NAME | --runtime-config FILE) [--scenario NAME]... [--profile strict|compat] [--json FILE] [--logs DIR] [--report-dir DIR] [--shard i/n]',
  '       cni-conformance runtime judge LOG.jsonl [--profile strict|compat] [--json FILE] [--conf-dir DIR]',
  '       cni-conformance runtime record --plugin-dir DIR [--log FILE] | runtime record --restore DIR',
].join('\n');

const PROFILE_HELP =
  '  --profile strict|compat   strict (default) judges the spec text; compat warns on IMPL deviations';

const RUN_HELP = [
  'usage: cni-conformance runtime run (--runtime NAME | --runtime-config FILE) [options]',
  '',
  'Installs spy plugins, drives each scenario through the runtime and judges what reached the plugins.',
  '',
  'options:',
  `  --runtime NAME            a built-in adapter: ${Object.keys(RUNTIME_ADAPTERS).join(', ')}`,
  '  --runtime-config FILE     a JSON command-template adapter for another runtime',
  `  --scenario NAME           run only this scenario (repeatable): ${RUNTIME_SCENARIOS.map((s) => s.name).join(', ')}`,
  PROFILE_HELP,
  '  --json FILE               write the findings as JSON',
  "  --logs DIR                keep each scenario's spy log (NAME.jsonl)",
  '  --shard i/n               run shard i of n of the scenarios; `cni-conformance merge` joins the JSON reports',
  '  --report-dir DIR          run through the suites and write runtime.{junit.xml,json,html} here',
  '  -h, --help                this help',
].join('\n');

const JUDGE_HELP = [
  'usage: cni-conformance runtime judge LOG.jsonl [options]',
  '',
  'Judges a recorded spy log offline against the runtime requirements.',
  '',
  'options:',
  PROFILE_HELP,
  '  --json FILE               write the findings as JSON',
  "  --conf-dir DIR            the runtime's CNI config dir, for a log without a scenario line (runtime record)",
  '  -h, --help                this help',
].join('\n');

const RECORD_HELP = [
  'usage: cni-conformance runtime record --plugin-dir DIR [--log FILE] | runtime record --restore DIR',
  '',
  'Puts a recorder in front of every plugin in DIR, so a live runtime can be judged on real traffic.',
  '',
  'options:',
  "  --plugin-dir DIR          the runtime's plugin directory (each binary is moved aside and wrapped)",
  '  --log FILE                where the recorder writes (JSON lines)',
  '  --restore DIR             put every plugin of DIR back, also after a crash',
  '  -h, --help                this help',
].join('\n');

const RUNTIME_HELP = [
  USAGE,
  '',
  'Runtime conformance: what a runtime sends to its plugins.',
  '',
  'commands:',
  '  run     run the scenarios against a runtime (cni-conformance runtime run --help)',
  '  judge   judge a recorded spy log (cni-conformance runtime judge --help)',
  '  record  record a live runtime in front of its real plugins (cni-conformance runtime record --help)',
].join('\n');

/** The help text for `runtime [sub] --help`. */
function runtimeHelp(sub: string | undefined): string {
  if (sub === 'run') return RUN_HELP;
  if (sub === 'judge') return JUDGE_HELP;
  if (sub === 'record') return RECORD_HELP;
  return RUNTIME_HELP;
}

const OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'string' },
  runtime: { type: 'string' },
  'runtime-config': { type: 'string' },
  scenario: { type: 'string', multiple: true },
  logs: { type: 'string' },
  'report-dir': { type: 'string' },
  'conf-dir': { type: 'string' },
  'plugin-dir': { type: 'string' },
  log: { type: 'string' },
  restore: { type: 'string' },
  shard: { type: 'string' },
} as const;

function usageError(what: string): HarnessError {
  return new HarnessError('CNI_CONFORMANCE_USAGE', what, {
    fix: 'usage: cni-conformance runtime run|judge … (cni-conformance runtime --help lists the options)',
  });
}

function parseProfile(raw: string | undefined): RuntimeProfile {
  // compat by default, as on the plugin side (src/cli/options.ts).
  if (raw === undefined || raw === 'strict' || raw === 'compat') return raw ?? 'compat';
  throw usageError(`--profile ${raw} is not strict or compat`);
}

async function writeJson(file: string | undefined, value: unknown): Promise<void> {
  if (!file) return;
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function judgeCommand(
  positionals: readonly string[],
  values: { profile?: string; json?: string; 'conf-dir'?: string },
  io: RuntimeCommandIo,
): Promise<number> {
  const [file] = positionals;
  if (!file) throw usageError('runtime judge needs a LOG.jsonl');
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `log ${file} cannot be read`, { cause });
  });
  const parsed = parseRuntimeLog(text);
  if (!parsed.ok)
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_INVALID',
      `log ${file}: ${formatParseIssues(parsed.issues)}`,
    );
  const confDir = values['conf-dir'];
  const networks = confDir ? await readConfDir(confDir) : undefined;
  const report = judgeRuntimeLog(parsed.value, {
    profile: parseProfile(values.profile),
    ...(networks ? { networks } : {}),
  });
  for (const warning of parsed.value.warnings ?? [])
    io.stderr.write(`cni-conformance: warning: ${warning}\n`);
  // A log that judged nothing gets the reason alone, not a page of skips.
  if (!report.nothingJudged) io.stdout.write(renderJudgeReport(report));
  await writeJson(values.json, { log: file, ...report });
  if (report.nothingJudged)
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_INVALID',
      `log ${file}: nothing judged: ${report.nothingJudged}`,
      {
        fix: 'record a runtime ADD/DEL into it (`runtime record`), or give --conf-dir for a log without a scenario line',
      },
    );
  return report.failed ? 1 : 0;
}

async function resolveAdapter(values: {
  runtime?: string;
  'runtime-config'?: string;
}): Promise<AdapterFactory> {
  if (values['runtime-config']) {
    const config = await loadRuntimeConfig(values['runtime-config']);
    return (workspace) => createCommandAdapter(workspace, config);
  }
  const name = values.runtime;
  if (!name) throw usageError('runtime run needs --runtime NAME or --runtime-config FILE');
  const factory = RUNTIME_ADAPTERS[name];
  if (!factory)
    throw usageError(`unknown runtime ${name} (known: ${Object.keys(RUNTIME_ADAPTERS).join(', ')})`);
  return factory;
}

function selectScenarios(names: readonly string[] | undefined) {
  if (!names || names.length === 0) return RUNTIME_SCENARIOS;
  return names.map((name) => {
    const scenario = RUNTIME_SCENARIOS.find((s) => s.name === name);
    if (!scenario)
      throw usageError(
        `unknown scenario ${name} (known: ${RUNTIME_SCENARIOS.map((s) => s.name).join(', ')})`,
      );
    return scenario;
  });
}

type Values = Record<string, string | string[] | boolean | undefined>;

/** `runtime record --plugin-dir DIR [--log FILE]` and `runtime record --restore DIR`. */
/**
 * `--shard i/n` for the runtime scenarios: scenario k of the selection (in catalogue order) goes to shard
 * (k mod n) + 1, the same on every shard. The run id ties the shards of one run together for `merge`.
 */
function shardScenarios(
  values: Values,
  names: readonly string[],
): { scenarios: string[]; shard: ShardInfo | undefined } {
  const spec = parseShard(values.shard as string | undefined);
  if (!spec) return { scenarios: [...names], shard: undefined };
  if (spec.count > names.length)
    throw usageError(`--shard ${spec.index}/${spec.count}: only ${names.length} scenario(s) to split`);
  const runId = createHash('sha256')
    .update(
      JSON.stringify([
        values.runtime ?? null,
        values['runtime-config'] ?? null,
        values.profile ?? null,
        names,
        spec.count,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    scenarios: names.filter((_, k) => k % spec.count === spec.index - 1),
    shard: { ...spec, runId },
  };
}

async function recordCommand(
  values: { 'plugin-dir'?: string; log?: string; restore?: string },
  io: RuntimeCommandIo,
): Promise<number> {
  if (values.restore) {
    const restored = await stopRecording(values.restore);
    io.stdout.write(`restored ${restored.length} plugin(s) in ${values.restore}: ${restored.join(' ')}\n`);
    return 0;
  }
  const dir = values['plugin-dir'];
  if (!dir) throw usageError('runtime record needs --plugin-dir DIR (or --restore DIR)');
  const log = resolve(values.log ?? 'runtime-record.jsonl');
  const wrapped = await startRecording(dir, log);
  io.stdout.write(
    `recording ${wrapped.length} plugin(s) of ${dir} into ${log}: ${wrapped.join(' ')}\nstop with: cni-conformance runtime record --restore ${dir}; then: cni-conformance runtime judge ${log} --conf-dir <the runtime's conf dir>\n`,
  );
  return 0;
}

/** `--report-dir`: run through the vitest suites and write JUnit/JSON/HTML like a plugin run. */
async function reportCommand(values: Values, io: RuntimeCommandIo): Promise<number> {
  const profile = parseProfile(values.profile as string | undefined);
  const runtime = values.runtime as string | undefined;
  const runtimeConfig = values['runtime-config'] as string | undefined;
  if (!runtime && !runtimeConfig)
    throw usageError('runtime run needs --runtime NAME or --runtime-config FILE');
  if (runtime && !RUNTIME_ADAPTERS[runtime]) {
    throw usageError(`unknown runtime ${runtime} (known: ${Object.keys(RUNTIME_ADAPTERS).join(', ')})`);
  }
  const { scenarios, shard } = shardScenarios(
    values,
    selectScenarios(values.scenario as string[] | undefined).map((s) => s.name),
  );
  const target = {
    ...(runtimeConfig ? { runtimeConfig: resolve(runtimeConfig) } : { runtime }),
    profile,
  };
  const reportDir = values['report-dir'] as string;
  const model = await runRuntimeSuites({ root: packageRoot(), target, reportDir, scenarios, shard });
  const { counts } = model;
  io.stdout.write(
    `runtime ${runtimeConfig ?? runtime} (${profile}): ${counts.pass} passed, ${counts.fail} failed, ${counts.warn} warnings, ${counts.info} info, ${counts.skip} skipped; reports in ${reportDir}\n`,
  );
  if (model.setupError) io.stderr.write(`cni-conformance: ${model.setupError}\n`);
  return model.exitCode;
}

async function runCommand(values: Values, io: RuntimeCommandIo): Promise<number> {
  if (values['report-dir']) return reportCommand(values, io);
  const profile = parseProfile(values.profile as string | undefined);
  const factory = await resolveAdapter(values as { runtime?: string; 'runtime-config'?: string });
  const startedAt = new Date();
  const runs: ScenarioRun[] = [];
  const selected = selectScenarios(values.scenario as string[] | undefined);
  const { scenarios, shard } = shardScenarios(
    values,
    selected.map((s) => s.name),
  );
  for (const scenario of selected.filter((s) => scenarios.includes(s.name))) {
    const run = await runScenario(scenario, factory, { profile });
    runs.push(run);
    io.stdout.write(`== ${scenario.name} (${run.adapter}): ${scenario.summary}\n`);
    io.stdout.write(run.skipped ? `SKIP ${run.skipped}\n` : renderJudgeReport(run.report));
    if (values.logs && !run.skipped) {
      await mkdir(values.logs as string, { recursive: true });
      await writeFile(join(values.logs as string, `${scenario.name}.jsonl`), run.logText);
    }
  }
  const failed = runs.some((run) => run.report.failed);
  // The plugin side's report model, as `--report-dir` writes it (runtime.json): one JSON shape for both.
  const runtimeConfig = values['runtime-config'] as string | undefined;
  const target = runtimeConfig
    ? { runtimeConfig: resolve(runtimeConfig), profile }
    : { runtime: values.runtime as string, profile };
  const model = buildRuntimeReportModel({
    root: packageRoot(),
    target,
    runs,
    startedAt,
    finishedAt: new Date(),
    shard,
  });
  await writeJson(values.json as string | undefined, model);
  return failed ? 1 : 0;
}

/** Runs `cni-conformance runtime …` (args after "runtime"); returns the exit code (0 ok, 1 failures, 2 usage/setup). */
export async function runRuntimeCommand(args: string[], io: RuntimeCommandIo): Promise<number> {
  if (wantsHelp(args)) {
    const words = args.filter((arg) => !arg.startsWith('-') && arg !== 'help');
    return printHelp(io, runtimeHelp(words[0]));
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    if (sub === 'judge') return await judgeCommand(rest, values, io);
    if (sub === 'run') return await runCommand(values, io);
    if (sub === 'record') return await recordCommand(values, io);
    throw usageError(sub ? `unknown runtime command ${sub}` : 'missing runtime command');
  } catch (error) {
    const message = isHarnessError(error)
      ? error.message
      : error instanceof Error
        ? error.message
        : String(error);
    io.stderr.write(`cni-conformance: ${message.split('\n')[0]}\n`);
    return 2;
  }
}
