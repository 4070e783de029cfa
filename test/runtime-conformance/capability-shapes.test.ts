/**
 * R-REQ-3 shapes: capability arguments in runtimeConfig judged against CONVENTIONS.md, passed by the harness or not.
 */
import { describe, expect, it } from 'vitest';
import { judgeRuntimeLog } from '../../src/runtime-conformance/judge.ts';
import { parseRuntimeLog } from '../../src/runtime-conformance/log.ts';
import { capabilityShapeProblems } from '../../src/runtime-conformance/rules/capability-shapes.ts';
import { LogBuilder } from './log-builder.ts';

describe('capabilityShapeProblems', () => {
  it('accepts every conventional shape', () => {
    expect(
      capabilityShapeProblems({
        portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp', hostIP: '127.0.0.1' }],
        ipRanges: [[{ subnet: '10.1.0.0/24', rangeStart: '10.1.0.10', gateway: '10.1.0.1' }]],
        bandwidth: { ingressRate: 1000, ingressBurst: 2000, egressRate: 1000, egressBurst: 2000 },
        dns: { servers: ['10.0.0.1'], searches: ['example.org'], options: ['ndots:2'] },
        ips: ['10.1.0.5', '10.1.0.6/24'],
        mac: 'c2:11:22:33:44:55',
        infinibandGUID: 'c2:11:22:33:44:55:66:77',
        deviceID: '0000:04:00.5',
        aliases: ['web'],
        cgroupPath: '/kubepods/pod1',
        somethingElse: { any: 'shape' },
      }),
    ).toEqual([]);
  });

  it.each([
    [
      { portMappings: { '80': { hostPort: 8080, containerPort: 80 } } },
      /^runtimeConfig\.portMappings: .*array/,
    ],
    [
      { portMappings: [{ HostPort: 8080, ContainerPort: 80, Protocol: 'tcp', HostIP: '' }] },
      /^runtimeConfig\.portMappings\[0\]\.hostPort: /,
    ],
    [
      { portMappings: [{ hostPort: 8080, containerPort: 80, HostIP: '' }] },
      /HostIP: CONVENTIONS spells it hostIP/,
    ],
    [{ ipRanges: [{ subnet: '10.1.0.0/24' }] }, /^runtimeConfig\.ipRanges\[0\]: .*array/],
    [{ ipRanges: [[{ subnet: 'ten' }]] }, /^runtimeConfig\.ipRanges\[0\]\[0\]\.subnet: /],
    [{ bandwidth: { ingressRate: '1M' } }, /^runtimeConfig\.bandwidth\.ingressRate: /],
    [
      { dns: { nameservers: ['10.0.0.1'] } },
      /^runtimeConfig\.dns\.nameservers: the result's name; the capability's is servers/,
    ],
    [{ ips: '10.1.0.5' }, /^runtimeConfig\.ips: .*array/],
    [{ mac: 'c2-11-22-33-44-55' }, /^runtimeConfig\.mac: must be a MAC address/],
    [{ infinibandGUID: 'c2:11' }, /^runtimeConfig\.infinibandGUID: must be an InfiniBand GUID/],
    [{ deviceID: 5 }, /^runtimeConfig\.deviceID: /],
    [{ aliases: 'web' }, /^runtimeConfig\.aliases: /],
    [{ cgroupPath: ['/a'] }, /^runtimeConfig\.cgroupPath: /],
  ])('names the JSON path and the reason: %j', (config, pattern) => {
    expect(capabilityShapeProblems(config)).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});

describe('R-REQ-3 on the shapes', () => {
  const network = {
    cniVersion: '1.0.0',
    name: 'net',
    plugins: [{ type: 'portmap', capabilities: { portMappings: true } }],
  };
  const goCased = [{ HostPort: 8080, ContainerPort: 80, Protocol: 'tcp', HostIP: '' }];

  function r3(withScenario: boolean, portMappings: unknown) {
    const log = new LogBuilder(network, withScenario);
    log.call({
      type: 'portmap',
      verb: 'ADD',
      stdin: { type: 'portmap', name: 'net', cniVersion: '1.0.0', runtimeConfig: { portMappings } },
    });
    const parsed = parseRuntimeLog(log.text());
    if (!parsed.ok) throw new Error('unparsed');
    return judgeRuntimeLog(parsed.value).findings.find((f) => f.id === 'R-REQ-3');
  }

  it('fails Go-cased port mappings the harness never passed', () => {
    expect(r3(true, goCased)).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/hostPort/) });
  });

  it('judges the shapes in a log without a scenario line too', () => {
    expect(r3(false, goCased)?.verdict).toBe('fail');
    expect(r3(false, [{ hostPort: 8080, containerPort: 80 }])?.verdict).toBe('pass');
  });
});
