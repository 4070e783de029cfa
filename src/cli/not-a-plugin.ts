/**
 * Fail fast on a binary that is not a CNI plugin (`/bin/true` named bridge, a program that hangs): when the VERSION
 * probe got no usable reply, the first ADD any check makes decides. If it answers neither a result nor a CNI error,
 * the run stops with one verdict instead of running every check for minutes.
 */

import type { CheckRecord } from '../report/model.ts';
import type { PluginCallRecord } from '../report/transcript.ts';

function describeAdd(call: PluginCallRecord): string | undefined {
  switch (call.kind) {
    case 'ok':
      return call.stdout.trim() === '' ? `ADD exited ${call.exitCode} printing nothing` : undefined;
    case 'plugin-error':
      // A CNI error object on stdout is a plugin talking CNI; an exit code with text only is not.
      return call.stdout.trim().startsWith('{')
        ? undefined
        : `ADD exited ${call.exitCode} without a CNI error`;
    case 'timed-out':
      return `ADD did not answer within ${Math.round(call.durationMs / 1000)}s`;
    case 'crashed':
      return `ADD died of ${call.signal}`;
    case 'spawn-failed':
      return 'ADD could not be started';
    case 'unparseable-output':
      return `ADD printed no JSON (${JSON.stringify(call.stdout.trim().slice(0, 60))})`;
  }
}

/** Watches finished checks; `verdict` is set once the first ADD shows the binary does not speak CNI. */
export class NotAPluginWatch {
  readonly #versionFailure: string | undefined;
  #decided = false;
  verdict: string | undefined;

  /** `versionFailure`: why the VERSION probe failed; undefined disarms the watch (the plugin answered VERSION). */
  constructor(pluginPath: string, versionFailure: string | undefined) {
    this.#versionFailure = versionFailure && `not a CNI plugin: ${pluginPath}: ${versionFailure}`;
    this.#decided = versionFailure === undefined;
  }

  /** Returns true when this check decided the binary is not a plugin. */
  onCheck(record: CheckRecord): boolean {
    if (this.#decided) return false;
    const add = record.transcript.find(
      (entry): entry is PluginCallRecord => entry.type === 'plugin' && entry.verb === 'ADD',
    );
    if (!add) return false;
    this.#decided = true;
    const problem = describeAdd(add);
    if (problem === undefined) return false;
    this.verdict = `${this.#versionFailure}; ${problem}`;
    return true;
  }
}
