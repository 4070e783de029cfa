/**
 * CNI spec versions, their result-shape families and which verbs each allows.
 * Version history and gating follow the CNI spec (SPEC.md, "Version considerations") and libcni/skel.
 */

/** Every released CNI spec version, oldest first. */
export const CNI_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] as const;

/** A released CNI spec version. */
export type CniVersion = (typeof CNI_VERSIONS)[number];

/** The verbs a runtime sends in `CNI_COMMAND`. */
export const VERBS = ['ADD', 'DEL', 'CHECK', 'GC', 'STATUS', 'VERSION'] as const;
export type Verb = (typeof VERBS)[number];

/**
 * Result-shape families, as cni's pkg/types packages model them: 020 covers 0.1.0/0.2.0 (`ip4`/`ip6`),
 * 040 covers 0.3.x/0.4.0 (`ips[].version`), 100 covers 1.0.0/1.1.0.
 */
export type VersionFamily = 'v020' | 'v040' | 'v100';

const FAMILY_OF: Readonly<Record<CniVersion, VersionFamily>> = {
  '0.1.0': 'v020',
  '0.2.0': 'v020',
  '0.3.0': 'v040',
  '0.3.1': 'v040',
  '0.4.0': 'v040',
  '1.0.0': 'v100',
  '1.1.0': 'v100',
};

/** The first spec version in which each verb exists (the spec's version history, "Verb availability"). */
export const VERB_MIN_VERSION: Readonly<Record<Verb, CniVersion>> = {
  ADD: '0.1.0',
  DEL: '0.1.0',
  VERSION: '0.2.0',
  CHECK: '0.4.0',
  GC: '1.1.0',
  STATUS: '1.1.0',
};

/** Returns true when `raw` is one of the released versions. */
export function isCniVersion(raw: unknown): raw is CniVersion {
  return typeof raw === 'string' && (CNI_VERSIONS as readonly string[]).includes(raw);
}

/** The shape family of a released version. */
export function familyOf(version: CniVersion): VersionFamily {
  return FAMILY_OF[version];
}

/** A parsed semantic version triple; CNI versions never carry pre-release tags. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** "x.y.z" without leading zeros or pre-release tags. */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Parses "x.y.z"; returns undefined for anything else (libcni rejects "1.1" too). */
export function parseSemVer(raw: string): SemVer | undefined {
  const match = SEMVER_PATTERN.exec(raw);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Orders two "x.y.z" strings; unparsable strings sort before every valid version. */
export function compareVersions(a: string, b: string): number {
  const left = parseSemVer(a);
  const right = parseSemVer(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch;
}

/** True when `verb` exists at config version `version` (skel and libcni enforce the same gate). */
export function verbAllowed(verb: Verb, version: string): boolean {
  return compareVersions(version, VERB_MIN_VERSION[verb]) >= 0;
}

/** The released versions at which `verb` exists. */
export function versionsAllowing(verb: Verb): CniVersion[] {
  return CNI_VERSIONS.filter((version) => verbAllowed(verb, version));
}
