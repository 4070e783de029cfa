import { describe, expect, it } from 'vitest';
import { parseResult } from '../../../src/spec/parse.ts';
import { findVersion11OnlyFields } from '../../../src/spec/v100/result.ts';
import { validateResult } from '../../../src/spec/validate.ts';

describe('1.1.0-only result fields', () => {
  const result = {
    cniVersion: '1.0.0',
    interfaces: [{ name: 'eth0' }, { name: 'vhost', socketPath: '/run/vhost.sock', mtu: 9000 }],
    ips: [{ address: '10.0.0.2/24', interface: 0 }],
    routes: [{ dst: '0.0.0.0/0' }, { dst: '10.9.0.0/16', table: 100, scope: 253 }],
  };

  it('are accepted under 1.0.0, because Go emits them from the shared 1.x struct', () => {
    expect(validateResult('1.0.0', result).issues).toEqual([]);
    expect(parseResult('1.0.0', result).ok).toBe(true);
  });

  it('can be found by a strict check, as JSON pointers', () => {
    expect(findVersion11OnlyFields(result)).toEqual([
      '/interfaces/1/mtu',
      '/interfaces/1/socketPath',
      '/routes/1/table',
      '/routes/1/scope',
    ]);
    expect(findVersion11OnlyFields({ interfaces: [{ name: 'eth0' }] })).toEqual([]);
  });
});
