/** The typed record of one network namespace (and the sandbox around it) that the inspector takes. */

/** One network interface. */
export interface LinkRecord {
  readonly name: string;
  readonly ifindex: number;
  /** `linkinfo.info_kind` (bridge, veth, macvlan, vxlan…); "device" for links without one (lo, eth0). */
  readonly kind: string;
  readonly master: string | null;
  readonly mac: string | null;
  readonly mtu: number;
  /** Administrative flags only (UP, BROADCAST…); carrier flags that flap (LOWER_UP) are left out. */
  readonly flags: readonly string[];
  /** For a veth (or other linked device): the peer's ifindex, and its netns id when it is elsewhere. */
  readonly peerIfindex: number | null;
  readonly peerNetnsId: number | null;
  /** For a bridge port: hairpin, isolated, learning, flood… (timers and ids left out). */
  readonly portFlags: Readonly<Record<string, boolean>>;
}

/** One address on an interface. */
export interface AddressRecord {
  readonly ifname: string;
  readonly family: 'inet' | 'inet6';
  /** "10.22.0.1/24". */
  readonly cidr: string;
  readonly scope: string;
}

/** One route, in any table. */
export interface RouteRecord {
  readonly family: 'ipv4' | 'ipv6';
  readonly table: string;
  readonly type: string;
  readonly dst: string;
  readonly gateway: string | null;
  readonly dev: string | null;
  readonly protocol: string | null;
  readonly metric: number | null;
}

/** One policy-routing rule (`ip rule`), as plugins such as sbr add them. */
export interface RuleRecord {
  readonly family: 'ipv4' | 'ipv6';
  readonly priority: number;
  /** The rule without its priority, e.g. "from 10.1.0.5 lookup 100". */
  readonly selector: string;
}

/** A neighbour entry a plugin set (permanent or noarp); learned ones come and go with traffic. */
export interface NeighbourRecord {
  readonly ifname: string;
  readonly dst: string;
  readonly lladdr: string | null;
}

/** One mount of the sandbox's mount namespace (a plugin's bind mount of a netns, say). */
export interface MountRecord {
  readonly mountPoint: string;
  readonly fsType: string;
  readonly source: string;
  /** The path inside the source filesystem that is mounted ("/" for a whole filesystem). */
  readonly root: string;
}

/** One iptables table as `iptables-save` prints it, without counters. */
export interface IptablesTable {
  readonly family: 'ipv4' | 'ipv6';
  readonly table: string;
  /** Chain name → policy ("ACCEPT", or "-" for a user chain). */
  readonly chains: Readonly<Record<string, string>>;
  /** Rules in order, as "-A CHAIN …". */
  readonly rules: readonly string[];
}

/** The nft ruleset, flattened to stable strings (handles and counters left out). */
export interface NftRuleset {
  /** "inet filter". */
  readonly tables: readonly string[];
  /** "inet filter input". */
  readonly chains: readonly string[];
  /** "inet filter input: <expr json>". */
  readonly rules: readonly string[];
  /** Other objects (sets, maps, flowtables…), "set inet filter allowed". */
  readonly objects: readonly string[];
}

/** A file or directory under one of the data dirs. */
export interface FileRecord {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'other';
  /** Text content of a regular file (up to what `tail` printed). */
  readonly content: string | null;
}

/** A process alive in the sandbox (not the inspector itself nor the sandbox's PID 1). */
export interface ProcessRecord {
  readonly pid: number;
  readonly args: string;
}

/** Everything the inspector saw in one namespace. */
export interface Snapshot {
  readonly links: readonly LinkRecord[];
  readonly addresses: readonly AddressRecord[];
  readonly routes: readonly RouteRecord[];
  readonly rules: readonly RuleRecord[];
  readonly neighbours: readonly NeighbourRecord[];
  readonly iptables: readonly IptablesTable[];
  readonly nft: NftRuleset;
  /** "net/ipv4/ip_forward" → "1". */
  readonly sysctls: Readonly<Record<string, string>>;
  readonly files: readonly FileRecord[];
  /** Names of the files under /run/netns. */
  readonly netns: readonly string[];
  /** Null when processes were not recorded (the real host). */
  readonly processes: readonly ProcessRecord[] | null;
  /** Null when mounts were not recorded (the real host). */
  readonly mounts: readonly MountRecord[] | null;
  /** The stdout lines of the author's `--state-command`; null when there is none. */
  readonly stateLines: readonly string[] | null;
  /**
   * Views that could not be read ("nft: exit 1: …"); such a view is empty in the snapshot, so a snapshot with
   * problems must not be compared (an error, never "nothing changed").
   */
  readonly problems: readonly string[];
}
