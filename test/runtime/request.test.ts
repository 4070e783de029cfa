import { describe, expect, it } from 'vitest';
import { buildPluginEnv, formatCniArgs } from '../../src/runtime/env.ts';
import { buildRequestConfig } from '../../src/runtime/request.ts';

const plugin = {
  type: 'portmap',
  name: 'own-name',
  cniVersion: '0.1.0',
  capabilities: { portMappings: true, mac: false },
  nested: { keep: [1, null] },
};
const capabilityArgs = {
  portMappings: [{ hostPort: 80, containerPort: 8080 }],
  mac: 'c2:11:22:33:44:55',
  bandwidth: {},
};
const base = { name: 'net', cniVersion: '1.0.0', capabilityArgs, libcniCompat: false };

describe('buildRequestConfig', () => {
  it('injects name and cniVersion, passes other keys through, and keeps only declared∩supplied capabilities', () => {
    expect(buildRequestConfig(plugin, { ...base, verb: 'ADD' })).toEqual({
      type: 'portmap',
      name: 'net',
      cniVersion: '1.0.0',
      nested: { keep: [1, null] },
      runtimeConfig: { portMappings: capabilityArgs.portMappings },
    });
  });

  it('keeps capabilities and an authored runtimeConfig in libcni mode', () => {
    const request = buildRequestConfig(
      { ...plugin, runtimeConfig: { x: 1 } },
      { ...base, verb: 'DEL', capabilityArgs: {}, libcniCompat: true },
    );
    expect(request.capabilities).toEqual(plugin.capabilities);
    expect(request.runtimeConfig).toEqual({ x: 1 });
  });

  it('omits runtimeConfig when nothing matches, and drops an authored one in spec mode', () => {
    const request = buildRequestConfig({ type: 'x', runtimeConfig: { x: 1 } }, { ...base, verb: 'CHECK' });
    expect(request).not.toHaveProperty('runtimeConfig');
  });

  it('sends GC only name, cniVersion and the valid attachments under both keys', () => {
    const valid = [{ containerID: 'c', ifname: 'eth0' }];
    expect(
      buildRequestConfig(plugin, { ...base, verb: 'GC', prevResult: {}, validAttachments: valid }),
    ).toEqual({
      type: 'portmap',
      name: 'net',
      cniVersion: '1.0.0',
      nested: { keep: [1, null] },
      'cni.dev/valid-attachments': valid,
      'cni.dev/attachments': valid,
    });
  });
});

describe('buildPluginEnv', () => {
  const attachment = {
    containerId: 'c1',
    netns: '/run/netns/c1',
    ifname: 'eth0',
    cniArgs: [
      ['IgnoreUnknown', '1'],
      ['K', 'v'],
    ] as const,
  };

  it('formats CNI_ARGS as k=v;k2=v2', () => {
    expect(formatCniArgs(attachment.cniArgs)).toBe('IgnoreUnknown=1;K=v');
  });

  it('sends the spec variables per verb', () => {
    const common = { attachment, cniPath: ['/a', '/b'], libcniCompat: false };
    expect(buildPluginEnv({ ...common, verb: 'ADD' })).toEqual({
      CNI_COMMAND: 'ADD',
      CNI_CONTAINERID: 'c1',
      CNI_NETNS: '/run/netns/c1',
      CNI_IFNAME: 'eth0',
      CNI_ARGS: 'IgnoreUnknown=1;K=v',
      CNI_PATH: '/a:/b',
    });
    expect(buildPluginEnv({ ...common, verb: 'STATUS', attachment: undefined })).toEqual({
      CNI_COMMAND: 'STATUS',
      CNI_PATH: '/a:/b',
    });
  });

  it('sends all six variables, empty where unused, in libcni mode', () => {
    expect(
      buildPluginEnv({ verb: 'GC', attachment: undefined, cniPath: ['/a'], libcniCompat: true }),
    ).toEqual({
      CNI_COMMAND: 'GC',
      CNI_CONTAINERID: '',
      CNI_NETNS: '',
      CNI_ARGS: '',
      CNI_IFNAME: '',
      CNI_PATH: '/a',
    });
  });
});
