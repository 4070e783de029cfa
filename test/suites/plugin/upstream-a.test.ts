/** No false alarms on upstream bridge, host-local, loopback and ptp (see upstream-plugins.ts). */
import { describe } from 'vitest';
import { defaultConfig, testNoFalseAlarm } from './upstream-plugins.ts';

describe('plugin suites on upstream main and IPAM plugins', { timeout: 300_000 }, () => {
  testNoFalseAlarm({
    type: 'bridge',
    role: 'main',
    // ipMasq on (the P-ADD-8 deviation), and the keys CONF/CAP checks need to run rather than skip.
    config: defaultConfig('bridge', {
      ipMasq: true,
      capabilities: { mac: true },
      dns: { nameservers: ['10.88.0.53'], search: ['conformance.test'] },
    }),
    pinned: ['second attachment of the same container'],
  });
  testNoFalseAlarm({
    type: 'host-local',
    role: 'ipam',
    config: defaultConfig('host-local', { capabilities: { ips: true } }),
    pinned: ['args.cni.ips wins over a CNI_ARGS IP'],
  });
  testNoFalseAlarm({
    type: 'loopback',
    role: 'main',
    config: defaultConfig('loopback'),
    pinned: ['result format (0.x)', 'a 0.1.0/0.2.0 result has ip4/ip6', 'ips[].version matches'],
  });
  testNoFalseAlarm({
    type: 'ptp',
    role: 'main',
    config: defaultConfig('ptp'),
    pinned: ['second attachment of the same container'],
  });
});
