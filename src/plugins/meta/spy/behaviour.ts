/**
 * The spy's scripted answers: matching a control rule, building the ADD result, and the VERSION reply.
 */
import type { SpyBehaviour, SpyControl, SpyRule } from './record.ts';

/** The facts a rule matches on. */
export interface CallKey {
  readonly type: string;
  readonly verb: string;
  readonly containerId: string;
  readonly ifname: string;
}

const ALL_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

function ruleMatches(rule: SpyRule, key: CallKey): boolean {
  return (
    (rule.type === undefined || rule.type === key.type) &&
    (rule.verb === undefined || rule.verb === key.verb) &&
    (rule.containerId === undefined || rule.containerId === key.containerId) &&
    (rule.ifname === undefined || rule.ifname === key.ifname)
  );
}

/** The behaviour of the first matching rule, or {} (the default behaviour). */
export function selectBehaviour(control: SpyControl, key: CallKey): SpyBehaviour {
  return control.rules?.find((rule) => ruleMatches(rule, key))?.behaviour ?? {};
}

type Json = Record<string, unknown>;

/** FNV-1a over the UTF-16 units of `text`, from `seed`: 32 stable bits. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A locally administered MAC derived from the spy's name, so each spy's interface is recognisable. Any stable
 * hash serves; not node:crypto, whose loading costs the native build ~5 ms of CPU on every spy call.
 */
function macFor(name: string): string {
  const [high, low] = [fnv1a(name, 0x811c9dc5), fnv1a(name, 0x050c5d1f)];
  const bytes = [high >>> 24, (high >>> 16) & 0xff, (high >>> 8) & 0xff, high & 0xff, low & 0xff];
  return ['02', ...bytes.map((byte) => byte.toString(16).padStart(2, '0'))].join(':');
}

function isLegacy(version: string): boolean {
  return version === '' || version.startsWith('0.1.') || version.startsWith('0.2.');
}

function freshResult(version: string): Json {
  if (isLegacy(version)) return { cniVersion: version, ip4: { ip: '10.99.0.2/24' } };
  const ip: Json = { address: '10.99.0.2/24', interface: 0 };
  if (version.startsWith('0.')) ip.version = '4';
  return { cniVersion: version, interfaces: [], ips: [ip] };
}

function annotate(result: Json, spyName: string, netns: string): Json {
  if (!Array.isArray(result.interfaces) && 'ip4' in result) return result;
  const interfaces = Array.isArray(result.interfaces) ? [...result.interfaces] : [];
  interfaces.push({ name: `${spyName}0`.slice(0, 15), mac: macFor(spyName), sandbox: netns });
  return { ...result, interfaces };
}

function mutate(result: Json, behaviour: SpyBehaviour): Json {
  const { mac, addIp } = behaviour.mutate ?? {};
  const out: Json = { ...result };
  if (mac !== undefined && Array.isArray(out.interfaces) && out.interfaces.length > 0) {
    const interfaces = [...out.interfaces] as Json[];
    interfaces[interfaces.length - 1] = { ...interfaces[interfaces.length - 1], mac };
    out.interfaces = interfaces;
  }
  if (addIp !== undefined) {
    if ('ip4' in out) out.ip4 = { ...(out.ip4 as Json), ip: addIp };
    else out.ips = [...(Array.isArray(out.ips) ? out.ips : []), { address: addIp }];
  }
  return out;
}

/** The request facts the ADD result is built from. */
export interface AddRequest {
  readonly version: string;
  readonly prevResult: unknown;
  readonly spyName: string;
  readonly netns: string;
}

/** The ADD result for a behaviour: canned, passed through, or annotated (default), then mutated. */
export function buildAddResult(behaviour: SpyBehaviour, request: AddRequest): Json {
  const prev =
    typeof request.prevResult === 'object' && request.prevResult !== null
      ? (request.prevResult as Json)
      : undefined;
  const mode = behaviour.result ?? 'annotate';
  let result: Json;
  if (typeof mode === 'object') result = { cniVersion: request.version, ...mode };
  else if (mode === 'pass') result = prev ? { ...prev } : freshResult(request.version);
  else result = annotate(prev ? { ...prev } : freshResult(request.version), request.spyName, request.netns);
  result.cniVersion = typeof mode === 'object' && 'cniVersion' in mode ? result.cniVersion : request.version;
  return mutate(result, behaviour);
}

/** VERSION reply: echoes the request's cniVersion (spec) and the scripted or full supported list. */
export function buildVersionReply(behaviour: SpyBehaviour, requestVersion: string): Json {
  return {
    cniVersion: requestVersion || '1.1.0',
    supportedVersions: behaviour.versions ?? ALL_VERSIONS,
  };
}
