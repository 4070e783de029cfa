/**
 * `cni-conformance <plugin-path> [options]` and its subcommands (exec, clean, plugins install).
 * Exit 0: nothing failed; 1: a check failed; 2: usage or setup error, printed as one line, never a stack trace.
 */
import { Command, CommanderError, Option } from 'commander';
import { packageRoot, packageVersion } from '../package-root.ts';
import { didYouMean } from './did-you-mean.ts';
import { EXIT_SETUP, errorMessage } from './exit-codes.ts';
import { type RunOptions, resolveRunOptions } from './options.ts';

/** Repeatable option whose values may contain commas (paths). */
function collectAll(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

function addRunOptions(program: Command): Command {
  return program
    .argument('[plugin-path]', 'plugin binary to test (default: the shipped reference bridge)')
    .option('--config <file>', 'conflist or .conf holding the plugin (default: built-in config for its type)')
    .option(
      '--cni-path <dirs>',
      "where delegated plugins are found, ':'-separated (the plugin's dir is added)",
    )
    .addOption(new Option('--role <role>', 'main|ipam|meta (default: inferred from the config)'))
    .option('--profile <profile>', 'compat (IMPL deviations warn) | strict (spec text only)', 'compat')
    .option('--fail-on <level>', 'should (MUST and SHOULD failures fail) | must', 'should')
    .option('--versions <list>', 'comma-separated CNI versions (default: every advertised version)')
    .option(
      '--only <ids>',
      'run only these requirement IDs/globs (P-ENV-*) or test names; repeatable',
      collect,
    )
    .option('--skip <ids>', 'skip these requirement IDs/globs or test names; repeatable', collect)
    .option('--timeout <seconds>', 'per plugin call', '30')
    .option('--parallel <n>', 'suite files run in parallel', '2')
    .option('--junit <file>', 'JUnit XML (default reports/cni-conformance.junit.xml)')
    .option('--json <file>', 'JSON report (default reports/cni-conformance.json)')
    .option('--html <file>', 'HTML report (default reports/cni-conformance.html)')
    .option('--report-dir <dir>', 'reports and repro scripts', 'reports')
    .option(
      '--sandbox <kind>',
      'netns | docker (the suites inside a container) | vagrant (inside a VM; see vagrant/README.md)',
      'netns',
    )
    .option(
      '--image <name>',
      'with --sandbox docker: an image with iproute2 and iptables (default: built locally)',
    )
    .option('--seed <n>', 'seed for property-based checks')
    .option('--watch-dir <dir>', 'also diff the files under this sandbox directory; repeatable', collectAll)
    .option(
      '--state-dir <dir>',
      'where the IPAM keeps its state (makes release observable); repeatable',
      collectAll,
    )
    .option('--state-command <cmd>', "prints the IPAM's state, one item a line, run inside the sandbox")
    .option('--ipam-range <cidr>', 'a range to give an IPAM with its own config schema (exhaustion checks)')
    .option(
      '--timings',
      'after the summary, print where the time went: per suite, checks, plugin calls, seconds',
    )
    .option(
      '--shard <i/n>',
      'run shard i of n (split by requirement ID and version); merge the reports after',
    )
    .option(
      '--durations <file>',
      'with --shard: balance the shards by the durations of this earlier JSON report',
    )
    .option(
      '--accept-known',
      'known upstream bugs of this exact plugin build (sha256 or Debian package) warn instead of failing',
    );
}

const runExec = async (args: string[]) =>
  (await import('./exec-command.ts')).runExecCommand(args, process.env, process);
const runPlugins = async (args: string[]) =>
  (await import('./plugins-command.ts')).runPluginsCommand(args, process);
const runRuntime = async (args: string[]) =>
  (await import('./runtime-command.ts')).runRuntimeCommand(args, process);
const runMerge = async (args: string[]) =>
  (await import('./merge-command.ts')).runMergeCommand(args, process, process.cwd());

/**
 * `help [command...]`: the root has an action (the plugin run), so commander adds no help command by itself; the
 * pass-through subcommands print their own help (`help runtime run` = `runtime run --help`).
 */
function addHelpCommand(program: Command, setExit: (code: number) => void): void {
  const ownHelp: Readonly<Record<string, (args: string[]) => Promise<number>>> = {
    exec: runExec,
    plugins: runPlugins,
    runtime: runRuntime,
    merge: runMerge,
  };
  program
    .command('help')
    .description('help for a command (cni-conformance help runtime run)')
    .argument('[command...]')
    .action(async (words: string[]) => {
      const [name, ...rest] = words;
      const runner = name === undefined ? undefined : ownHelp[name];
      if (runner) return setExit(await runner([...rest, '--help']));
      const command = program.commands.find((c) => c.name() === name);
      if (name !== undefined && !command) {
        const names = program.commands.map((c) => c.name());
        throw new CommanderError(2, 'cni.help', `no command ${name}${didYouMean(name, names)}`);
      }
      (command ?? program).outputHelp();
      setExit(0);
    });
}

/** Builds the program; `setExit` receives each command's exit code. */
export function buildProgram(setExit: (code: number) => void): Command {
  const root = packageRoot();
  const program = new Command('cni-conformance')
    .description('CNI conformance suites for a plugin, in throwaway network namespaces')
    .version(packageVersion(root))
    .showSuggestionAfterError(true)
    // Subcommands take their own options (`runtime run --report-dir …`): without this the root's options of the
    // same name would swallow them.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  addRunOptions(program).action(async (plugin: string | undefined, raw: RunOptions) => {
    const options = resolveRunOptions(raw, process.cwd());
    const io = { stdout: process.stdout, stderr: process.stderr };
    // Each command loads its own modules: `exec` (a cnitool, called per container) must not pay for the suites'.
    const runners = {
      netns: async () => (await import('./run-command.ts')).runConformance,
      docker: async () => (await import('../sandbox/docker/index.ts')).runDockerConformance,
      vagrant: async () => (await import('../sandbox/vagrant/index.ts')).runVagrantConformance,
    } as const;
    const runner = await runners[options.sandbox]();
    setExit(await runner(plugin, options, io, root));
  });
  program
    .command('exec')
    .passThroughOptions()
    .description('cnitool-compatible: exec add|check|del|gc|status <network> <netns-path>')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => setExit(await runExec(args)));
  program
    .command('plugins')
    .passThroughOptions()
    .description('plugins install DIR [--force] [--all] | plugins list: the shipped reference plugins')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => setExit(await runPlugins(args)));
  program
    .command('runtime')
    .passThroughOptions()
    .description('runtime run --runtime NAME | runtime judge LOG.jsonl: runtime conformance')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => setExit(await runRuntime(args)));
  program
    .command('merge')
    .passThroughOptions()
    .description('merge REPORT.json... [--report-dir DIR]: the shard reports of a --shard run, as one run')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => setExit(await runMerge(args)));
  program
    .command('cluster')
    .passThroughOptions()
    .description(
      'cluster [plugin] [--nodes N] [--pods-per-node M] [--mode host-gw|vxlan|plugin]: multi-node connectivity matrix',
    )
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) =>
      setExit(await (await import('./cluster-command.ts')).runClusterCommand(args, process, root)),
    );
  program
    .command('clean')
    .description('remove what crashed runs left behind')
    .action(async () => {
      const { cleanRuns } = await import('../sandbox/index.ts');
      const report = cleanRuns();
      process.stdout.write(
        `removed ${report.removedRuns.length} run dir(s), killed ${report.killedPids.length} process(es)\n`,
      );
      setExit(0);
    });
  addHelpCommand(program, setExit);
  return program;
}

/** One line for a commander error: "unknown option '--fial-on' (did you mean --fail-on?)". */
function commanderLine(error: CommanderError): string {
  return error.message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim().replace(/^\(Did you mean (.*)\?\)$/, '(did you mean $1?)'))
    .filter(Boolean)
    .join(' ');
}

const PASS_THROUGH = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  try {
    await buildProgram((c) => {
      code = c;
    }).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError && PASS_THROUGH.has(error.code)) return 0;
    const line = error instanceof CommanderError ? commanderLine(error) : errorMessage(error);
    process.stderr.write(`cni-conformance: ${line}\n`);
    return EXIT_SETUP;
  }
}

const code = await main(process.argv.slice(2));
// Exit now: nothing left to do, and vitest's module graph or a stray plugin child must not keep the run alive.
// stdout and stderr are synchronous for files, pipes and TTYs on Linux, so nothing written is lost.
process.exit(code);
