/**
 * P-ERR-1 (SHOULD part): the failure is described by error JSON {code, msg, details?} on STDOUT (P-ERR-1:
 * SPEC, skel and libcni all use stdout; stderr is free-form logs), with a non-negative integer code.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { describe as describeCall } from '../lib/attach.ts';
import { stdoutError } from '../lib/verdicts.ts';
import { PROVOKED_FAILURES } from './provoked.ts';

check(
  'P-ERR-1',
  'failures print error JSON with an integer code and a msg on stdout',
  { versions: 'latest', level: 'SHOULD' },
  async (ctx) => {
    for (const failure of PROVOKED_FAILURES) {
      const invocation = await failure.invoke(ctx);
      const error = stdoutError(invocation);
      expect(error, `${failure.label}: error JSON on stdout (${describeCall(invocation)})`).toBeDefined();
      expect(Number.isInteger(error?.code) && (error?.code ?? -1) >= 0, `${failure.label}: code`).toBe(true);
      expect(typeof error?.msg === 'string' && error.msg !== '', `${failure.label}: msg`).toBe(true);
    }
  },
);

check(
  'P-ERR-1',
  'error JSON carries the request cniVersion, as the spec’s error object does',
  // Go's types.Error has no cniVersion (P-ERR-1): a deviation the strict profile reports.
  { versions: 'latest', level: 'SHOULD', compatLevel: 'IMPL' },
  async (ctx) => {
    const failure = PROVOKED_FAILURES[2];
    if (!failure) throw new Error('no provoked failure');
    const invocation = await failure.invoke(ctx);
    const error = stdoutError(invocation);
    expect(error, `${failure.label}: error JSON on stdout (${describeCall(invocation)})`).toBeDefined();
    expect(error?.cniVersion, `${failure.label}: error cniVersion`).toBe(ctx.version);
  },
);
