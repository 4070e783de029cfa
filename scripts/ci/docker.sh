#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the docker sandbox and the seed scenario (issue 9).
# Idempotent: installs Debian's docker.io and busybox-static when missing, starts dockerd in the background
# when no engine answers, and waits (bounded) until `docker info` works.
# The daemon is started with --iptables=false --ip6tables=false --bridge=none so it never touches the
# host's network: containers use --network none and get their interfaces from CNI plugins instead.
set -euo pipefail

LOG=${DOCKERD_LOG:-/var/log/cni-conformance-dockerd.log}
WAIT_SECONDS=${DOCKERD_WAIT_SECONDS:-60}

engine_answers() { docker info >/dev/null 2>&1; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_daemon() {
  echo "docker.sh: starting dockerd (log: $LOG)"
  # setsid: the daemon outlives this script and is not in its process group.
  setsid dockerd --iptables=false --ip6tables=false --bridge=none >>"$LOG" 2>&1 </dev/null &
}

wait_for_engine() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until engine_answers; do
    if [ $SECONDS -ge $deadline ]; then
      echo "docker.sh: no Docker engine answered within ${WAIT_SECONDS}s; last lines of $LOG:" >&2
      tail -n 20 "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}

install_packages
if engine_answers; then
  echo "docker.sh: a Docker engine already answers"
  exit 0
fi
command -v docker >/dev/null 2>&1 || { echo "docker.sh: no docker client after install" >&2; exit 1; }
start_daemon
wait_for_engine
echo "docker.sh: Docker engine ready ($(docker version --format '{{.Server.Version}}'))"
