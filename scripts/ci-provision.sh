#!/usr/bin/env bash
# Prepares a Debian machine (as root) for the full test suite with real peers: installs what is missing,
# the pinned peers built from source (scripts/install-peers.sh: Xray, sing-box, Synapse, pantalaimon,
# schemathesis; a cold install takes about 4 minutes on 2 cores), starts the Docker engine, builds the local
# test images and writes .ci/test-env, which .ci/run sources.
# Safe to run again: the package step is skipped when everything is installed, peers and images are reused.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "ci-provision: $*" >&2; }

PACKAGES=(docker.io zbar-tools shadowsocks-libev v2ray wireguard-tools wireguard-go microsocks tinyproxy-bin
  busybox-static iproute2 iptables nftables procps curl gnupg
  # the HTTP face: the user page in a headless browser, promtool for /metrics, wrk for scripts/bench-http.sh
  chromium prometheus wrk
  # packaging checks (*IT): systemd-analyze for the unit, debootstrap for the install.sh chroot and base images
  systemd debootstrap
  # the full-screen `top` runs in a tmux pane in its test (TopTmuxTest)
  tmux
  # chart labels in Chinese (Persian, Russian and English draw with fonts-dejavu-core)
  fonts-dejavu-core fonts-wqy-microhei fontconfig)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing packages ${missing[*]} and not root: run 'sudo apt-get install ${missing[*]}'"
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  log "all packages present"
fi

SOCK=/var/run/docker.sock
if ! docker info >/dev/null 2>&1; then
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd (log: /tmp/dockerd.log)"
    (setsid dockerd >/tmp/dockerd.log 2>&1 </dev/null &)
  fi
  for _ in $(seq 1 60); do
    if [ -S "$SOCK" ] && docker info >/dev/null 2>&1; then
      break
    fi
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    log "the Docker engine did not come up within 60 s; last lines of /tmp/dockerd.log:"
    tail -n 20 /tmp/dockerd.log >&2 || true
    exit 1
  fi
fi
log "Docker engine $(docker version -f '{{.Server.Version}}') ready"

peers="$(scripts/install-peers.sh)"
# the xray image needs the binary just installed, and must not fall back to v2ray here
images="$(eval "$peers" && VPN_REQUIRE_PEERS=true scripts/test-images.sh)"
mkdir -p .ci
{
  echo "# written by scripts/ci-provision.sh; sourced by .ci/run"
  echo "export VPN_REQUIRE_PEERS=true"
  echo "$peers"
  echo "$images"
} >.ci/test-env
log "wrote .ci/test-env"
