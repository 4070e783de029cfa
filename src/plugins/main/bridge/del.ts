/**
 * bridge DEL: IPAM DEL (also without a netns), the container interface (its veth peer goes with it), and
 * masquerade and spoof-check rules by owner, concurrently. Missing netns, links and rules are not errors
 * (P-DEL-2…5); the bridge itself is kept, as upstream keeps it.
 */
import { invokeDelegate } from '../../skel/delegate.ts';
import { PLUGIN_ERROR_CODES, PluginError } from '../../skel/errors.ts';
import { runCommand } from '../../skel/exec.ts';
import { inNetns, inspectNetns } from '../../skel/netns.ts';
import type { PluginRequest } from '../../skel/request.ts';
import { parseBridgeConfig } from './config.ts';
import { teardownSpoofCheck } from './macspoofchk.ts';
import { teardownMasquerade } from './masquerade.ts';

async function deleteContainerInterface(netns: string, ifname: string): Promise<void> {
  if (netns === '' || inspectNetns(netns) === 'missing') return;
  const outcome = await runCommand(inNetns(netns, ['ip', 'link', 'del', 'dev', ifname]));
  if (outcome.exitCode !== 0 && !/Cannot find device|does not exist/.test(outcome.stderr)) {
    throw new PluginError(
      PLUGIN_ERROR_CODES.INTERNAL,
      `failed to delete ${ifname}: ${outcome.stderr.trim()}`,
    );
  }
}

/** DEL. */
export async function delBridge(request: PluginRequest): Promise<void> {
  const config = parseBridgeConfig(request);
  const { netns, ifname, containerId } = request.env;
  // Independent steps run side by side; every one is attempted, the first failure is reported.
  const steps = [
    config.ipamType ? invokeDelegate(config.ipamType, 'DEL', request) : undefined,
    deleteContainerInterface(netns, ifname),
    config.ipMasq ? teardownMasquerade({ network: request.name, containerId }) : undefined,
    config.macspoofchk ? teardownSpoofCheck({ network: request.name, containerId, ifname }) : undefined,
  ];
  const failed = (await Promise.allSettled(steps)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
