/**
 * P-DLG-2: the delegate gets the caller's environment (only CNI_COMMAND may differ) and the COMPLETE request
 * configuration, not just its `ipam` part (P-DLG-*). Checked with a recording delegate first on CNI_PATH.
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, attachmentCall, describe as describeCall } from '../lib/attach.ts';
import { spyEnv, spyOnIpam } from './delegate.ts';

const ARGS = 'IgnoreUnknown=1;K8S_POD_NAME=conformance';

function cniVars(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => key.startsWith('CNI_') && key !== 'CNI_COMMAND'),
  );
}

check(
  'P-DLG-2',
  'the IPAM delegate gets the same CNI_* environment and the complete request configuration',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const spy = await spyOnIpam(ctx);
    const attachment = await attach(ctx, { env: { ...spyEnv(spy), CNI_ARGS: ARGS } });
    const call = (await spy.calls()).find((c) => c.verb === 'ADD');
    expect(call, `the delegate was called on ADD (${describeCall(attachment.add)})`).toBeDefined();
    expect(cniVars(call?.env ?? {}), 'delegate CNI_* environment').toEqual(
      cniVars(attachment.add.request.env),
    );
    expect(JSON.parse(call?.stdin ?? 'null'), 'delegate stdin').toEqual(
      JSON.parse(attachment.add.request.stdin ?? ''),
    );
    await ctx.call('DEL', attachmentCall(attachment, { env: spyEnv(spy) }));
  },
);
