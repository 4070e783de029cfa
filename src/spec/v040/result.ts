/**
 * Results of the 0.3.0/0.3.1/0.4.0 family (cni pkg/types/040): `interfaces`, `ips[]` with `version`,
 * `routes`, `dns` (SPEC.md "ADD Success", P-RES-2). The abbreviated IPAM result omits interfaces (P-RES-5).
 */
import { z } from 'zod';
import { DnsSchema, forbiddenInIpamResult, forbiddenV020Key, RouteSchema, UintSchema } from '../common.ts';
import { Cidr4Schema, Cidr6Schema, IpSchema } from '../ip.ts';

/** The versions of this family; 0.4.0 is the conversion pivot. */
export const V040_VERSIONS = ['0.3.0', '0.3.1', '0.4.0'] as const;

/** An interface a plugin created or adjusted; `sandbox` is the netns path for container interfaces. */
export const V040InterfaceSchema = z.looseObject({
  name: z.string(),
  mac: z.string().optional(),
  sandbox: z.string().optional(),
});

function ipConfig(version: '4' | '6', inIpamResult: boolean) {
  return z.looseObject({
    version: z.literal(version),
    address: version === '4' ? Cidr4Schema : Cidr6Schema,
    gateway: IpSchema.optional(),
    interface: inIpamResult ? forbiddenInIpamResult() : UintSchema.optional(),
  });
}

/** `ips[]` entry: `version` must name the address family (P-RES-2). */
export const V040IpConfigSchema = z.discriminatedUnion('version', [
  ipConfig('4', false),
  ipConfig('6', false),
]);
/** `ips[]` entry of an IPAM result: no `interface` index (P-RES-5). */
export const V040IpamIpConfigSchema = z.discriminatedUnion('version', [
  ipConfig('4', true),
  ipConfig('6', true),
]);

/** An ADD result at 0.3.0/0.3.1/0.4.0. */
export const V040ResultSchema = z
  .looseObject({
    cniVersion: z.enum(V040_VERSIONS),
    interfaces: z.array(V040InterfaceSchema).optional(),
    ips: z.array(V040IpConfigSchema).optional(),
    routes: z.array(RouteSchema).optional(),
    dns: DnsSchema.optional(),
    ip4: forbiddenV020Key(),
    ip6: forbiddenV020Key(),
  })
  .meta({ title: 'CNI ADD result, versions 0.3.0, 0.3.1 and 0.4.0' });

/**
 * The abbreviated IPAM result: no `interfaces`, no `ips[].interface` (P-RES-5). Those keys are rejected,
 * not ignored, because their absence is the whole point of this shape.
 */
export const V040IpamResultSchema = z
  .looseObject({
    cniVersion: z.enum(V040_VERSIONS),
    interfaces: forbiddenInIpamResult(),
    ips: z.array(V040IpamIpConfigSchema).optional(),
    routes: z.array(RouteSchema).optional(),
    dns: DnsSchema.optional(),
    ip4: forbiddenV020Key(),
    ip6: forbiddenV020Key(),
  })
  .meta({ title: 'CNI IPAM result, versions 0.3.0, 0.3.1 and 0.4.0' });

export type V040Result = z.infer<typeof V040ResultSchema>;
export type V040IpConfig = z.infer<typeof V040IpConfigSchema>;
export type V040Interface = z.infer<typeof V040InterfaceSchema>;
export type V040IpamResult = z.infer<typeof V040IpamResultSchema>;
