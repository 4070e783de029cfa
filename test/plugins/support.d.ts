/** The plugins we ship, by role directory. */
export declare const PLUGIN_ENTRIES: {
  readonly loopback: 'src/plugins/main/loopback/main.ts';
  readonly bridge: 'src/plugins/main/bridge/main.ts';
  readonly 'host-local': 'src/plugins/ipam/host-local/main.ts';
};
export type PluginName = keyof typeof PLUGIN_ENTRIES;
/** Where upstream's Go plugins live on Debian. */
export declare const UPSTREAM_DIR = '/usr/lib/cni';
/** Bundles our plugins into a fresh directory; returns it. */
export declare function buildPlugins(): Promise<string>;
/** A network namespace created for a test; `path` is what CNI_NETNS carries. */
export interface TestNetns {
  readonly name: string;
  readonly path: string;
  remove(): void;
}
/** Creates `cnit-<prefix>-<hex>` with `ip netns add`. */
export declare function createNetns(prefix: string): TestNetns;
/** Runs argv and returns stdout; throws on failure. */
export declare function sh(argv: readonly string[]): string;
/** One plugin call. */
export interface PluginCall {
  readonly plugin: string;
  readonly command: string;
  readonly config: unknown;
  readonly env?: Readonly<Record<string, string>>;
  /** Run the plugin inside this namespace (the "host" for bridge) instead of the real host. */
  readonly hostNetns?: TestNetns;
}
/** What a plugin call produced; `json` is stdout parsed when possible. */
export interface PluginOutcome {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown> | undefined;
}
/** Runs a plugin with a clean CNI environment and JSON stdin. */
export declare function callPlugin(call: PluginCall): Promise<PluginOutcome>;
/** A scratch directory removed by the returned function. */
export declare function scratchDir(prefix: string): {
  path: string;
  remove: () => void;
};
