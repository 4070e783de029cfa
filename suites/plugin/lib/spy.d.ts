import type { CheckContext } from '../../support/context.ts';
/** One call the delegate received. */
export interface SpyCall {
  readonly verb: string;
  /** CNI_* variables only (the upper plugin may pass its whole environment). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdin: string;
}
/** A spy installed in the sandbox. */
export interface Spy {
  /** Directory to put first on CNI_PATH. */
  readonly dir: string;
  /** The delegate type it stands in for. */
  readonly type: string;
  /** The marker it writes to stderr on every call. */
  readonly stderrMarker: string;
  /** Everything it received so far, in order. */
  calls(): Promise<SpyCall[]>;
  /** Makes every later `verb` call fail with `code` (without calling the real delegate). @defaultValue 107 */
  failOn(verb: string, code?: number): Promise<void>;
  /** The CNI_PATH that puts the spy first, then the target's directories. */
  readonly cniPath: string;
}
/** Installs a recording stand-in for delegate `type` (found on the target's CNI_PATH) in the check's sandbox. */
export declare function installSpy(ctx: CheckContext, type: string): Promise<Spy>;
/** The `ipam.type` of the plugin-under-test config, when it delegates IPAM. */
export declare function ipamTypeOf(config: Readonly<Record<string, unknown>>): string | undefined;
