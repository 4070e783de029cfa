/**
 * Scenarios of where plugins come from: plugin configs aggregated from the sibling dir `<confdir>/<network>/`
 * (R-CFG-4) and the CNI_PATH search (R-ENV-7) (R-CFG-*, R-ENV-*).
 */
import { compareVersions } from '../../spec/versions.ts';
import type { RuntimeScenario } from '../scenario.ts';

/** A list with a spy-extra config in its sibling dir, and a loadOnlyInlinedPlugins list whose sibling is ignored. */
export const aggregatedPluginsScenario: RuntimeScenario = {
  name: 'aggregated-plugins',
  summary: 'plugin configs in <confdir>/<network>/ run after the inlined ones unless loadOnlyInlinedPlugins',
  exercises: ['R-CFG-4', 'R-ADD-1', 'R-DEL-1', 'R-REQ-1', 'R-REQ-2'],
  verbs: ['ADD', 'DEL'],
  networks: [
    { cniVersion: '1.1.0', name: 'rt-aggr', plugins: [{ type: 'spy-a' }, { type: 'spy-b' }] },
    { cniVersion: '1.1.0', name: 'rt-inlined', loadOnlyInlinedPlugins: true, plugins: [{ type: 'spy-a' }] },
  ],
  aggregated: {
    'rt-aggr': [{ type: 'spy-extra', extraSetting: { from: 'sibling dir' } }],
    'rt-inlined': [{ type: 'spy-ignored' }],
  },
  lifecycleComplete: true,
  unsupportedBy(adapter) {
    const max = adapter.maxVersion ?? '1.1.0';
    // The sibling dir is a CNI 1.1.0 feature: a runtime that stops below 1.1.0 is right to ignore it.
    return compareVersions(max, '1.1.0') < 0
      ? `runtime ${adapter.name} supports CNI up to ${max}; aggregated plugin configs (R-CFG-4) are a 1.1.0 feature`
      : undefined;
  },
  async play(kit) {
    for (const [network, id] of [
      ['rt-aggr', 'g1'],
      ['rt-inlined', 'g2'],
    ] as const) {
      await kit.container(id);
      await kit.add({ network, containerId: id });
      await kit.del({ network, containerId: id });
      await kit.removeContainer(id);
    }
  },
};

/** spy-a and spy-b also sit in the second CNI_PATH directory: the first directory's copies must run. */
export const cniPathOrderScenario: RuntimeScenario = {
  name: 'cni-path-order',
  summary: 'with a plugin in two CNI_PATH directories, the one in the first directory runs',
  exercises: ['R-ENV-7'],
  verbs: ['ADD', 'DEL'],
  networks: [{ cniVersion: '1.1.0', name: 'rt-path', plugins: [{ type: 'spy-a' }, { type: 'spy-b' }] }],
  shadowedTypes: ['spy-a', 'spy-b'],
  lifecycleComplete: true,
  unsupportedBy(adapter, workspace) {
    const path = adapter.cniPath ?? [workspace.binDir];
    return path.includes(workspace.shadowBinDir)
      ? undefined
      : `runtime ${adapter.name} takes a single plugin directory, so CNI_PATH search order cannot be observed`;
  },
  async play(kit) {
    const p1 = { network: 'rt-path', containerId: 'p1' };
    await kit.container('p1');
    await kit.add(p1);
    await kit.del(p1);
    await kit.removeContainer('p1');
  },
};

/** The list names a plugin installed nowhere: ADD and DEL fail there and the plugins after it never run. */
export const missingPluginScenario: RuntimeScenario = {
  name: 'missing-plugin',
  summary: 'a plugin missing from CNI_PATH fails ADD and DEL, and no plugin after it runs',
  exercises: ['R-ENV-7', 'R-ADD-3'],
  verbs: ['ADD', 'DEL'],
  networks: [
    {
      cniVersion: '1.1.0',
      name: 'rt-missing',
      plugins: [{ type: 'spy-a' }, { type: 'no-such-plugin' }, { type: 'spy-b' }],
    },
  ],
  missingTypes: ['no-such-plugin'],
  lifecycleComplete: true,
  async play(kit) {
    const m1 = { network: 'rt-missing', containerId: 'm1' };
    await kit.container('m1');
    await kit.add(m1);
    await kit.del(m1);
    await kit.removeContainer('m1');
  },
};
