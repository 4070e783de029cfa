/**
 * Fault wrappers around the IPAM delegate for the FAULT suite: a script named like `ipam.type`, installed in a
 * directory of its own inside the sandbox and put first on CNI_PATH for one call. It finds the real delegate in
 * the rest of CNI_PATH, so the plugin under test talks to its real IPAM with one fault in between.
 */

import type { JsonObject } from '../../../src/target.ts';
import type { CheckContext } from '../../support/context.ts';

/** What the wrapper does on ADD; every other verb passes straight through. */
export type DelegateFault =
  /** Runs the real ADD (the address is allocated), then fails with code 11. */
  | 'fail-after-allocating'
  /** Runs the real ADD, then answers with a result that has no IPs (unusable for the caller). */
  | 'unusable-result'
  /**
   * Runs the real ADD (the address is allocated), then SIGKILLs its caller before answering: the plugin dies
   * while its delegate is busy, as when a runtime's timeout fires on a delegate that hangs. Killing from inside
   * the call, not after a fixed delay, makes the moment the same on an idle and on a loaded machine.
   */
  | 'kill-caller';

const ON_ADD: Record<DelegateFault, string> = {
  'fail-after-allocating': `run >/dev/null; printf '{"code":11,"msg":"injected: IPAM failed after allocating"}'; exit 1`,
  // The request's cniVersion (sed, not jq: the harness must not need jq), and no IPs, routes or interfaces.
  'unusable-result': `v=$(printf '%s' "$request" | tr -d '\\n' | sed -n 's/.*"cniVersion"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p'); run >/dev/null; printf '{"cniVersion":"%s","dns":{}}' "$v"; exit 0`,
  'kill-caller': 'run >/dev/null; kill -KILL "$PPID"; exit 1',
};

function wrapperScript(fault: DelegateFault): string {
  return `#!/bin/sh
# Fault wrapper (${fault}): drop this directory from CNI_PATH, find the real delegate of the same name.
self=\${0##*/}
CNI_PATH=\${CNI_PATH#*:}
export CNI_PATH
request=$(cat)
real=
IFS=:
for dir in $CNI_PATH; do [ -z "$real" ] && [ -x "$dir/$self" ] && real="$dir/$self"; done
unset IFS
run() { printf '%s' "$request" | "$real"; }
[ -n "$real" ] || { printf '{"code":999,"msg":"no real %s on CNI_PATH"}' "$self"; exit 1; }
if [ "$CNI_COMMAND" = ADD ]; then ${ON_ADD[fault]}; fi
run
`;
}

/** The IPAM type the config delegates to, or undefined. */
export function delegateType(config: JsonObject): string | undefined {
  const ipam = config.ipam;
  if (typeof ipam !== 'object' || ipam === null) return undefined;
  const type = (ipam as JsonObject).type;
  return typeof type === 'string' && type !== '' ? type : undefined;
}

/** Installs the wrapper; returns the CNI_PATH value that puts it first. */
export async function installDelegateFault(
  ctx: CheckContext,
  type: string,
  fault: DelegateFault,
): Promise<string> {
  const dir = `/tmp/cnc-fault-${ctx.containerId}-${fault}`;
  const outcome = await ctx.sandbox.command(
    ['sh', '-c', `mkdir -p ${dir} && cat > ${dir}/${type} && chmod 755 ${dir}/${type}`],
    { stdin: wrapperScript(fault) },
  );
  if (outcome.exitCode !== 0)
    throw new Error(`setup: installing the ${fault} wrapper failed: ${outcome.stderr}`);
  return [dir, ...ctx.target.cniPath].join(':');
}
