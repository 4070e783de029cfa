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
env | grep '^CNI_' | jq -R -s 'split("\\n") | map(select(length > 0) | capture("^(?<key>[^=]*)=(?<value>.*)$")) | from_entries' > "${dir}/env.tmp"
printf '%s' "$in" | jq -R -s -c --arg verb "$CNI_COMMAND" --slurpfile env "${dir}/env.tmp" '{verb: $verb, env: $env[0], stdin: .}' >> "${dir}/calls.jsonl"
echo "${marker}" >&2
if [ -e "${dir}/fail.$CNI_COMMAND" ]; then
  code=$(cat "${dir}/fail.$CNI_COMMAND")
  printf '{"code":%s,"msg":"spy: injected %s failure"}\\n' "\${code:-107}" "$CNI_COMMAND"
  exit 1
fi
printf '%s' "$in" | exec "${real}"
`;
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
      const text = await sh(ctx.sandbox, `cat ${dir}/calls.jsonl 2>/dev/null || true`);
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as SpyCall);
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
