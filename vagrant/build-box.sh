#!/bin/sh
# Builds a small Debian 12 vagrant-libvirt box OFFLINE: debootstrap from the configured apt mirror, the
# Debian kernel, openssh, a `vagrant` user with vagrant's insecure key and password-less sudo, and the
# harness's run-time needs (iproute2, iptables, nftables). The root filesystem is written straight into
# an ext4 image with `mkfs.ext4 -d` (no loop devices or mounts needed) and booted by direct kernel boot:
# vmlinuz and initrd travel inside the box and the box's Vagrantfile points libvirt at them, so no boot
# loader is installed.
#
# Usage: vagrant/build-box.sh [OUTPUT.box]   (root; needs debootstrap, e2fsprogs, qemu-utils)
# Env:   MIRROR (default: first URI in /etc/apt/sources.list.d/debian.sources), SUITE (bookworm),
#        DISK_SIZE (2G), WORK (scratch dir, removed afterwards unless KEEP_WORK=1).
set -eu

out=${1:-$(dirname "$0")/boxes/cni-conformance-debian12.box}
suite=${SUITE:-bookworm}
disk_size=${DISK_SIZE:-2G}
mirror=${MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)}
mirror=${mirror:-http://deb.debian.org/debian}
work=${WORK:-$(mktemp -d /var/tmp/cni-conformance-box.XXXXXX)}
root=$work/rootfs
key_dir=$(dirname "$(gem contents vagrant 2>/dev/null | grep '/keys/vagrant.pub$' | head -n1)" 2>/dev/null || true)
[ -f "${key_dir:-/nonexistent}/vagrant.pub" ] || key_dir=$(dirname "$(find /usr/share /usr/lib /opt -path '*vagrant*/keys/vagrant.pub' 2>/dev/null | head -n1)")
pubkey=$key_dir/vagrant.pub

cleanup() {
  for fs in proc sys dev/pts dev; do umount "$root/$fs" 2>/dev/null || true; done
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

[ -f "$pubkey" ] || { echo "build-box: vagrant's insecure public key not found (install vagrant)" >&2; exit 2; }
echo "build-box: debootstrap $suite from $mirror into $root"
debootstrap --variant=minbase \
  --include=linux-image-amd64,systemd-sysv,udev,openssh-server,sudo,iproute2,iptables,nftables,kmod,ca-certificates,procps,tar,gzip \
  "$suite" "$root" "$mirror"

echo "build-box: configuring the guest"
echo cni-conformance > "$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 cni-conformance\n' > "$root/etc/hosts"
echo '/dev/vda / ext4 defaults,errors=remount-ro 0 1' > "$root/etc/fstab"
mkdir -p "$root/etc/systemd/network"
printf '[Match]\nName=eth* en*\n\n[Network]\nDHCP=yes\n' > "$root/etc/systemd/network/50-dhcp.network"
chroot "$root" systemctl enable systemd-networkd ssh serial-getty@ttyS0
chroot "$root" useradd --create-home --shell /bin/bash vagrant
echo 'vagrant:vagrant' | chroot "$root" chpasswd
echo 'vagrant ALL=(ALL) NOPASSWD: ALL' > "$root/etc/sudoers.d/vagrant"
chmod 0440 "$root/etc/sudoers.d/vagrant"
install -d -m 0700 "$root/home/vagrant/.ssh"
install -m 0600 "$pubkey" "$root/home/vagrant/.ssh/authorized_keys"
chroot "$root" chown -R vagrant:vagrant /home/vagrant/.ssh
printf 'UseDNS no\n' > "$root/etc/ssh/sshd_config.d/vagrant.conf"
rm -f "$root"/etc/ssh/ssh_host_*   # regenerated per VM at first boot
printf '[Unit]\nBefore=ssh.service\nConditionPathExists=!/etc/ssh/ssh_host_ed25519_key\n[Service]\nType=oneshot\nExecStart=/usr/bin/ssh-keygen -A\n[Install]\nWantedBy=multi-user.target\n' \
  > "$root/etc/systemd/system/ssh-hostkeys.service"
chroot "$root" systemctl enable ssh-hostkeys
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin

echo "build-box: packing"
box=$work/box
mkdir -p "$box"
cp -L "$root/vmlinuz" "$box/vmlinuz"
cp -L "$root/initrd.img" "$box/initrd.img"
for fs in proc sys dev/pts dev; do umount "$root/$fs" 2>/dev/null || true; done
truncate -s "$disk_size" "$work/root.raw"
mkfs.ext4 -q -L root -d "$root" "$work/root.raw"
qemu-img convert -O qcow2 "$work/root.raw" "$box/box.img"
size_gb=$(echo "$disk_size" | tr -d G)
printf '{"provider":"libvirt","format":"qcow2","virtual_size":%s}\n' "$size_gb" > "$box/metadata.json"
cat > "$box/Vagrantfile" <<'BOX'
# Box defaults: direct kernel boot of the kernel and initrd shipped in this box (no boot loader inside).
box_dir = File.dirname(__FILE__)
Vagrant.configure("2") do |config|
  config.vm.provider :libvirt do |libvirt|
    libvirt.kernel = File.join(box_dir, "vmlinuz")
    libvirt.initrd = File.join(box_dir, "initrd.img")
    libvirt.cmd_line = "root=/dev/vda rw console=ttyS0 net.ifnames=0"
    libvirt.disk_bus = "virtio"
  end
end
BOX
mkdir -p "$(dirname "$out")"
tar -C "$box" -czf "$out" metadata.json Vagrantfile box.img vmlinuz initrd.img
echo "build-box: wrote $out ($(du -h "$out" | cut -f1))"
