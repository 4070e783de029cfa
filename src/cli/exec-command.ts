/**
 * `cni-conformance exec add|check|del|gc|status <network> <netns-path>`: a drop-in cnitool on the simulated
 * runtime. It honours cnitool's environment: NETCONFPATH (default /etc/cni/net.d), CNI_PATH, CNI_IFNAME
 * (default eth0; the newer cnitool's `-i/--ifname` flag wins), CNI_ARGS (`k=v;k2=v2`), CAP_ARGS (JSON capability arguments); the container ID is derived
 * from the netns path as cnitool does ("cnitool-" + the first 10 bytes of its SHA-512, in hex). Extra knobs:
 * CNI_CONFORMANCE_CACHE_DIR (default /var/lib/cni) and CNI_CONFORMANCE_LIBCNI_COMPAT=0 (the spec text's runtime
 * instead of libcni 1.1's). test/runtime/exec-vs-cnitool.test.ts holds it to cnitool call for call.
 *
 * Plugins run on this host (cnitool mode) unless another executor is injected. Bad input prints one line and a
 * plugin failure libcni's one-line error; both return 1, as cnitool does. ADD prints the result as cnitool.
 */
import { resolve } from 'node:path';
import { HarnessError, isHarnessError } from '../errors.ts';
import type { Attachment } from '../runtime/env.ts';
import type { OperationOutcome } from '../runtime/outcome.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Executor } from '../sandbox/process.ts';
import { printHelp, type SubcommandIo, wantsHelp } from './help.ts';

/** Where the command writes. `process` fits. */
export type ExecCommandIo = SubcommandIo;

/** Seams for tests and sandboxed runs. */
export interface ExecCommandOptions {
  /** @defaultValue hostExecutor (under Bun, the same contract on Bun.spawn: exec-executor.ts) */
  readonly executor?: Executor;
}

const COMMANDS = ['add', 'check', 'del', 'gc', 'status'] as const;
type ExecVerb = (typeof COMMANDS)[number];

const USAGE = 'usage: cni-conformance exec add|check|del|gc|status <network> <netns-path>';

const HELP = [
  `${USAGE} [-i|--ifname NAME]`,
  '',
  'A drop-in cnitool: runs the network list <network> from NETCONFPATH against the namespace <netns-path>.',
  '',
  'options:',
  '  -i, --ifname NAME   interface name in the container (wins over CNI_IFNAME)',
  '  -h, --help          this help',
  '',
  'environment:',
  '  NETCONFPATH         where the network configs are (default /etc/cni/net.d)',
  "  CNI_PATH            ':'-separated plugin dirs",
  '  CNI_IFNAME          interface name (default eth0)',
  '  CNI_ARGS            KEY=VALUE;KEY2=VALUE2 passed to the plugins',
  '  CAP_ARGS            JSON object of capability arguments',
  '  CNI_CONFORMANCE_CACHE_DIR       result cache (default /var/lib/cni)',
  '  CNI_CONFORMANCE_LIBCNI_COMPAT=0 follow the spec text where libcni 1.1 (and so cnitool) departs',
  '                                  from it: DEL after a failed ADD, CHECK needs a cached result,',
  '                                  identifiers checked on every verb, netns in the cache',
].join('\n');

/** Bun's native hasher (the native build); this Node project has no Bun types. */
interface BunHasher {
  CryptoHasher: new (algorithm: 'sha512') => { update(data: string): { digest(): Uint8Array } };
}

/**
 * cnitool's container ID for a netns path. Not node:crypto: the native build (Bun) spends ~15 ms of CPU loading
 * it, a third of what cnitool takes for a whole call; there Bun's own hasher (Web Crypto's first use costs ~1 ms
 * more), elsewhere Web Crypto.
 */
export async function deriveContainerId(netnsPath: string): Promise<string> {
  const bun = (globalThis as { Bun?: BunHasher }).Bun;
  const digest = bun
    ? new bun.CryptoHasher('sha512').update(netnsPath).digest()
    : new Uint8Array(await globalThis.crypto.subtle.digest('SHA-512', new TextEncoder().encode(netnsPath)));
  return `cnitool-${Buffer.from(digest.buffer, digest.byteOffset, 10).toString('hex')}`;
}

/** Parses CNI_ARGS as cnitool does: `k=v` pairs separated by ';', neither side empty. */
export function parseCniArgs(raw: string): [string, string][] {
  return raw.split(';').map((pair) => {
    const parts = pair.split('=');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new HarnessError('CNI_CONFORMANCE_USAGE', `invalid CNI_ARGS pair ${JSON.stringify(pair)}`, {
        fix: 'write CNI_ARGS as KEY=VALUE;KEY2=VALUE2',
      });
    }
    return [parts[0], parts[1]];
  });
}

function parseCapabilityArgs(raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new HarnessError('CNI_CONFORMANCE_USAGE', `CAP_ARGS is not a JSON object: ${raw}`, {
    fix: 'set CAP_ARGS to a JSON object, e.g. {"portMappings":[...]}',
  });
}

function parseVerb(raw: string | undefined): ExecVerb {
  const verb = COMMANDS.find((command) => command === raw);
  if (!verb)
    throw new HarnessError('CNI_CONFORMANCE_USAGE', `unknown exec command ${JSON.stringify(raw ?? '')}`, {
      fix: USAGE,
    });
  return verb;
}

/** The environment a plugin inherits: the caller's, minus CNI_* (the runtime sets those per verb). */
function inheritedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const entries = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('CNI_'),
  );
  return Object.fromEntries(entries);
}

/** Splits off the newer cnitool's `-i/--ifname NAME` flag; the rest are positional. */
function splitIfnameFlag(args: readonly string[]): { positional: string[]; ifname: string | undefined } {
  const positional: string[] = [];
  let ifname: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-i' || arg === '--ifname') {
      ifname = args[index + 1];
      index += 1;
    } else if (arg.startsWith('--ifname=')) {
      ifname = arg.slice('--ifname='.length);
    } else {
      positional.push(arg);
    }
  }
  return { positional, ifname };
}

async function buildAttachment(
  netnsArg: string,
  ifnameFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<Attachment> {
  const netns = resolve(netnsArg);
  const capabilityArgs = parseCapabilityArgs(env.CAP_ARGS);
  return {
    containerId: await deriveContainerId(netns),
    netns,
    // As cnitool: eth0 only when CNI_IFNAME is unset; an empty value stays empty (the plugin judges it).
    ifname: ifnameFlag ?? env.CNI_IFNAME ?? 'eth0',
    ...(env.CNI_ARGS ? { cniArgs: parseCniArgs(env.CNI_ARGS) } : {}),
    ...(capabilityArgs ? { capabilityArgs } : {}),
  };
}

async function runVerb(
  runtime: Runtime,
  verb: ExecVerb,
  network: string,
  attachment: Attachment,
  confDir: string,
) {
  const list = await runtime.loadNetworkList(confDir, network);
  switch (verb) {
    case 'add':
      return runtime.addNetworkList(list, attachment);
    case 'check':
      return runtime.checkNetworkList(list, attachment);
    case 'del':
      return runtime.delNetworkList(list, attachment);
    case 'gc':
      // As cnitool: no valid list, so every cached attachment of the network is stale.
      return runtime.gcNetworkList(list);
    case 'status':
      return runtime.getStatusNetworkList(list);
  }
}

function report(outcome: OperationOutcome, verb: ExecVerb, io: ExecCommandIo): number {
  if (!outcome.ok) {
    io.stderr.write(`${outcome.errors.map((error) => error.message).join('\n')}\n`);
    return 1;
  }
  // cnitool prints the ADD result as Go's json.MarshalIndent with 4 spaces, without a trailing newline.
  if (verb === 'add' && outcome.result !== undefined)
    io.stdout.write(JSON.stringify(outcome.result, null, 4));
  return 0;
}

/** Runs `exec <verb> <network> <netns> [-i|--ifname NAME]`; returns the exit code. */
export async function runExecCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: ExecCommandIo,
  options: ExecCommandOptions = {},
): Promise<number> {
  if (wantsHelp(args)) return printHelp(io, HELP);
  try {
    const { positional, ifname } = splitIfnameFlag(args);
    const [rawVerb, network, netns] = positional;
    const verb = parseVerb(rawVerb);
    if (!network || !netns || positional.length > 3) {
      throw new HarnessError('CNI_CONFORMANCE_USAGE', 'exec needs exactly <network> and <netns-path>', {
        fix: USAGE,
      });
    }
    // Input is checked before the runtime (and the spec's schemas under it) is loaded: a usage error costs
    // no more than the help text.
    const attachment = await buildAttachment(netns, ifname, env);
    const [{ Runtime }, { parseCniPath }, { execExecutor }] = await Promise.all([
      import('../runtime/runtime.ts'),
      import('../runtime/find-plugin.ts'),
      import('./exec-executor.ts'),
    ]);
    const runtime = new Runtime({
      executor: options.executor ?? execExecutor(),
      cniPath: parseCniPath(env.CNI_PATH),
      cacheDir: env.CNI_CONFORMANCE_CACHE_DIR || undefined,
      // A drop-in cnitool behaves as libcni unless told otherwise.
      libcniCompat: env.CNI_CONFORMANCE_LIBCNI_COMPAT !== '0',
      env: inheritedEnv(env),
    });
    const outcome = await runVerb(runtime, verb, network, attachment, env.NETCONFPATH || '/etc/cni/net.d');
    return report(outcome, verb, io);
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    io.stderr.write(`${error.message}\n`);
    // cnitool exits 1 for every error, usage included.
    return 1;
  }
}
