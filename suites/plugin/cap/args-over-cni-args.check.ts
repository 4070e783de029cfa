/**
 * P-CAP-2 (CONVENTIONS.md): when a key of the config's `args` duplicates a CNI_ARGS key and the plugin understands
 * `args`, CNI_ARGS is ignored (P-CAP-*). Probed with the two duplicated keys the conventions define: the MAC
 * (`MAC` / `args.cni.mac`, interface plugins) and the requested IPs (`IP` / `args.cni.ips`, IPAM plugins). A plugin
 * that reads neither spelling has nothing to judge and is skipped.
 */
import type { Invocation } from '../../../src/runtime/invoke.ts';
import { isRangeIpam, withSubnet } from '../../fidelity/lib/ipam-shape.ts';
import { check } from '../../support/check.ts';
import type { CheckContext } from '../../support/context.ts';
import { attach, attachmentCall, describe as describeCall } from '../lib/attach.ts';
import { inspectLink } from '../lib/kernel.ts';
import { viewResult } from '../lib/result-view.ts';

const ARGS_MAC = 'c2:11:22:33:44:66';
const CNI_ARGS_MAC = 'c2:11:22:33:44:77';

async function macWith(ctx: CheckContext, containerId: string, ifname: string, withCniArgs: boolean) {
  const config = ctx.config({ args: { cni: { mac: ARGS_MAC } } });
  const env = withCniArgs ? { CNI_ARGS: `IgnoreUnknown=1;MAC=${CNI_ARGS_MAC}` } : {};
  const attachment = await attach(ctx, { containerId, ifname, config, env });
  const mac =
    attachment.add.kind === 'ok'
      ? (await inspectLink(ctx.sandbox, ifname, ctx.container.name))?.mac
      : undefined;
  await ctx.call('DEL', attachmentCall(attachment, { env }));
  return { add: attachment.add, mac };
}

check(
  'P-CAP-2',
  'args.cni.mac wins over a CNI_ARGS MAC',
  { versions: 'latest', roles: ['main'] },
  async (ctx) => {
    const both = await macWith(ctx, ctx.containerId, 'eth0', true);
    if (both.add.kind === 'ok' && both.mac === ARGS_MAC) return;
    const argsOnly = await macWith(ctx, `${ctx.containerId}-args`, 'eth1', false);
    if (argsOnly.mac !== ARGS_MAC)
      return ctx.skip('plugin-capability-missing', 'the plugin does not read args.cni.mac');
    throw new Error(
      `with MAC=${CNI_ARGS_MAC} in CNI_ARGS and args.cni.mac ${ARGS_MAC} (which alone it applies), ` +
        (both.add.kind === 'ok'
          ? `the container interface got ${both.mac ?? 'no MAC'}`
          : `ADD failed: ${describeCall(both.add)}`),
    );
  },
);

const SUBNET = '10.236.0.0/28';
const ARGS_IP = '10.236.0.9';
const CNI_ARGS_IP = '10.236.0.5';

async function ipsWith(ctx: CheckContext, containerId: string, withCniArgs: boolean) {
  const config = withSubnet({ ...ctx.config(), args: { cni: { ips: [ARGS_IP] } } }, SUBNET);
  const env = withCniArgs ? { env: { CNI_ARGS: `IgnoreUnknown=1;IP=${CNI_ARGS_IP}` } } : {};
  const add: Invocation = await ctx.call('ADD', { config, containerId, ...env });
  await ctx.call('DEL', { config, containerId, ...env });
  const ips = add.kind === 'ok' ? viewResult(add.output).ips.map((ip) => ip.address.split('/')[0]) : [];
  return { add, ips };
}

check(
  'P-CAP-2',
  'args.cni.ips wins over a CNI_ARGS IP',
  {
    versions: 'latest',
    roles: ['ipam'],
  },
  async (ctx) => {
    if (!isRangeIpam(ctx.config()))
      return ctx.skip('plugin-capability-missing', 'the IPAM config has no subnet or ranges to request from');
    const both = await ipsWith(ctx, ctx.containerId, true);
    if (both.ips.includes(ARGS_IP) && !both.ips.includes(CNI_ARGS_IP)) return;
    const argsOnly = await ipsWith(ctx, `${ctx.containerId}-args`, false);
    if (!argsOnly.ips.includes(ARGS_IP))
      return ctx.skip('plugin-capability-missing', 'the plugin does not read args.cni.ips');
    throw new Error(
      `with IP=${CNI_ARGS_IP} in CNI_ARGS and args.cni.ips [${ARGS_IP}] (which alone it honours), ` +
        (both.add.kind === 'ok'
          ? `ADD handed out ${both.ips.join(', ') || 'no address'}`
          : `ADD failed: ${describeCall(both.add)}`),
    );
  },
);
