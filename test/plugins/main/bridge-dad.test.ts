/**
 * bridge's container-side sysctls (upstream: arp_notify=1; enabledad → enhanced_dad=1 + accept_dad=1 and
 * a wait for DAD before routes, otherwise accept_dad=0) and the wait for the port to be oper-UP — real,
 * in namespaces these tests create, with a duplicate IPv6 address on the bridge to make DAD matter.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { leaseFiles } from '../ipam/host-local-support.ts';
import { sh } from '../support.ts';
import { bridge, bridgeConfig, ipIn, type ShownLink, useBridgeWorld } from './bridge-support.ts';

const rig = useBridgeWorld();

const dualStack = () => ({
  type: 'host-local',
  dataDir: rig.world.dataDir,
  ranges: [[{ subnet: '10.70.0.0/24' }], [{ subnet: 'fd70::/64' }]],
});

function sysctl(path: string): string {
  return sh(['ip', 'netns', 'exec', rig.world.container.name, 'cat', `/proc/sys/net/${path}`]).trim();
}

type DadAddr = { local: string; tentative?: boolean; dadfailed?: boolean };

function containerV6(): DadAddr[] {
  const [eth0] = ipIn<{ addr_info: DadAddr[] }>(rig.world.container, ['-6', 'addr', 'show', 'dev', 'eth0']);
  return eth0?.addr_info ?? [];
}

/** host-local hands out fd70::2 first: the same address on the bridge makes a duplicate for DAD to find. */
function duplicateOnBridge(): void {
  sh(['ip', '-n', rig.world.host.name, 'link', 'add', 'cnibr0', 'type', 'bridge']);
  sh(['ip', '-n', rig.world.host.name, 'link', 'set', 'cnibr0', 'up']);
  sh(['ip', '-n', rig.world.host.name, 'addr', 'add', 'fd70::2/64', 'dev', 'cnibr0', 'nodad']);
}

describe('bridge container sysctls and DAD', () => {
  it('sets arp_notify=1 and accept_dad=0 by default, so a duplicate goes unnoticed, as upstream', async () => {
    duplicateOnBridge();
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world, { ipam: dualStack() }));
    expect(add.exitCode).toBe(0);
    expect(sysctl('ipv4/conf/eth0/arp_notify')).toBe('1');
    expect(sysctl('ipv6/conf/eth0/accept_dad')).toBe('0');
    expect(containerV6().find((addr) => addr.local === 'fd70::2')).toEqual(
      expect.not.objectContaining({ tentative: true }),
    );
  });

  it('with enabledad turns on (enhanced) DAD and returns only once the address has settled', async () => {
    const config = bridgeConfig(rig.world, { ipam: dualStack(), enabledad: true, isDefaultGateway: true });
    const add = await bridge(rig.bin, rig.world, 'ADD', config);
    expect(add.exitCode).toBe(0);
    expect(sysctl('ipv6/conf/eth0/accept_dad')).toBe('1');
    expect(sysctl('ipv6/conf/eth0/enhanced_dad')).toBe('1');
    expect(sysctl('ipv4/conf/eth0/arp_notify')).toBe('1');
    expect(containerV6().filter((addr) => addr.tentative || addr.dadfailed)).toEqual([]);
    const routes = ipIn<{ dst: string }>(rig.world.container, ['-6', 'route', 'show']).map(
      (route) => route.dst,
    );
    expect(routes).toContain('default');
  });

  it('with enabledad fails on a duplicate address and rolls back the lease and the veth', async () => {
    duplicateOnBridge();
    const add = await bridge(
      rig.bin,
      rig.world,
      'ADD',
      bridgeConfig(rig.world, { ipam: dualStack(), enabledad: true }),
    );
    expect(add.exitCode).not.toBe(0);
    expect(add.json?.msg).toContain('fd70::2/64 on eth0 failed duplicate address detection');
    expect(leaseFiles(rig.world.dataDir, 'br-net')).toEqual([]);
    expect(ipIn<ShownLink>(rig.world.container, ['link', 'show']).map((link) => link.ifname)).toEqual(['lo']);
  });
});

describe('bridge port state', () => {
  it('returns with the host veth oper-UP', async () => {
    const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world));
    const hostName = ((add.json?.interfaces ?? []) as { name: string }[])[1]?.name ?? '';
    const [port] = ipIn<ShownLink & { operstate: string }>(rig.world.host, ['link', 'show', 'dev', hostName]);
    expect(port?.operstate).toBe('UP');
  });

  it('fails with "bridge port in error state" when the port never comes up, and rolls back', async () => {
    // A saboteur in the host namespace keeps every veth administratively down.
    const script =
      'while :; do for l in $(ls /sys/class/net); do case $l in veth*) ip link set "$l" down;; esac; done; sleep 0.02; done';
    const saboteur = spawn('ip', ['netns', 'exec', rig.world.host.name, 'sh', '-c', script], {
      detached: true,
    });
    try {
      const add = await bridge(rig.bin, rig.world, 'ADD', bridgeConfig(rig.world));
      expect(add.json?.msg).toMatch(/^bridge port in error state: /);
      expect(leaseFiles(rig.world.dataDir, 'br-net')).toEqual([]);
    } finally {
      if (saboteur.pid) process.kill(-saboteur.pid, 'SIGKILL');
    }
  });
});
