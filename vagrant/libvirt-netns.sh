#!/bin/sh
# Runs libvirtd (and virtlogd) inside a network namespace of their own, so the networks libvirt and
# vagrant-libvirt create (the management NAT network's bridge, dnsmasq and iptables rules) live in that
# namespace and never touch the host's network. The namespace has no uplink: guests can reach each
# other and the namespace, nothing else. Run vagrant in the same namespace (it must reach the guests'
# ssh): `ip netns exec cnct-vagrant vagrant …` (the driver's `prefix` option does that).
#
# Usage: vagrant/libvirt-netns.sh start|stop|status   (root; no systemd needed)
# Env:   CNI_CONFORMANCE_VAGRANT_NETNS (default cnct-vagrant)
set -eu
ns=${CNI_CONFORMANCE_VAGRANT_NETNS:-cnct-vagrant}
state=/run/cni-conformance-vagrant
in_ns() { ip netns exec "$ns" "$@"; }

start() {
  mkdir -p "$state"
  ip netns list | grep -qw "^$ns" || ip netns add "$ns"
  in_ns ip link set lo up
  if ! [ -s "$state/virtlogd.pid" ] || ! kill -0 "$(cat "$state/virtlogd.pid")" 2>/dev/null; then
    in_ns virtlogd --daemon --pid-file "$state/virtlogd.pid"
  fi
  if ! [ -s "$state/libvirtd.pid" ] || ! kill -0 "$(cat "$state/libvirtd.pid")" 2>/dev/null; then
    in_ns libvirtd --daemon --pid-file "$state/libvirtd.pid"
  fi
  for _ in $(seq 1 30); do
    virsh --connect qemu:///system version >/dev/null 2>&1 && { echo "libvirtd up in netns $ns"; return 0; }
    sleep 1
  done
  echo "libvirt-netns: libvirtd did not answer on qemu:///system" >&2
  return 1
}

stop() {
  for daemon in libvirtd virtlogd; do
    pidfile=$state/$daemon.pid
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
  # dnsmasq instances libvirt started for its networks in the namespace
  for pidfile in /run/libvirt/network/*.pid; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  ip netns list | grep -qw "^$ns" && ip netns delete "$ns"
  echo "libvirt-netns: stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) ip netns list | grep -w "^$ns" && virsh --connect qemu:///system list --all ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
