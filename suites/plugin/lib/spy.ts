/**
 * A recording delegate (P-DLG-*): a tiny script placed FIRST on CNI_PATH under the delegate's name (e.g.
 * `host-local`). It logs every call (verb, CNI_* env, exact stdin) as a JSON line, writes a marker to stderr,
 * fails on demand, and otherwise execs the real delegate with the same stdin. It lives inside the sandbox, so a
 * repro script can recreate it from the transcript's commands.
 */
import type { Sandbox } from '../../../src/sandbox/sandbox.ts';
import { findPlugin } from '../../support/attachment.ts';
import type { CheckContext } from '../../support/context.ts';

/** One call the delegate received. */
export interface SpyCall {
  readonly verb: string;
  /** CNI_* variables only (the upper plugin may pass its whole environment). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
}

/** A spy installed in the sandbox. */
export interface Spy {
  /** Directory to put first on CNI_PATH. */
  readonly dir: string;
  /** The delegate type it stands in for. */
  readonly type: string;
  /** The marker it writes to stderr on every call. */
  readonly stderrMarker: string;
  /** Everything it received so far, in order. */
  calls(): Promise<SpyCall[]>;
  /** Makes every later `verb` call fail with `code` (without calling the real delegate). @defaultValue 107 */
  failOn(verb: string, code?: number): Promise<void>;
  /** The CNI_PATH that puts the spy first, then the target's directories. */
  readonly cniPath: string;
}

function script(dir: string, real: string, marker: string): string {
  return `#!/bin/sh
# cni-conformance recording delegate: logs the call, then runs ${real}.
in=$(cat)
# One line per call: verb, then the CNI_* env and the stdin, each base64 (coreutils; no jq needed).
printf '%s %s %s\\n' "$CNI_COMMAND" "$(env | grep '^CNI_' | base64 -w0)" "$(printf '%s' "$in" | base64 -w0)" >> "${dir}/calls.log"
echo "${marker}" >&2
if [ -e "${dir}/fail.$CNI_COMMAND" ]; then
  code=$(cat "${dir}/fail.$CNI_COMMAND")
  printf '{"code":%s,"msg":"spy: injected %s failure"}\\n' "\${code:-107}" "$CNI_COMMAND"
  exit 1
fi
printf '%s' "$in" | exec "${real}"
`;
}

function fromBase64(text: string | undefined): string {
  return Buffer.from(text ?? '', 'base64').toString('utf8');
}

/** "VERB <base64 env lines> <base64 stdin>" → the call. */
function parseCallLine(line: string): SpyCall {
  const [verb = '', env, stdin] = line.split(' ');
  const pairs = fromBase64(env)
    .split('\n')
    .flatMap((entry) => {
      const match = /^([^=]*)=(.*)$/.exec(entry);
      return match ? [[match[1] ?? '', match[2] ?? ''] as const] : [];
    });
  return { verb, env: Object.fromEntries(pairs), stdin: fromBase64(stdin) };
}

async function sh(sandbox: Sandbox, command: string, stdin?: string): Promise<string> {
  const outcome = await sandbox.command(['sh', '-c', command], stdin === undefined ? {} : { stdin });
  if (outcome.exitCode !== 0) throw new Error(`setup: \`${command}\` failed: ${outcome.stderr.trim()}`);
  return outcome.stdout;
}

/** Installs a recording stand-in for delegate `type` (found on the target's CNI_PATH) in the check's sandbox. */
export async function installSpy(ctx: CheckContext, type: string): Promise<Spy> {
  const real = findPlugin(ctx, type);
  const dir = `/tmp/cnc-spy-${ctx.containerId}`;
  const marker = `cnc-spy-stderr-${ctx.containerId}`;
  await sh(
    ctx.sandbox,
    `mkdir -p ${dir} && cat > ${dir}/${type} && chmod 755 ${dir}/${type}`,
    script(dir, real, marker),
  );
  return {
    dir,
    type,
    stderrMarker: marker,
    cniPath: [dir, ...ctx.target.cniPath].join(':'),
    async calls() {
      const text = await sh(ctx.sandbox, `cat ${dir}/calls.log 2>/dev/null || true`);
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(parseCallLine);
    },
    async failOn(verb: string, code = 107) {
      await sh(ctx.sandbox, `echo ${code} > ${dir}/fail.${verb}`);
    },
  };
}

/** The `ipam.type` of the plugin-under-test config, when it delegates IPAM. */
export function ipamTypeOf(config: Readonly<Record<string, unknown>>): string | undefined {
  const ipam = config.ipam;
  if (typeof ipam !== 'object' || ipam === null) return undefined;
  const type = (ipam as Record<string, unknown>).type;
  return typeof type === 'string' && type !== '' ? type : undefined;
}
