/**
 * P-CONF-3 / P-CAP-3: plugins MAY reject fields they do not know, but then with code 2 naming the key and value
 * (P-ERR-3); runtime-generated `args` they do not understand must be ignored (P-CONF-*, P-CAP-*).
 */
import { expect } from 'vitest';
import { check } from '../../support/check.ts';
import { attach, describe as describeCall, detach } from '../lib/attach.ts';
import { stdoutError } from '../lib/verdicts.ts';

const UNKNOWN_KEY = 'zzConformanceUnknown';
const UNKNOWN_VALUE = 'zz-value-4711';

check(
  ['P-CONF-3', 'P-ERR-3'],
  'an unknown configuration key is either accepted or rejected with code 2 naming the key and value',
  { versions: 'latest' },
  async (ctx) => {
    const attachment = await attach(ctx, { config: ctx.config({ [UNKNOWN_KEY]: UNKNOWN_VALUE }) });
    if (attachment.add.kind === 'ok') {
      await detach(ctx, attachment);
      return;
    }
    const error = stdoutError(attachment.add);
    expect(error?.code, `rejection of an unknown key: ${describeCall(attachment.add)}`).toBe(2);
    const text = `${error?.msg ?? ''} ${error?.details ?? ''}`;
    expect(text, 'code 2 message names the key').toContain(UNKNOWN_KEY);
    expect(text, 'code 2 message names the value').toContain(UNKNOWN_VALUE);
  },
);

check(
  ['P-CAP-3', 'P-CONF-3'],
  'runtime `args` the plugin does not understand are ignored',
  { versions: 'latest' },
  async (ctx) => {
    const args = {
      cni: { labels: [{ key: 'app', value: 'conformance' }], zzConformanceArg: { nested: [1, 2] } },
    };
    const attachment = await attach(ctx, { config: ctx.config({ args }) });
    expect(attachment.add.kind, `ADD with unknown args: ${describeCall(attachment.add)}`).toBe('ok');
    await detach(ctx, attachment);
  },
);
