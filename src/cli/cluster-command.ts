/**
 * `cni-conformance cluster [<plugin>] [--config FILE] [--nodes N] [--pods-per-node M] [--mode host-gw|vxlan|plugin]`:
 * a multi-node connectivity matrix on one machine. Exit 0: every cell and node passed; 1: one failed; 2: usage.
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeClusterReports } from '../cluster/cluster-report.ts';
import { loadClusterConfig } from '../cluster/node-config.ts';
import { CLUSTER_MODES, type ClusterMode, planCluster } from '../cluster/plan.ts';
import { renderClusterRepro } from '../cluster/repro.ts';
import { runCluster } from '../cluster/run.ts';
import { formatClusterReport } from '../cluster/terminal.ts';
import { HarnessError } from '../errors.ts';
import { EXIT_FAILED, EXIT_OK } from './exit-codes.ts';
import { resolvePlugin } from './resolve-plugin.ts';

/** Where the command writes; `process` fits. */
export interface ClusterCommandIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
}

const USAGE =
  'cni-conformance cluster [plugin] [--config FILE] [--nodes N] [--pods-per-node M] [--mode host-gw|vxlan|plugin] [--cni-path DIRS] [--timeout S] [--report-dir DIR]';

const OPTIONS = {
  config: { type: 'string' },
  nodes: { type: 'string', default: '3' },
  'pods-per-node': { type: 'string', default: '2' },
  mode: { type: 'string', default: 'host-gw' },
  'cni-path': { type: 'string' },
  timeout: { type: 'string', default: '30' },
  'report-dir': { type: 'string', default: 'reports' },
} as const;

function parseMode(value: string): ClusterMode {
  const mode = CLUSTER_MODES.find((m) => m === value);
  if (!mode)
    throw new HarnessError(
      'CNI_CONFORMANCE_USAGE',
      `--mode ${value} is not one of ${CLUSTER_MODES.join(', ')}`,
    );
  return mode;
}

function parseCount(name: string, value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value))
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `--${name} ${value} is not a whole number`);
  return count;
}

/** Runs the command; throws HarnessError for usage and setup problems (main prints one line, exit 2). */
export async function runClusterCommand(
  args: readonly string[],
  io: ClusterCommandIo,
  root: string,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `cluster: ${text.split('. ')[0]}`, { fix: USAGE });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new HarnessError(
      'CNI_CONFORMANCE_USAGE',
      `cluster takes one plugin, got ${positionals.join(' ')}`,
      {
        fix: USAGE,
      },
    );
  }
  const plugin = resolvePlugin(positionals[0], root);
  const plan = planCluster(
    parseCount('nodes', values.nodes),
    parseCount('pods-per-node', values['pods-per-node']),
    parseMode(values.mode),
  );
  const config = loadClusterConfig(root, plugin.type, values.config);
  const extra = values['cni-path']?.split(':').filter(Boolean) ?? [];
  const cniPath = [dirname(plugin.path), ...extra, '/usr/lib/cni'];
  const timeoutMs = parseCount('timeout', values.timeout) * 1000;
  const result = await runCluster({ plan, config, cniPath, timeoutMs });
  io.stdout.write(formatClusterReport(result, io.stdout.isTTY === true));
  const files = writeClusterReports(
    result,
    resolve(values['report-dir']),
    renderClusterRepro(result, plugin.path, cniPath),
  );
  io.stdout.write(`reports: ${files.join(', ')}\n`);
  const failed = result.cells.some((cell) => !cell.ok) || result.leaks.some((leak) => !leak.ok);
  return failed ? EXIT_FAILED : EXIT_OK;
}
