import { describe, expect, it } from 'vitest';
import { isRunning, parseMachineStates } from '../../../src/sandbox/vagrant/status.ts';

describe('parseMachineStates (vagrant status --machine-readable)', () => {
  it('reads the state rows of every machine and ignores the rest', () => {
    const stdout = [
      '1764252000,local,metadata,provider,libvirt',
      '1764252000,local,provider-name,libvirt',
      '1764252000,local,state,running',
      '1764252000,debian12,state,not_created',
      '1764252000,,ui,info,Current machine states:',
    ].join('\n');
    const parsed = parseMachineStates(stdout);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { machine: 'local', state: 'running' },
        { machine: 'debian12', state: 'not_created' },
      ],
    });
    expect(isRunning('running')).toBe(true);
    expect(isRunning('shutoff')).toBe(false);
  });

  it('reports human-readable output as a parse issue instead of guessing', () => {
    const parsed = parseMachineStates('Current machine states:\n\nlocal  running (libvirt)\n');
    expect(parsed.ok).toBe(false);
  });

  it('reports output without any state row', () => {
    expect(parseMachineStates('1764252000,,ui,info,hello').ok).toBe(false);
  });
});
