/** Validated run options for the sandbox CLI entries (docker, vagrant), as the CLI would pass them. */
import type { InnerRunOptions } from '../../../src/sandbox/inner-run.ts';

/** The CLI's defaults, with the reports under `reportDir`; `overrides` replace single fields. */
export function innerRunOptions(
  reportDir = '/tmp/r',
  overrides: Partial<InnerRunOptions> = {},
): InnerRunOptions {
  return {
    configFile: undefined,
    cniPath: [],
    role: undefined,
    profile: 'compat',
    failOn: 'should',
    versions: undefined,
    only: [],
    skip: [],
    timeoutMs: 30_000,
    parallel: 2,
    reportDir,
    junitFile: `${reportDir}/a.xml`,
    jsonFile: `${reportDir}/a.json`,
    htmlFile: `${reportDir}/a.html`,
    seed: 1,
    ...overrides,
  };
}
