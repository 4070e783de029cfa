/** The docker sandbox's pure parts: which host paths are mounted, which flags reach the inner CLI. */
import { describe, expect, it } from 'vitest';
import { hostSystemMounts, minimalMounts, passThroughFlags } from '../../../src/sandbox/docker/index.ts';

describe('minimalMounts', () => {
  it('drops paths already visible through a mounted ancestor, and duplicates', () => {
    expect(minimalMounts(['/usr/lib/cni', '/usr', '/work/main', '/work/main/dist', '/usr'])).toEqual([
      '/usr',
      '/work/main',
    ]);
  });

  it('keeps siblings that merely share a prefix', () => {
    expect(minimalMounts(['/opt/cni', '/opt/cni-extra'])).toEqual(['/opt/cni', '/opt/cni-extra']);
  });
});

describe('passThroughFlags', () => {
  it('turns run options into the inner CLI flags, repeating --only and --skip', () => {
    expect(
      passThroughFlags({
        role: 'main',
        profile: 'strict',
        versions: ['0.4.0', '1.0.0'],
        only: ['P-ADD-*', 'P-DEL-1'],
        skip: ['P-GC-*'],
        timeoutSeconds: 30,
        seed: 7,
      }),
    ).toEqual([
      '--role',
      'main',
      '--profile',
      'strict',
      '--versions',
      '0.4.0,1.0.0',
      '--only',
      'P-ADD-*',
      '--only',
      'P-DEL-1',
      '--skip',
      'P-GC-*',
      '--timeout',
      '30',
      '--seed',
      '7',
    ]);
  });

  it('passes nothing for options left unset', () => {
    expect(passThroughFlags({})).toEqual([]);
  });
});

describe('hostSystemMounts', () => {
  it('always mounts /usr and /etc, and never a top-level link such as a merged-usr /bin', () => {
    const mounts = hostSystemMounts();
    expect(mounts.slice(0, 2)).toEqual(['/usr', '/etc']);
    expect(mounts).not.toContain('/bin');
  });
});
