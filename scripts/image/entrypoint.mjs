#!/usr/bin/env node
/**
 * The container image's entry point: runs the harness against the CNI config and plugin a node really uses,
 * then hands the reports over by Sonobuoy's result contract. Plain JS: it runs in the image as shipped.
 *
 * - config: $CNI_CONFLIST (a file name in $CNI_CONF_DIR, or a path), else the file a runtime loads, the
 *   lexically first *.conflist, *.conf or *.json in $CNI_CONF_DIR (default /host/etc/cni/net.d);
 * - plugin: $CNI_PLUGIN (a type name), else the config's first plugin, from $CNI_BIN_DIR (default
 *   /host/opt/cni/bin), which is also the CNI_PATH for delegates;
 * - results: JUnit, JSON and HTML under $SONOBUOY_RESULTS_DIR/cni-conformance, packed as results.tar.gz, whose
 *   path is then written to $SONOBUOY_RESULTS_DIR/done (the file Sonobuoy's worker waits for);
 * - $CNI_CONFORMANCE_ARGS: more harness options, split on spaces (e.g. "--versions 1.0.0 --fail-on must").
 *
 * The node's directories are mounted under /host because the harness's sandboxes make /opt/cni/bin and
 * /etc/cni/net.d private and empty. Exits with the harness's code (0 pass, 1 a check failed, 2 set-up).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const env = process.env;
const binDir = env.CNI_BIN_DIR || '/host/opt/cni/bin';
const confDir = env.CNI_CONF_DIR || '/host/etc/cni/net.d';
const resultsDir = env.SONOBUOY_RESULTS_DIR || '/tmp/sonobuoy/results';
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

function fail(message) {
  process.stderr.write(`cni-conformance-image: ${message}\n`);
  return 2;
}

/** The config file the node's runtime loads (libcni's order), or the one named by $CNI_CONFLIST. */
function chooseConfig() {
  const named = env.CNI_CONFLIST;
  if (named) return isAbsolute(named) ? named : join(confDir, named);
  if (!existsSync(confDir)) return undefined;
  const files = readdirSync(confDir)
    .filter((name) => /\.(conflist|conf|json)$/.test(name))
    .sort();
  return files[0] === undefined ? undefined : join(confDir, files[0]);
}

/** The type of the config's first plugin (a conflist's plugins[0], or a .conf's own type). */
function firstPluginType(file) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  const entry = Array.isArray(config.plugins) ? config.plugins[0] : config;
  return typeof entry?.type === 'string' ? entry.type : undefined;
}

/** Sonobuoy's contract: the results, then the done file naming them (written last, atomically enough). */
function handOver(reportDir) {
  const tarball = join(resultsDir, 'results.tar.gz');
  execFileSync('tar', ['-czf', tarball, '-C', reportDir, '.']);
  writeFileSync(join(resultsDir, 'done'), tarball);
}

function main() {
  mkdirSync(resultsDir, { recursive: true });
  rmSync(join(resultsDir, 'done'), { force: true });
  const reportDir = join(resultsDir, 'cni-conformance');
  const config = chooseConfig();
  let code;
  if (!config || !existsSync(config)) {
    code = fail(`no CNI config in ${confDir} (set CNI_CONFLIST to name one)`);
  } else {
    let type;
    try {
      type = env.CNI_PLUGIN || firstPluginType(config);
    } catch (error) {
      type = undefined;
      code = fail(`${config}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (type) {
      const extra = (env.CNI_CONFORMANCE_ARGS ?? '').split(/\s+/).filter(Boolean);
      const args = [cli, join(binDir, type), '--config', config, '--cni-path', binDir];
      args.push('--report-dir', reportDir, '--junit', join(reportDir, 'junit.xml'), ...extra);
      process.stdout.write(`cni-conformance-image: ${type} from ${binDir} with ${config}\n`);
      const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
      code = run.status ?? 2;
    } else if (code === undefined) {
      code = fail(`${config} names no plugin type (set CNI_PLUGIN)`);
    }
  }
  // A run that could not start still hands over what it has (the harness writes a report with the set-up
  // error), so the cluster run shows the reason instead of timing out.
  mkdirSync(reportDir, { recursive: true });
  handOver(reportDir);
  return code;
}

process.exitCode = main();
