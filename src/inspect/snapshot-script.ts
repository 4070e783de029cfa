/**
 * One shell script that prints every inspector view as a delimited section, so a snapshot costs one
 * spawn of `sh` plus one per view (the leak suites snapshot before and after every call).
 */

/** Options for {@link buildSnapshotScript}. */
export interface SnapshotScriptOptions {
  /** Directories whose files (names and contents) are recorded, e.g. /var/lib/cni. */
  readonly dataDirs: readonly string[];
  /** Record processes; off for the real host, where other programs come and go. */
  readonly processes: boolean;
}

/** Marks a section start: `@@cni-inspect <name>`; its end is `@@cni-inspect-exit <code>`. */
export const SECTION_MARK = '@@cni-inspect';

/** The views, each a shell command whose stdout is the section body. */
const VIEWS: readonly (readonly [string, string])[] = [
  // `ip -batch` answers several commands in one spawn, one JSON array per line.
  ['links+addresses', "printf 'link show\\naddress show\\n' | ip -json -details -batch -"],
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
      '/proc/sys/net/ipv6/conf/*/disable_ipv6 /proc/sys/net/ipv6/conf/*/accept_dad 2>/dev/null',
  ],
  // A glob, not ls: no spawn.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
  ['netns', 'for f in /run/netns/*; do [ -e "$f" ] && echo "${f##*/}"; done; true'],
];

function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function section(name: string, command: string): string {
  return `printf '\\n${SECTION_MARK} ${name}\\n'; ${command}; printf '\\n${SECTION_MARK}-exit %s\\n' $?`;
}

/** Builds the script; run it with `sh -c`. */
export function buildSnapshotScript(options: SnapshotScriptOptions): string {
  const parts = VIEWS.map(([name, command]) => section(name, command));
  if (options.dataDirs.length > 0) {
    const dirs = options.dataDirs.map(quote).join(' ');
    parts.push(section('file-list', `find ${dirs} -printf '%y %p\\n' 2>/dev/null`));
    // tail -v prints "==> path <==" before each file: names and contents in one spawn.
    parts.push(section('file-contents', `find ${dirs} -type f -exec tail -v -n +1 -- {} + 2>/dev/null`));
  }
  if (options.processes) {
    // The first line names our own shell: it and its children are the inspector, not the plugin.
    parts.push(section('processes', 'echo $$; ps -eo pid=,ppid=,stat=,args='));
  }
  return parts.join('\n');
}
