/**
 * The requirement catalogue: every requirement ID (P-* plugin, R-* runtime) with its level, as digested from the
 * CNI spec, CONVENTIONS.md and the reference implementation. This file is the only catalogue; checks cite IDs from
 * it, vitest tags are generated from it, and docs/requirements.md is generated from it (`npm run docs`).
 */
import { type CniVersion, compareVersions } from './versions.ts';

/**
 * Normative force. MUST/SHOULD/MAY are the spec's words. IMPL is what the Go reference code does where the spec
 * is silent or says otherwise (never fails the strict profile). INFO: the notes give no level ("edge", "n/a").
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'IMPL' | 'INFO';

/** Who the requirement binds. */
export type Side = 'plugin' | 'runtime';

/** One requirement of the notes. */
export interface Requirement {
  /** "P-ADD-3": side letter, area, number, spelled as in the notes. */
  readonly id: RequirementId;
  readonly side: Side;
  /** "ADD", "ENV", … (the middle of the ID). */
  readonly area: string;
  /** The level a failing check is judged at in the strict profile (the spec's word). */
  readonly level: Level;
  /** The notes' tag verbatim ("MUST/IMPL", "SHOULD-runtime / IMPL-plugin", "MUST, 0.3.0 text", "" when untagged). */
  readonly notesLevel: string;
  /**
   * True when part of the tested behaviour is reference-implementation detail (the tag mentions IMPL next to a
   * spec level): checks of that part declare `level: 'IMPL'` for it.
   */
  readonly implPart: boolean;
  /** First spec version in which the requirement exists (0.1.0 unless the row says). */
  readonly since: CniVersion;
  /** Last spec version to which it applies, when it was dropped (0.1.0/0.2.0-only result shapes). */
  readonly until?: CniVersion;
  /** Section of the notes ("2.4"). */
  readonly section: string;
  readonly summary: string;
  /** True for IDs this catalogue adds where the spec states rules without IDs (the identifier rules of 2.16). */
  readonly derived?: true;
  /** Set when the level deliberately differs from the notes' tag: why. */
  readonly levelReason?: string;
}

/** One row of the catalogue as written below; `Requirement` adds what follows from the ID and the tag. */
interface RequirementRow {
  readonly id: `${'P' | 'R'}-${string}-${number}`;
  readonly level: Level;
  readonly notesLevel: string;
  readonly section: string;
  /** Only where it is not 0.1.0: the version history of section 1 and the verbs' availability. */
  readonly since?: CniVersion;
  /** Only for requirements a later version dropped (0.1.0/0.2.0-only result shapes). */
  readonly until?: CniVersion;
  readonly derived?: true;
  readonly summary: string;
  /** Why `level` deliberately differs from the notes' tag. */
  readonly levelReason?: string;
}

/**
 * Every requirement, in the digest's order, then the derived identifier rules (P-ID-*). `as const` keeps each ID a
 * literal, so `RequirementId` is their union and a mistyped ID in a check, rule, fixture or pin fails typecheck.
 */
const ROWS = [
  {
    id: 'P-ENV-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.1',
    summary: 'Verb is taken from `CNI_COMMAND` (ADD, DEL, CHECK, GC, STATUS, VERSION).',
  },
  {
    id: 'P-ENV-2',
    level: 'MUST',
    notesLevel: 'MUST/IMPL',
    section: '2.1',
    summary:
      'Missing required var → failure; code 4, msg lists all missing names ("required env variables [CNI_NETNS,CNI_IFNAME,CNI_PATH] missing").',
  },
  {
    id: 'P-ENV-3',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.1',
    summary:
      'Unknown `CNI_COMMAND` → code 4 "unknown CNI_COMMAND: X". Empty/unset `CNI_COMMAND` on a Go plugin with an about string → prints "CNI <name> plugin vX" +…',
  },
  {
    id: 'P-ENV-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.1',
    summary:
      '`CNI_IFNAME` is the name to create/adjust in the container; if the plugin cannot use it, it must error.',
  },
  {
    id: 'P-ENV-5',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.1',
    summary:
      '`CNI_ARGS` format `K=V;K2=V2`; plugins should ignore what they do not understand (Go plugins need `IgnoreUnknown=1`).',
  },
  {
    id: 'P-ENV-6',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.1',
    summary: "`CNI_PATH` is an OS list (':' on Linux) used to find delegated plugins.",
  },
  {
    id: 'P-ENV-7',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.1',
    summary:
      "Code 8 (`ErrInvalidNetNS`) when `CNI_NETNS` equals the plugin's own netns on ADD/DEL (after the callback ran).",
  },
  {
    id: 'P-CONF-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.2',
    summary:
      'Plugin reads one JSON plugin-configuration object from stdin for every verb except VERSION (VERSION stdin is `{"cniVersion":"x"}`; Go plugins do not even…',
  },
  {
    id: 'P-CONF-2',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.2',
    summary:
      'Invalid JSON → code 6 ("error unmarshall network config: …"); missing/empty `name` → code 7 ("missing network name"); name failing charset → code 7…',
  },
  {
    id: 'P-CONF-3',
    level: 'MAY',
    notesLevel: 'MAY',
    section: '2.2',
    summary:
      "Plugins may reject unknown fields (then code 2 with key+value in msg is the spec'd code); `args` content must be ignorable.",
  },
  {
    id: 'P-CONF-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.2',
    summary:
      'Well-known keys keep their meaning if supported: `ipMasq`, `ipam.type`, `dns.{nameservers,domain, search,options}`.',
  },
  {
    id: 'P-CONF-5',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.2',
    summary:
      'Plugin honours request-only keys: `cniVersion`, `name`, `prevResult`, `runtimeConfig`, `cni.dev/valid-attachments` (GC). See 2.6/2.9/2.15.',
  },
  {
    id: 'P-VER-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.3',
    summary:
      "Result `cniVersion` equals the request `cniVersion`, and the body uses that version's format (the version history; SPEC.md, ADD Success).",
  },
  {
    id: 'P-VER-2',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.3',
    summary:
      'Unsupported `cniVersion` → error code 1 (0.4.0 text made this explicit). Go: msg "incompatible CNI versions", details `config is "9.9.9", plugin supports…',
  },
  {
    id: 'P-VER-3',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.3',
    summary:
      'Version match on ADD/DEL is exact-string against supportedVersions ("1.1" ≠ "1.1.0" → code 1); missing `cniVersion` ⇒ "0.1.0".',
  },
  {
    id: 'P-VER-4',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.3',
    summary:
      'CHECK with config < 0.4.0 → code 1 "config version does not allow CHECK"; GC/STATUS with < 1.1.0 → code 1 "… does not allow GC|STATUS"; if no supported…',
  },
  {
    id: 'P-VER-5',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.3',
    summary:
      'Plugins supporting many versions should keep older result formats working (multi-version matrix).',
  },
  {
    id: 'P-ADD-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.4',
    summary: 'On success exit 0 and print an ADD Success result on stdout.',
  },
  {
    id: 'P-ADD-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.4',
    summary: 'Failure → non-zero exit (Go: always 1) [+ SHOULD error JSON on stdout].',
  },
  {
    id: 'P-ADD-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.4',
    since: '1.0.0',
    summary:
      'If an interface named `CNI_IFNAME` already exists in the container, an interface-creating plugin must fail.',
  },
  {
    id: 'P-ADD-4',
    level: 'IMPL',
    notesLevel: 'SHOULD-runtime / IMPL-plugin',
    section: '2.4',
    summary:
      'Second ADD for same (CNI_CONTAINERID, CNI_IFNAME) without DEL is a runtime error; reference plugins fail it (bridge: ifname exists; host-local: "<ip> has…',
  },
  {
    id: 'P-ADD-5',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.4',
    summary:
      'Container interface listed in result `interfaces` with `sandbox` = `CNI_NETNS` value; host-side interfaces have empty/absent sandbox.',
  },
  {
    id: 'P-ADD-6',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.4',
    summary: '`ips[].interface` (when present) is a valid index into `interfaces`.',
  },
  {
    id: 'P-ADD-7',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.4',
    summary:
      'Result mirrors reality: each `ips[].address` is configured on the indexed interface inside the netns, each `routes[]` entry exists (gw defaults to the…',
  },
  {
    id: 'P-ADD-8',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.4',
    summary: 'Same (cid, different ifname) is a distinct attachment and must work.',
  },
  {
    id: 'P-RES-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.5',
    summary:
      'Top-level `cniVersion` present (spec). Go 1.x results always include it; libcni tolerates absence.',
  },
  {
    id: 'P-RES-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.5',
    summary:
      '`ips[].address` is CIDR (`a.b.c.d/nn`, v6 `x::y/nn`); `gateway` is a bare IP; routes `dst` CIDR, `gw` bare IP. For 0.3.x/0.4.0 `version` is "4"/"6" and must…',
  },
  {
    id: 'P-RES-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.5',
    until: '0.2.0',
    summary:
      '0.1.0/0.2.0 use `ip4`/`ip6` objects (`ip` key = CIDR); no `interfaces`. At least one of ip4/ip6 (IMPL).',
  },
  {
    id: 'P-RES-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.5',
    summary:
      '`dns` describes resolver info; plugins do not configure resolv.conf. Empty dns is omitted in 1.x Go output but printed as `{}` in 0.x output — accept both.',
  },
  {
    id: 'P-RES-5',
    level: 'MUST',
    notesLevel: 'MUST, IPAM',
    section: '2.5',
    summary: 'Delegated IPAM results omit `interfaces` and `ips[].interface` (abbreviated result).',
  },
  {
    id: 'P-RES-6',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.5',
    summary: 'Output on DEL/CHECK/GC/STATUS success is ignored by libcni; spec: CHECK/GC produce no output.',
  },
  {
    id: 'P-CHAIN-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.6',
    since: '0.3.0',
    summary:
      'A plugin given `prevResult` on ADD must output it, with only its own modifications; if it changes nothing result-visible, output ≡ prevResult.',
  },
  {
    id: 'P-CHAIN-2',
    level: 'MUST',
    notesLevel: 'MUST, 0.3.0 text',
    section: '2.6',
    since: '0.3.0',
    summary:
      'Being unaware of `prevResult` is a violation; a plugin may pass through, modify, or (old text) suppress it.',
  },
  {
    id: 'P-CHAIN-3',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.6',
    since: '0.3.0',
    summary:
      'Go plugins parse `prevResult` in the *request* cniVersion family; a prevResult whose `cniVersion` belongs to a different family fails ("result type supports…',
  },
  {
    id: 'P-CHAIN-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.6',
    since: '0.3.0',
    summary: 'DEL/CHECK use prevResult as the source of truth for what to remove/verify.',
  },
  {
    id: 'P-DEL-1',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.7',
    summary: 'Remove the interface / undo ADD modifications, and delegate DEL to IPAM.',
  },
  {
    id: 'P-DEL-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.7',
    since: '1.0.0',
    summary: 'Multiple DELs for the same (cid, ifname) all succeed.',
  },
  {
    id: 'P-DEL-3',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.7',
    summary: 'DEL without prior ADD succeeds.',
  },
  {
    id: 'P-DEL-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.7',
    summary:
      'DEL succeeds when the netns is already gone or `CNI_NETNS` is unset/empty, still releasing IPAM.',
  },
  {
    id: 'P-DEL-5',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.7',
    summary: 'DEL succeeds when `prevResult` is missing/empty.',
  },
  {
    id: 'P-DEL-6',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.7',
    summary:
      'DEL still fails on config errors (e.g. host-local with 2 IPv4 ranges at cniVersion 0.2.0 errors on DEL too).',
  },
  {
    id: 'P-CHK-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.8',
    since: '0.4.0',
    summary: 'Uses prevResult to know the expected interfaces/addresses; success = exit 0 and no output.',
  },
  {
    id: 'P-CHK-2',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.8',
    since: '0.4.0',
    summary: 'Error when a resource it created and that is listed in prevResult is missing/invalid.',
  },
  {
    id: 'P-CHK-3',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.8',
    since: '0.4.0',
    summary: 'Error for untracked resources missing (IP reservation, firewall/qdisc, daemon).',
  },
  {
    id: 'P-CHK-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.8',
    since: '0.4.0',
    summary: 'Tolerate later chained plugins having changed things (e.g. routes, MAC).',
  },
  {
    id: 'P-CHK-5',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.8',
    since: '0.4.0',
    summary: 'Work immediately after ADD (allow convergence delay).',
  },
  {
    id: 'P-CHK-6',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.8',
    since: '0.4.0',
    summary: 'Forward CHECK to delegated plugins and propagate their error.',
  },
  {
    id: 'P-CHK-7',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.8',
    since: '0.4.0',
    summary: 'bridge CHECK without prevResult → "Required prevResult missing".',
  },
  {
    id: 'P-GC-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.9',
    since: '1.1.0',
    summary:
      'Input: plugin config + `cni.dev/valid-attachments` = [{containerID, ifname}] (accept legacy `cni.dev/attachments`); env only CNI_COMMAND + CNI_PATH. Success…',
  },
  {
    id: 'P-GC-2',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.9',
    since: '1.1.0',
    summary:
      'Remove resources (IPAM reservations, firewall rules…) of attachments NOT in the list; MAY assume their netns is gone.',
  },
  {
    id: 'P-GC-3',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.9',
    since: '1.1.0',
    summary: 'Keep going on partial errors and report them.',
  },
  {
    id: 'P-GC-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.9',
    since: '1.1.0',
    summary: 'Forward GC to delegated plugins.',
  },
  {
    id: 'P-GC-5',
    level: 'INFO',
    notesLevel: 'edge',
    section: '2.9',
    since: '1.1.0',
    summary:
      'Empty list (or JSON `null`, which libcni can emit) means "no attachment is valid": everything may be collected.',
  },
  {
    id: 'P-GC-6',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.9',
    since: '1.1.0',
    summary:
      'GC must not break valid attachments: after GC with valid=[A], CHECK A still passes and DEL A succeeds.',
  },
  {
    id: 'P-STAT-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.10',
    since: '1.1.0',
    summary:
      'Exit 0 iff ready to service ADD; otherwise exit≠0 with error JSON on stdout; codes 50 (cannot service ADD) / 51 (cannot service ADD and existing containers…',
  },
  {
    id: 'P-STAT-2',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.10',
    since: '1.1.0',
    summary:
      'Report exhaustion: e.g. IPAM pool exhausted → error. Reference host-local does not (no STATUS).',
  },
  {
    id: 'P-STAT-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.10',
    since: '1.1.0',
    summary:
      'Plugin must not depend on STATUS being called and must keep serving ADD/DEL after a failed STATUS.',
  },
  {
    id: 'P-STAT-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.10',
    since: '1.1.0',
    summary: 'Forward STATUS to delegated plugins and fail if they fail.',
  },
  {
    id: 'P-STAT-5',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.10',
    since: '1.1.0',
    summary: 'Env: CNI_COMMAND + CNI_PATH; stdin = plugin config with name/cniVersion.',
  },
  {
    id: 'P-VCMD-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.11',
    since: '0.2.0',
    summary: 'Output `{cniVersion, supportedVersions:[...]}` on stdout, exit 0, with only CNI_COMMAND set.',
  },
  {
    id: 'P-VCMD-2',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.11',
    since: '0.2.0',
    summary: '`cniVersion` echoes the input value (Go: always "1.1.0" → warning only).',
  },
  {
    id: 'P-VCMD-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.11',
    since: '0.2.0',
    summary:
      'Every version listed must actually work for ADD/DEL (and CHECK/GC/STATUS where the version has them).',
  },
  {
    id: 'P-VCMD-4',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.11',
    since: '0.2.0',
    summary:
      'Legacy: VERSION reply `{cniVersion:"0.2.0"}` without list ⇒ [0.1.0,0.2.0]; a plugin failing with "unknown CNI_COMMAND: VERSION" ⇒ 0.1.0 only.',
  },
  {
    id: 'P-ERR-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.12',
    summary:
      'exit 0 on success, non-zero on failure. [SHOULD] print error JSON {cniVersion, code, msg, details?} on stdout.',
  },
  {
    id: 'P-ERR-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.12',
    summary: 'Codes 0-99 only with the meanings below; plugin-specific ≥ 100.',
  },
  {
    id: 'P-ERR-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.12',
    summary:
      'Code 2 message contains the offending key and value; code 4 message contains the variable names. (Go validation errors for bad containerID/ifname put the…',
  },
  {
    id: 'P-ERR-4',
    level: 'MAY',
    notesLevel: 'MAY',
    section: '2.12',
    summary: 'stderr carries logs; delegated plugin stderr should be passed through (P-DLG-4).',
  },
  {
    id: 'P-DLG-1',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.13',
    summary: 'Find the delegate by searching `CNI_PATH` dirs.',
  },
  {
    id: 'P-DLG-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.13',
    summary:
      'Delegate gets the same env (only CNI_COMMAND may differ) and the *complete* request config (not just `ipam`).',
  },
  {
    id: 'P-DLG-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.13',
    summary:
      'On CHECK, DEL, GC (and STATUS) the upper plugin invokes the delegate; delegate error → upper error.',
  },
  {
    id: 'P-DLG-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.13',
    summary: "Delegate stderr appears on the upper plugin's stderr.",
  },
  {
    id: 'P-DLG-5',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.13',
    summary:
      'If something fails after a successful delegated ADD, call delegate DEL before returning failure.',
  },
  {
    id: 'P-CONC-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.14',
    summary: 'Plugins handle concurrent invocations for different containers, locking shared state.',
  },
  {
    id: 'P-CAP-1',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.15',
    summary:
      'Plugins read dynamic data from `runtimeConfig.<capability>` per CONVENTIONS; shapes in CONVENTIONS.md.',
  },
  {
    id: 'P-CAP-2',
    level: 'MUST',
    notesLevel: 'MUST, conventions',
    section: '2.15',
    summary:
      'If an `args` key duplicates a CNI_ARGS key and the plugin understands `args`, CNI_ARGS is ignored. (host-local actually unions IP from CNI_ARGS,…',
  },
  {
    id: 'P-CAP-3',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '2.15',
    summary: '`args` data a plugin does not understand is ignored.',
  },
  {
    id: 'P-CAP-4',
    level: 'IMPL',
    notesLevel: '',
    section: '2.15',
    summary: 'Precedence in bridge for MAC: runtimeConfig.mac > args.cni.mac > CNI_ARGS MAC.',
  },
  {
    id: 'R-CFG-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.1',
    summary:
      'Select the highest version from {cniVersion} ∪ cniVersions that the runtime supports; MAY also restrict to versions the plugins report via VERSION.',
  },
  {
    id: 'R-CFG-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.1',
    summary:
      '`disableCheck: true` → never call CHECK (libcni returns success without exec; also accepts the strings "true"/"false" because 0.4.0 typed it as string).',
  },
  {
    id: 'R-CFG-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.1',
    since: '1.1.0',
    summary: '`disableGC: true` → never call GC (libcni also skips its synthesized DELs).',
  },
  {
    id: 'R-CFG-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.1',
    since: '1.1.0',
    summary:
      'Aggregated plugin configs (sibling dir `<confdir>/<netname>/*.conf`) are validated, appended after the inlined `plugins`, and all invoked;…',
  },
  {
    id: 'R-CFG-5',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.1',
    summary:
      'libcni: `.conflist` files sorted by name, first whose `name` matches wins; deprecated single `.conf`/ `.json` upconverted; `plugins: []` → error "no plugins…',
  },
  {
    id: 'R-CFG-6',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '3.1',
    summary: 'Network names unique per host; name must match the charset (libcni validates on ADD → code 7).',
  },
  {
    id: 'R-ENV-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.2',
    summary: "Run plugins in the runtime's own network domain (root netns).",
  },
  {
    id: 'R-ENV-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.2',
    summary: 'Netns exists before the first plugin runs.',
  },
  {
    id: 'R-ENV-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.2',
    summary:
      'Set env per verb (P-ENV-* table, spec columns); CNI_CONTAINERID/CNI_IFNAME valid per P-ID-*; CNI_PATH always provided (spec: the runtime must give plugins the…',
  },
  {
    id: 'R-ENV-4',
    level: 'MUST',
    notesLevel: 'MUST for CHECK; SHOULD for DEL (0.4.0 text)',
    section: '3.2',
    summary:
      "CHECK and DEL reuse the ADD's CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS (CNI_PATH may differ).",
  },
  {
    id: 'R-ENV-5',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.2',
    summary: 'Same env for every plugin in the chain for one operation.',
  },
  {
    id: 'R-ENV-6',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.2',
    summary:
      "libcni sets all six CNI_* vars on every verb (empty strings where unused; GC/STATUS have empty CONTAINERID/NETNS/IFNAME), inherits the runtime's own…",
  },
  {
    id: 'R-ENV-7',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.2',
    summary:
      'Look up `type` in CNI_PATH dirs; a missing binary is an error (and halts ADD/DEL/CHECK). libcni: first dir with a regular file named `type` wins; names…',
  },
  {
    id: 'R-REQ-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.3',
    summary:
      'Insert `cniVersion` (selected) and `name` (list name) into every plugin config, overriding any values the plugin object had.',
  },
  {
    id: 'R-REQ-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.3',
    summary: 'Pass every other field through unchanged (unknown/nested keys, numbers, nulls).',
  },
  {
    id: 'R-REQ-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.3',
    summary:
      'ADD/DEL/CHECK: `runtimeConfig` = only capabilities the plugin declares `true` AND the runtime has values for; undeclared or `false` capabilities never leak.',
  },
  {
    id: 'R-REQ-4',
    level: 'MUST',
    notesLevel: 'MUST (1.0+)',
    section: '3.3',
    since: '1.0.0',
    summary:
      '`capabilities` must not appear in the request. libcni violates this (IMPL) — report, profile-gate.',
  },
  {
    id: 'R-REQ-5',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.3',
    summary: "`prevResult` absent for the first plugin on ADD; for plugin i>0 it is plugin i-1's output.",
  },
  {
    id: 'R-REQ-6',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.3',
    since: '1.1.0',
    summary:
      'GC: insert `cni.dev/valid-attachments` (libcni also `cni.dev/attachments`); no runtimeConfig, prevResult or attachment env. STATUS: only name/cniVersion…',
  },
  {
    id: 'R-REQ-7',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '3.3',
    summary:
      'Keys starting `cni.dev/` are runtime-reserved; `args` is runtime-generated (conventions: `args.cni.labels` [{key,value}], `args.cni.ips` [string]).',
  },
  {
    id: 'R-REQ-8',
    level: 'SHOULD',
    notesLevel: 'IMPL',
    section: '3.3',
    summary:
      "prevResult is provided in the selected cniVersion's format (libcni converts the cached result).",
    levelReason:
      'a plugin parses prevResult in the config cniVersion: one in another version breaks its DEL/CHECK (cni#701)',
  },
  {
    id: 'R-ADD-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.4',
    summary: 'Plugins run in list order; stop at the first failure and return that error.',
  },
  {
    id: 'R-ADD-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.4',
    summary: "Persist the final plugin's result (needed for CHECK/DEL).",
  },
  {
    id: 'R-ADD-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.4',
    summary:
      'After a failed ADD the runtime still issues DEL for the attachment (spec: delete even if add fails; 0.3/0.4 text: DEL for all plugins in reverse, even…',
  },
  {
    id: 'R-ADD-4',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '3.4',
    summary: 'No second ADD for the same (cid, ifname) without an intervening DEL.',
  },
  {
    id: 'R-ADD-5',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.4',
    summary: 'libcni validates cid (code 3 empty / 4 chars), network name (7), ifname (4) before exec.',
  },
  {
    id: 'R-DEL-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.5',
    summary: 'Plugins in **reverse** order.',
  },
  {
    id: 'R-DEL-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.5',
    summary:
      "Every plugin gets prevResult = the cached final ADD result (not per-plugin results), including later plugins' mutations.",
  },
  {
    id: 'R-DEL-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.5',
    summary: 'Stop at first error and return it.',
  },
  {
    id: 'R-DEL-4',
    level: 'MUST',
    notesLevel: 'MUST, 0.4.0 text',
    section: '3.5',
    since: '0.4.0',
    summary: 'Remove the cached result after a successful DEL.',
  },
  {
    id: 'R-DEL-5',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.5',
    summary:
      'libcni: no prevResult for conflists < 0.4.0; unreadable cache → deleted and DEL proceeds without prevResult; no cache → no prevResult.',
  },
  {
    id: 'R-CHK-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.6',
    since: '0.4.0',
    summary: 'Only for attachments ADDed and not since DELeted; only when config ≥ 0.4.0.',
  },
  {
    id: 'R-CHK-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.6',
    since: '0.4.0',
    summary:
      'prevResult = cached result of the immediately preceding ADD, for every plugin, forward order. Test.',
  },
  {
    id: 'R-CHK-3',
    level: 'MAY',
    notesLevel: 'MAY',
    section: '3.6',
    since: '0.4.0',
    summary: 'Stop at first failing plugin (libcni does); MAY treat failure as permanent misconfiguration.',
  },
  {
    id: 'R-CHK-4',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.6',
    since: '0.4.0',
    summary: 'Same attachment params as ADD (R-ENV-4).',
  },
  {
    id: 'R-GC-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.7',
    since: '1.1.0',
    summary: 'Every plugin in list order receives GC; errors do not stop the loop; all errors returned.',
  },
  {
    id: 'R-GC-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.7',
    since: '1.1.0',
    summary: '`cni.dev/valid-attachments` lists every still-valid (containerID, ifname) of this network.',
  },
  {
    id: 'R-GC-3',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.7',
    since: '1.1.0',
    summary: 'GC is exclusive with ADD/DEL: none in flight when GC starts; no new ADD/DEL until it ends.',
  },
  {
    id: 'R-GC-4',
    level: 'MUST',
    notesLevel: 'MUST NOT',
    section: '3.7',
    since: '1.1.0',
    summary: 'GC is not a replacement for DEL: removed containers still get DEL.',
  },
  {
    id: 'R-GC-5',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.7',
    since: '1.1.0',
    summary:
      'libcni GCNetworkList first issues full-chain DELs (reverse order, cached prevResult/args/capabilities) for cached attachments of this network missing from…',
  },
  {
    id: 'R-STAT-1',
    level: 'MAY',
    notesLevel: 'MAY/SHOULD',
    section: '3.8',
    since: '1.1.0',
    summary:
      'Runtime probes readiness via STATUS for each plugin in order (the spec gives no STATUS procedure; libcni stops at first error and returns it unchanged; skips…',
  },
  {
    id: 'R-STAT-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.8',
    since: '1.1.0',
    summary: 'No attachment params; env CNI_COMMAND=STATUS (+CNI_PATH).',
  },
  {
    id: 'R-LIFE-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.9',
    summary:
      'No parallel operations for the same container (across all its attachments); parallel across different containers allowed.',
  },
  {
    id: 'R-LIFE-2',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.9',
    summary: 'Every ADD is eventually followed by DEL (except catastrophic node loss).',
  },
  {
    id: 'R-LIFE-3',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '3.9',
    summary:
      'Network config unchanged between ADD and DEL, and between attachments (runtime should DEL with the config used at ADD; libcni caches the conflist bytes for…',
  },
  {
    id: 'R-LIFE-4',
    level: 'MAY',
    notesLevel: 'MAY',
    section: '3.9',
    summary: 'DEL may be repeated; runtimes commonly retry failed DELs.',
  },
  {
    id: 'R-LIFE-5',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.9',
    summary: 'Runtime owns netns cleanup (after DEL).',
  },
  {
    id: 'R-LIFE-6',
    level: 'INFO',
    notesLevel: 'n/a',
    section: '3.9',
    summary:
      'Timeouts are not specified by CNI. libcni cancels via context (kills the plugin process); treat timeouts as configuration, informational only.',
  },
  {
    id: 'R-CACHE-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '3.10',
    summary: 'The final ADD result is stored persistently (location not specified by spec).',
  },
  {
    id: 'R-CACHE-2',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.10',
    summary:
      'libcni: `<cacheDir>/results/<network>-<containerID>-<ifname>`, cacheDir default `/var/lib/cni` (dir 0700, file 0600), JSON shape cniCacheV1; removed after…',
  },
  {
    id: 'R-CACHE-3',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '3.10',
    summary:
      'A result missing `cniVersion` is treated as the config\'s version; empty stdout on ADD success is an error in libcni ("failed to unmarshal raw result").',
  },
  {
    id: 'R-ERR-1',
    level: 'SHOULD',
    notesLevel: 'SHOULD',
    section: '3.11',
    summary:
      'Parse error JSON from plugin stdout; surface code/msg/details; stderr is diagnostics only (libcni uses stderr text as msg when stdout is empty; unparsable…',
  },
  {
    id: 'R-ERR-2',
    level: 'MAY',
    notesLevel: 'MAY',
    section: '3.11',
    summary: 'Code 11 → retry later. Code 3 on ADD → no cleanup DEL needed.',
  },
  {
    id: 'P-ID-1',
    level: 'MUST',
    notesLevel: 'MUST',
    section: '2.16',
    derived: true,
    summary:
      'Container IDs matching ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$ (e.g. `a_b.c-d`) are accepted on ADD/CHECK/DEL.',
  },
  {
    id: 'P-ID-2',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.16',
    derived: true,
    summary:
      'Container IDs outside the charset (`-abc`, `a/b`, `a b`, `ä`) are rejected with code 4 "invalid characters in containerID".',
  },
  {
    id: 'P-ID-3',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.16',
    derived: true,
    summary:
      'Interface names that are empty, longer than 15 bytes, `.`/`..` or contain `/`, `:` or whitespace are rejected with code 4.',
  },
  {
    id: 'P-ID-4',
    level: 'IMPL',
    notesLevel: 'IMPL',
    section: '2.16',
    derived: true,
    summary: 'Network names outside the charset are rejected with code 7.',
  },
] as const satisfies readonly RequirementRow[];

/** A requirement ID of the catalogue ("P-ADD-3", "R-DEL-1"). */
export type RequirementId = (typeof ROWS)[number]['id'];

function buildRequirement(row: RequirementRow & { readonly id: RequirementId }): Requirement {
  const [side, area] = row.id.split('-') as [string, string];
  return {
    ...row,
    side: side === 'P' ? 'plugin' : 'runtime',
    area,
    implPart: row.level !== 'IMPL' && row.notesLevel.includes('IMPL'),
    since: row.since ?? '0.1.0',
  };
}

/** Every requirement, in catalogue order. */
export const REQUIREMENTS: readonly Requirement[] = ROWS.map(buildRequirement);

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** True when `id` is a catalogued requirement ID (for IDs read from user input or a report). */
export function isRequirementId(id: string): id is RequirementId {
  return BY_ID.has(id);
}

/** The requirement with this ID, or undefined (for IDs read from user input or a report). */
export function findRequirement(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

/** The requirement with this typed ID. */
export function getRequirement(id: RequirementId): Requirement {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`requirement ${id} is typed but not catalogued`); // unreachable: the type is the catalogue
  return found;
}

/** True when the requirement exists at this spec version. */
export function requirementAppliesAt(requirement: Requirement, version: string): boolean {
  if (compareVersions(version, requirement.since) < 0) return false;
  return requirement.until === undefined || compareVersions(version, requirement.until) <= 0;
}

/** The strongest level among several requirements (a check citing MUST and SHOULD IDs is judged as MUST). */
export function strongestLevel(levels: readonly Level[]): Level {
  const order: readonly Level[] = ['MUST', 'SHOULD', 'MAY', 'IMPL', 'INFO'];
  return order.find((level) => levels.includes(level)) ?? 'INFO';
}

/** Matches an ID against a pattern with `*` wildcards ("P-ENV-*"), case-insensitively. */
export function matchesRequirementPattern(id: string, pattern: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(id);
}
