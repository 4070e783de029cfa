/**
 * The runtime-conformance log: one JSONL file holding the spy's invocation records plus the harness's own
 * lines (the scenario that was run and each lifecycle operation it asked the runtime for), so a recorded log
 * can be judged offline (`cni-conformance runtime judge LOG.jsonl`).
 */
import { z } from 'zod';
import type { ParseIssue, ParseResult } from '../errors.ts';
import type { SpyRecord } from '../plugins/meta/spy/record.ts';

const NetnsProbeSchema = z.object({
  path: z.string(),
  fsType: z.string().nullable(),
  isNsfs: z.boolean(),
  error: z.string().optional(),
});

/** Validates a spy line (the spy itself only writes it; see src/plugins/meta/spy/record.ts). */
export const SpyRecordSchema = z
  .object({
    kind: z.literal('invocation'),
    tsStart: z.number(),
    tsEnd: z.number(),
    pid: z.number(),
    // Another recorder may not know the parent; delegation then falls back to time nesting.
    ppid: z.number().optional(),
    calledAs: z.string(),
    env: z.record(z.string(), z.string()),
    otherEnvNames: z.array(z.string()),
    stdinRaw: z.string(),
    stdin: z.unknown(),
    stdinError: z.string().optional(),
    selfNetns: z.string().nullable(),
    netns: NetnsProbeSchema.nullable(),
    behaviour: z.string(),
    exitCode: z.number(),
    stdout: z.string(),
  })
  .loose();

/** The scenario the log belongs to: what was installed and what the judge may expect. */
export const ScenarioLineSchema = z.object({
  kind: z.literal('scenario'),
  name: z.string(),
  runtime: z.string(),
  /** The conflists installed in the runtime's conf dir, as written. */
  networks: z.array(z.record(z.string(), z.unknown())),
  /** `readlink /proc/self/ns/net` of the runtime's own network namespace (R-ENV-1). */
  hostNetns: z.string().optional(),
  /** Capability arguments the runtime was given for ADD/DEL/CHECK (R-REQ-3). */
  capabilityArgs: z.record(z.string(), z.unknown()).optional(),
  /** True when the scenario ended every container's lifecycle, so every ADD must have a DEL (R-LIFE-2). */
  lifecycleComplete: z.boolean().optional(),
  /** Highest CNI version the runtime supports. @defaultValue "1.1.0" */
  maxVersion: z.string().optional(),
  /** Plugin configs written to `<confdir>/<network>/*.conf`, per network, in file-name order (R-CFG-4). */
  aggregated: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  /** Plugin types the conflists name that were deliberately not installed anywhere on CNI_PATH (R-ENV-7). */
  missingTypes: z.array(z.string()).optional(),
  /** Types installed in both CNI_PATH directories the runtime searches; the first directory's must run (R-ENV-7). */
  shadowedTypes: z.array(z.string()).optional(),
  /** The runtime's result cache root, when the harness can see it (R-DEL-4). */
  cacheDir: z.string().optional(),
  /**
   * The list members that ran through a recorder, when not all did (a converted log); the others left no record
   * by design. Unset: every installed type is a spy.
   */
  recordedTypes: z.array(z.string()).optional(),
});
export type ScenarioLine = z.infer<typeof ScenarioLineSchema>;

/** The verbs a harness asks a runtime to perform. */
export const OPERATIONS = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One lifecycle operation the harness asked for, and what the runtime answered. */
export const OperationLineSchema = z.object({
  kind: z.literal('operation'),
  op: z.enum(OPERATIONS),
  network: z.string(),
  containerId: z.string().optional(),
  ifname: z.string().optional(),
  tsStart: z.number(),
  tsEnd: z.number(),
  ok: z.boolean(),
  /** The error the runtime reported: its CNI code when it exposes one, else its text. */
  error: z
    .object({ code: z.number().optional(), msg: z.string().optional(), text: z.string().optional() })
    .optional(),
  /** The attachment's libcni-layout cache file, looked at right after the operation (ADD/DEL, R-DEL-4). */
  cacheFile: z.object({ path: z.string(), present: z.boolean() }).optional(),
});
export type OperationLine = z.infer<typeof OperationLineSchema>;

/** Written by `runtime record` when it puts recorders in a plugin dir: which plugins leave records. */
export const RecordingLineSchema = z.object({
  kind: z.literal('recording'),
  pluginDir: z.string(),
  plugins: z.array(z.string()),
  ts: z.number(),
});

/** Which CNI_PATH directory (0: the first) the spy was run from; the workspace tags the others' records. */
export function cniPathIndexOf(record: SpyRecord): number {
  const index = (record as SpyRecord & { readonly cniPathIndex?: unknown }).cniPathIndex;
  return typeof index === 'number' ? index : 0;
}

/** A parsed log: invocations sorted by start time. */
export interface RuntimeLog {
  readonly scenario: ScenarioLine | undefined;
  readonly invocations: readonly SpyRecord[];
  readonly operations: readonly OperationLine[];
  /** Lines skipped with a reason (an unknown kind), one sentence each naming the line. */
  readonly warnings?: readonly string[];
  /** Plugins `runtime record` put a recorder in front of (its `recording` lines). */
  readonly recorderPlugins?: readonly string[];
}

const LineSchema = z.discriminatedUnion('kind', [
  SpyRecordSchema,
  ScenarioLineSchema,
  OperationLineSchema,
  RecordingLineSchema,
]);
const KNOWN_KINDS: readonly string[] = ['invocation', 'scenario', 'operation', 'recording'];

type ParsedLine = z.infer<typeof LineSchema> | { readonly kind: 'unknown'; readonly warning: string };

/** A recorder that cannot parse JSON (the C recorder) leaves `stdin` out: parse it from `stdinRaw` here. */
function withParsedStdin(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const line = raw as Record<string, unknown>;
  if (line.kind !== 'invocation' || 'stdin' in line || typeof line.stdinRaw !== 'string') return raw;
  try {
    return { ...line, stdin: line.stdinRaw.trim() === '' ? null : JSON.parse(line.stdinRaw) };
  } catch (error) {
    return { ...line, stdin: null, stdinError: String(error) };
  }
}

function unknownKind(raw: unknown): string | undefined {
  const kind = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).kind : undefined;
  return typeof kind === 'string' && !KNOWN_KINDS.includes(kind) ? kind : undefined;
}

function parseLine(line: string, index: number): ParseResult<ParsedLine> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return { ok: false, issues: [{ path: `line ${index + 1}`, reason: `not JSON: ${String(error)}` }] };
  }
  const kind = unknownKind(raw);
  if (kind !== undefined)
    return {
      ok: true,
      value: {
        kind: 'unknown',
        warning: `line ${index + 1}: unknown kind "${kind}" skipped (known: ${KNOWN_KINDS.join(', ')})`,
      },
    };
  const parsed = LineSchema.safeParse(withParsedStdin(raw));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: `line ${index + 1}: /${issue.path.join('/')}`,
    reason: issue.message,
  }));
  return { ok: false, issues };
}

/**
 * Parses a JSONL log of spy records, scenario and operation lines (blank lines ignored, a leading UTF-8 BOM
 * accepted, lines of an unknown kind skipped with a warning). A second scenario line is an error: the judge
 * could not tell which conflists the invocations belong to.
 */
export function parseRuntimeLog(text: string): ParseResult<RuntimeLog> {
  const issues: ParseIssue[] = [];
  const warnings: string[] = [];
  let scenario: ScenarioLine | undefined;
  let scenarioLine = 0;
  const invocations: SpyRecord[] = [];
  const operations: OperationLine[] = [];
  const recorderPlugins: string[] = [];
  for (const [index, line] of text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .entries()) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line, index);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const value = parsed.value;
    if (value.kind === 'unknown') warnings.push(value.warning);
    else if (value.kind === 'scenario' && scenario !== undefined)
      issues.push({
        path: `line ${index + 1}`,
        reason: `a second scenario line (the first is line ${scenarioLine}): judge one scenario's log at a time`,
      });
    else if (value.kind === 'scenario') [scenario, scenarioLine] = [value, index + 1];
    else if (value.kind === 'operation') operations.push(value);
    else if (value.kind === 'recording') recorderPlugins.push(...value.plugins);
    else invocations.push(value as SpyRecord);
  }
  if (issues.length > 0) return { ok: false, issues };
  invocations.sort((a, b) => a.tsStart - b.tsStart);
  operations.sort((a, b) => a.tsStart - b.tsStart);
  return { ok: true, value: { scenario, invocations, operations, warnings, recorderPlugins } };
}
