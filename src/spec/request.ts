/**
 * The request configuration a runtime writes to a plugin's stdin (SPEC.md "Deriving execution configuration from plugin configuration"): the plugin object plus
 * `cniVersion`, `name`, and per verb `runtimeConfig`, `prevResult`, `args` and the GC attachment list.
 */
import { z } from 'zod';
import { RuntimeConfigSchema } from './capabilities.ts';
import { PluginConfigSchema } from './config.ts';

/** One attachment that GC must keep: exact key case (P-GC-1, R-GC-2). */
export const GcAttachmentSchema = z
  .looseObject({ containerID: z.string(), ifname: z.string() })
  .meta({ title: 'CNI GC attachment' });

export type GcAttachment = z.infer<typeof GcAttachmentSchema>;

/** The GC list; libcni can send JSON null for "nothing is valid" (P-GC-5). */
export const GcAttachmentListSchema = z.array(GcAttachmentSchema).nullable();

/** `args`, runtime-generated; conventions name `cni.labels` and `cni.ips` (R-REQ-7). */
export const ArgsSchema = z.looseObject({
  cni: z
    .looseObject({
      labels: z.array(z.looseObject({ key: z.string(), value: z.string() })).optional(),
      ips: z.array(z.string()).optional(),
    })
    .optional(),
});

/**
 * A request configuration. `prevResult` is only required to be an object here; its shape depends on
 * `cniVersion` and is checked by parseRequestConfig against that version's result family.
 * `capabilities` is tolerated (libcni leaves it in; a strict check flags it, R-REQ-4).
 */
export const RequestConfigSchema = PluginConfigSchema.extend({
  cniVersion: z.string().optional(),
  name: z.string(),
  runtimeConfig: RuntimeConfigSchema.optional(),
  prevResult: z.looseObject({ cniVersion: z.string().optional() }).optional(),
  args: ArgsSchema.optional(),
  'cni.dev/valid-attachments': GcAttachmentListSchema.optional(),
  'cni.dev/attachments': GcAttachmentListSchema.optional(),
}).meta({ title: 'CNI request configuration (plugin stdin)' });

export type RequestConfig = z.infer<typeof RequestConfigSchema>;
