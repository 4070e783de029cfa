/**
 * P-ERR-2: codes 0-99 are the spec's, used only with their meanings; plugin-specific codes start at 100
 * (P-ERR-*). A made-up code 42 is as bad as no code: runtimes branch on 3, 7, 11, 50.
 */
import { expect } from 'vitest';
import { isReservedCodeWithoutMeaning } from '../../../src/spec/error.ts';
import { check } from '../../support/check.ts';
import { stdoutError } from '../lib/verdicts.ts';
import { PROVOKED_FAILURES } from './provoked.ts';

/** Every spec code that means what happened: stdin that is not JSON fails to decode (6) or is no config (7). */
const ALLOWED_CODES: Readonly<Record<string, readonly number[]>> = {
  'ADD with stdin that is not JSON': [6, 7],
  'ADD with cniVersion 9.9.9': [1],
  'ADD without CNI_CONTAINERID': [4],
};

check(
  'P-ERR-2',
  'error codes below 100 are the spec’s codes with their meanings',
  { versions: 'latest' },
  async (ctx) => {
    for (const failure of PROVOKED_FAILURES) {
      const error = stdoutError(await failure.invoke(ctx));
      if (!error || error.code >= 100) continue;
      expect(
        isReservedCodeWithoutMeaning(error.code),
        `${failure.label}: code ${error.code} has a spec meaning`,
      ).toBe(false);
      // A spec code must mean what happened (999 and ≥ 100 are free for plugins).
      const allowed = ALLOWED_CODES[failure.label];
      if (allowed !== undefined && error.code !== 0) {
        expect(
          allowed,
          `${failure.label}: code ${error.code}, a spec code that means something else`,
        ).toContain(error.code);
      }
    }
  },
);
