/** The cluster mode's pure parts: address plan, node configs, cells, probe parsing and judging. */
import { describe, expect, it } from 'vitest';
import { type Endpoint, matrixCells } from '../../src/cluster/matrix.ts';
import { type ClusterConfig, nodeConfig } from '../../src/cluster/node-config.ts';
import { planCluster } from '../../src/cluster/plan.ts';
import { judgeProbe, parseProbeOutput, probeScript } from '../../src/cluster/probes.ts';
import { topologySteps } from '../../src/cluster/steps.ts';

const pod = (name: string, node: string, address: string): Endpoint => ({ name, kind: 'pod', node, address });
const nodeEnd = (name: string, address: string): Endpoint => ({ name, kind: 'node', node: name, address });
const outside: Endpoint = { name: 'outside', kind: 'outside', node: '', address: '203.0.113.100' };

describe('planCluster', () => {
  it('gives every node its own pod CIDR, underlay address and VTEP MAC', () => {
    const plan = planCluster(3, 2, 'vxlan');
    expect(plan.nodes.map((n) => n.podCidr)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(new Set(plan.nodes.map((n) => n.vtepMac)).size).toBe(3);
    expect(plan.nodes[1]?.pods).toEqual(['node1-pod0', 'node1-pod1']);
  });

  it('refuses counts out of range with one line naming the option', () => {
    expect(() => planCluster(0, 2, 'host-gw')).toThrow(/--nodes must be 1\.\.200, got 0/);
    expect(() => planCluster(3, 99, 'host-gw')).toThrow(/--pods-per-node/);
  });
});

describe('topologySteps', () => {
  it('host-gw routes every other pod CIDR via its node; vxlan adds FDB entries and a reduced MTU', () => {
    const hostGw = topologySteps(planCluster(3, 1, 'host-gw'))
      .map((s) => s.script)
      .join('\n');
    expect(hostGw).toContain('route add 10.244.1.0/24 via 10.250.0.2');
    const vxlan = topologySteps(planCluster(2, 1, 'vxlan'))
      .map((s) => s.script)
      .join('\n');
    expect(vxlan).toContain('bridge fdb append 0a:58:0a:f4:01:00 dev flannel.1 dst 10.250.0.2');
    expect(vxlan).toContain('mtu 1450');
    const plugin = topologySteps(planCluster(2, 1, 'plugin'))
      .map((s) => s.script)
      .join('\n');
    expect(plugin).not.toMatch(/10\.244\./);
  });
});

describe('nodeConfig', () => {
  const config = (builtIn: boolean, ipam: Record<string, unknown>): ClusterConfig => ({
    conflist: { cniVersion: '1.0.0', name: 'c', plugins: [{ type: 'bridge', ipam }] },
    source: 'test',
    builtIn,
  });

  it('writes the pod CIDR into host-local without ranges, and the pod MTU into the built-in default', () => {
    const bytes = nodeConfig(config(true, { type: 'host-local' }), '10.244.1.0/24', 'vxlan');
    const plugin = JSON.parse(bytes).plugins[0];
    expect(plugin.ipam.ranges).toEqual([[{ subnet: '10.244.1.0/24' }]]);
    expect(plugin.mtu).toBe(1450);
  });

  it('keeps a subnet the config names, and a user config gets no MTU', () => {
    const ipam = { type: 'host-local', subnet: '10.9.0.0/24' };
    const plugin = JSON.parse(nodeConfig(config(false, ipam), '10.244.1.0/24', 'vxlan')).plugins[0];
    expect(plugin.ipam).toEqual(ipam);
    expect(plugin.mtu).toBeUndefined();
  });
});

describe('matrixCells', () => {
  const endpoints = [
    pod('node0-pod0', 'node0', '10.244.0.2'),
    pod('node0-pod1', 'node0', '10.244.0.3'),
    pod('node1-pod0', 'node1', '10.244.1.2'),
    nodeEnd('node0', '10.250.0.1'),
    nodeEnd('node1', '10.250.0.2'),
    outside,
  ];
  const cells = matrixCells(endpoints, new Map([['node1', ['10.250.0.2']]]));

  it('probes every pair the issue names, once, and nothing between nodes or to the outside from a node', () => {
    const kinds = cells.map((c) => c.kind);
    expect(kinds.filter((k) => k === 'NET-LOCAL-1')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'NET-XNODE-1')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'NET-EGRESS-1')).toHaveLength(3);
    expect(cells.filter((c) => c.source.kind === 'node' && c.destination.kind !== 'pod')).toEqual([]);
  });

  it('adds the full-MTU probe across nodes and the masquerade addresses to egress', () => {
    expect(cells.find((c) => c.kind === 'NET-XNODE-1')?.probes).toEqual(['icmp', 'tcp', 'mtu']);
    const egress = cells.find((c) => c.kind === 'NET-EGRESS-1' && c.source.node === 'node1');
    expect(egress?.allowedPeers).toEqual(['10.250.0.2']);
  });
});

describe('probes', () => {
  const [xnode] = matrixCells([pod('a', 'node0', '10.244.0.2'), pod('b', 'node1', '10.244.1.2')], new Map());
  const [egress] = matrixCells(
    [pod('a', 'node1', '10.244.1.2'), outside],
    new Map([['node1', ['10.250.0.2']]]),
  );

  it('parses one line per probe, whatever order they finish in', () => {
    const parsed = parseProbeOutput('@3 tcp 0 b\nnoise\n@3 icmp 1 no answer\n');
    expect(parsed.get(3)?.get('tcp')).toEqual({ exit: 0, output: 'b' });
    expect(parsed.get(3)?.get('icmp')?.exit).toBe(1);
  });

  it('sends the DF probe at the source MTU and asks the outside for the peer', () => {
    if (!xnode || !egress) throw new Error('cells missing');
    expect(probeScript([{ index: 0, cell: xnode }], 1450)).toContain('-M do -s 1422 10.244.1.2');
    expect(probeScript([{ index: 0, cell: egress }], 1500)).toContain('/cgi-bin/id');
  });

  it('fails TCP answered by the wrong namespace, and egress seen from the pod address', () => {
    if (!xnode || !egress) throw new Error('cells missing');
    expect(judgeProbe(xnode, 'tcp', { exit: 0, output: 'a' }).ok).toBe(false);
    expect(judgeProbe(xnode, 'tcp', { exit: 0, output: 'b' }).ok).toBe(true);
    expect(judgeProbe(egress, 'tcp', { exit: 0, output: 'outside [::ffff:10.244.1.2]' }).detail).toMatch(
      /saw 10\.244\.1\.2, not the node's address/,
    );
    expect(judgeProbe(egress, 'tcp', { exit: 0, output: 'outside [::ffff:10.250.0.2]' }).ok).toBe(true);
  });

  it('reads the ICMP latency and names a "Frag needed" reply', () => {
    if (!xnode) throw new Error('cell missing');
    expect(judgeProbe(xnode, 'icmp', { exit: 0, output: '64 bytes time=0.081 ms' }).latencyMs).toBe(0.081);
    const mtu = judgeProbe(xnode, 'mtu', {
      exit: 1,
      output: 'From 10.244.0.1 Frag needed and DF set (mtu = 1450)',
    });
    expect(mtu).toMatchObject({ ok: false, detail: 'Frag needed and DF set (mtu = 1450)' });
  });
});
