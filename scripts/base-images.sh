#!/usr/bin/env bash
# Builds the two base images the Dockerfile needs, from Debian packages and without any image registry:
#   vpn-manager-base/debian:SUITE   a debootstrap --variant=minbase root (the runtime stage's base)
#   vpn-manager-base/jdk:SUITE      the same with openjdk-17-jdk-headless and curl (the build stage's base),
#                                   trusting the CAs in this host's /usr/local/share/ca-certificates
# each a rootfs imported with `docker import`. Images built by this version of the script are reused
# (--rebuild builds them again). Only the build arguments for `docker build` go to stdout:
#
#   DOCKER_BUILDKIT=0 docker build $(scripts/base-images.sh) -t vpn-manager:local .
#
# Needs root (debootstrap, chroot) and the Debian mirror that apt uses here. The clean root is cached in
# $VPN_TEST_CACHE (default /var/cache/vpn-manager-test), shared with scripts/test-install-chroot.sh.
set -euo pipefail

SUITE="${VPN_BASE_SUITE:-bookworm}"
REBUILD=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) REBUILD=true ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "base-images.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "base-images: $*" >&2; }
[ "$(id -u)" = 0 ] || { log "needs root (debootstrap, chroot)"; exit 1; }
command -v docker >/dev/null && docker info >/dev/null 2>&1 || { log "no Docker engine answers"; exit 1; }

RECIPE="$(sha256sum "$0" | cut -c1-12)"
RUNTIME="vpn-manager-base/debian:$SUITE"
BUILD="vpn-manager-base/jdk:$SUITE"
cache="${VPN_TEST_CACHE:-/var/cache/vpn-manager-test}"
base="$cache/$SUITE-minbase"
mirror="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 -E '/debian/?$' || true)"
mirror="${mirror:-http://deb.debian.org/debian}"

up_to_date() {
  [ "$REBUILD" = false ] && [ "$(docker image inspect -f '{{ index .Config.Labels "dev.vpnmanager.recipe" }}' "$1" 2>/dev/null)" = "$RECIPE" ]
}

if [ ! -x "$base/bin/bash" ]; then
  log "making a clean Debian root: debootstrap --variant=minbase $SUITE $base $mirror"
  mkdir -p "$cache"
  rm -rf "$base.partial"
  debootstrap --variant=minbase "$SUITE" "$base.partial" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  mv "$base.partial" "$base"
fi

work="$(mktemp -d /var/tmp/vpn-manager-base.XXXXXX)"
mounted=""
cleanup() {
  if [ -n "$mounted" ]; then umount -l "$mounted" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

import() { # ROOTFS IMAGE
  local t0; t0=$(date +%s)
  rm -rf "$1/var/lib/apt/lists/"* "$1/var/cache/apt/archives/"*.deb "$1/usr/sbin/policy-rc.d"
  tar --numeric-owner -C "$1" -c . | docker import \
    --change "LABEL dev.vpnmanager.recipe=$RECIPE" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$2" >/dev/null
  log "built $2 in $(( $(date +%s) - t0 )) s"
}

if ! up_to_date "$RUNTIME"; then
  cp -a "$base" "$work/runtime"
  import "$work/runtime" "$RUNTIME"
  rm -rf "$work/runtime"
fi

if ! up_to_date "$BUILD"; then
  root="$work/jdk"
  cp -a "$base" "$root"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # CAs this host adds to Debian's (e.g. an egress proxy's) are trusted in the build base too, so that the
  # Maven wrapper and Maven reach Maven Central from inside `docker build` as they do on the host
  local_cas=(/usr/local/share/ca-certificates/*.crt)
  if [ -e "${local_cas[0]}" ]; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp "${local_cas[@]}" "$root/usr/local/share/ca-certificates/"
    log "trusting this host's local CAs in the build base: ${local_cas[*]##*/}"
  fi
  mount -t proc proc "$root/proc"; mounted="$root/proc"
  log "installing openjdk-17-jdk-headless into the build base (apt-get in a chroot)"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless curl ca-certificates \
      && update-ca-certificates' \
    >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; exit 1; }
  umount -l "$root/proc"; mounted=""
  import "$root" "$BUILD"
fi

echo "--build-arg BUILD_BASE=$BUILD --build-arg BASE=$RUNTIME"
