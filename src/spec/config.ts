/**
 * Configuration documents as an administrator writes them: the network configuration list (conflist,
 * SPEC.md "Configuration format"), the plugin configuration object (SPEC.md "Plugin configuration objects") and the legacy single-plugin `.conf`.
 * Unknown keys are preserved: plugins own their own keys (R-REQ-2).
 */
import { z } from 'zod';
import { DnsSchema, described } from './common.ts';
import { NETWORK_NAME_PATTERN, PLUGIN_TYPE_PATTERN } from './identifiers.ts';
import { SEMVER_PATTERN } from './versions.ts';

const TYPE_DESCRIPTION = 'must be a non-empty binary name without "/" or "\\"';
const NAME_DESCRIPTION = 'must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$';
const VERSION_DESCRIPTION = 'must be a version "x.y.z"';

/** A plugin `type`: the binary name looked up in CNI_PATH, so no path separators (P-ID-*). */
export const PluginTypeSchema = described(
  z.string().regex(PLUGIN_TYPE_PATTERN, { message: TYPE_DESCRIPTION }),
  TYPE_DESCRIPTION,
);

/** The network name (R-CFG-6, P-ID-*). */
export const NetworkNameSchema = described(
  z.string().regex(NETWORK_NAME_PATTERN, { message: NAME_DESCRIPTION }),
  NAME_DESCRIPTION,
);

/** A version string as libcni parses it ("x.y.z"). */
export const VersionStringSchema = described(
  z.string().regex(SEMVER_PATTERN, { message: VERSION_DESCRIPTION }),
  VERSION_DESCRIPTION,
);

/** The `ipam` block: `type` names the IPAM plugin; the rest belongs to it. */
export const IpamConfigSchema = z.looseObject({ type: PluginTypeSchema.optional() });

/** A plugin configuration object inside a conflist's `plugins`. */
export const PluginConfigSchema = z
  .looseObject({
    type: PluginTypeSchema,
    capabilities: z.record(z.string(), z.boolean()).optional(),
    ipMasq: z.boolean().optional(),
    ipam: IpamConfigSchema.optional(),
    dns: DnsSchema.optional(),
  })
  .meta({ title: 'CNI plugin configuration object' });

export type PluginConfig = z.infer<typeof PluginConfigSchema>;

/** `disableCheck`: a boolean, or the strings "true"/"false" that 0.4.0 typed it as (R-CFG-2). */
export const DisableCheckSchema = z.union([z.boolean(), z.enum(['true', 'false'])]);

/** The network configuration list (conflist), with the 1.1.0 keys. */
export const NetworkConfigListSchema = z
  .looseObject({
    cniVersion: z.string().optional(),
    cniVersions: z.array(VersionStringSchema).optional(),
    name: NetworkNameSchema,
    disableCheck: DisableCheckSchema.optional(),
    disableGC: z.boolean().optional(),
    loadOnlyInlinedPlugins: z.boolean().optional(),
    plugins: z.array(PluginConfigSchema).min(1).optional(),
  })
  .meta({ title: 'CNI network configuration list (conflist)' });

export type NetworkConfigList = z.infer<typeof NetworkConfigListSchema>;

/** The legacy single-plugin network configuration (`.conf`, removed in 1.0.0; libcni still upconverts). */
export const LegacyNetworkConfigSchema = PluginConfigSchema.extend({
  cniVersion: z.string().optional(),
  name: NetworkNameSchema,
}).meta({ title: 'CNI single-plugin network configuration (legacy .conf)' });

export type LegacyNetworkConfig = z.infer<typeof LegacyNetworkConfigSchema>;

/** The effective value of `disableCheck` (the strings count as their boolean). */
export function normalizeDisableCheck(raw: NetworkConfigList['disableCheck']): boolean {
  return raw === true || raw === 'true';
}
