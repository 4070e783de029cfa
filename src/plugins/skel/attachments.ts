/**
 * The GC request's list of still-valid attachments (P-GC-1, R-GC-2): `cni.dev/valid-attachments`, or
 * the legacy `cni.dev/attachments`; JSON null means "none valid" (P-GC-5).
 */
import { invalidConfig } from './errors.ts';
import type { RawConfig } from './request.ts';

/** One still-valid attachment. */
export interface Attachment {
  readonly containerId: string;
  readonly ifname: string;
}

const KEYS = ['cni.dev/valid-attachments', 'cni.dev/attachments'] as const;

/** Reads the valid attachments; a GC request without either key is a config error (code 7). */
export function parseValidAttachments(config: RawConfig): Attachment[] {
  const key = KEYS.find((candidate) => candidate in config);
  if (!key) throw invalidConfig('GC request lacks cni.dev/valid-attachments');
  const raw = config[key];
  if (raw === null) return [];
  if (!Array.isArray(raw)) throw invalidConfig(`${key} must be an array`, JSON.stringify(raw));
  return raw.map((item, index) => {
    const entry = item as Record<string, unknown> | null;
    if (typeof entry?.containerID !== 'string' || typeof entry.ifname !== 'string') {
      throw invalidConfig(`${key}[${index}] needs string containerID and ifname`, JSON.stringify(item));
    }
    return { containerId: entry.containerID, ifname: entry.ifname };
  });
}
