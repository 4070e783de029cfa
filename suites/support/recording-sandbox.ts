/**
 * Opens the per-check sandbox and records what the check does in it (containers, helper commands), so the
 * repro script can recreate the same namespaces without the harness.
 */

import type { TranscriptEntry } from '../../src/report/transcript.ts';
import type { ProcessOutcome, ProcessRequest } from '../../src/sandbox/process.ts';
import type { CommandOptions, Container, Sandbox } from '../../src/sandbox/sandbox.ts';

/** A Sandbox that appends every container change and helper command to `entries`. */
export function recordingSandbox(inner: Sandbox, entries: TranscriptEntry[]): Sandbox {
  return {
    id: inner.id,
    mode: inner.mode,
    run: (request: ProcessRequest): Promise<ProcessOutcome> => inner.run(request),
    async command(argv: readonly string[], options?: CommandOptions): Promise<ProcessOutcome> {
      const outcome = await inner.command(argv, options);
      entries.push({
        type: 'command',
        argv: [...argv],
        container: options?.container,
        ...(options?.stdin === undefined ? {} : { stdin: options.stdin }),
        exitCode: outcome.exitCode,
      });
      return outcome;
    },
    async addContainer(name?: string): Promise<Container> {
      const container = await inner.addContainer(name);
      entries.push({
        type: 'container',
        name: container.name,
        netnsPath: container.netnsPath,
        action: 'add',
      });
      return container;
    },
    async removeContainer(name: string): Promise<void> {
      await inner.removeContainer(name);
      entries.push({ type: 'container', name, netnsPath: '', action: 'remove' });
    },
    destroy: () => inner.destroy(),
  };
}
