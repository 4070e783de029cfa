/**
 * P-ERR-1 (MUST part): a failure exits non-zero — never 0 with an error printed, never by a signal or a hang
 * (P-ERR-*). A runtime knows a call failed only from the exit status.
 */
import { check } from '../../support/check.ts';
import { expectFailure } from '../lib/verdicts.ts';
import { PROVOKED_FAILURES } from './provoked.ts';

check(
  'P-ERR-1',
  'failures exit non-zero, without a signal or a hang',
  { versions: 'latest' },
  async (ctx) => {
    for (const failure of PROVOKED_FAILURES) expectFailure(await failure.invoke(ctx), failure.label);
  },
);
