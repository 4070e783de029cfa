/**
 * Bugs of Debian's containernetworking-plugins 1.1.1+ds1-3+b5 (upstream containernetworking/plugins v1.1.1), each
 * reproduced by hand with the commands in `reproduced` (run as root; they make two namespaces and remove them).
 */
import type { KnownBug, PluginBuild } from './model.ts';
import { cniCall, NETNS_SETUP, NETNS_TEARDOWN, quoted, reproScript } from './repro-text.ts';

const DEBIAN_VERSION = '1.1.1+ds1-3+b5';

function debian(binary: string): readonly PluginBuild[] {
  return [
    { debianPackage: 'containernetworking-plugins', version: DEBIAN_VERSION, file: `/usr/lib/cni/${binary}` },
  ];
}

const ipMasqOn = {
  text: 'ipMasq: true',
  holds: (entry: Readonly<Record<string, unknown>>) => entry.ipMasq === true,
};

const HOST_LOCAL = { type: 'host-local', subnet: '10.77.0.0/24' };
const BRIDGE_MASQ = {
  cniVersion: '1.0.0',
  name: 'masq',
  type: 'bridge',
  bridge: 'cnr0',
  isGateway: true,
  ipMasq: true,
  ipam: HOST_LOCAL,
};
const PTP_MASQ = { cniVersion: '1.0.0', name: 'masq', type: 'ptp', ipMasq: true, ipam: HOST_LOCAL };
const PTP = { ...PTP_MASQ, ipMasq: false };
const LOOPBACK = (cniVersion: string) => ({ cniVersion, name: 'lo1', type: 'loopback' });

function masqNetnsGone(plugin: 'bridge' | 'ptp', conf: object): string {
  return reproScript(
    [
      NETNS_SETUP,
      cniCall('ADD', plugin, quoted(conf)),
      'ip netns del cnc',
      cniCall('DEL', plugin, quoted(conf)),
      'ip netns exec cnchost iptables -t nat -S',
      'ip netns del cnchost; rm -r /var/lib/cni/networks/masq',
    ],
    'DEL exits 0, but the nat table still holds chain CNI-<hash> (ACCEPT, MASQUERADE) and the POSTROUTING ' +
      '"-s 10.77.0.2/32 … -j CNI-<hash>" rule',
  );
}

/** `$R`, the first plugin's result, spliced into the chained plugin's config as prevResult. */
function chained(first: object, second: object): string[] {
  return [
    `R=$(${cniCall('ADD', (first as { type: string }).type, quoted(first))})`,
    `C2=$(jq -n --argjson r "$R" '${JSON.stringify(second)} + {prevResult: $r}')`,
  ];
}

const BRIDGE_BW = { ...BRIDGE_MASQ, ipMasq: false, name: 'bw' };
const BANDWIDTH = {
  cniVersion: '1.0.0',
  name: 'bw',
  type: 'bandwidth',
  ingressRate: 1000000,
  ingressBurst: 100000,
  egressRate: 1000000,
  egressBurst: 100000,
};
const PORTMAP = {
  cniVersion: '1.0.0',
  name: 'masq',
  type: 'portmap',
  capabilities: { portMappings: true },
  runtimeConfig: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] },
};

const SBR_BRIDGE = {
  cniVersion: '1.0.0',
  name: 'sb',
  type: 'bridge',
  bridge: 'cns0',
  isGateway: true,
  ipam: { type: 'host-local', subnet: '10.79.0.0/24', routes: [{ dst: '0.0.0.0/0' }] },
};
const SBR = { cniVersion: '1.0.0', name: 'sb', type: 'sbr' };
const MACVLAN = {
  cniVersion: '1.0.0',
  name: 'mv',
  type: 'macvlan',
  master: 'cncm0',
  mode: 'bridge',
  ipam: { type: 'host-local', subnet: '10.80.0.0/24' },
};
const HOST_DEVICE = {
  cniVersion: '1.0.0',
  name: 'hd',
  type: 'host-device',
  device: 'cnchd0',
  ipam: { type: 'host-local', subnet: '10.81.0.0/24' },
};
const HOST_DEVICE_BAD_IPAM = { ...HOST_DEVICE, ipam: { type: 'host-local', subnet: '10.0.0.0/-1' } };
const MACVLAN_BAD_IPAM = { ...MACVLAN, ipam: { type: 'host-local', subnet: '10.0.0.0/-1' } };
/** A host-local that allocates but answers without `ips`: the ADD after it must fail and release. */
const IPAM_WITHOUT_IPS =
  'mkdir /tmp/cncfake && printf \'#!/bin/sh\\n/usr/lib/cni/host-local | jq -c "del(.ips)"\\n\' > /tmp/cncfake/host-local && chmod +x /tmp/cncfake/host-local';

export const CONTAINERNETWORKING_PLUGINS_BUGS: readonly KnownBug[] = [
  {
    id: 'cnp-1.1.1/bridge-ipmasq-netns-gone',
    builds: debian('bridge'),
    sites: [{ requirement: 'P-DEL-4', check: 'DEL after the netns was removed' }],
    message: /CNI-[0-9a-f]{24}/,
    condition: ipMasqOn,
    summary:
      'bridge DEL returns early when the netns is gone and skips the ipMasq teardown: the per-container CNI-* nat ' +
      'chain and its POSTROUTING rule stay',
    reference:
      'containernetworking/plugins#810 (fix proposed in #811, #1078; unmerged as of v1.9.1, which still returns ' +
      'before TeardownIPMasqForNetworks)',
    reproduced: masqNetnsGone('bridge', BRIDGE_MASQ),
  },
  {
    id: 'cnp-1.1.1/ptp-ipmasq-netns-gone',
    builds: debian('ptp'),
    sites: [{ requirement: 'P-DEL-4', check: 'DEL after the netns was removed' }],
    message: /CNI-[0-9a-f]{24}/,
    condition: ipMasqOn,
    summary:
      'ptp DEL returns early when the netns is gone and skips the ipMasq teardown: the per-container CNI-* nat ' +
      'chain and its POSTROUTING rule stay',
    reference:
      'same early return as bridge (containernetworking/plugins#810); no ptp-specific upstream issue found',
    reproduced: masqNetnsGone('ptp', PTP_MASQ),
  },
  {
    id: 'cnp-1.1.1/bridge-ipmasq-second-attachment',
    builds: debian('bridge'),
    sites: [{ requirement: 'P-ADD-8', check: 'second attachment of the same container' }],
    message: /CHAIN_DEL failed \(Device or resource busy\)/,
    condition: ipMasqOn,
    summary:
      'bridge names its nat chain after (network, container ID) only: with two attachments of one container, ' +
      'DEL of the first fails because the second still uses the chain',
    reference:
      'containernetworking/plugins v1.1.1 pkg/ip/ipmasq_linux.go (chain name from FormatChainName(name, id)); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        cniCall('ADD', 'bridge', quoted(BRIDGE_MASQ)),
        cniCall('ADD', 'bridge', quoted(BRIDGE_MASQ), { ifname: 'net1' }),
        cniCall('DEL', 'bridge', quoted(BRIDGE_MASQ)),
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/masq`,
      ],
      'the DEL of eth0 exits 1 with code 999 "running [iptables -t nat -X CNI-…]: … CHAIN_DEL failed (Device or ' +
        'resource busy)"',
    ),
  },
  {
    id: 'cnp-1.1.1/ptp-second-attachment',
    builds: debian('ptp'),
    sites: [{ requirement: 'P-ADD-8', check: 'second attachment of the same container' }],
    message: /failed to add route .*file exists/,
    summary:
      'ptp cannot attach a second interface to one netns: the /32 route to the gateway already exists, ADD fails ' +
      'and leaves the new veth behind',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/ptp (setupContainerVeth adds the gateway /32 route unconditionally); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        cniCall('ADD', 'ptp', quoted(PTP)),
        cniCall('ADD', 'ptp', quoted(PTP), { ifname: 'net1' }),
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/masq`,
      ],
      'the ADD of net1 exits 1 with code 999 "failed to add route {… Dst: 10.77.0.1/32 …}: file exists"',
    ),
  },
  {
    id: 'cnp-1.1.1/ptp-keeps-reservation-after-failed-add',
    builds: debian('ptp'),
    sites: [{ requirement: 'P-DLG-5', check: 'the reservation is released before it returns' }],
    message: /left reservation|left IPAM state/,
    summary:
      'ptp keeps the IPAM reservation when ADD fails with "IPAM plugin returned missing IP config" (its deferred ' +
      'ExecDel tests an err that is still nil)',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/ptp cmdAdd; bridge 1.1.1 releases in the same case',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        IPAM_WITHOUT_IPS,
        cniCall('ADD', 'ptp', quoted(PTP)).replace('CNI_PATH=/usr/lib/cni', 'CNI_PATH=/tmp/cncfake'),
        'ls /var/lib/cni/networks/masq',
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/masq /tmp/cncfake`,
      ],
      'ADD exits 1 "IPAM plugin returned missing IP config" and /var/lib/cni/networks/masq/10.77.0.2 stays',
    ),
  },
  {
    id: 'cnp-1.1.1/bandwidth-second-attachment',
    builds: debian('bandwidth'),
    sites: [{ requirement: 'P-ADD-8', check: 'second attachment of the same container' }],
    message: /adding link: file exists/,
    summary:
      'bandwidth names its ifb device after the container ID only (bwp<hash(cid)>): a second attachment of the ' +
      'same container fails',
    reference:
      'containernetworking/plugins v1.1.1 plugins/meta/bandwidth (getIfbDeviceName(containerID)); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        ...chained(BRIDGE_BW, BANDWIDTH),
        cniCall('ADD', 'bandwidth', '"$C2"'),
        `R=$(${cniCall('ADD', 'bridge', quoted(BRIDGE_BW), { ifname: 'net1' })})`,
        `C2=$(jq -n --argjson r "$R" '${JSON.stringify(BANDWIDTH)} + {prevResult: $r}')`,
        cniCall('ADD', 'bandwidth', '"$C2"', { ifname: 'net1' }),
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/bw`,
      ],
      'the bandwidth ADD for net1 exits 1 with code 999 "adding link: file exists"',
    ),
  },
  {
    id: 'cnp-1.1.1/portmap-check-ipv6-only-v4',
    builds: debian('portmap'),
    sites: [
      {
        requirement: 'P-CHK-1',
        check: 'CHECK passes immediately after an ADD that used the declared capabilities',
      },
    ],
    message: /could not check ipv6 dnat/,
    summary: 'portmap CHECK on an IPv4-only attachment looks for the ip6tables DNAT chain ADD never created',
    reference: 'containernetworking/plugins#819 (closed upstream)',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        ...chained(PTP_MASQ, PORTMAP),
        `R2=$(${cniCall('ADD', 'portmap', '"$C2"')})`,
        `C3=$(jq -n --argjson r "$R2" '${JSON.stringify(PORTMAP)} + {prevResult: $r}')`,
        cniCall('CHECK', 'portmap', '"$C3"'),
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/masq`,
      ],
      'CHECK exits 1 with code 999 "could not check ipv6 dnat: chain CNI-DN-… not found in iptables table nat"',
    ),
  },
  {
    id: 'cnp-1.1.1/loopback-0x-result-shape',
    builds: debian('loopback'),
    sites: [{ requirement: 'P-VER-1', check: 'result format (0.x)' }],
    message: /must not be present|allowed values of "version"/,
    versions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0'],
    summary:
      'loopback prints the 1.0.0 result shape (interfaces, ips without version) under every explicit cniVersion ' +
      'below 1.0.0',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/loopback (result built as types100 and printed unconverted); no upstream issue found',
    reproduced: reproScript(
      [NETNS_SETUP, cniCall('ADD', 'loopback', quoted(LOOPBACK('0.2.0')), { ifname: 'lo' }), NETNS_TEARDOWN],
      '{"cniVersion":"0.2.0","interfaces":[{"name":"lo",…}],"ips":[{"interface":0,"address":"127.0.0.1/8"},…]}',
    ),
  },
  {
    id: 'cnp-1.1.1/loopback-0x-ips-version',
    builds: debian('loopback'),
    sites: [{ requirement: 'P-RES-2', check: 'ips[].version matches the address family' }],
    message: /ips\[\d+\]\.version/,
    versions: ['0.3.0', '0.3.1', '0.4.0'],
    summary: 'loopback prints ips without `version` at 0.3.x/0.4.0',
    reference: 'containernetworking/plugins v1.1.1 plugins/main/loopback; no upstream issue found',
    reproduced: reproScript(
      [NETNS_SETUP, cniCall('ADD', 'loopback', quoted(LOOPBACK('0.4.0')), { ifname: 'lo' }), NETNS_TEARDOWN],
      '"ips":[{"interface":0,"address":"127.0.0.1/8"},…] (no "version")',
    ),
  },
  {
    id: 'cnp-1.1.1/loopback-legacy-shape',
    builds: debian('loopback'),
    sites: [{ requirement: 'P-RES-3', check: 'a 0.1.0/0.2.0 result has ip4/ip6' }],
    message: /interfaces in a legacy result/,
    versions: ['0.1.0', '0.2.0'],
    summary: 'loopback answers a 0.1.0/0.2.0 ADD with interfaces and ips instead of ip4/ip6',
    reference: 'containernetworking/plugins v1.1.1 plugins/main/loopback; no upstream issue found',
    reproduced: reproScript(
      [NETNS_SETUP, cniCall('ADD', 'loopback', quoted(LOOPBACK('0.1.0')), { ifname: 'lo' }), NETNS_TEARDOWN],
      '{"cniVersion":"0.1.0","interfaces":[{"name":"lo",…}],"ips":[…]} (no ip4)',
    ),
  },
  {
    id: 'cnp-1.1.1/sbr-del-netns-gone',
    builds: debian('sbr'),
    sites: [
      { requirement: 'P-DEL-4', check: 'DEL succeeds after the netns was removed' },
      { requirement: 'P-DEL-4', check: 'DEL with CNI_NETNS empty or unset' },
    ],
    message: /unknown FS magic on|no such file or directory/,
    summary:
      'sbr DEL fails when the netns is gone (it flocks CNI_NETNS, creating an empty regular file there, then ' +
      'cannot enter it) or when CNI_NETNS is empty',
    reference:
      'containernetworking/plugins v1.1.1 plugins/meta/sbr cmdDel (no netns-gone tolerance); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        `R=$(${cniCall('ADD', 'bridge', quoted(SBR_BRIDGE))})`,
        `C=$(jq -n --argjson r "$R" '${JSON.stringify(SBR)} + {prevResult: $r}')`,
        `R2=$(${cniCall('ADD', 'sbr', '"$C"')})`,
        `C2=$(jq -n --argjson r "$R2" '${JSON.stringify(SBR)} + {prevResult: $r}')`,
        'ip netns del cnc',
        cniCall('DEL', 'sbr', '"$C2"'),
        'stat -c %F /run/netns/cnc',
        cniCall('DEL', 'sbr', '"$C2"', { netns: '' }),
        'rm -f /run/netns/cnc; ip netns del cnchost; rm -r /var/lib/cni/networks/sb',
      ],
      'the first DEL exits 1 with code 999 "unknown FS magic on "/run/netns/cnc": ef53" and /run/netns/cnc is now ' +
        'a "regular empty file"; with CNI_NETNS empty DEL exits 1 with "no such file or directory"',
    ),
  },
  {
    id: 'cnp-1.1.1/sbr-del-never-added',
    builds: debian('sbr'),
    sites: [{ requirement: 'P-DEL-3', check: 'DEL of a container ID that was never added' }],
    message: /Link not found/,
    summary: 'sbr DEL of an attachment that was never added fails instead of succeeding',
    reference:
      'containernetworking/plugins v1.1.1 plugins/meta/sbr cmdDel (LinkByName error returned); no upstream issue found',
    reproduced: reproScript(
      [NETNS_SETUP, cniCall('DEL', 'sbr', quoted(SBR)), NETNS_TEARDOWN],
      'DEL exits 1 with code 999 "Failed to get link eth0: Link not found"',
    ),
  },
  {
    id: 'cnp-1.1.1/macvlan-keeps-reservation-after-failed-add',
    builds: debian('macvlan'),
    sites: [{ requirement: 'P-DLG-5', check: 'the reservation is released before it returns' }],
    message: /left reservation|left IPAM state/,
    summary:
      'macvlan keeps the IPAM reservation and the container eth0 when ADD fails after IPAM ("IPAM plugin returned ' +
      'missing IP config")',
    reference: 'containernetworking/plugins v1.1.1 plugins/main/macvlan cmdAdd; no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cncm0 type veth peer name cncm0p; ip netns exec cnchost ip link set cncm0 up',
        IPAM_WITHOUT_IPS,
        cniCall('ADD', 'macvlan', quoted(MACVLAN)).replace('CNI_PATH=/usr/lib/cni', 'CNI_PATH=/tmp/cncfake'),
        'ls /var/lib/cni/networks/mv; ip -n cnc -br link',
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/mv /tmp/cncfake`,
      ],
      'ADD exits 1 "IPAM plugin returned missing IP config"; /var/lib/cni/networks/mv/10.80.0.2 stays and eth0 ' +
        'is still in the container',
    ),
  },
  {
    id: 'cnp-1.1.1/macvlan-strands-eth0-when-ipam-fails',
    builds: debian('macvlan'),
    sites: [{ requirement: 'P-ERR-1', check: 'malformed stdin' }],
    message: /after the malformed requests: .*left behind[\s\S]*added link eth0 \(macvlan\)/,
    summary:
      'macvlan creates eth0 in the container before its IPAM runs and keeps it when IPAM fails (the error is ' +
      'assigned to a shadowed variable, so the cleanup never runs); the DEL with the same config fails in IPAM ' +
      'before it removes the link, and every later ADD fails with "file exists"',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/macvlan cmdAdd/cmdDel; no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cncm0 type veth peer name cncm0p; ip netns exec cnchost ip link set cncm0 up',
        cniCall('ADD', 'macvlan', quoted(MACVLAN_BAD_IPAM)),
        cniCall('DEL', 'macvlan', quoted(MACVLAN_BAD_IPAM)),
        'ip -n cnc -br link',
        NETNS_TEARDOWN,
      ],
      'ADD and DEL both exit 1 with code 999 "invalid CIDR address: 10.0.0.0/-1"; eth0 (macvlan) stays in the ' +
        'container',
    ),
  },
  {
    id: 'cnp-1.1.1/host-device-del-netns-gone',
    builds: debian('host-device'),
    sites: [
      { requirement: 'P-DEL-4', check: 'DEL after the netns was removed' },
      { requirement: 'P-DEL-4', check: 'DEL succeeds after the netns was removed' },
    ],
    message: /failed to open netns/,
    summary: 'host-device DEL fails when the netns is gone and keeps the IPAM reservation',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/host-device cmdDel (ns.GetNS error returned before IPAM DEL); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cnchd0 type veth peer name cnchd0p',
        cniCall('ADD', 'host-device', quoted(HOST_DEVICE)),
        'ip netns del cnc',
        cniCall('DEL', 'host-device', quoted(HOST_DEVICE)),
        'ls /var/lib/cni/networks/hd',
        'ip netns del cnchost; rm -r /var/lib/cni/networks/hd',
      ],
      'DEL exits 1 with code 999 "failed to open netns "/run/netns/cnc": failed to Statfs …: no such file or ' +
        'directory" and /var/lib/cni/networks/hd/10.81.0.2 stays',
    ),
  },
  {
    id: 'cnp-1.1.1/host-device-del-empty-netns-keeps-reservation',
    builds: debian('host-device'),
    sites: [{ requirement: 'P-DEL-4', check: 'DEL with CNI_NETNS empty' }],
    message: /reservation\(s\) .* still held|left reservation|left IPAM state/,
    summary:
      'host-device DEL with CNI_NETNS empty returns success at once and never releases the IPAM reservation',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/host-device cmdDel (returns nil when Netns is empty, before IPAM DEL); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cnchd0 type veth peer name cnchd0p',
        cniCall('ADD', 'host-device', quoted(HOST_DEVICE)),
        cniCall('DEL', 'host-device', quoted(HOST_DEVICE), { netns: '' }),
        'ls /var/lib/cni/networks/hd',
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/hd`,
      ],
      'DEL exits 0 and /var/lib/cni/networks/hd/10.81.0.2 stays',
    ),
  },
  {
    id: 'cnp-1.1.1/host-device-keeps-reservation-after-failed-add',
    builds: debian('host-device'),
    sites: [{ requirement: 'P-DLG-5', check: 'the reservation is released before it returns' }],
    message: /left reservation|left IPAM state/,
    summary:
      'host-device keeps the IPAM reservation and leaves the device in the container as eth0 when ADD fails ' +
      'after IPAM ("IPAM plugin returned missing IP config")',
    reference: 'containernetworking/plugins v1.1.1 plugins/main/host-device cmdAdd; no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cnchd0 type veth peer name cnchd0p',
        IPAM_WITHOUT_IPS,
        cniCall('ADD', 'host-device', quoted(HOST_DEVICE)).replace(
          'CNI_PATH=/usr/lib/cni',
          'CNI_PATH=/tmp/cncfake',
        ),
        'ls /var/lib/cni/networks/hd; ip -n cnc -br link',
        `${NETNS_TEARDOWN}; rm -r /var/lib/cni/networks/hd /tmp/cncfake`,
      ],
      'ADD exits 1 "IPAM plugin returned missing IP config"; /var/lib/cni/networks/hd/10.81.0.2 stays and the ' +
        'device is eth0 in the container',
    ),
  },
  {
    id: 'cnp-1.1.1/host-device-strands-device-when-ipam-fails',
    builds: debian('host-device'),
    sites: [{ requirement: 'P-ERR-1', check: 'malformed stdin' }],
    message: /after the malformed requests: .*left behind[\s\S]*added link eth0/,
    summary:
      'host-device moves the device into the container before its IPAM runs and does not move it back when IPAM ' +
      'fails; the DEL with the same config fails in IPAM too, so the device stays in the container',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/host-device cmdAdd/cmdDel; no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        'ip netns exec cnchost ip link add cnchd0 type veth peer name cnchd0p',
        cniCall('ADD', 'host-device', quoted(HOST_DEVICE_BAD_IPAM)),
        cniCall('DEL', 'host-device', quoted(HOST_DEVICE_BAD_IPAM)),
        'ip -n cnc -br link; ip -n cnchost -br link',
        NETNS_TEARDOWN,
      ],
      'ADD and DEL both exit 1 with code 999 "invalid CIDR address: 10.0.0.0/-1"; the device stays in the ' +
        'container as eth0 and is gone from the host',
    ),
  },
  {
    id: 'cnp-1.1.1/host-device-del-without-interface',
    builds: debian('host-device'),
    sites: [
      { requirement: 'P-DEL-3', check: 'DEL of a container ID that was never added' },
      { requirement: 'P-DEL-2', check: 'a second and third DEL of the same attachment' },
      { requirement: 'P-DEL-1', check: 'an ADD that failed (range exhausted) followed by DEL' },
      { requirement: 'P-DEL-1', check: 'ADDs killed with SIGKILL at a random moment' },
      { requirement: 'P-DEL-1', check: 'a dual-stack ADD that failed on an exhausted IPv6 range' },
    ],
    message: /failed to find "eth0": Link not found/,
    summary:
      'host-device DEL fails when CNI_IFNAME is not in the netns (never added, already deleted, or an ADD that ' +
      'failed or was killed), so DEL is not idempotent',
    reference:
      'containernetworking/plugins v1.1.1 plugins/main/host-device cmdDel (LinkByName error returned); no upstream issue found',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        cniCall('DEL', 'host-device', quoted(HOST_DEVICE)),
        `${NETNS_TEARDOWN}; rm -rf /var/lib/cni/networks/hd`,
      ],
      'DEL exits 1 with code 999 "failed to find "eth0": Link not found"',
    ),
  },
  {
    id: 'cnp-1.1.1/host-local-cni-args-union',
    builds: debian('host-local'),
    sites: [{ requirement: 'P-CAP-2', check: 'args.cni.ips wins over a CNI_ARGS IP' }],
    message: /failed to allocate all requested IPs/,
    summary:
      'host-local requests the union of CNI_ARGS IP and args.cni.ips instead of letting args.cni.ips win; ' +
      'with one range that cannot hold both it fails with code 999',
    reference:
      'containernetworking/plugins v1.1.1 plugins/ipam/host-local (IPs from CNI_ARGS appended to args.cni.ips)',
    reproduced: reproScript(
      [
        NETNS_SETUP,
        `echo ${quoted({ cniVersion: '1.0.0', name: 'args', type: 'x', ipam: HOST_LOCAL, args: { cni: { ips: ['10.77.0.9'] } } })} | ` +
          'ip netns exec cnchost env CNI_COMMAND=ADD CNI_CONTAINERID=c1 CNI_NETNS=/run/netns/cnc CNI_IFNAME=eth0 ' +
          "CNI_PATH=/usr/lib/cni 'CNI_ARGS=IgnoreUnknown=1;IP=10.77.0.7' /usr/lib/cni/host-local",
        NETNS_TEARDOWN,
      ],
      '{"code":999,"msg":"failed to allocate all requested IPs: 10.77.0.9"}',
    ),
  },
];
