import { describe, expect, it } from 'vitest';
import { buildMountPlan } from '../../src/sandbox/mount-plan.ts';

const lines = (fstab: string) => fstab.split('\n').filter(Boolean);

describe('buildMountPlan', () => {
  describe('when the private directories exist on the host', () => {
    it('mounts a tmpfs on each and overlays /tmp through its own upper directory', () => {
      const plan = buildMountPlan(false, () => true, '');
      expect(lines(plan.fstab).slice(5)).toEqual([
        'cni-sandbox-anchor /run/.cni-sandbox/overlay-0/work/anchor tmpfs size=4k,mode=700,X-mount.mkdir=0700 0 0',
        'cni-sandbox-overlay /run/.cni-sandbox/overlay-0/upper overlay lowerdir=/tmp,upperdir=/run/.cni-sandbox/overlay-0/upper,workdir=/run/.cni-sandbox/overlay-0/work,X-mount.mkdir=1777 0 0',
        '/run/.cni-sandbox/overlay-0/upper /tmp none bind 0 0',
        'cni-sandbox-private /var/lib/cni tmpfs mode=755,X-mount.mkdir 0 0',
        'cni-sandbox-private /etc/cni/net.d tmpfs mode=755,X-mount.mkdir 0 0',
        'cni-sandbox-private /opt/cni/bin tmpfs mode=755,X-mount.mkdir 0 0',
        'none /proc none bind,remount,ro 0 0',
        '/proc/sys/net /proc/sys/net none bind 0 0',
        'none /proc/sys/net none bind,remount,rw 0 0',
        'cni-sandbox-shm /dev/shm tmpfs mode=1777 0 0',
        'none /dev none bind,remount,ro 0 0',
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

  describe('when the plugin under test or its CNI_PATH is in one (a third-party plugin in /opt/cni/bin)', () => {
    it("shows that directory's host files copy-on-write and keeps the others empty", () => {
      const plan = buildMountPlan(false, () => true, '', ['/opt/cni/bin', '/usr/lib/cni']);
      const fstab = lines(plan.fstab);
      expect(fstab).toContain(
        'cni-sandbox-overlay /run/.cni-sandbox/overlay-1/upper overlay lowerdir=/opt/cni/bin,upperdir=/run/.cni-sandbox/overlay-1/upper,workdir=/run/.cni-sandbox/overlay-1/work,X-mount.mkdir=0755 0 0',
      );
      expect(fstab).toContain('/run/.cni-sandbox/overlay-1/upper /opt/cni/bin none bind 0 0');
      expect(fstab.filter((line) => line.startsWith('cni-sandbox-private '))).toEqual([
        'cni-sandbox-private /var/lib/cni tmpfs mode=755,X-mount.mkdir 0 0',
        'cni-sandbox-private /etc/cni/net.d tmpfs mode=755,X-mount.mkdir 0 0',
      ]);
      expect(plan.requiredMounts).toContain('cni-sandbox-overlay /opt/cni/bin');
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

  describe('when root (a root plugin could write any host file)', () => {
    const mountinfo = [
      '21 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
      '22 21 0:20 / /proc rw - proc proc rw',
      '23 21 254:1 / /home rw - ext4 /dev/vdb rw',
      '24 21 254:0 /docker /var/lib/docker rw - ext4 /dev/vda rw',
      '25 21 0:30 / /srv/with\\040space rw - xfs /dev/vdc rw',
      '26 21 0:31 / /tmp rw - tmpfs tmpfs rw',
    ].join('\n');

    it('remounts every host filesystem read-only except those the sandbox replaces or that come and go', () => {
      const plan = buildMountPlan(false, () => true, mountinfo);
      expect(plan.readOnlyHost).toBe(true);
      expect(lines(plan.fstab).filter((line) => line.includes('remount'))).toEqual([
        'none /home none bind,remount,ro 0 0',
        'none /srv/with\\040space none bind,remount,ro 0 0',
        'none /proc none bind,remount,ro 0 0',
        'none /proc/sys/net none bind,remount,rw 0 0',
        'none /dev none bind,remount,ro 0 0',
      ]);
    });

    it('makes its sysfs placeholder, /proc (but /proc/sys/net) and /dev read-only: sysctls check only the uid', () => {
      const fstab = lines(buildMountPlan(false, () => true, mountinfo).fstab);
      expect(fstab).toContain('cni-sandbox-sys /sys sysfs ro 0 0');
      expect(lines(buildMountPlan(true, () => true, mountinfo).fstab)).toContain(
        'cni-sandbox-sys /sys sysfs defaults 0 0',
      );
    });

    it("leaves the rootless plan alone (the user namespace already keeps host files the user's)", () => {
      const plan = buildMountPlan(true, () => true, mountinfo);
      expect(plan.readOnlyHost).toBe(false);
      expect(plan.fstab).not.toContain('remount');
    });
  });
});
