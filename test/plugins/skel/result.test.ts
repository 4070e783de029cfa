import { describe, expect, it } from 'vitest';
import { formatResult, parsePrevResult } from '../../../src/plugins/skel/result.ts';

const result = {
  interfaces: [{ name: 'eth0', mac: '02:00:00:00:00:01', mtu: 1400, sandbox: '/var/run/netns/x' }],
  ips: [
    { address: '10.1.0.5/24', gateway: '10.1.0.1', interface: 0 },
    { address: 'fd00::5/64', interface: 0 },
  ],
  routes: [
    { dst: '0.0.0.0/0', gw: '10.1.0.1', table: 100 },
    { dst: '::/0', gw: 'fd00::1' },
  ],
  dns: {},
};

describe('formatResult', () => {
  it('gives 1.1.0 the model as built, without empty parts (omitempty)', () => {
    expect(formatResult(result, '1.1.0')).toEqual({
      cniVersion: '1.1.0',
      interfaces: result.interfaces,
      ips: result.ips,
      routes: result.routes,
    });
  });

  it('leaves out the 1.1.0-only fields at 1.0.0', () => {
    const formatted = formatResult(result, '1.0.0');
    expect(formatted.interfaces).toEqual([
      { name: 'eth0', mac: '02:00:00:00:00:01', sandbox: '/var/run/netns/x' },
    ]);
    expect(formatted.routes).toEqual([
      { dst: '0.0.0.0/0', gw: '10.1.0.1' },
      { dst: '::/0', gw: 'fd00::1' },
    ]);
  });

  it('adds ips[].version at 0.4.0 through the spec converter', () => {
    const formatted = formatResult(result, '0.4.0');
    expect(formatted.ips).toEqual([
      { version: '4', address: '10.1.0.5/24', gateway: '10.1.0.1', interface: 0 },
      { version: '6', address: 'fd00::5/64', interface: 0 },
    ]);
  });

  it('keeps the first address of each family at 0.2.0, routes by family', () => {
    expect(formatResult(result, '0.2.0')).toEqual({
      cniVersion: '0.2.0',
      ip4: { ip: '10.1.0.5/24', gateway: '10.1.0.1', routes: [{ dst: '0.0.0.0/0', gw: '10.1.0.1' }] },
      ip6: { ip: 'fd00::5/64', routes: [{ dst: '::/0', gw: 'fd00::1' }] },
    });
  });

  it('fails with code 1 where 0.2.0 cannot express the result (no address)', () => {
    expect(() => formatResult({ interfaces: result.interfaces }, '0.2.0')).toThrow(
      expect.objectContaining({ code: 1, message: 'cannot convert: no valid IP addresses' }),
    );
  });
});

describe('parsePrevResult', () => {
  it('reads a 0.4.0 prevResult into the 1.1.0 model (ips[].version dropped)', () => {
    const prev = parsePrevResult({ cniVersion: '0.4.0', ips: [{ version: '4', address: '10.1.0.5/24' }] });
    expect(prev).toEqual({ ips: [{ address: '10.1.0.5/24' }] });
  });

  it('reads a 0.2.0 prevResult without cniVersion by its shape', () => {
    const prev = parsePrevResult({ ip4: { ip: '10.1.0.5/24', routes: [{ dst: '0.0.0.0/0' }] } });
    expect(prev).toEqual({ ips: [{ address: '10.1.0.5/24' }], routes: [{ dst: '0.0.0.0/0' }] });
  });

  it('is undefined for no prevResult', () => {
    expect(parsePrevResult(undefined)).toBeUndefined();
  });
});
