import type { ConformanceTarget, PluginRole } from '../../../src/target.ts';
/** What a proof run varies. */
export interface TargetOptions {
  readonly plugin: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly role: PluginRole;
  /** @defaultValue ['/usr/lib/cni'] */
  readonly cniPath?: readonly string[];
  /** @defaultValue 'compat' */
  readonly profile?: 'compat' | 'strict';
  /** The versions to run (the CLI's --versions). @defaultValue every known version the plugin advertises */
  readonly versions?: readonly string[];
  /** Only tests whose title matches. */
  readonly testNamePattern?: string;
  /** Treat the plugin as a packaged upstream plugin (pinned deviations apply). @defaultValue path under /usr/lib/cni */
  readonly upstream?: boolean;
}
/** Builds the target; the VERSION probe gets nothing but CNI_COMMAND. */
export declare function buildTarget(options: TargetOptions): Promise<ConformanceTarget>;
