/**
 * `cni-conformance merge REPORT.json… [--junit F] [--json F] [--html F] [--report-dir D]`: the JSON reports of a
 * sharded run (`--shard i/n`) → the reports one unsharded run would have written, with its exit code.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from '../errors.ts';
import { mergeReports, parseShardReport } from '../report/merge.ts';
import { renderSummary } from '../report/terminal/summary.ts';
import { reportsWriteProblem } from '../report/writable.ts';
import { writeReports } from '../report/write.ts';
import { EXIT_SETUP, errorMessage } from './exit-codes.ts';
import { printHelp, type SubcommandIo, wantsHelp } from './help.ts';

/** Where the command writes. `process` fits. */
export type MergeCommandIo = SubcommandIo;

const HELP = [
  'usage: cni-conformance merge REPORT.json... [options]',
  '',
  'Merges the JSON reports of a sharded run (--shard i/n) into the reports one unsharded run would write;',
  'exits as that run would (0 nothing failed, 1 a check failed, 2 a shard is missing, duplicated or of another run).',
  '',
  'options:',
  '  --junit FILE              JUnit XML (default REPORT_DIR/cni-conformance.junit.xml)',
  '  --json FILE               JSON report (default REPORT_DIR/cni-conformance.json)',
  '  --html FILE               HTML report (default REPORT_DIR/cni-conformance.html)',
  '  --report-dir DIR          reports and repro scripts (default reports)',
  '  -h, --help                this help',
].join('\n');

const OPTIONS = {
  junit: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  'report-dir': { type: 'string' },
} as const;

async function readShard(file: string) {
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `cannot read ${file}`, {
      cause,
      fix: 'give the JSON report (--json) of each shard',
    });
  });
  return parseShardReport(file, text);
}

/** Runs `cni-conformance merge …` (args after "merge"); returns the exit code. */
export async function runMergeCommand(args: string[], io: MergeCommandIo, cwd: string): Promise<number> {
  if (wantsHelp(args)) return printHelp(io, HELP);
  try {
    const { values, positionals } = parseArgs({
      args,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0)
      throw new HarnessError('CNI_CONFORMANCE_USAGE', 'merge needs the JSON reports of the shards', {
        fix: 'cni-conformance merge shard-1.json shard-2.json [--report-dir DIR]',
      });
    const reportDir = resolve(cwd, values['report-dir'] ?? 'reports');
    const paths = {
      reportDir,
      junitFile: resolve(cwd, values.junit ?? `${reportDir}/cni-conformance.junit.xml`),
      jsonFile: resolve(cwd, values.json ?? `${reportDir}/cni-conformance.json`),
      htmlFile: resolve(cwd, values.html ?? `${reportDir}/cni-conformance.html`),
    };
    const unwritable = reportsWriteProblem(paths);
    if (unwritable) throw new HarnessError('CNI_CONFORMANCE_USAGE', unwritable);
    const shards = await Promise.all(positionals.map((file) => readShard(resolve(cwd, file))));
    const model = mergeReports(shards);
    await writeReports(model, paths);
    if (model.setupError) io.stderr.write(`cni-conformance: ${model.setupError}\n`);
    else io.stdout.write(renderSummary(model, [paths.junitFile, paths.jsonFile, paths.htmlFile]));
    return model.exitCode;
  } catch (error) {
    io.stderr.write(`cni-conformance: ${errorMessage(error).split('\n')[0]}\n`);
    return EXIT_SETUP;
  }
}
