/**
 * fast-check arbitraries for every CNI document: valid values per version, and mutations of them
 * that are usually (not always) invalid. Arrays are never empty, because Go omits empty arrays and the
 * converters do too, so "[] vs absent" is not information the round-trip property should track.
 */
import fc from 'fast-check';
import { CNI_VERSIONS, type CniVersion } from '../../src/spec/versions.ts';

const some = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.array(arb, { minLength: 1, maxLength });
const optionalKeys = <T extends object>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  required: (keyof T)[] = [],
) => fc.record(model, { requiredKeys: required });

export const ipv4 = fc.ipV4();
export const ipv6 = fc.ipV6();
export const ip = fc.oneof(ipv4, ipv6);
export const cidr4 = fc
  .tuple(ipv4, fc.integer({ min: 0, max: 32 }))
  .map(([address, prefix]) => `${address}/${prefix}`);
export const cidr6 = fc
  .tuple(ipv6, fc.integer({ min: 0, max: 128 }))
  .map(([address, prefix]) => `${address}/${prefix}`);
export const cidr = fc.oneof(cidr4, cidr6);
const uint = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const text = fc.string({ maxLength: 12 });
const identifier = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,12}$/);
const octets = (count: number) =>
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: count, maxLength: count })
    .map((bytes) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':'));

export const dns = optionalKeys({
  nameservers: some(ip),
  domain: text,
  search: some(text),
  options: some(text),
});
const route = optionalKeys({ dst: cidr, gw: ip }, ['dst']);

const v020Block = (address: fc.Arbitrary<string>) =>
  optionalKeys({ ip: address, gateway: ip, routes: some(route) }, ['ip']);

/** A 0.1.0/0.2.0 result at `version`. */
export const v020Result = (version: string) =>
  optionalKeys({ cniVersion: fc.constant(version), ip4: v020Block(cidr4), ip6: v020Block(cidr6), dns }, [
    'cniVersion',
  ]);

const v040Interface = optionalKeys({ name: text, mac: octets(6), sandbox: text }, ['name']);
const v040Ip = (ipam: boolean) =>
  fc.oneof(
    ...(['4', '6'] as const).map((family) =>
      optionalKeys(
        {
          version: fc.constant(family),
          address: family === '4' ? cidr4 : cidr6,
          gateway: ip,
          ...(ipam ? {} : { interface: fc.integer({ min: 0, max: 3 }) }),
        },
        ['version', 'address'],
      ),
    ),
  );

/** A 0.3.x/0.4.0 result (or abbreviated IPAM result) at `version`. */
export const v040Result = (version: string, ipam = false) =>
  optionalKeys(
    {
      cniVersion: fc.constant(version),
      ...(ipam ? {} : { interfaces: some(v040Interface) }),
      ips: some(v040Ip(ipam), 4),
      routes: some(route),
      dns,
    },
    ['cniVersion'],
  );

const v100Interface = optionalKeys(
  { name: text, mac: octets(6), sandbox: text, mtu: uint, socketPath: text, pciID: text },
  ['name'],
);
const v100Route = optionalKeys(
  {
    dst: cidr,
    gw: ip,
    mtu: uint,
    advmss: uint,
    priority: uint,
    table: uint,
    scope: fc.integer({ min: 0, max: 255 }),
  },
  ['dst'],
);
const v100Ip = (ipam: boolean) =>
  optionalKeys(
    { address: cidr, gateway: ip, ...(ipam ? {} : { interface: fc.integer({ min: 0, max: 3 }) }) },
    ['address'],
  );

/** A 1.x result (or abbreviated IPAM result) at `version`; `with11` adds the 1.1-only fields sometimes. */
export const v100Result = (version: string, ipam = false, with11 = true) =>
  optionalKeys(
    {
      cniVersion: fc.constant(version),
      ...(ipam ? {} : { interfaces: some(with11 ? v100Interface : v040Interface) }),
      ips: some(v100Ip(ipam), 4),
      routes: some(with11 ? v100Route : route),
      dns,
    },
    ['cniVersion'],
  );

/** A valid ADD result at any released version. */
export function resultAt(version: CniVersion, ipam = false): fc.Arbitrary<Record<string, unknown>> {
  if (version.startsWith('0.1') || version.startsWith('0.2')) return v020Result(version);
  if (version.startsWith('0.')) return v040Result(version, ipam);
  return v100Result(version, ipam);
}

/** A valid ADD result of any version. */
export const anyResult = fc.constantFrom(...CNI_VERSIONS).chain((version) => resultAt(version));

const capabilities = fc.dictionary(
  fc.constantFrom('portMappings', 'mac', 'bandwidth', 'ips', 'dns'),
  fc.boolean(),
);
const pluginConfigModel = {
  type: fc.constantFrom('bridge', 'host-local', 'loopback', 'portmap', 'x-plugin'),
  capabilities,
  ipMasq: fc.boolean(),
  ipam: optionalKeys({ type: fc.constantFrom('host-local', 'static'), subnet: cidr4 }),
  dns,
  'x-plugin-key': fc.jsonValue({ maxDepth: 2 }),
};

/** A plugin configuration object. */
export const pluginConfig = optionalKeys(pluginConfigModel, ['type']);

const versionString = fc.oneof(fc.constantFrom(...CNI_VERSIONS), fc.constant('9.9.9'));

/** A network configuration list with the 1.1.0 keys. */
export const conflist = optionalKeys(
  {
    cniVersion: versionString,
    cniVersions: some(versionString),
    name: identifier,
    disableCheck: fc.oneof(fc.boolean(), fc.constantFrom('true', 'false')),
    disableGC: fc.boolean(),
    loadOnlyInlinedPlugins: fc.boolean(),
    plugins: some(pluginConfig),
  },
  ['name'],
);

/** A legacy single-plugin .conf. */
export const legacyConf = optionalKeys(
  { ...pluginConfigModel, cniVersion: versionString, name: identifier },
  ['type', 'name'],
);

/** runtimeConfig with the conventional capability shapes. */
export const runtimeConfig = optionalKeys({
  portMappings: some(
    optionalKeys(
      { hostPort: uint, containerPort: uint, protocol: fc.constantFrom('tcp', 'udp', 'sctp'), hostIP: ip },
      ['hostPort', 'containerPort'],
    ),
  ),
  ipRanges: some(some(optionalKeys({ subnet: cidr, rangeStart: ip, rangeEnd: ip, gateway: ip }, ['subnet']))),
  bandwidth: optionalKeys({ ingressRate: uint, ingressBurst: uint, egressRate: uint, egressBurst: uint }),
  dns: optionalKeys({ servers: some(text), searches: some(text), options: some(text) }),
  ips: some(fc.oneof(ip, cidr)),
  mac: octets(6),
  infinibandGUID: octets(8),
  deviceID: text,
  aliases: some(text),
  cgroupPath: text,
});

const gcAttachment = fc.record({ containerID: identifier, ifname: text });

/** A request configuration, with a prevResult of the request version's family. */
export const requestConfig = fc.constantFrom(...CNI_VERSIONS).chain((version) =>
  optionalKeys(
    {
      ...pluginConfigModel,
      cniVersion: fc.constant(version),
      name: identifier,
      runtimeConfig,
      prevResult: resultAt(version),
      args: fc.record({
        cni: optionalKeys({ labels: some(fc.record({ key: text, value: text })), ips: some(ip) }),
      }),
      'cni.dev/valid-attachments': fc.option(some(gcAttachment), { nil: null }),
      'cni.dev/attachments': some(gcAttachment),
    },
    ['type', 'name', 'cniVersion'],
  ),
);

/** A VERSION result. */
export const versionResult = optionalKeys(
  { cniVersion: versionString, supportedVersions: some(fc.constantFrom(...CNI_VERSIONS)) },
  ['cniVersion'],
);

/** A plugin error object. */
export const wireError = optionalKeys({ cniVersion: versionString, code: uint, msg: text, details: text }, [
  'code',
  'msg',
]);

export { gcAttachment };
