/**
 * Capability arguments a runtime passes in `runtimeConfig` (CONVENTIONS.md, P-CAP-1, R-REQ-3).
 * Every shape is loose: a plugin may understand more than the convention names.
 */
import { z } from 'zod';
import { described, UintSchema } from './common.ts';
import { CidrSchema, IpOrCidrSchema, IpSchema } from './ip.ts';

/** One port mapping (portmap). */
export const PortMappingSchema = z.looseObject({
  hostPort: z.int(),
  containerPort: z.int(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
  hostIP: z.string().optional(),
});

/** One range of a range set (host-local). */
export const IpRangeSchema = z.looseObject({
  subnet: CidrSchema,
  rangeStart: IpSchema.optional(),
  rangeEnd: IpSchema.optional(),
  gateway: IpSchema.optional(),
});

/** Traffic shaping (bandwidth): rates in bits per second, bursts in bits. */
export const BandwidthSchema = z.looseObject({
  ingressRate: UintSchema.optional(),
  ingressBurst: UintSchema.optional(),
  egressRate: UintSchema.optional(),
  egressBurst: UintSchema.optional(),
});

/** Resolver settings: NB `servers`/`searches`, not the result's `nameservers`/`search`. */
export const DnsCapabilitySchema = z.looseObject({
  servers: z.array(z.string()).optional(),
  searches: z.array(z.string()).optional(),
  options: z.array(z.string()).optional(),
});

const MAC_DESCRIPTION = 'must be a MAC address (six hex octets, "c2:11:22:33:44:55")';
const GUID_DESCRIPTION = 'must be an InfiniBand GUID (eight hex octets)';

/** "c2:11:22:33:44:55": six colon-separated hex octets. */
export const MacSchema = described(
  z.string().regex(/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/, { message: MAC_DESCRIPTION }),
  MAC_DESCRIPTION,
);
/** "c2:11:22:33:44:55:66:77": eight colon-separated hex octets. */
export const InfinibandGuidSchema = described(
  z.string().regex(/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){7}$/, { message: GUID_DESCRIPTION }),
  GUID_DESCRIPTION,
);

/** The well-known capabilities and their argument shapes. */
export const CAPABILITY_SCHEMAS = {
  portMappings: z.array(PortMappingSchema),
  ipRanges: z.array(z.array(IpRangeSchema)),
  bandwidth: BandwidthSchema,
  dns: DnsCapabilitySchema,
  ips: z.array(IpOrCidrSchema),
  mac: MacSchema,
  infinibandGUID: InfinibandGuidSchema,
  deviceID: z.string(),
  aliases: z.array(z.string()),
  cgroupPath: z.string(),
} as const;

/** The name of a well-known capability. */
export type CapabilityName = keyof typeof CAPABILITY_SCHEMAS;

/** `runtimeConfig`: well-known capabilities typed, any other capability passed through. */
export const RuntimeConfigSchema = z
  .looseObject({
    portMappings: CAPABILITY_SCHEMAS.portMappings.optional(),
    ipRanges: CAPABILITY_SCHEMAS.ipRanges.optional(),
    bandwidth: CAPABILITY_SCHEMAS.bandwidth.optional(),
    dns: CAPABILITY_SCHEMAS.dns.optional(),
    ips: CAPABILITY_SCHEMAS.ips.optional(),
    mac: CAPABILITY_SCHEMAS.mac.optional(),
    infinibandGUID: CAPABILITY_SCHEMAS.infinibandGUID.optional(),
    deviceID: CAPABILITY_SCHEMAS.deviceID.optional(),
    aliases: CAPABILITY_SCHEMAS.aliases.optional(),
    cgroupPath: CAPABILITY_SCHEMAS.cgroupPath.optional(),
  })
  .meta({ title: 'CNI runtimeConfig (capability arguments)' });

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;
