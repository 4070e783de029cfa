/**
 * CI's proof that the project's own tests leave the host as they found it. `save <file>` before `npm test`,
 * `compare <file> [--ignore-path <path>]…` after: prints every difference (network views, CNI dirs, processes,
 * mounts, names under /etc, /opt/cni, /run and /tmp) and exits 1 if any is left after the exclusions below.
 * Uses the inspector's host-state snapshot (src/inspect/host-state.ts), as the hostile-plugin tests do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  diffHostStates,
  formatHostDifferences,
  type HostDifference,
  type HostState,
  takeHostState,
} from '../../src/inspect/index.ts';

/**
 * What CI itself legitimately changes, each with why ignoring it cannot hide damage by a plugin or a test:
 * - tool caches under /tmp (tsx's transform cache, the harness's own vite cache dir, Node's compile cache):
 *   written by the toolchain by design to be reused by the next run; they hold no host configuration.
 * - /run/cni-conformance and /tmp/cni-conformance-<uid> themselves: the harness's runs roots (root's, and an
 *   unprivileged user's, as the rootless tests run), created on first use. Their contents are still compared (a
 *   run directory left behind is a crashed run).
 * - /run/xtables.lock: the lock file iptables creates on first use (the inspector's own read-only
 *   iptables-save may create it); empty, it holds no rule.
 * - /run/containerd and its empty fifo/runc/s directories: containerd-shim-runc-v2 keeps its state under that fixed
 *   root whatever containerd's own state dir is; the containerd adapters remove their namespace under it, and any
 *   file left inside is still reported.
 * - `--ignore-path DIR/` (a trailing slash: the whole tree): the tests' own TMPDIR, where scratch files of the
 *   project's tests go (.ci/run removes it afterwards). A plugin writes literal paths, which stay compared.
 * Processes started before the first snapshot (dockerd, containerd) are in both snapshots and so compared like
 * any other: one that died during the tests is reported. Kernel threads, and the snapshot command's own
 * launcher chain and helpers, are left out by the snapshot itself.
 */
const TOLERATED = [
  /^(dir|file|other) \/tmp\/(tsx-\d+|cni-conformance-vite-\d+|node-compile-cache|v8-compile-cache-\d+)(\/| |$)/,
  /^dir (\/run\/cni-conformance|\/tmp\/cni-conformance-\d+)$/,
  /^(file|other) \/run\/xtables\.lock( |$)/,
  /^dir \/run\/containerd(\/(fifo|runc|s))?$/,
];

function tolerated(entry: HostDifference, ignoredPaths: readonly string[]): boolean {
  if (entry.kind !== 'path') return false;
  const path = entry.id.split(' ')[1] ?? '';
  const ignored = (ignore: string) =>
    ignore.endsWith('/') ? `${path}/`.startsWith(ignore) : path === ignore;
  return TOLERATED.some((pattern) => pattern.test(entry.id)) || ignoredPaths.some(ignored);
}

function ignoredPathsOf(args: readonly string[]): string[] {
  return args.flatMap((arg, index) => (args[index - 1] === '--ignore-path' ? [arg] : []));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if ((command !== 'save' && command !== 'compare') || !file) {
    process.stderr.write('usage: host-snapshot.ts save <file> | compare <file> [--ignore-path <path>]…\n');
    return 2;
  }
  if (command === 'save') {
    writeFileSync(file, JSON.stringify(await takeHostState()));
    return 0;
  }
  const before = JSON.parse(readFileSync(file, 'utf8')) as HostState;
  const ignored = ignoredPathsOf(rest);
  const differences = diffHostStates(before, await takeHostState()).filter(
    (entry) => !tolerated(entry, ignored),
  );
  if (differences.length === 0) {
    process.stdout.write('host check: the host is as it was before npm test\n');
    return 0;
  }
  process.stdout.write(
    `host check: npm test changed the host (${differences.length}):\n${formatHostDifferences(differences)}\n`,
  );
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
