/**
 * The plugin entry point: env → stdin → version gate → verb handler → stdout and exit code, in one place.
 * Success prints the ADD result (converted to the request version) or the VERSION reply; failure prints
 * `{cniVersion, code, msg, details?}` on stdout (the spec's shape, with cniVersion) and exits 1.
 */
import { fstatSync, readFileSync } from 'node:fs';
import { CNI_VERSIONS, type Verb } from '../../spec/versions.ts';
import { type CniEnv, readCniEnv } from './env.ts';
import { PluginError, toPluginError } from './errors.ts';
import { writeAllSync } from './fd-write.ts';
import { type PluginRequest, parseRequest, readVersion } from './request.ts';
import { formatResult, type PluginResult } from './result.ts';

/** What ADD returns: a result to convert, or a prevResult to echo verbatim (P-CHAIN-1). */
export type AddOutput =
  | { readonly result: PluginResult }
  | { readonly verbatim: Readonly<Record<string, unknown>> };

/** The verbs a plugin implements; VERSION is answered by skel. */
export interface PluginHandlers {
  ADD(request: PluginRequest): Promise<AddOutput>;
  DEL(request: PluginRequest): Promise<void>;
  CHECK(request: PluginRequest): Promise<void>;
  GC(request: PluginRequest): Promise<void>;
  STATUS(request: PluginRequest): Promise<void>;
}

/** A plugin as skel runs it. */
export interface PluginDefinition {
  /** Shown in stderr diagnostics. */
  readonly name: string;
  /** @defaultValue every released version, 0.1.0 … 1.1.0 */
  readonly supportedVersions?: readonly string[];
  readonly handlers: PluginHandlers;
}

/** What one invocation produced. */
export interface InvocationOutput {
  readonly stdout: string;
  readonly exitCode: number;
}

type Getenv = (name: string) => string | undefined;

/** The version used to label an error: the request's when we support it, else our newest. */
function errorVersion(stdin: string, supported: readonly string[]): string {
  try {
    const version = readVersion(JSON.parse(stdin) as Record<string, unknown>);
    if (supported.includes(version)) return version;
  } catch {
    // Undecodable stdin: fall back to our newest version.
  }
  return supported[supported.length - 1] ?? '1.1.0';
}

function renderError(error: PluginError, cniVersion: string): string {
  const wire: Record<string, unknown> = { cniVersion, code: error.code, msg: error.message };
  if (error.details !== undefined) wire.details = error.details;
  return JSON.stringify(wire);
}

function renderVersion(stdin: string, supported: readonly string[]): string {
  let cniVersion = supported[supported.length - 1] ?? '1.1.0';
  try {
    const asked = (JSON.parse(stdin) as Record<string, unknown>).cniVersion;
    if (typeof asked === 'string' && asked !== '') cniVersion = asked;
  } catch {
    // VERSION may come with no stdin at all; answer with our newest version.
  }
  return JSON.stringify({ cniVersion, supportedVersions: supported });
}

async function dispatch(definition: PluginDefinition, env: CniEnv, stdin: string): Promise<string> {
  const supported = definition.supportedVersions ?? CNI_VERSIONS;
  if (env.command === 'VERSION') return renderVersion(stdin, supported);
  const request = parseRequest(env, stdin, supported);
  const verb: Exclude<Verb, 'VERSION'> = env.command;
  if (verb !== 'ADD') {
    await definition.handlers[verb](request);
    return '';
  }
  const output = await definition.handlers.ADD(request);
  if ('verbatim' in output) return JSON.stringify({ ...output.verbatim, cniVersion: request.cniVersion });
  return JSON.stringify(formatResult(output.result, request.cniVersion));
}

/** Runs one invocation against injected env and stdin; never throws. */
export async function invokeDefinition(
  definition: PluginDefinition,
  getenv: Getenv,
  stdin: string,
): Promise<InvocationOutput> {
  try {
    const env = readCniEnv(getenv);
    return { stdout: await dispatch(definition, env, stdin), exitCode: 0 };
  } catch (error) {
    const supported = definition.supportedVersions ?? CNI_VERSIONS;
    const pluginError = toPluginError(error);
    if (!(error instanceof PluginError) && error instanceof Error && error.stack) {
      writeAllSync(2, `${definition.name}: ${error.stack}\n`);
    }
    return { stdout: renderError(pluginError, errorVersion(stdin, supported)), exitCode: 1 };
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    // stdin closed or not readable: treat as empty, which fails decoding with code 6 (P-CONF-1).
    return '';
  }
}

/**
 * The main of every plugin binary: reads the process env and stdin, prints, sets the exit code. Plain fd calls
 * rather than process.stdin/stdout: creating those streams costs a few ms of start-up per call.
 */
export async function runPlugin(definition: PluginDefinition): Promise<void> {
  const command = process.env.CNI_COMMAND;
  const stdin = command === 'VERSION' || command === undefined ? readStdinIfPiped() : readStdin();
  const output = await invokeDefinition(definition, (name) => process.env[name], stdin);
  writeAllSync(1, output.stdout);
  process.exit(output.exitCode);
}

/** VERSION need not get stdin; don't block on a terminal (fstat, because node:tty loads the whole stream stack). */
function readStdinIfPiped(): string {
  try {
    return fstatSync(0).isCharacterDevice() ? '' : readStdin();
  } catch {
    return '';
  }
}
