/**
 * Results of the 1.0.0/1.1.0 family (cni pkg/types/100): `ips[]` without `version`; 1.1.0 adds interface
 * `mtu`/`socketPath`/`pciID` and route `mtu`/`advmss`/`priority`/`table`/`scope` (the spec's version history, SPEC.md "ADD Success").
 *
 * Decision: 1.1-only fields are ACCEPTED under 1.0.0. Go uses one struct for both versions, so upstream
 * plugins emit them at 1.0.0 too (the spec's version history, "Result-type families"). A strict check can find them with
 * {@link findVersion11OnlyFields}.
 */
import { z } from 'zod';
import { DnsSchema, forbiddenInIpamResult, forbiddenV020Key, RouteSchema, UintSchema } from '../common.ts';
import { CidrSchema, IpSchema } from '../ip.ts';
import { V11_INTERFACE_FIELDS, V11_ROUTE_FIELDS } from './fields.ts';

export { V11_INTERFACE_FIELDS, V11_ROUTE_FIELDS } from './fields.ts';

/** The versions of this family. */
export const V100_VERSIONS = ['1.0.0', '1.1.0'] as const;

/** An interface; `mtu`, `socketPath` and `pciID` are 1.1.0 additions. */
export const V100InterfaceSchema = z.looseObject({
  name: z.string(),
  mac: z.string().optional(),
  sandbox: z.string().optional(),
  mtu: UintSchema.optional(),
  socketPath: z.string().optional(),
  pciID: z.string().optional(),
});

/** `ips[]` entry; `interface` indexes `interfaces` (P-ADD-6, checked by suites, not by the schema). */
export const V100IpConfigSchema = z.looseObject({
  address: CidrSchema,
  gateway: IpSchema.optional(),
  interface: UintSchema.optional(),
});

/** A route; `mtu`, `advmss`, `priority`, `table` and `scope` are 1.1.0 additions. */
export const V100RouteSchema = RouteSchema.extend({
  mtu: UintSchema.optional(),
  advmss: UintSchema.optional(),
  priority: UintSchema.optional(),
  table: UintSchema.optional(),
  scope: UintSchema.optional(),
});

/** An ADD result at 1.0.0/1.1.0. */
export const V100ResultSchema = z
  .looseObject({
    cniVersion: z.enum(V100_VERSIONS),
    interfaces: z.array(V100InterfaceSchema).optional(),
    ips: z.array(V100IpConfigSchema).optional(),
    routes: z.array(V100RouteSchema).optional(),
    dns: DnsSchema.optional(),
    ip4: forbiddenV020Key(),
    ip6: forbiddenV020Key(),
  })
  .meta({ title: 'CNI ADD result, versions 1.0.0 and 1.1.0' });

/** The abbreviated IPAM result: no `interfaces`, no `ips[].interface` (P-RES-5). */
export const V100IpamResultSchema = z
  .looseObject({
    cniVersion: z.enum(V100_VERSIONS),
    interfaces: forbiddenInIpamResult(),
    ips: z.array(V100IpConfigSchema.extend({ interface: forbiddenInIpamResult() })).optional(),
    routes: z.array(V100RouteSchema).optional(),
    dns: DnsSchema.optional(),
    ip4: forbiddenV020Key(),
    ip6: forbiddenV020Key(),
  })
  .meta({ title: 'CNI IPAM result, versions 1.0.0 and 1.1.0' });

export type V100Result = z.infer<typeof V100ResultSchema>;
export type V100IpConfig = z.infer<typeof V100IpConfigSchema>;
export type V100Interface = z.infer<typeof V100InterfaceSchema>;
export type V100Route = z.infer<typeof V100RouteSchema>;
export type V100IpamResult = z.infer<typeof V100IpamResultSchema>;

function presentKeys(
  entries: readonly object[] | undefined,
  keys: readonly string[],
  base: string,
): string[] {
  return (entries ?? []).flatMap((entry, index) =>
    keys.filter((key) => key in entry).map((key) => `${base}/${index}/${key}`),
  );
}

/**
 * JSON pointers of the 1.1.0-only fields in a 1.x result ("/routes/0/table"); empty when there are none.
 * A strict-spec check fails a 1.0.0 result for which this is non-empty.
 */
export function findVersion11OnlyFields(result: {
  readonly interfaces?: readonly object[];
  readonly routes?: readonly object[];
}): string[] {
  return [
    ...presentKeys(result.interfaces, V11_INTERFACE_FIELDS, '/interfaces'),
    ...presentKeys(result.routes, V11_ROUTE_FIELDS, '/routes'),
  ];
}
