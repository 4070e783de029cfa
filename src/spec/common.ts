/**
 * Shapes shared by every result family: DNS and the basic route (SPEC.md "ADD Success").
 */
import { z } from 'zod';
import { CidrSchema, IpSchema } from './ip.ts';

/** Resolver information a plugin reports; plugins do not write resolv.conf (P-RES-4). */
export const DnsSchema = z
  .looseObject({
    nameservers: z.array(IpSchema).optional(),
    domain: z.string().optional(),
    search: z.array(z.string()).optional(),
    options: z.array(z.string()).optional(),
  })
  .meta({ description: 'DNS information (P-RES-4); Go prints {} when empty in 0.x results' });

export type Dns = z.infer<typeof DnsSchema>;

/** The route every family knows: destination CIDR and optional gateway (P-RES-2). */
export const RouteSchema = z.looseObject({
  dst: CidrSchema,
  gw: IpSchema.optional(),
});

export type Route = z.infer<typeof RouteSchema>;

/** Unsigned integer as Go's `int`/`uint` fields of results and configs carry them. */
export const UintSchema = z.int().nonnegative();

/** A key that must not appear in this document; `reason` says why (the generated schema says `not: {}`). */
export function forbiddenKey(reason: string) {
  return z.never({ error: reason }).optional();
}

/** Rejects a key that the abbreviated IPAM result must not carry (P-RES-5). */
export const forbiddenInIpamResult = () => forbiddenKey('not allowed in an IPAM result (P-RES-5)');

/** Rejects the 0.1.0/0.2.0 keys in a later family's result: that shape belongs to another version (P-VER-1). */
export const forbiddenV020Key = () =>
  forbiddenKey("a 0.1.0/0.2.0 key, not part of this version's result (P-VER-1)");

/**
 * Puts a pattern's human meaning into the JSON Schema `description`; the ajv validator reports it instead
 * of the raw regex. Pass the same text as the zod message so both checkers say the same thing.
 */
export function described<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description }) as T;
}
