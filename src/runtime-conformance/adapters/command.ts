/**
 * Adapter for any runtime driven by commands (`--runtime-config FILE`): each verb is a command template whose
 * placeholders are filled per call. A runtime CLI (cnitool, a Go driver over libcni, a shell script around
 * `ctr`) becomes testable without code.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatParseIssues, HarnessError, type ParseResult } from '../../errors.ts';
import { HostCommandError, type HostCommandRunner, runHostCommand } from '../../sandbox/host-command.ts';
import type { AdapterOutcome, AttachmentRequest, RuntimeAdapter, ValidAttachment } from '../adapter.ts';
import type { Workspace } from '../workspace.ts';

const Template = z.union([z.string(), z.array(z.string()).min(1)]);

/**
 * The runtime-config file. Placeholders: {network} {id} {netns} {ifname} {confdir} {cachedir}
 * {cnipath} (the first plugin dir only) {cnipaths} (every plugin dir, colon-joined like CNI_PATH; a config that
 * uses it is run in the CNI_PATH search-order scenario, R-ENV-7) {capargs} (JSON of the capability arguments)
 * {valid} (JSON array of valid attachments, GC). A string template runs through `sh -c`; an array runs as argv.
 */
export const RuntimeConfigSchema = z.object({
  name: z.string().min(1),
  commands: z.object({
    add: Template,
    del: Template,
    check: Template.optional(),
    gc: Template.optional(),
    status: Template.optional(),
  }),
  /** Extra environment for every command (placeholders allowed). */
  env: z.record(z.string(), z.string()).optional(),
  /** Highest CNI version the runtime supports (scenario lists are written at most at it). @defaultValue "1.1.0" */
  maxVersion: z.string().optional(),
  /** Per-command timeout. @defaultValue 60000 */
  timeoutMs: z.number().int().positive().optional(),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** Parses a runtime-config document. */
export function parseRuntimeConfig(raw: unknown): ParseResult<RuntimeConfig> {
  const parsed = RuntimeConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, reason: i.message })),
  };
}

/** Reads and parses a runtime-config file; throws a HarnessError when it is missing or invalid. */
export async function loadRuntimeConfig(file: string): Promise<RuntimeConfig> {
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new HarnessError('CNI_CONFORMANCE_FILE_NOT_FOUND', `runtime config ${file} cannot be read`, {
      cause,
    });
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new HarnessError('CNI_CONFORMANCE_CONFIG_INVALID', `runtime config ${file} is not JSON`, { cause });
  }
  const parsed = parseRuntimeConfig(raw);
  if (!parsed.ok)
    throw new HarnessError(
      'CNI_CONFORMANCE_CONFIG_INVALID',
      `runtime config ${file}: ${formatParseIssues(parsed.issues)}`,
    );
  return parsed.value;
}

type Values = Readonly<Record<string, string>>;

function fill(template: string, values: Values): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function errorFrom(stdout: string, stderr: string): AdapterOutcome['error'] {
  const match = /\{[^{}]*"code"\s*:\s*(\d+)[^{}]*\}/.exec(stdout);
  const text = `${stdout}\n${stderr}`.trim();
  return match ? { code: Number(match[1]), text } : { text };
}

function runTemplate(
  template: string | readonly string[],
  values: Values,
  config: RuntimeConfig,
  run: HostCommandRunner,
): Promise<AdapterOutcome> {
  const [file, ...args] =
    typeof template === 'string'
      ? ['sh', '-c', fill(template, values)]
      : template.map((part) => fill(part, values));
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(config.env ?? {}).map(([k, v]) => [k, fill(v, values)])),
  };
  return run(file as string, args, { env, timeoutMs: config.timeoutMs ?? 60_000 }).then(
    (): AdapterOutcome => ({ ok: true }),
    (error: unknown): AdapterOutcome => {
      if (!(error instanceof HostCommandError)) throw error;
      return { ok: false, error: errorFrom(error.stdout, error.stderr) };
    },
  );
}

/** True when some command or env template of `config` uses the placeholder `{name}`. */
function usesPlaceholder(config: RuntimeConfig, name: string): boolean {
  const templates = [...Object.values(config.commands), ...Object.values(config.env ?? {})];
  return templates.flat().some((part) => part?.includes(`{${name}}`));
}

/** Builds a command adapter over a workspace; `run` runs its commands (a test may pass a fake). */
export function createCommandAdapter(
  workspace: Workspace,
  config: RuntimeConfig,
  run: HostCommandRunner = runHostCommand,
): RuntimeAdapter {
  const base = {
    confdir: workspace.confDir,
    cnipath: workspace.binDir,
    cnipaths: workspace.cniPath.join(':'),
    cachedir: workspace.cacheDir,
  };
  const attachmentValues = (r: AttachmentRequest): Values => ({
    ...base,
    network: r.network,
    id: r.containerId,
    netns: r.netns,
    ifname: r.ifname,
    capargs: JSON.stringify(r.capabilityArgs ?? {}),
  });
  const missing = (verb: string): Promise<AdapterOutcome> =>
    Promise.resolve({ ok: false, error: { text: `runtime config has no ${verb} command` } });
  const { commands } = config;
  const supports = new Set<'ADD' | 'DEL' | 'CHECK' | 'GC' | 'STATUS'>(['ADD', 'DEL']);
  if (commands.check) supports.add('CHECK');
  if (commands.gc) supports.add('GC');
  if (commands.status) supports.add('STATUS');
  return {
    name: config.name,
    supports,
    ...(config.maxVersion ? { maxVersion: config.maxVersion } : {}),
    // Only a runtime given every dir searches the second one; with {cnipath} alone it sees the first.
    cniPath: usesPlaceholder(config, 'cnipaths') ? workspace.cniPath : [workspace.binDir],
    // A runtime told the cache dir keeps its results there: R-DEL-4 is then judged on the file itself.
    ...(usesPlaceholder(config, 'cachedir') ? { cacheDir: workspace.cacheDir } : {}),
    add: (r) => runTemplate(commands.add, attachmentValues(r), config, run),
    del: (r) => runTemplate(commands.del, attachmentValues(r), config, run),
    check: (r) =>
      commands.check ? runTemplate(commands.check, attachmentValues(r), config, run) : missing('check'),
    gc: (network: string, valid: readonly ValidAttachment[]) =>
      commands.gc
        ? runTemplate(commands.gc, { ...base, network, valid: JSON.stringify(valid) }, config, run)
        : missing('gc'),
    status: (network: string) =>
      commands.status ? runTemplate(commands.status, { ...base, network }, config, run) : missing('status'),
  };
}
