/**
 * Failures every plugin must report, whatever its role: the ERR checks provoke them and judge how they are
 * reported. Each is a request that no conformant plugin can accept.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import type { CheckContext } from '../../support/context.ts';
/** One provoked failure: a label and the call that provokes it. */
export interface ProvokedFailure {
  readonly label: string;
  readonly invoke: (ctx: CheckContext) => Promise<Invocation>;
}
/** Invalid JSON, an unsupported cniVersion, and a missing CNI_CONTAINERID. */
export declare const PROVOKED_FAILURES: readonly ProvokedFailure[];
