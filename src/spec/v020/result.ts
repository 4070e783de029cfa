/**
 * Results of the 0.1.0/0.2.0 family (cni pkg/types/020): one `ip4` and one `ip6` block (SPEC.md "ADD Success", P-RES-3).
 * The IPAM result of this family has the same shape.
 */
import { z } from 'zod';
import { DnsSchema, forbiddenKey, RouteSchema } from '../common.ts';
import { Cidr4Schema, Cidr6Schema, IpSchema } from '../ip.ts';

/** The versions of this family. */
export const V020_VERSIONS = ['0.1.0', '0.2.0'] as const;

function ipConfig(cidr: typeof Cidr4Schema | typeof Cidr6Schema) {
  return z.looseObject({
    ip: cidr,
    // Gateways are not family-checked: Go does not check them, and 0.4 → 0.2 conversion must stay valid.
    gateway: IpSchema.optional(),
    routes: z.array(RouteSchema).optional(),
  });
}

/** `ip4`: an IPv4 CIDR plus gateway and routes. */
export const V020Ip4ConfigSchema = ipConfig(Cidr4Schema);
/** `ip6`: an IPv6 CIDR plus gateway and routes. */
export const V020Ip6ConfigSchema = ipConfig(Cidr6Schema);

// `interfaces` and `ips` belong to the 0.3.0+ shape; a result carrying them at 0.1.0/0.2.0 is the later
// shape mislabelled (upstream loopback 1.1.1 does exactly that), so they are rejected, not ignored.
const laterShapeKey = () => forbiddenKey('a 0.3.0+ key, not part of the 0.1.0/0.2.0 result (P-RES-3)');

/**
 * An ADD result at 0.1.0/0.2.0. Go also requires at least one of `ip4`/`ip6` when converting (P-RES-3);
 * that is an implementation rule, so the schema leaves both optional and conversion enforces it.
 */
export const V020ResultSchema = z
  .looseObject({
    cniVersion: z.enum(V020_VERSIONS),
    ip4: V020Ip4ConfigSchema.optional(),
    ip6: V020Ip6ConfigSchema.optional(),
    dns: DnsSchema.optional(),
    interfaces: laterShapeKey(),
    ips: laterShapeKey(),
  })
  .meta({ title: 'CNI ADD result, versions 0.1.0 and 0.2.0' });

export type V020Result = z.infer<typeof V020ResultSchema>;
export type V020IpConfig = z.infer<typeof V020Ip4ConfigSchema>;

/** The IPAM result of this family: the same shape as the ADD result. */
export const V020IpamResultSchema = V020ResultSchema.meta({
  title: 'CNI IPAM result, versions 0.1.0 and 0.2.0',
});
