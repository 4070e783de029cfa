/**
 * No false alarms on upstream chained plugins (tuning, portmap, bandwidth, firewall behind bridge), and on the
 * project's own 1.1.0 bridge for the GC and STATUS checks the Debian plugins (≤ 1.0.0) skip.
 */
import { describe } from 'vitest';
import { bridgeNetwork, OWN_PLUGINS_DIR } from '../../../fixtures/faulty-plugins/configs.ts';
import { defaultConfig, testNoFalseAlarm } from './upstream-plugins.ts';

describe('plugin suites on upstream chained plugins', { timeout: 300_000 }, () => {
  testNoFalseAlarm({ type: 'tuning', role: 'meta', config: defaultConfig('tuning') });
  testNoFalseAlarm({
    type: 'portmap',
    role: 'meta',
    config: defaultConfig('portmap'),
    pinned: ['CHECK passes immediately after an ADD that used the declared capabilities'],
  });
  testNoFalseAlarm({
    type: 'bandwidth',
    role: 'meta',
    config: defaultConfig('bandwidth', { capabilities: { bandwidth: true } }),
    pinned: ['second attachment of the same container'],
  });
  testNoFalseAlarm({ type: 'firewall', role: 'meta', config: defaultConfig('firewall') });
  testNoFalseAlarm({
    type: 'bridge',
    role: 'main',
    plugin: `${OWN_PLUGINS_DIR}/bridge`,
    cniPath: [OWN_PLUGINS_DIR],
    config: { ...bridgeNetwork('bridge'), cniVersion: '1.1.0' },
    files: ['suites/plugin/gc', 'suites/plugin/stat'],
    minPassed: 7,
  });
});
