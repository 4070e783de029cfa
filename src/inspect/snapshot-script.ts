/**
 * One shell script that prints every inspector view as a delimited section, so a snapshot costs one
 * spawn of `sh` plus one per view (the leak suites snapshot before and after every call).
 */

/** Options for {@link buildSnapshotScript}. */
export interface SnapshotScriptOptions {
  /** Directories whose files (names and contents) are recorded, e.g. /var/lib/cni; missing ones are skipped. */
  readonly dataDirs: readonly string[];
  /** Record processes and mounts; off for the real host, where other programs come and go. */
  readonly processes: boolean;
  /** A command whose stdout lines are state items (`--state-command`); it must exit 0. */
  readonly stateCommand?: string;
}

/** Marks a section start: `@@cni-inspect <name>`; its end is `@@cni-inspect-exit <code> <stderr>`. */
export const SECTION_MARK = '@@cni-inspect';

/**
 * Paths under the data dirs that are not plugin state: the sandbox's own netns mounts (the netns view
 * shows them) and its private bookkeeping.
 */
export const SANDBOX_PATHS = ['/run/netns', '/run/.cni-sandbox'] as const;

/** The views, each a shell command whose stdout is the section body. */
const VIEWS: readonly (readonly [string, string])[] = [
  // `ip -batch` answers several commands in one spawn, one JSON array per line.
  ['links+addresses', "printf 'link show\\naddress show\\nneigh show\\n' | ip -json -details -batch -"],
  ['routes4+rules4', "printf 'route show table all\\nrule show\\n' | ip -json -4 -batch -"],
  ['routes6+rules6', "printf 'route show table all\\nrule show\\n' | ip -json -6 -batch -"],
  ['iptables4', 'iptables-save'],
  ['iptables6', 'ip6tables-save'],
  ['nft', 'nft -j list ruleset'],
  // grep prints "path:value" for many files in one spawn; the globs name the sysctls plugins touch.
  [
    'sysctls',
    'grep -H "" /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/*/forwarding ' +
      '/proc/sys/net/ipv4/conf/*/rp_filter /proc/sys/net/ipv4/conf/*/route_localnet ' +
      '/proc/sys/net/ipv4/conf/*/proxy_arp /proc/sys/net/ipv4/conf/*/arp_notify ' +
      '/proc/sys/net/ipv6/conf/*/forwarding /proc/sys/net/ipv6/conf/*/accept_ra ' +
      '/proc/sys/net/ipv6/conf/*/disable_ipv6 /proc/sys/net/ipv6/conf/*/accept_dad 2>/dev/null; true',
  ],
  // A glob, not ls: no spawn.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
  ['netns', 'for f in /run/netns/*; do [ -e "$f" ] && echo "${f##*/}"; done; true'],
];

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command's stdout goes to the real stdout (fd 3); its stderr is captured and, when it fails, printed
 * on the exit line so a failing view is reported with what it said.
 */
function section(name: string, command: string): string {
  return [
    `printf '\\n${SECTION_MARK} ${name}\\n'`,
    `err=$( { ${command}; } 2>&1 >&3 ); code=$?`,
    `if [ "$code" = 0 ]; then err=; else err=$(printf %s "$err" | tr '\\n' ' ' | cut -c1-400); fi`,
    `printf '\\n${SECTION_MARK}-exit %s %s\\n' "$code" "$err"`,
  ].join('; ');
}

function fileSections(dataDirs: readonly string[]): string[] {
  const dirs = dataDirs.map(quote).join(' ');
  const prune = SANDBOX_PATHS.map((path) => `-path ${path}`).join(' -o ');
  // Only the dirs that exist: a missing dir is "no files", any other failure of find is a failure.
  const existing = `set --; for d in ${dirs}; do [ -e "$d" ] && set -- "$@" "$d"; done; [ $# -eq 0 ] ||`;
  return [
    section('file-list', `${existing} find "$@" \\( ${prune} \\) -prune -o -printf '%y %p\\n'`),
    // tail -v prints "==> path <==" before each file: names and contents in one spawn.
    section(
      'file-contents',
      `${existing} find "$@" \\( ${prune} \\) -prune -o -type f -size -256k -exec tail -v -n +1 -- {} +`,
    ),
  ];
}

/** Builds the script; run it with `sh -c`. */
export function buildSnapshotScript(options: SnapshotScriptOptions): string {
  const parts = ['exec 3>&1', ...VIEWS.map(([name, command]) => section(name, command))];
  if (options.dataDirs.length > 0) parts.push(...fileSections(options.dataDirs));
  if (options.processes) {
    // The first line names our own shell: it and its children are the inspector, not the plugin.
    parts.push(section('processes', 'echo $$; ps -eo pid=,ppid=,stat=,args='));
    // A builtin read loop: no spawn.
    parts.push(section('mounts', 'while read -r line; do echo "$line"; done < /proc/self/mountinfo'));
  }
  if (options.stateCommand !== undefined) parts.push(section('state-command', options.stateCommand));
  return parts.join('\n');
}
