/**
 * Bugs of Debian's golang-github-containernetworking-plugin-dnsname 1.3.1+ds1-2+b6 (containers/dnsname v1.3.1,
 * chained after bridge; it runs dnsmasq per network and keeps its files under /run/containers/cni/dnsname), each
 * reproduced by hand with the commands in `reproduced` (run as root, with dnsmasq-base installed).
 */
import type { KnownBug, PluginBuild } from './model.ts';
import { cniCall, NETNS_SETUP, NETNS_TEARDOWN, quoted, reproScript } from './repro-text.ts';

const BUILDS: readonly PluginBuild[] = [
  {
    debianPackage: 'golang-github-containernetworking-plugin-dnsname',
    version: '1.3.1+ds1-2+b6',
    file: '/usr/lib/cni/dnsname',
  },
];

const REFERENCE = 'containers/dnsname v1.3.1 (archived upstream, no fix released)';

function bridge(cniVersion: string) {
  return {
    cniVersion,
    name: 'dn',
    type: 'bridge',
    bridge: 'cnd0',
    isGateway: true,
    ipam: { type: 'host-local', subnet: '10.78.0.0/24' },
  };
}

function dnsname(cniVersion: string) {
  return { cniVersion, name: 'dn', type: 'dnsname', domainName: 'dns.test' };
}

/** `$VAR` = dnsname's config with `$RESULT` as prevResult. */
function withPrev(variable: string, result: string, cniVersion: string): string {
  return `${variable}=$(jq -n --argjson r "$${result}" '${JSON.stringify(dnsname(cniVersion))} + {prevResult: $r}')`;
}

/** The second container of a two-attachment reproduction. */
const SECOND = { cid: 'c2', netns: '/run/netns/cnc2' };

/** Stops the network's dnsmasq (when DEL left it) and removes what dnsname keeps under /run. */
const DNSNAME_CLEANUP =
  'kill $(cat /run/containers/cni/dnsname/dn/pidfile) 2>/dev/null; rm -rf /run/containers/cni/dnsname/dn /var/lib/cni/networks/dn';

/** bridge ADD, dnsname ADD, dnsname CHECK, dnsname DEL, bridge DEL at 1.0.0, then what is left. */
const LIFECYCLE = [
  NETNS_SETUP,
  `R=$(${cniCall('ADD', 'bridge', quoted(bridge('1.0.0')))})`,
  withPrev('C', 'R', '1.0.0'),
  `R2=$(${cniCall('ADD', 'dnsname', '"$C"')})`,
  withPrev('C2', 'R2', '1.0.0'),
  cniCall('CHECK', 'dnsname', '"$C2"'),
  cniCall('DEL', 'dnsname', '"$C2"'),
  cniCall('DEL', 'bridge', quoted(bridge('1.0.0'))),
  'ip netns exec cnchost iptables -S INPUT',
  `${DNSNAME_CLEANUP}; ${NETNS_TEARDOWN}`,
];

export const DNSNAME_BUGS: readonly KnownBug[] = [
  {
    id: 'dnsname-1.3.1/check-always-fails',
    builds: BUILDS,
    sites: [
      { requirement: 'P-CHK-1', check: 'CHECK passes immediately after' },
      { requirement: 'P-ENV-1', check: 'the verb is taken from CNI_COMMAND' },
      { requirement: 'P-VCMD-3', check: 'every advertised version works' },
      { requirement: 'P-ID-1', check: 'a container ID like' },
    ],
    message: /addnhost file missing from configuration/,
    summary:
      'dnsname CHECK always fails: it looks for the hosts file path that only ADD fills into its config',
    reference: REFERENCE,
    reproduced: reproScript(
      LIFECYCLE,
      'CHECK right after a successful ADD exits 1 with code 999 "addnhost file missing from configuration"',
    ),
  },
  {
    id: 'dnsname-1.3.1/panics-at-0.1.0-0.2.0',
    builds: BUILDS,
    sites: [
      { requirement: 'P-VER-1', check: 'result format (0.x)' },
      { requirement: 'P-RES-3', check: 'a 0.1.0/0.2.0 result has ip4/ip6' },
      { requirement: 'P-VCMD-3', check: 'every advertised version works' },
    ],
    message: /panic: runtime error: index out of range/,
    versions: ['0.1.0', '0.2.0'],
    summary:
      'dnsname advertises 0.1.0 and 0.2.0 but panics on ADD at those versions (it indexes the interfaces list a ' +
      'legacy prevResult does not have)',
    reference: REFERENCE,
    reproduced: reproScript(
      [
        NETNS_SETUP,
        `R=$(${cniCall('ADD', 'bridge', quoted(bridge('0.2.0')))})`,
        withPrev('C', 'R', '0.2.0'),
        cniCall('ADD', 'dnsname', '"$C"'),
        `${DNSNAME_CLEANUP}; ${NETNS_TEARDOWN}`,
      ],
      'ADD exits 2 with "panic: runtime error: index out of range [0] with length 0" in main.cmdAdd on stderr',
    ),
  },
  {
    id: 'dnsname-1.3.1/del-without-pod-name-tears-down-network',
    builds: BUILDS,
    sites: [{ requirement: 'P-DEL-1', check: 'ADD then DEL removes exactly what the ADD added' }],
    message: /removed file \/run\/containers\/cni\/dnsname\/\S+\/addnhosts/,
    summary:
      'without K8S_POD_NAME in CNI_ARGS, dnsname DEL of one attachment removes the hosts entries of every other ' +
      "nameless attachment, then stops the network's dnsmasq and removes its files while those are still alive",
    reference: `${REFERENCE}; podman always passes K8S_POD_NAME, other runtimes need not`,
    reproduced: reproScript(
      [
        `${NETNS_SETUP}; ip netns add cnc2`,
        `R=$(${cniCall('ADD', 'bridge', quoted(bridge('1.0.0')))})`,
        withPrev('C', 'R', '1.0.0'),
        cniCall('ADD', 'dnsname', '"$C"'),
        `R2=$(${cniCall('ADD', 'bridge', quoted(bridge('1.0.0')), SECOND)})`,
        withPrev('C2', 'R2', '1.0.0'),
        cniCall('ADD', 'dnsname', '"$C2"', SECOND),
        'cat /run/containers/cni/dnsname/dn/addnhosts',
        cniCall('DEL', 'dnsname', '"$C2"', SECOND),
        'ls /run/containers/cni/dnsname/dn; pgrep -f dnsname/dn/',
        cniCall('DEL', 'bridge', quoted(bridge('1.0.0')), SECOND),
        cniCall('DEL', 'bridge', quoted(bridge('1.0.0'))),
        `${DNSNAME_CLEANUP}; ip netns del cnc2; ${NETNS_TEARDOWN}`,
      ],
      'both ADDs exit 0 and addnhosts lists 10.78.0.2 and 10.78.0.3; the DEL of c2 exits 0, and then ' +
        '/run/containers/cni/dnsname/dn is gone and no dnsmasq runs, though c1 is still attached',
    ),
  },
];
