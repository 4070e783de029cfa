import { describe, expect, it } from 'vitest';
import { buildMountPlan } from '../../src/sandbox/mount-plan.ts';

const lines = (fstab: string) => fstab.split('\n').filter(Boolean);

describe('buildMountPlan', () => {
  describe('when the private directories exist on the host', () => {
    it('mounts a tmpfs on each and overlays /tmp through its own upper directory', () => {
      const plan = buildMountPlan(false, () => true);
      expect(lines(plan.fstab).slice(5)).toEqual([
        'cni-sandbox-anchor /run/.cni-sandbox/overlay-0/work/anchor tmpfs size=4k,mode=700,X-mount.mkdir=0700 0 0',
        'cni-sandbox-overlay /run/.cni-sandbox/overlay-0/upper overlay lowerdir=/tmp,upperdir=/run/.cni-sandbox/overlay-0/upper,workdir=/run/.cni-sandbox/overlay-0/work,X-mount.mkdir=1777 0 0',
        '/run/.cni-sandbox/overlay-0/upper /tmp none bind 0 0',
        'cni-sandbox-private /var/lib/cni tmpfs mode=755,X-mount.mkdir 0 0',
        'cni-sandbox-private /etc/cni/net.d tmpfs mode=755,X-mount.mkdir 0 0',
        'cni-sandbox-private /opt/cni/bin tmpfs mode=755,X-mount.mkdir 0 0',
      ]);
      expect(plan.requiredMounts).toEqual([
        'cni-sandbox-private /var/lib/cni',
        'cni-sandbox-private /etc/cni/net.d',
        'cni-sandbox-private /opt/cni/bin',
      ]);
    });

    it('mounts /proc, /run and /sys first, then /run/netns and the marker directory inside the new /run', () => {
      const plan = buildMountPlan(false, () => true);
      expect(
        lines(plan.fstab)
          .slice(0, 5)
          .map((line) => line.split(' ')[1]),
      ).toEqual(['/proc', '/run', '/sys', '/run/netns', '/run/.cni-sandbox']);
    });
  });

  describe('when they do not exist (the host must not get new directories)', () => {
    it('overlays the nearest existing ancestor, then mounts the private tmpfs through that overlay', () => {
      const existing = new Set(['/', '/tmp', '/var', '/var/lib', '/etc', '/opt']);
      const plan = buildMountPlan(true, (path) => existing.has(path));
      const fstab = lines(plan.fstab);
      const overlayAt = fstab.findIndex((line) => line.endsWith('/var/lib none bind 0 0'));
      const privateAt = fstab.indexOf('cni-sandbox-private /var/lib/cni tmpfs mode=755,X-mount.mkdir 0 0');
      expect(fstab).toContain(
        'cni-sandbox-overlay /run/.cni-sandbox/overlay-1/upper overlay lowerdir=/var/lib,upperdir=/run/.cni-sandbox/overlay-1/upper,workdir=/run/.cni-sandbox/overlay-1/work,userxattr,X-mount.mkdir=0755 0 0',
      );
      expect(overlayAt).toBeGreaterThan(0);
      expect(privateAt).toBeGreaterThan(overlayAt);
      expect(plan.requiredMounts).toEqual(
        expect.arrayContaining([
          'cni-sandbox-overlay /var/lib',
          'cni-sandbox-overlay /etc',
          'cni-sandbox-overlay /opt',
        ]),
      );
    });
  });
});
