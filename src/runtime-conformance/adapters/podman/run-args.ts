/**
 * How an attachment request becomes `podman run` flags. podman takes capability arguments only through its own
 * flags: portMappings as `-p` (sent as the portMappings capability), mac and ips as `--network NET:mac=…,ip=…`
 * (podman 4.3 sends those as CNI_ARGS `MAC=`/`IP=`, never as the mac/ips capabilities). Anything else has no
 * podman flag.
 */
import type { ParseResult } from '../../../errors.ts';
import type { AttachmentRequest } from '../../adapter.ts';

type Json = Readonly<Record<string, unknown>>;

/** Capability arguments podman has a flag for. */
export const PODMAN_CAPABILITY_ARGS = ['portMappings', 'mac', 'ips'] as const;

function portFlags(value: unknown): ParseResult<string[]> {
  if (!Array.isArray(value))
    return { ok: false, issues: [{ path: '/portMappings', reason: 'is not an array' }] };
  const flags: string[] = [];
  for (const [index, entry] of (value as Json[]).entries()) {
    const { hostPort, containerPort, protocol, hostIP } = entry ?? {};
    if (typeof hostPort !== 'number' || typeof containerPort !== 'number')
      return { ok: false, issues: [{ path: `/portMappings/${index}`, reason: 'needs numeric ports' }] };
    const host = typeof hostIP === 'string' && hostIP !== '' ? `${hostIP}:${hostPort}` : String(hostPort);
    flags.push('--publish', `${host}:${containerPort}/${typeof protocol === 'string' ? protocol : 'tcp'}`);
  }
  return { ok: true, value: flags };
}

function networkOptions(request: AttachmentRequest, args: Json): ParseResult<string[]> {
  const options = [`interface_name=${request.ifname}`];
  if (args.mac !== undefined) {
    if (typeof args.mac !== 'string')
      return { ok: false, issues: [{ path: '/mac', reason: 'is not a string' }] };
    options.push(`mac=${args.mac}`);
  }
  if (args.ips !== undefined) {
    if (!Array.isArray(args.ips) || args.ips.some((ip) => typeof ip !== 'string'))
      return { ok: false, issues: [{ path: '/ips', reason: 'is not an array of strings' }] };
    // podman takes a plain address; the capability carries CIDR notation.
    for (const ip of args.ips as string[]) options.push(`ip=${ip.split('/')[0]}`);
  }
  return { ok: true, value: options };
}

/** The `podman run` flags (before the image) that wire up `request`, or why podman cannot express it. */
export function podmanRunFlags(request: AttachmentRequest, cgroupParent: string): ParseResult<string[]> {
  const args = request.capabilityArgs ?? {};
  const unknown = Object.keys(args).filter(
    (key) => !(PODMAN_CAPABILITY_ARGS as readonly string[]).includes(key),
  );
  if (unknown.length > 0)
    return {
      ok: false,
      issues: unknown.map((key) => ({ path: `/${key}`, reason: 'podman has no flag for this capability' })),
    };
  const options = networkOptions(request, args);
  if (!options.ok) return options;
  const ports =
    args.portMappings === undefined ? { ok: true as const, value: [] } : portFlags(args.portMappings);
  if (!ports.ok) return ports;
  return {
    ok: true,
    value: [
      '--detach',
      '--name',
      request.containerId,
      '--cgroup-parent',
      cgroupParent,
      '--network',
      `${request.network}:${options.value.join(',')}`,
      ...ports.value,
    ],
  };
}
