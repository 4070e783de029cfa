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
  readonly id: string;
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
  /** First spec version in which the requirement exists. */
  readonly since: CniVersion;
  /** Last spec version to which it applies, when it was dropped (0.1.0/0.2.0-only result shapes). */
  readonly until?: CniVersion;
  /** Section of the notes ("2.4"). */
  readonly section: string;
  readonly summary: string;
  /**
   * True for IDs this catalogue adds where the notes state rules without IDs (§2.16 identifier rules); the drift
   * test checks their section exists instead of their ID.
   */
  readonly derived?: true;
  /** Set when the level deliberately differs from the notes' tag: why. */
  readonly levelReason?: string;
}

type Row = readonly [
  id: string,
  notesLevel: string,
  level: Level,
  section: string,
  summary: string,
  /** Why `level` deliberately differs from the notes' tag. */
  levelReason?: string,
];

/** Rows as the notes give them: [id, tag verbatim, level, section, summary]. */
const ROWS: readonly Row[] = [
  [
    'P-ENV-1',
    'MUST',
    'MUST',
    '2.1',
    'Verb is taken from `CNI_COMMAND` (ADD, DEL, CHECK, GC, STATUS, VERSION).',
  ],
  [
    'P-ENV-2',
    'MUST/IMPL',
    'MUST',
    '2.1',
    'Missing required var → failure; code 4, msg lists all missing names ("required env variables [CNI_NETNS,CNI_IFNAME,CNI_PATH] missing").',
  ],
  [
    'P-ENV-3',
    'IMPL',
    'IMPL',
    '2.1',
    'Unknown `CNI_COMMAND` → code 4 "unknown CNI_COMMAND: X". Empty/unset `CNI_COMMAND` on a Go plugin with an about string → prints "CNI <name> plugin vX" +…',
  ],
  [
    'P-ENV-4',
    'MUST',
    'MUST',
    '2.1',
    '`CNI_IFNAME` is the name to create/adjust in the container; if the plugin cannot use it, it must error.',
  ],
  [
    'P-ENV-5',
    'SHOULD',
    'SHOULD',
    '2.1',
    '`CNI_ARGS` format `K=V;K2=V2`; plugins should ignore what they do not understand (Go plugins need `IgnoreUnknown=1`).',
  ],
  [
    'P-ENV-6',
    'MUST',
    'MUST',
    '2.1',
    "`CNI_PATH` is an OS list (':' on Linux) used to find delegated plugins.",
  ],
  [
    'P-ENV-7',
    'IMPL',
    'IMPL',
    '2.1',
    "Code 8 (`ErrInvalidNetNS`) when `CNI_NETNS` equals the plugin's own netns on ADD/DEL (after the callback ran).",
  ],
  [
    'P-CONF-1',
    'MUST',
    'MUST',
    '2.2',
    'Plugin reads one JSON plugin-configuration object from stdin for every verb except VERSION (VERSION stdin is `{"cniVersion":"x"}`; Go plugins do not even…',
  ],
  [
    'P-CONF-2',
    'IMPL',
    'IMPL',
    '2.2',
    'Invalid JSON → code 6 ("error unmarshall network config: …"); missing/empty `name` → code 7 ("missing network name"); name failing charset → code 7…',
  ],
  [
    'P-CONF-3',
    'MAY',
    'MAY',
    '2.2',
    "Plugins may reject unknown fields (then code 2 with key+value in msg is the spec'd code); `args` content must be ignorable.",
  ],
  [
    'P-CONF-4',
    'SHOULD',
    'SHOULD',
    '2.2',
    'Well-known keys keep their meaning if supported: `ipMasq`, `ipam.type`, `dns.{nameservers,domain, search,options}`.',
  ],
  [
    'P-CONF-5',
    'MUST',
    'MUST',
    '2.2',
    'Plugin honours request-only keys: `cniVersion`, `name`, `prevResult`, `runtimeConfig`, `cni.dev/valid-attachments` (GC). See 2.6/2.9/2.15.',
  ],
  [
    'P-VER-1',
    'MUST',
    'MUST',
    '2.3',
    "Result `cniVersion` equals the request `cniVersion`, and the body uses that version's format (§1 table / §4.4).",
  ],
  [
    'P-VER-2',
    'SHOULD',
    'SHOULD',
    '2.3',
    'Unsupported `cniVersion` → error code 1 (0.4.0 text made this explicit). Go: msg "incompatible CNI versions", details `config is "9.9.9", plugin supports…',
  ],
  [
    'P-VER-3',
    'IMPL',
    'IMPL',
    '2.3',
    'Version match on ADD/DEL is exact-string against supportedVersions ("1.1" ≠ "1.1.0" → code 1); missing `cniVersion` ⇒ "0.1.0".',
  ],
  [
    'P-VER-4',
    'IMPL',
    'IMPL',
    '2.3',
    'CHECK with config < 0.4.0 → code 1 "config version does not allow CHECK"; GC/STATUS with < 1.1.0 → code 1 "… does not allow GC|STATUS"; if no supported…',
  ],
  [
    'P-VER-5',
    'SHOULD',
    'SHOULD',
    '2.3',
    'Plugins supporting many versions should keep older result formats working (multi-version matrix).',
  ],
  ['P-ADD-1', 'MUST', 'MUST', '2.4', 'On success exit 0 and print an ADD Success result on stdout.'],
  [
    'P-ADD-2',
    'MUST',
    'MUST',
    '2.4',
    'Failure → non-zero exit (Go: always 1) [+ SHOULD error JSON on stdout].',
  ],
  [
    'P-ADD-3',
    'MUST',
    'MUST',
    '2.4',
    'If an interface named `CNI_IFNAME` already exists in the container, an interface-creating plugin must fail.',
  ],
  [
    'P-ADD-4',
    'SHOULD-runtime / IMPL-plugin',
    'IMPL',
    '2.4',
    'Second ADD for same (CNI_CONTAINERID, CNI_IFNAME) without DEL is a runtime error; reference plugins fail it (bridge: ifname exists; host-local: "<ip> has…',
  ],
  [
    'P-ADD-5',
    'SHOULD',
    'SHOULD',
    '2.4',
    'Container interface listed in result `interfaces` with `sandbox` = `CNI_NETNS` value; host-side interfaces have empty/absent sandbox.',
  ],
  ['P-ADD-6', 'MUST', 'MUST', '2.4', '`ips[].interface` (when present) is a valid index into `interfaces`.'],
  [
    'P-ADD-7',
    'SHOULD',
    'SHOULD',
    '2.4',
    'Result mirrors reality: each `ips[].address` is configured on the indexed interface inside the netns, each `routes[]` entry exists (gw defaults to the…',
  ],
  ['P-ADD-8', 'MUST', 'MUST', '2.4', 'Same (cid, different ifname) is a distinct attachment and must work.'],
  [
    'P-RES-1',
    'MUST',
    'MUST',
    '2.5',
    'Top-level `cniVersion` present (spec). Go 1.x results always include it; libcni tolerates absence.',
  ],
  [
    'P-RES-2',
    'MUST',
    'MUST',
    '2.5',
    '`ips[].address` is CIDR (`a.b.c.d/nn`, v6 `x::y/nn`); `gateway` is a bare IP; routes `dst` CIDR, `gw` bare IP. For 0.3.x/0.4.0 `version` is "4"/"6" and must…',
  ],
  [
    'P-RES-3',
    'MUST',
    'MUST',
    '2.5',
    '0.1.0/0.2.0 use `ip4`/`ip6` objects (`ip` key = CIDR); no `interfaces`. At least one of ip4/ip6 (IMPL).',
  ],
  [
    'P-RES-4',
    'SHOULD',
    'SHOULD',
    '2.5',
    '`dns` describes resolver info; plugins do not configure resolv.conf. Empty dns is omitted in 1.x Go output but printed as `{}` in 0.x output — accept both.',
  ],
  [
    'P-RES-5',
    'MUST, IPAM',
    'MUST',
    '2.5',
    'Delegated IPAM results omit `interfaces` and `ips[].interface` (abbreviated result).',
  ],
  [
    'P-RES-6',
    'IMPL',
    'IMPL',
    '2.5',
    'Output on DEL/CHECK/GC/STATUS success is ignored by libcni; spec: CHECK/GC produce no output.',
  ],
  [
    'P-CHAIN-1',
    'MUST',
    'MUST',
    '2.6',
    'A plugin given `prevResult` on ADD must output it, with only its own modifications; if it changes nothing result-visible, output ≡ prevResult.',
  ],
  [
    'P-CHAIN-2',
    'MUST, 0.3.0 text',
    'MUST',
    '2.6',
    'Being unaware of `prevResult` is a violation; a plugin may pass through, modify, or (old text) suppress it.',
  ],
  [
    'P-CHAIN-3',
    'IMPL',
    'IMPL',
    '2.6',
    'Go plugins parse `prevResult` in the *request* cniVersion family; a prevResult whose `cniVersion` belongs to a different family fails ("result type supports…',
  ],
  [
    'P-CHAIN-4',
    'SHOULD',
    'SHOULD',
    '2.6',
    'DEL/CHECK use prevResult as the source of truth for what to remove/verify.',
  ],
  [
    'P-DEL-1',
    'SHOULD',
    'SHOULD',
    '2.7',
    'Remove the interface / undo ADD modifications, and delegate DEL to IPAM.',
  ],
  ['P-DEL-2', 'MUST', 'MUST', '2.7', 'Multiple DELs for the same (cid, ifname) all succeed.'],
  ['P-DEL-3', 'SHOULD', 'SHOULD', '2.7', 'DEL without prior ADD succeeds.'],
  [
    'P-DEL-4',
    'SHOULD',
    'SHOULD',
    '2.7',
    'DEL succeeds when the netns is already gone or `CNI_NETNS` is unset/empty, still releasing IPAM.',
  ],
  ['P-DEL-5', 'SHOULD', 'SHOULD', '2.7', 'DEL succeeds when `prevResult` is missing/empty.'],
  [
    'P-DEL-6',
    'IMPL',
    'IMPL',
    '2.7',
    'DEL still fails on config errors (e.g. host-local with 2 IPv4 ranges at cniVersion 0.2.0 errors on DEL too).',
  ],
  [
    'P-CHK-1',
    'MUST',
    'MUST',
    '2.8',
    'Uses prevResult to know the expected interfaces/addresses; success = exit 0 and no output.',
  ],
  [
    'P-CHK-2',
    'SHOULD',
    'SHOULD',
    '2.8',
    'Error when a resource it created and that is listed in prevResult is missing/invalid.',
  ],
  [
    'P-CHK-3',
    'SHOULD',
    'SHOULD',
    '2.8',
    'Error for untracked resources missing (IP reservation, firewall/qdisc, daemon).',
  ],
  [
    'P-CHK-4',
    'MUST',
    'MUST',
    '2.8',
    'Tolerate later chained plugins having changed things (e.g. routes, MAC).',
  ],
  ['P-CHK-5', 'MUST', 'MUST', '2.8', 'Work immediately after ADD (allow convergence delay).'],
  ['P-CHK-6', 'SHOULD', 'SHOULD', '2.8', 'Forward CHECK to delegated plugins and propagate their error.'],
  ['P-CHK-7', 'IMPL', 'IMPL', '2.8', 'bridge CHECK without prevResult → "Required prevResult missing".'],
  [
    'P-GC-1',
    'MUST',
    'MUST',
    '2.9',
    'Input: plugin config + `cni.dev/valid-attachments` = [{containerID, ifname}] (accept legacy `cni.dev/attachments`); env only CNI_COMMAND + CNI_PATH. Success…',
  ],
  [
    'P-GC-2',
    'SHOULD',
    'SHOULD',
    '2.9',
    'Remove resources (IPAM reservations, firewall rules…) of attachments NOT in the list; MAY assume their netns is gone.',
  ],
  ['P-GC-3', 'SHOULD', 'SHOULD', '2.9', 'Keep going on partial errors and report them.'],
  ['P-GC-4', 'MUST', 'MUST', '2.9', 'Forward GC to delegated plugins.'],
  [
    'P-GC-5',
    'edge',
    'INFO',
    '2.9',
    'Empty list (or JSON `null`, which libcni can emit) means "no attachment is valid": everything may be collected.',
  ],
  [
    'P-GC-6',
    'MUST',
    'MUST',
    '2.9',
    'GC must not break valid attachments: after GC with valid=[A], CHECK A still passes and DEL A succeeds.',
  ],
  [
    'P-STAT-1',
    'MUST',
    'MUST',
    '2.10',
    'Exit 0 iff ready to service ADD; otherwise exit≠0 with error JSON on stdout; codes 50 (cannot service ADD) / 51 (cannot service ADD and existing containers…',
  ],
  [
    'P-STAT-2',
    'SHOULD',
    'SHOULD',
    '2.10',
    'Report exhaustion: e.g. IPAM pool exhausted → error. Reference host-local does not (no STATUS).',
  ],
  [
    'P-STAT-3',
    'MUST',
    'MUST',
    '2.10',
    'Plugin must not depend on STATUS being called and must keep serving ADD/DEL after a failed STATUS.',
  ],
  ['P-STAT-4', 'MUST', 'MUST', '2.10', 'Forward STATUS to delegated plugins and fail if they fail.'],
  [
    'P-STAT-5',
    'IMPL',
    'IMPL',
    '2.10',
    'Env: CNI_COMMAND + CNI_PATH; stdin = plugin config with name/cniVersion.',
  ],
  [
    'P-VCMD-1',
    'MUST',
    'MUST',
    '2.11',
    'Output `{cniVersion, supportedVersions:[...]}` on stdout, exit 0, with only CNI_COMMAND set.',
  ],
  [
    'P-VCMD-2',
    'SHOULD',
    'SHOULD',
    '2.11',
    '`cniVersion` echoes the input value (Go: always "1.1.0" → warning only).',
  ],
  [
    'P-VCMD-3',
    'MUST',
    'MUST',
    '2.11',
    'Every version listed must actually work for ADD/DEL (and CHECK/GC/STATUS where the version has them).',
  ],
  [
    'P-VCMD-4',
    'IMPL',
    'IMPL',
    '2.11',
    'Legacy: VERSION reply `{cniVersion:"0.2.0"}` without list ⇒ [0.1.0,0.2.0]; a plugin failing with "unknown CNI_COMMAND: VERSION" ⇒ 0.1.0 only.',
  ],
  [
    'P-ERR-1',
    'MUST',
    'MUST',
    '2.12',
    'exit 0 on success, non-zero on failure. [SHOULD] print error JSON {cniVersion, code, msg, details?} on stdout.',
  ],
  ['P-ERR-2', 'MUST', 'MUST', '2.12', 'Codes 0-99 only with the meanings below; plugin-specific ≥ 100.'],
  [
    'P-ERR-3',
    'MUST',
    'MUST',
    '2.12',
    'Code 2 message contains the offending key and value; code 4 message contains the variable names. (Go validation errors for bad containerID/ifname put the…',
  ],
  [
    'P-ERR-4',
    'MAY',
    'MAY',
    '2.12',
    'stderr carries logs; delegated plugin stderr should be passed through (P-DLG-4).',
  ],
  ['P-DLG-1', 'SHOULD', 'SHOULD', '2.13', 'Find the delegate by searching `CNI_PATH` dirs.'],
  [
    'P-DLG-2',
    'MUST',
    'MUST',
    '2.13',
    'Delegate gets the same env (only CNI_COMMAND may differ) and the *complete* request config (not just `ipam`).',
  ],
  [
    'P-DLG-3',
    'MUST',
    'MUST',
    '2.13',
    'On CHECK, DEL, GC (and STATUS) the upper plugin invokes the delegate; delegate error → upper error.',
  ],
  ['P-DLG-4', 'SHOULD', 'SHOULD', '2.13', "Delegate stderr appears on the upper plugin's stderr."],
  [
    'P-DLG-5',
    'SHOULD',
    'SHOULD',
    '2.13',
    'If something fails after a successful delegated ADD, call delegate DEL before returning failure.',
  ],
  [
    'P-CONC-1',
    'MUST',
    'MUST',
    '2.14',
    'Plugins handle concurrent invocations for different containers, locking shared state.',
  ],
  [
    'P-CAP-1',
    'SHOULD',
    'SHOULD',
    '2.15',
    'Plugins read dynamic data from `runtimeConfig.<capability>` per CONVENTIONS; shapes in §4.9.',
  ],
  [
    'P-CAP-2',
    'MUST, conventions',
    'MUST',
    '2.15',
    'If an `args` key duplicates a CNI_ARGS key and the plugin understands `args`, CNI_ARGS is ignored. (host-local actually unions IP from CNI_ARGS,…',
  ],
  ['P-CAP-3', 'SHOULD', 'SHOULD', '2.15', '`args` data a plugin does not understand is ignored.'],
  [
    'P-CAP-4',
    '',
    'IMPL',
    '2.15',
    'Precedence in bridge for MAC: runtimeConfig.mac > args.cni.mac > CNI_ARGS MAC.',
  ],
  [
    'R-CFG-1',
    'MUST',
    'MUST',
    '3.1',
    'Select the highest version from {cniVersion} ∪ cniVersions that the runtime supports; MAY also restrict to versions the plugins report via VERSION.',
  ],
  [
    'R-CFG-2',
    'MUST',
    'MUST',
    '3.1',
    '`disableCheck: true` → never call CHECK (libcni returns success without exec; also accepts the strings "true"/"false" because 0.4.0 typed it as string).',
  ],
  [
    'R-CFG-3',
    'MUST',
    'MUST',
    '3.1',
    '`disableGC: true` → never call GC (libcni also skips its synthesized DELs).',
  ],
  [
    'R-CFG-4',
    'MUST',
    'MUST',
    '3.1',
    'Aggregated plugin configs (sibling dir `<confdir>/<netname>/*.conf`) are validated, appended after the inlined `plugins`, and all invoked;…',
  ],
  [
    'R-CFG-5',
    'IMPL',
    'IMPL',
    '3.1',
    'libcni: `.conflist` files sorted by name, first whose `name` matches wins; deprecated single `.conf`/ `.json` upconverted; `plugins: []` → error "no plugins…',
  ],
  [
    'R-CFG-6',
    'SHOULD',
    'SHOULD',
    '3.1',
    'Network names unique per host; name must match the charset (libcni validates on ADD → code 7).',
  ],
  ['R-ENV-1', 'MUST', 'MUST', '3.2', "Run plugins in the runtime's own network domain (root netns)."],
  ['R-ENV-2', 'MUST', 'MUST', '3.2', 'Netns exists before the first plugin runs.'],
  [
    'R-ENV-3',
    'MUST',
    'MUST',
    '3.2',
    'Set env per verb (§2.1 table, spec columns); CNI_CONTAINERID/CNI_IFNAME valid per §2.16; CNI_PATH always provided (spec: the runtime must give plugins the…',
  ],
  [
    'R-ENV-4',
    'MUST for CHECK; SHOULD for DEL (0.4.0 text)',
    'MUST',
    '3.2',
    "CHECK and DEL reuse the ADD's CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS (CNI_PATH may differ).",
  ],
  ['R-ENV-5', 'MUST', 'MUST', '3.2', 'Same env for every plugin in the chain for one operation.'],
  [
    'R-ENV-6',
    'IMPL',
    'IMPL',
    '3.2',
    "libcni sets all six CNI_* vars on every verb (empty strings where unused; GC/STATUS have empty CONTAINERID/NETNS/IFNAME), inherits the runtime's own…",
  ],
  [
    'R-ENV-7',
    'MUST',
    'MUST',
    '3.2',
    'Look up `type` in CNI_PATH dirs; a missing binary is an error (and halts ADD/DEL/CHECK). libcni: first dir with a regular file named `type` wins; names…',
  ],
  [
    'R-REQ-1',
    'MUST',
    'MUST',
    '3.3',
    'Insert `cniVersion` (selected) and `name` (list name) into every plugin config, overriding any values the plugin object had.',
  ],
  [
    'R-REQ-2',
    'MUST',
    'MUST',
    '3.3',
    'Pass every other field through unchanged (unknown/nested keys, numbers, nulls).',
  ],
  [
    'R-REQ-3',
    'MUST',
    'MUST',
    '3.3',
    'ADD/DEL/CHECK: `runtimeConfig` = only capabilities the plugin declares `true` AND the runtime has values for; undeclared or `false` capabilities never leak.',
  ],
  [
    'R-REQ-4',
    'MUST (1.0+)',
    'MUST',
    '3.3',
    '`capabilities` must not appear in the request. libcni violates this (IMPL) — report, profile-gate.',
  ],
  [
    'R-REQ-5',
    'MUST',
    'MUST',
    '3.3',
    "`prevResult` absent for the first plugin on ADD; for plugin i>0 it is plugin i-1's output.",
  ],
  [
    'R-REQ-6',
    'MUST',
    'MUST',
    '3.3',
    'GC: insert `cni.dev/valid-attachments` (libcni also `cni.dev/attachments`); no runtimeConfig, prevResult or attachment env. STATUS: only name/cniVersion…',
  ],
  [
    'R-REQ-7',
    'SHOULD',
    'SHOULD',
    '3.3',
    'Keys starting `cni.dev/` are runtime-reserved; `args` is runtime-generated (conventions: `args.cni.labels` [{key,value}], `args.cni.ips` [string]).',
  ],
  [
    'R-REQ-8',
    'IMPL',
    'SHOULD',
    '3.3',
    "prevResult is provided in the selected cniVersion's format (libcni converts the cached result).",
    'a plugin parses prevResult in the config cniVersion: one in another version breaks its DEL/CHECK (cni#701)',
  ],
  [
    'R-ADD-1',
    'MUST',
    'MUST',
    '3.4',
    'Plugins run in list order; stop at the first failure and return that error.',
  ],
  ['R-ADD-2', 'MUST', 'MUST', '3.4', "Persist the final plugin's result (needed for CHECK/DEL)."],
  [
    'R-ADD-3',
    'MUST',
    'MUST',
    '3.4',
    'After a failed ADD the runtime still issues DEL for the attachment (spec §3: delete even if add fails; 0.3/0.4 text: DEL for all plugins in reverse, even…',
  ],
  [
    'R-ADD-4',
    'SHOULD',
    'SHOULD',
    '3.4',
    'No second ADD for the same (cid, ifname) without an intervening DEL.',
  ],
  [
    'R-ADD-5',
    'IMPL',
    'IMPL',
    '3.4',
    'libcni validates cid (code 3 empty / 4 chars), network name (7), ifname (4) before exec.',
  ],
  ['R-DEL-1', 'MUST', 'MUST', '3.5', 'Plugins in **reverse** order.'],
  [
    'R-DEL-2',
    'MUST',
    'MUST',
    '3.5',
    "Every plugin gets prevResult = the cached final ADD result (not per-plugin results), including later plugins' mutations.",
  ],
  ['R-DEL-3', 'MUST', 'MUST', '3.5', 'Stop at first error and return it.'],
  ['R-DEL-4', 'MUST, 0.4.0 text', 'MUST', '3.5', 'Remove the cached result after a successful DEL.'],
  [
    'R-DEL-5',
    'IMPL',
    'IMPL',
    '3.5',
    'libcni: no prevResult for conflists < 0.4.0; unreadable cache → deleted and DEL proceeds without prevResult; no cache → no prevResult.',
  ],
  [
    'R-CHK-1',
    'MUST',
    'MUST',
    '3.6',
    'Only for attachments ADDed and not since DELeted; only when config ≥ 0.4.0.',
  ],
  [
    'R-CHK-2',
    'MUST',
    'MUST',
    '3.6',
    'prevResult = cached result of the immediately preceding ADD, for every plugin, forward order. Test.',
  ],
  [
    'R-CHK-3',
    'MAY',
    'MAY',
    '3.6',
    'Stop at first failing plugin (libcni does); MAY treat failure as permanent misconfiguration.',
  ],
  ['R-CHK-4', 'MUST', 'MUST', '3.6', 'Same attachment params as ADD (R-ENV-4).'],
  [
    'R-GC-1',
    'MUST',
    'MUST',
    '3.7',
    'Every plugin in list order receives GC; errors do not stop the loop; all errors returned.',
  ],
  [
    'R-GC-2',
    'MUST',
    'MUST',
    '3.7',
    '`cni.dev/valid-attachments` lists every still-valid (containerID, ifname) of this network.',
  ],
  [
    'R-GC-3',
    'MUST',
    'MUST',
    '3.7',
    'GC is exclusive with ADD/DEL: none in flight when GC starts; no new ADD/DEL until it ends.',
  ],
  ['R-GC-4', 'MUST NOT', 'MUST', '3.7', 'GC is not a replacement for DEL: removed containers still get DEL.'],
  [
    'R-GC-5',
    'IMPL',
    'IMPL',
    '3.7',
    'libcni GCNetworkList first issues full-chain DELs (reverse order, cached prevResult/args/capabilities) for cached attachments of this network missing from…',
  ],
  [
    'R-STAT-1',
    'MAY/SHOULD',
    'MAY',
    '3.8',
    'Runtime probes readiness via STATUS for each plugin in order (spec §3 gives no STATUS procedure; libcni stops at first error and returns it unchanged; skips…',
  ],
  ['R-STAT-2', 'MUST', 'MUST', '3.8', 'No attachment params; env CNI_COMMAND=STATUS (+CNI_PATH).'],
  [
    'R-LIFE-1',
    'MUST',
    'MUST',
    '3.9',
    'No parallel operations for the same container (across all its attachments); parallel across different containers allowed.',
  ],
  [
    'R-LIFE-2',
    'MUST',
    'MUST',
    '3.9',
    'Every ADD is eventually followed by DEL (except catastrophic node loss).',
  ],
  [
    'R-LIFE-3',
    'SHOULD',
    'SHOULD',
    '3.9',
    'Network config unchanged between ADD and DEL, and between attachments (runtime should DEL with the config used at ADD; libcni caches the conflist bytes for…',
  ],
  ['R-LIFE-4', 'MAY', 'MAY', '3.9', 'DEL may be repeated; runtimes commonly retry failed DELs.'],
  ['R-LIFE-5', 'MUST', 'MUST', '3.9', 'Runtime owns netns cleanup (after DEL).'],
  [
    'R-LIFE-6',
    'n/a',
    'INFO',
    '3.9',
    'Timeouts are not specified by CNI. libcni cancels via context (kills the plugin process); treat timeouts as configuration, informational only.',
  ],
  [
    'R-CACHE-1',
    'MUST',
    'MUST',
    '3.10',
    'The final ADD result is stored persistently (location not specified by spec).',
  ],
  [
    'R-CACHE-2',
    'IMPL',
    'IMPL',
    '3.10',
    'libcni: `<cacheDir>/results/<network>-<containerID>-<ifname>`, cacheDir default `/var/lib/cni` (dir 0700, file 0600), JSON shape §4.10; removed after…',
  ],
  [
    'R-CACHE-3',
    'IMPL',
    'IMPL',
    '3.10',
    'A result missing `cniVersion` is treated as the config\'s version; empty stdout on ADD success is an error in libcni ("failed to unmarshal raw result").',
  ],
  [
    'R-ERR-1',
    'SHOULD',
    'SHOULD',
    '3.11',
    'Parse error JSON from plugin stdout; surface code/msg/details; stderr is diagnostics only (libcni uses stderr text as msg when stdout is empty; unparsable…',
  ],
  ['R-ERR-2', 'MAY', 'MAY', '3.11', 'Code 11 → retry later. Code 3 on ADD → no cleanup DEL needed.'],
];

/** §2.16 gives identifier rules without IDs; these IDs let the ID suite cite them. */
const DERIVED_ROWS: readonly Row[] = [
  [
    'P-ID-1',
    'MUST',
    'MUST',
    '2.16',
    'Container IDs matching ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$ (e.g. `a_b.c-d`) are accepted on ADD/CHECK/DEL.',
  ],
  [
    'P-ID-2',
    'IMPL',
    'IMPL',
    '2.16',
    'Container IDs outside the charset (`-abc`, `a/b`, `a b`, `ä`) are rejected with code 4 "invalid characters in containerID".',
  ],
  [
    'P-ID-3',
    'IMPL',
    'IMPL',
    '2.16',
    'Interface names that are empty, longer than 15 bytes, `.`/`..` or contain `/`, `:` or whitespace are rejected with code 4.',
  ],
  ['P-ID-4', 'IMPL', 'IMPL', '2.16', 'Network names outside the charset are rejected with code 7.'],
];

/** Version ranges the notes state (§1 history, verb availability); everything else exists since 0.1.0. */
const SINCE_BY_AREA: Readonly<Record<string, CniVersion>> = {
  VCMD: '0.2.0',
  CHAIN: '0.3.0',
  CHK: '0.4.0',
  GC: '1.1.0',
  STAT: '1.1.0',
};
const SINCE_BY_ID: Readonly<Record<string, CniVersion>> = {
  'P-ADD-3': '1.0.0', // 1.0.0: "ADD MUST fail if ifname already exists"
  'P-DEL-2': '1.0.0', // 1.0.0: "DEL MUST tolerate repeats"
  'R-REQ-4': '1.0.0', // 1.0.0: runtime removes `capabilities`
  'R-CFG-3': '1.1.0',
  'R-CFG-4': '1.1.0',
  'R-DEL-4': '0.4.0',
  'R-REQ-6': '1.1.0',
};
const UNTIL_BY_ID: Readonly<Record<string, CniVersion>> = { 'P-RES-3': '0.2.0' };

function buildRequirement(
  [id, notesLevel, level, section, summary, levelReason]: Row,
  derived: boolean,
): Requirement {
  const [side, area] = id.split('-') as [string, string];
  const until = UNTIL_BY_ID[id];
  return {
    id,
    side: side === 'P' ? 'plugin' : 'runtime',
    area,
    level,
    notesLevel,
    implPart: level !== 'IMPL' && notesLevel.includes('IMPL'),
    since: SINCE_BY_ID[id] ?? SINCE_BY_AREA[area] ?? '0.1.0',
    ...(until ? { until } : {}),
    section,
    summary,
    ...(derived ? { derived: true as const } : {}),
    ...(levelReason ? { levelReason } : {}),
  };
}

/** Every requirement, in notes order, then the derived ones. */
export const REQUIREMENTS: readonly Requirement[] = [
  ...ROWS.map((row) => buildRequirement(row, false)),
  ...DERIVED_ROWS.map((row) => buildRequirement(row, true)),
];

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** The requirement with this ID, or undefined. */
export function findRequirement(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

/** The requirement with this ID; throws a plain Error for a typo (a programming error in a suite). */
export function getRequirement(id: string): Requirement {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown requirement ID "${id}" (not in src/spec/requirements.ts)`);
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
