/**
 * `vagrant status --machine-readable` → the state of each machine. The format is CSV-ish lines
 * `timestamp,target,type,data…`; the rows of type `state` carry the machine state ("running",
 * "poweroff", "shutoff", "not_created", "saved"…), which differs per provider.
 */
import type { ParseResult } from '../../errors.ts';

/** A machine's state as its provider names it. */
export interface MachineState {
  readonly machine: string;
  readonly state: string;
}

/** True when the state means the machine is up and reachable over ssh. */
export function isRunning(state: string): boolean {
  return state === 'running';
}

/** True when no VM exists yet for the machine (so `destroy` has nothing to do). */
export function isNotCreated(state: string): boolean {
  return state === 'not_created';
}

/** Parses machine-readable status output; lines of other types are ignored. */
export function parseMachineStates(stdout: string): ParseResult<MachineState[]> {
  const states: MachineState[] = [];
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    const fields = line.split(',');
    if (fields.length < 4 || !/^\d+$/.test(fields[0] ?? '')) {
      return {
        ok: false,
        issues: [{ path: `line ${index + 1}`, reason: `not machine-readable: "${line}"` }],
      };
    }
    const [, machine, type, state] = fields as [string, string, string, string];
    if (type === 'state' && machine !== '') states.push({ machine, state });
  }
  if (states.length === 0) {
    return { ok: false, issues: [{ path: '', reason: 'no "state" rows in vagrant status output' }] };
  }
  return { ok: true, value: states };
}
