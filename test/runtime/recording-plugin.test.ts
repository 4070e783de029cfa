/**
 * The runtime driving the real recording fixture plugin (fixtures/plugins/recording) on this host: it touches
 * no network, so no sandbox is needed. The log proves order, prevResult chaining, runtimeConfig filtering,
 * removal of `capabilities` and the env per verb.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetworkList } from '../../src/runtime/network-config.ts';
import { Runtime } from '../../src/runtime/runtime.ts';
import { hostExecutor } from '../../src/sandbox/host-executor.ts';
import { installRecordingPlugins, makeScratchDirs, type ScratchDirs } from './support/temp-dirs.ts';

interface LogLine {
  type: string;
  verb: string;
  env: Record<string, string>;
  config: Record<string, unknown>;
}

const capabilityArgs = {
  portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  mac: 'c2:11:22:33:44:55',
  bandwidth: { ingressRate: 1000 },
};

describe('Runtime with the recording fixture plugin', () => {
  let dirs: ScratchDirs;
  let log: LogLine[];
  const attachment = {
    containerId: 'rec-ctr',
    netns: '/run/netns/rec-ctr',
    ifname: 'eth1',
    cniArgs: [['K8S_POD_NAME', 'p']] as const,
    capabilityArgs,
  };

  beforeAll(async () => {
    dirs = await makeScratchDirs();
    await installRecordingPlugins(dirs.binDir, ['rec-a', 'rec-b', 'rec-c']);
    const recordLog = join(dirs.root, 'calls.jsonl');
    const list = buildNetworkList({
      cniVersion: '1.1.0',
      name: 'recnet',
      plugins: [
        { type: 'rec-a', recordLog, capabilities: { portMappings: true, mac: false } },
        { type: 'rec-b', recordLog, name: 'ignored', cniVersion: '0.1.0' },
        { type: 'rec-c', recordLog, capabilities: { bandwidth: true, ipRanges: true } },
      ],
    });
    const runtime = new Runtime({
      executor: hostExecutor,
      cniPath: [join(dirs.root, 'empty'), dirs.binDir],
      cacheDir: dirs.cacheDir,
    });
    for (const outcome of [
      await runtime.addNetworkList(list, attachment),
      await runtime.checkNetworkList(list, attachment),
      await runtime.getStatusNetworkList(list),
      await runtime.gcNetworkList(list, [{ containerID: 'rec-ctr', ifname: 'eth1' }]),
      await runtime.delNetworkList(list, attachment),
    ]) {
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    }
    log = (await readFile(recordLog, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LogLine);
  });
  afterAll(() => dirs.cleanup());

  const calls = (verb: string) => log.filter((line) => line.verb === verb);

  it('calls plugins in list order for ADD, CHECK, STATUS and GC, and in reverse for DEL', () => {
    expect(log.map((line) => `${line.verb} ${line.type}`)).toEqual([
      ...['ADD', 'CHECK', 'STATUS', 'GC'].flatMap((verb) => [
        `${verb} rec-a`,
        `${verb} rec-b`,
        `${verb} rec-c`,
      ]),
      'DEL rec-c',
      'DEL rec-b',
      'DEL rec-a',
    ]);
  });

  it("chains each plugin's ADD output into the next prevResult, and the final result into CHECK and DEL", () => {
    const [a, b, c] = calls('ADD');
    expect(a?.config.prevResult).toBeUndefined();
    expect(b?.config.prevResult).toEqual({ cniVersion: '1.1.0', interfaces: [{ name: 'rec-a' }], ips: [] });
    expect(c?.config.prevResult).toEqual({
      cniVersion: '1.1.0',
      interfaces: [{ name: 'rec-a' }, { name: 'rec-b' }],
      ips: [],
    });
    const final = {
      cniVersion: '1.1.0',
      interfaces: [{ name: 'rec-a' }, { name: 'rec-b' }, { name: 'rec-c' }],
      ips: [],
    };
    for (const line of [...calls('CHECK'), ...calls('DEL')]) expect(line.config.prevResult).toEqual(final);
  });

  it('sends runtimeConfig only for declared and supplied capabilities, and never `capabilities`', () => {
    const [a, b, c] = calls('ADD');
    expect(a?.config.runtimeConfig).toEqual({ portMappings: capabilityArgs.portMappings });
    expect(b?.config).not.toHaveProperty('runtimeConfig');
    expect(c?.config.runtimeConfig).toEqual({ bandwidth: capabilityArgs.bandwidth });
    for (const line of log) expect(line.config).not.toHaveProperty('capabilities');
    for (const line of [...calls('GC'), ...calls('STATUS')])
      expect(line.config).not.toHaveProperty('runtimeConfig');
  });

  it('overrides each plugin object’s own name and cniVersion with the list’s', () => {
    for (const line of log) expect(line.config).toMatchObject({ name: 'recnet', cniVersion: '1.1.0' });
  });

  it('sends the spec environment per verb', () => {
    const attachmentEnv = {
      CNI_CONTAINERID: 'rec-ctr',
      CNI_NETNS: '/run/netns/rec-ctr',
      CNI_IFNAME: 'eth1',
      CNI_ARGS: 'K8S_POD_NAME=p',
      CNI_PATH: `${join(dirs.root, 'empty')}:${dirs.binDir}`,
    };
    for (const verb of ['ADD', 'CHECK', 'DEL']) {
      for (const line of calls(verb)) expect(line.env).toEqual({ CNI_COMMAND: verb, ...attachmentEnv });
    }
    for (const verb of ['GC', 'STATUS']) {
      for (const line of calls(verb))
        expect(line.env).toEqual({ CNI_COMMAND: verb, CNI_PATH: attachmentEnv.CNI_PATH });
    }
  });

  it('names the valid attachments to GC under both keys', () => {
    for (const line of calls('GC')) {
      expect(line.config['cni.dev/valid-attachments']).toEqual([{ containerID: 'rec-ctr', ifname: 'eth1' }]);
      expect(line.config['cni.dev/attachments']).toEqual([{ containerID: 'rec-ctr', ifname: 'eth1' }]);
    }
  });
});
