/**
 * The pure parts of bridge: config parsing and the argv / `ip` / `bridge` batches it builds. These cover
 * the VLAN paths on kernels without bridge VLAN filtering, where bridge-vlan.test.ts must skip.
 */
import { describe, expect, it } from 'vitest';
import { gatewayCommands } from '../../../src/plugins/main/bridge/addresses.ts';
import { parseBridgeConfig } from '../../../src/plugins/main/bridge/config.ts';
import {
  CONTAINER_SYSCTL_SCRIPT,
  type ContainerPlan,
  containerBatchArgv,
  containerCommands,
  needsSettling,
} from '../../../src/plugins/main/bridge/container.ts';
import { waitForPortUp } from '../../../src/plugins/main/bridge/port.ts';
import {
  portVlanLines,
  vlanGatewayCommands,
  vlanGatewayName,
} from '../../../src/plugins/main/bridge/vlan.ts';
import type { IpLink } from '../../../src/plugins/skel/ip.ts';
import { batchInput } from '../../../src/plugins/skel/ip.ts';
import type { PluginRequest } from '../../../src/plugins/skel/request.ts';

function request(config: Record<string, unknown>): PluginRequest {
  const full = { cniVersion: '1.0.0', name: 'net', type: 'bridge', ...config };
  return {
    env: { command: 'ADD', containerId: 'c1', netns: '/run/netns/x', ifname: 'eth0', args: '', path: [] },
    stdin: JSON.stringify(full),
    config: full,
    name: 'net',
    cniVersion: '1.0.0',
  };
}

const plan = (extra: Partial<ContainerPlan> = {}): ContainerPlan => ({
  netns: '/run/netns/c',
  ifname: 'eth0',
  ips: [{ address: '10.1.0.2/24', gateway: '10.1.0.1', interface: 2 }],
  routes: [{ dst: '0.0.0.0/0' }],
  enableDad: false,
  ...extra,
});

const v6 = { address: 'fd00::2/64', gateway: 'fd00::1', interface: 2 };

describe('bridge config', () => {
  it('defaults preserveDefaultVlan to true and enabledad to false, as upstream', () => {
    const config = parseBridgeConfig(request({ vlan: 7 }));
    expect(config).toMatchObject({ vlan: 7, preserveDefaultVlan: true, enableDad: false });
    expect(parseBridgeConfig(request({ enabledad: true, preserveDefaultVlan: false }))).toMatchObject({
      enableDad: true,
      preserveDefaultVlan: false,
    });
  });

  it('reads trunk entries as upstream: ranges and single ids, in one entry or several', () => {
    const trunk = [{ id: 5 }, { minID: 10, maxID: 12 }, { minID: 20, maxID: 20, id: 30 }];
    expect(parseBridgeConfig(request({ vlanTrunk: trunk })).vlanTrunk).toEqual([
      { min: 5, max: 5 },
      { min: 10, max: 12 },
      { min: 20, max: 20 },
      { min: 30, max: 30 },
    ]);
  });

  it.each([
    [{ vlan: 3, vlanTrunk: [{ id: 4 }] }, 'cannot set vlan and vlanTrunk at the same time'],
    [{ vlanTrunk: [{ minID: 3 }] }, 'maxID is missing'],
    [{ vlanTrunk: [{ maxID: 3 }] }, 'minID is missing'],
    [{ vlanTrunk: [{ id: 4095 }] }, 'incorrect trunk id parameter'],
    [{ vlanTrunk: [{ minID: 0, maxID: 3 }] }, 'incorrect trunk minID parameter'],
    [{ vlanTrunk: [{ minID: 1, maxID: 5000 }] }, 'incorrect trunk maxID parameter'],
  ])('rejects %j with code 7', (config, message) => {
    expect(() => parseBridgeConfig(request(config))).toThrow(message);
  });
});

describe('container step', () => {
  it('runs plain ip for L2-only, and a constant sysctl script with positional arguments for L3', () => {
    expect(containerBatchArgv(plan({ ips: [] }))).toEqual([
      'nsenter',
      '--net=/run/netns/c',
      '--',
      'ip',
      '-json',
      '-batch',
      '-',
    ]);
    const argv = containerBatchArgv(plan({ ifname: 'net1' }));
    expect(argv.slice(3)).toEqual([
      'sh',
      '-c',
      CONTAINER_SYSCTL_SCRIPT,
      'cni-bridge',
      'net1',
      'nodad',
      'ipv4',
    ]);
    expect(CONTAINER_SYSCTL_SCRIPT).not.toContain('net1');
    expect(containerBatchArgv(plan({ enableDad: true, ips: [v6] })).slice(-2)).toEqual(['dad', 'ipv6']);
  });

  it('writes arp_notify, accept_dad (or enhanced_dad + accept_dad) and disable_ipv6, then becomes ip', () => {
    expect(CONTAINER_SYSCTL_SCRIPT).toContain('/proc/sys/net/ipv4/conf/$1/arp_notify" 1');
    expect(CONTAINER_SYSCTL_SCRIPT).toMatch(
      /enhanced_dad" 1; w "\$v6\/accept_dad" 1; else w "\$v6\/accept_dad" 0/,
    );
    expect(CONTAINER_SYSCTL_SCRIPT).toContain('w "$v6/disable_ipv6" 0');
    expect(CONTAINER_SYSCTL_SCRIPT.trim().split('\n').at(-1)).toBe('exec ip -json -batch -');
  });

  it('raises the link before addressing it, adds no nodad flag, and routes last', () => {
    expect(containerCommands(plan({ ips: [v6], routes: [{ dst: '::/0' }] }), true)).toEqual([
      ['link', 'set', 'dev', 'eth0', 'up'],
      ['addr', 'add', 'fd00::2/64', 'dev', 'eth0'],
      ['route', 'append', '::/0', 'via', 'fd00::1', 'dev', 'eth0'],
      ['link', 'show', 'dev', 'eth0'],
    ]);
    expect(containerCommands(plan({ keepDown: true, ips: [], routes: [] }), true)).toEqual([
      ['link', 'show', 'dev', 'eth0'],
    ]);
  });

  it('waits for DAD only with enabledad and an IPv6 gateway', () => {
    expect(needsSettling(plan({ enableDad: true, ips: [v6] }))).toBe(true);
    expect(needsSettling(plan({ enableDad: false, ips: [v6] }))).toBe(false);
    expect(needsSettling(plan({ enableDad: true }))).toBe(false);
    expect(needsSettling(plan({ enableDad: true, ips: [{ address: 'fd00::2/64' }] }))).toBe(false);
  });

  it('refuses batch words that iproute2 would split or treat as comments', () => {
    expect(batchInput([['link', 'show', 'dev', 'eth0']])).toBe('link show dev eth0\n');
    expect(() => batchInput([['link', 'show', 'dev', 'eth0 up']])).toThrow('unsafe');
    expect(() => batchInput([['link', 'show', 'dev', '#x']])).toThrow('unsafe');
  });
});

describe('VLAN batches', () => {
  const trunk = [
    { min: 10, max: 10 },
    { min: 20, max: 29 },
  ];

  it('makes an access port: PVID untagged, default VLAN 1 removed only without preserveDefaultVlan', () => {
    expect(portVlanLines('veth1', { vlan: 100, vlanTrunk: [], preserveDefaultVlan: true })).toEqual([
      'vlan add dev veth1 vid 100 pvid untagged',
    ]);
    expect(portVlanLines('veth1', { vlan: 100, vlanTrunk: [], preserveDefaultVlan: false })).toEqual([
      'vlan del dev veth1 vid 1',
      'vlan add dev veth1 vid 100 pvid untagged',
    ]);
  });

  it('makes a trunk port with tagged ids and ranges, and leaves a plain port alone', () => {
    expect(portVlanLines('veth1', { vlan: 0, vlanTrunk: trunk, preserveDefaultVlan: false })).toEqual([
      'vlan del dev veth1 vid 1',
      'vlan add dev veth1 vid 10',
      'vlan add dev veth1 vid 20-29',
    ]);
    expect(portVlanLines('veth1', { vlan: 0, vlanTrunk: [], preserveDefaultVlan: false })).toEqual([]);
  });

  it('names the VLAN gateway <bridge>.<vlan> and refuses names the kernel would refuse', () => {
    expect(vlanGatewayName('cni0', 100)).toBe('cni0.100');
    expect(() => vlanGatewayName('averylongbridge', 4094)).toThrow('longer than 15 bytes');
  });

  it('builds the VLAN gateway as a veth whose peer is a bridge port with the bridge MTU', () => {
    const bridge = { ifname: 'cni0', mtu: 1400 } as IpLink;
    expect(vlanGatewayCommands('cni0.100', 'veth0a0b0c0d', bridge)).toEqual([
      [
        'link',
        'add',
        'name',
        'cni0.100',
        'mtu',
        '1400',
        'type',
        'veth',
        'peer',
        'name',
        'veth0a0b0c0d',
        'mtu',
        '1400',
      ],
      ['link', 'set', 'dev', 'veth0a0b0c0d', 'master', 'cni0'],
      ['link', 'set', 'dev', 'veth0a0b0c0d', 'up'],
      ['link', 'set', 'dev', 'cni0.100', 'up'],
      ['addr', 'show', 'dev', 'cni0.100'],
    ]);
  });
});

describe('gateway addresses', () => {
  const holder = (addresses: { family: 'inet' | 'inet6'; local: string; prefixlen: number }[]) => ({
    link: { ifname: 'cni0.100', addr_info: addresses } as unknown as IpLink,
    errorPrefix: 'failed to set vlan interface for bridge with addr',
  });
  const ips = [{ address: '10.1.0.2/24', gateway: '10.1.0.1' }, v6];

  it('adds missing gateways idempotently, IPv6 without DAD, and skips present ones', () => {
    expect(gatewayCommands(holder([]), ips, false)).toEqual([
      ['addr', 'replace', '10.1.0.1/24', 'dev', 'cni0.100'],
      ['addr', 'replace', 'fd00::1/64', 'dev', 'cni0.100', 'nodad'],
    ]);
    const present = holder([{ family: 'inet', local: '10.1.0.1', prefixlen: 24 }]);
    expect(gatewayCommands(present, ips.slice(0, 1), false)).toEqual([]);
  });

  it('refuses a different address with the holder-specific message, replaces it with forceAddress', () => {
    const other = holder([{ family: 'inet', local: '10.9.0.1', prefixlen: 16 }]);
    expect(() => gatewayCommands(other, ips.slice(0, 1), false)).toThrow(
      'failed to set vlan interface for bridge with addr: "cni0.100" already has an IP address different from 10.1.0.1/24',
    );
    expect(gatewayCommands(other, ips.slice(0, 1), true)).toEqual([
      ['addr', 'del', '10.9.0.1/16', 'dev', 'cni0.100'],
      ['addr', 'replace', '10.1.0.1/24', 'dev', 'cni0.100'],
    ]);
  });

  it('allows a second IPv6 gateway in a subnet that does not overlap', () => {
    const other = holder([{ family: 'inet6', local: 'fd99::1', prefixlen: 64 }]);
    expect(gatewayCommands(other, [v6], false)).toEqual([
      ['addr', 'replace', 'fd00::1/64', 'dev', 'cni0.100', 'nodad'],
    ]);
  });
});

describe('port wait', () => {
  it('returns a port already seen oper-UP without looking again', async () => {
    const seen = { ifname: 'veth-none', operstate: 'UP' } as IpLink;
    await expect(waitForPortUp('veth-none-such', seen)).resolves.toBe(seen);
  });

  it('fails with upstream error text when the port never comes up', async () => {
    const seen = { ifname: 'lo', operstate: 'DOWN' } as IpLink;
    // lo is UNKNOWN, never UP: the wait must end with the last state seen, after the given back-off.
    await expect(waitForPortUp('lo', seen, [0, 10])).rejects.toThrow('bridge port in error state: UNKNOWN');
  });
});
