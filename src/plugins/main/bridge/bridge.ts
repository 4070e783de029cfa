/**
 * The bridge plugin: veth pairs on a Linux bridge with optional gateway, masquerade, VLANs and MAC spoof
 * checking; IPAM by delegation. GC is forwarded to IPAM and removes rules of attachments no longer valid;
 * STATUS is forwarded to IPAM.
 */
import { parseValidAttachments } from '../../skel/attachments.ts';
import { invokeDelegate } from '../../skel/delegate.ts';
import { toPluginError } from '../../skel/errors.ts';
import type { PluginRequest } from '../../skel/request.ts';
import type { PluginDefinition } from '../../skel/run.ts';
import { addBridge } from './add.ts';
import { checkBridge } from './check.ts';
import { parseBridgeConfig } from './config.ts';
import { delBridge } from './del.ts';
import { spoofCheckedAttachments, teardownSpoofCheck } from './macspoofchk.ts';
import { masqueradedContainers, teardownMasquerade } from './masquerade.ts';

async function collectStaleRules(request: PluginRequest): Promise<void> {
  const valid = parseValidAttachments(request.config);
  const network = request.name;
  for (const containerId of await masqueradedContainers(network)) {
    if (!valid.some((item) => item.containerId === containerId))
      await teardownMasquerade({ network, containerId });
  }
  for (const owner of await spoofCheckedAttachments(network)) {
    const alive = valid.some(
      (item) => item.containerId === owner.containerId && item.ifname === owner.ifname,
    );
    if (!alive) await teardownSpoofCheck(owner);
  }
}

/** GC keeps going after a failure and reports the first one (P-GC-3). */
async function gc(request: PluginRequest): Promise<void> {
  const config = parseBridgeConfig(request);
  const failures: unknown[] = [];
  if (config.ipamType)
    await invokeDelegate(config.ipamType, 'GC', request).catch((error: unknown) => failures.push(error));
  await collectStaleRules(request).catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw toPluginError(failures[0]);
}

async function status(request: PluginRequest): Promise<void> {
  const config = parseBridgeConfig(request);
  if (config.ipamType) await invokeDelegate(config.ipamType, 'STATUS', request);
}

/** The bridge plugin. */
export const bridgePlugin: PluginDefinition = {
  name: 'bridge',
  handlers: { ADD: addBridge, DEL: delBridge, CHECK: checkBridge, GC: gc, STATUS: status },
};
