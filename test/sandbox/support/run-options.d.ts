/** Validated run options for the sandbox CLI entries (docker, vagrant), as the CLI would pass them. */
import type { InnerRunOptions } from '../../../src/sandbox/inner-run.ts';
/** The CLI's defaults, with the reports under `reportDir`; `overrides` replace single fields. */
export declare function innerRunOptions(
  reportDir?: string,
  overrides?: Partial<InnerRunOptions>,
): InnerRunOptions;
