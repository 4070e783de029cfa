/**
 * Generators of malformed requests for the ROBUST suite. Each case says whether the spec leaves the plugin a
 * choice: `mustFail` cases (not JSON, wrong types, invalid CIDRs, unsupported versions, missing or invalid
 * CNI_* values) must be rejected; the others (huge strings, deep nesting, unknown keys) may be accepted, but
 * neither may crash or hang the plugin.
 */
import fc from 'fast-check';
import type { JsonObject, PluginRole } from '../../../src/target.ts';
import { isRangeIpam } from '../lib/ipam-shape.ts';

/** One malformed request: stdin bytes, env changes (undefined removes a variable) and what is allowed. */
export interface MalformedCase {
  readonly label: string;
  readonly stdin: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly mustFail: boolean;
}

const stdinCase = (label: string, stdin: string, mustFail: boolean): MalformedCase => ({
  label,
  stdin,
  env: {},
  mustFail,
});

function truncated(base: string): fc.Arbitrary<MalformedCase> {
  return fc
    .integer({ min: 0, max: base.length - 1 })
    .map((length) => stdinCase(`truncated to ${length} bytes`, base.slice(0, length), true));
}

function wrongTypes(config: JsonObject, role: PluginRole): fc.Arbitrary<MalformedCase> {
  // An IPAM plugin gets its caller's config: the top-level `type` is the caller's, not its business.
  const keys = [
    'name',
    'cniVersion',
    ...(role === 'ipam' ? [] : ['type']),
    ...(config.ipam === undefined ? [] : ['ipam']),
  ];
  const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }));
  return fc.tuple(fc.constantFrom(...keys), wrong).map(([key, value]) => {
    const body = JSON.stringify({ ...config, [key]: key === 'ipam' ? 42 : value });
    return stdinCase(
      `"${key}" of the wrong type (${JSON.stringify(key === 'ipam' ? 42 : value)})`,
      body,
      true,
    );
  });
}

function badVersions(config: JsonObject): fc.Arbitrary<MalformedCase> {
  return fc
    .constantFrom('9.9.9', '1.0', 'abc', '0.0.0', '1.0.0.0', '10.0.0')
    .map((version) =>
      stdinCase(`cniVersion "${version}"`, JSON.stringify({ ...config, cniVersion: version }), true),
    );
}

function invalidCidrs(config: JsonObject): fc.Arbitrary<MalformedCase> {
  return fc
    .constantFrom('10.1.2.3/99', 'garbage', '300.1.1.0/24', '10.0.0.0/-1', '10.0.0.0')
    .map((subnet) => {
      const { ranges: _ranges, ...ipam } = config.ipam as JsonObject;
      const body = JSON.stringify({ ...config, ipam: { ...ipam, subnet } });
      return stdinCase(`ipam.subnet "${subnet}"`, body, true);
    });
}

function tolerated(config: JsonObject): fc.Arbitrary<MalformedCase> {
  const huge = fc.integer({ min: 10_000, max: 200_000 }).map((size) => {
    const body = JSON.stringify({ ...config, zzHuge: 'x'.repeat(size) });
    return stdinCase(`a ${size}-byte string value`, body, false);
  });
  const deep = fc.integer({ min: 100, max: 20_000 }).map((depth) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const body = `${JSON.stringify(config).slice(0, -1)},"zzDeep":${nested}}`;
    return stdinCase(`arrays nested ${depth} deep`, body, false);
  });
  const unknown = fc
    .dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).map((key) => `zz${key}`),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 4 },
    )
    .map((extra) =>
      stdinCase(
        `unknown keys ${Object.keys(extra).join(',')}`,
        JSON.stringify({ ...config, ...extra }),
        false,
      ),
    );
  return fc.oneof(huge, deep, unknown);
}

/** Malformed stdin built around a valid request config. */
export function malformedStdin(config: JsonObject, role: PluginRole): fc.Arbitrary<MalformedCase> {
  const base = JSON.stringify(config);
  const cases = [truncated(base), wrongTypes(config, role), badVersions(config), tolerated(config)];
  if (isRangeIpam(config)) cases.push(invalidCidrs(config));
  return fc.oneof(...cases);
}

const BAD_CONTAINER_IDS = ['-abc', '_x', 'a/b', 'a b', 'ä', 'a:b', '.abc', ''];
const BAD_IFNAMES = ['abcdefghijklmnop', 'a/b', 'a:b', '.', '..', 'eth 0', ''];
const REQUIRED_ON_ADD = ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'];

/** Valid stdin with a missing or invalid CNI_* variable. */
export function malformedEnv(config: JsonObject): fc.Arbitrary<MalformedCase> {
  const stdin = JSON.stringify(config);
  const envCase = (label: string, env: Record<string, string | undefined>) => ({
    label,
    stdin,
    env,
    mustFail: true,
  });
  return fc.oneof(
    fc.constantFrom(...REQUIRED_ON_ADD).map((name) => envCase(`${name} missing`, { [name]: undefined })),
    fc
      .constantFrom(...BAD_CONTAINER_IDS)
      .map((id) => envCase(`CNI_CONTAINERID ${JSON.stringify(id)}`, { CNI_CONTAINERID: id })),
    fc
      .constantFrom(...BAD_IFNAMES)
      .map((name) => envCase(`CNI_IFNAME ${JSON.stringify(name)}`, { CNI_IFNAME: name })),
  );
}
