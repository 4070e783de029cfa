import { describe, expect, it } from 'vitest';
import { buildMountPlan } from '../../src/sandbox/mount-plan.ts';

describe('buildMountPlan', () => {
  describe('when the private directories exist on the host', () => {
    it('mounts a tmpfs on each and overlays /tmp', () => {
      const plan = buildMountPlan(false, () => true);
      expect(plan.privateFstab.split('\n').filter(Boolean)).toEqual([
        'cni-sandbox-overlay /tmp overlay lowerdir=/tmp,upperdir=/run/.cni-sandbox/overlay-0/upper,workdir=/run/.cni-sandbox/overlay-0/work 0 0',
        'cni-sandbox-private /var/lib/cni tmpfs mode=755 0 0',
        'cni-sandbox-private /etc/cni/net.d tmpfs mode=755 0 0',
        'cni-sandbox-private /opt/cni/bin tmpfs mode=755 0 0',
      ]);
      expect(plan.stickyDirs).toEqual(['/run/.cni-sandbox/overlay-0/upper']);
    });
  });

  describe('when they do not exist (the host must not get new directories)', () => {
    it('overlays the nearest existing ancestor and creates the directory in the upper layer', () => {
      const existing = new Set(['/', '/tmp', '/var', '/var/lib', '/etc', '/opt']);
      const plan = buildMountPlan(true, (path) => existing.has(path));
      expect(plan.privateFstab).toContain(
        'cni-sandbox-overlay /var/lib overlay lowerdir=/var/lib,upperdir=/run/.cni-sandbox/overlay-1/upper,workdir=/run/.cni-sandbox/overlay-1/work,userxattr 0 0',
      );
      expect(plan.mkdirs).toEqual(
        expect.arrayContaining([
          '/run/.cni-sandbox/overlay-1/upper/cni',
          '/run/.cni-sandbox/overlay-2/upper/cni/net.d',
          '/run/.cni-sandbox/overlay-3/upper/cni/bin',
        ]),
      );
      expect(plan.baseFstab).not.toContain('/var');
    });
  });
});
