import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeVersions } from '../../src/cli/probe-versions.ts';
import { takeHostState } from '../../src/inspect/index.ts';
import { formatHostDifferences, hostDamage, processesMatching } from './support/host-guard.ts';

const isRoot = process.geteuid?.() === 0;
const PROBE_ESCAPE = fileURLToPath(
  new URL('../../fixtures/hostile-plugins/probe-escape.sh', import.meta.url),
);

describe.runIf(isRoot)('the VERSION probe', () => {
  describe('when VERSION writes the CNI dirs and leaves a setsid daemon holding stdout', () => {
    it('runs it in a full sandbox: the reply is read, the host keeps no dir, file or process', async () => {
      const before = await takeHostState();
      const started = Date.now();
      const probe = await probeVersions(PROBE_ESCAPE, 10_000);
      // The fixture answers only inside a sandbox (its guard), so an ok reply proves it ran its attack there.
      expect(probe).toEqual({ ok: true, supportedVersions: ['1.0.0', '1.1.0'], cniVersion: '1.1.0' });
      // The daemon held stdout: the harness stopped waiting for it instead of the 10 s timeout.
      expect(Date.now() - started).toBeLessThan(5_000);
      const after = await takeHostState();
      const damage = hostDamage(before, after, /evil|sleep 1000/);
      expect(damage, formatHostDifferences(damage)).toEqual([]);
      expect(existsSync('/var/lib/cni/evil')).toBe(false);
      expect(existsSync('/etc/cni/net.d/evil')).toBe(false);
      expect(processesMatching(/\bsleep 1000$/)).toEqual([]);
    });
  });
});
