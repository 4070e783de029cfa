/**
 * Shapes shared by every result family: DNS and the basic route (notes §4.4).
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
