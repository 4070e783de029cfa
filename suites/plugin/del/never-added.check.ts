/**
 * P-DEL-3: DEL of an attachment that was never added succeeds (P-DEL-*): kubelet deletes sandboxes that never
 * got their network (kubernetes/kubernetes#43014).
 */
import { check } from '../../support/check.ts';
import { expectSuccess } from '../lib/verdicts.ts';

check(
  'P-DEL-3',
  'DEL of a container ID that was never added succeeds',
  { versions: 'latest' },
  async (ctx) => {
    expectSuccess(await ctx.call('DEL', { containerId: `${ctx.containerId}-never` }), 'DEL without ADD');
  },
);
