#!/usr/bin/env bash
# Builds stand-in server (and client) images for every protocol from the Debian packages installed on this
# machine, without any image registry: each image is a rootfs holding the binaries, every library ldd lists,
# and a static busybox for a shell, imported with `docker import`.
#
#   eval "$(scripts/test-images.sh)"         build what is missing and point this shell at the images
#   scripts/test-images.sh --rebuild          build every image again
#
# Only `export VAR=value` lines go to stdout; progress and errors go to stderr.
set -euo pipefail

PREFIX="vpn-manager-test"
TAG="local"
REBUILD=false
# Images built by another version of this script are rebuilt: the recipe hash is an image label.
RECIPE="$(sha256sum "$0" | cut -c1-12)"

usage() {
  echo "usage: scripts/test-images.sh [--rebuild] [--list]" >&2
  echo "  builds the local test images and prints export lines for them" >&2
}

LIST=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) REBUILD=true ;;
    --list) LIST=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "test-images.sh: unknown argument '$1'" >&2; usage; exit 2 ;;
  esac
  shift
done

log() { echo "test-images: $*" >&2; }

image_name() { echo "$PREFIX/$1:$TAG"; }

# The image each variable points at. Server images override the images.* configuration keys.
EXPORTS=(
  "VPN_IMAGES_VLESS=v2ray"
  "VPN_IMAGES_SHADOWSOCKS=shadowsocks"
  "VPN_IMAGES_WIREGUARD=wireguard"
  "VPN_IMAGES_HTTP=proxy"
  "VPN_IMAGES_SOCKS=proxy"
  "VPN_TEST_IMAGE_V2RAY=v2ray"
  "VPN_TEST_IMAGE_PROXY=proxy"
  "VPN_TEST_IMAGE_WIREGUARD_CLIENT=wireguard-client"
)

print_exports() {
  local e
  for e in "${EXPORTS[@]}"; do
    echo "export ${e%%=*}=$(image_name "${e#*=}")"
  done
}

if $LIST; then
  print_exports
  exit 0
fi

command -v docker >/dev/null || { echo "test-images.sh: docker not found (apt-get install docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "test-images.sh: the Docker engine is not reachable (start dockerd)" >&2; exit 1; }

need() {
  local bin="$1" pkg="$2"
  command -v "$bin" >/dev/null 2>&1 || { echo "test-images.sh: $bin not found: apt-get install $pkg" >&2; exit 1; }
}

# Copies a file into the rootfs at the same (canonical) path, dereferencing links.
put() {
  local root="$1" src="$2" dst
  dst="$(readlink -f "$src")"
  mkdir -p "$root$(dirname "$dst")"
  rm -f "$root$dst"
  cp -L "$src" "$root$dst"
  if [ "$src" != "$dst" ] && [ ! -e "$root$src" ]; then
    mkdir -p "$root$(dirname "$src")"
    ln -s "$dst" "$root$src"
  fi
}

# Copies a binary or shared object and every library ldd lists for it.
put_with_libs() {
  local root="$1" src="$2" lib
  put "$root" "$src"
  while read -r lib; do
    [ -n "$lib" ] && [ ! -e "$root$lib" ] && put "$root" "$lib"
  done < <(ldd "$src" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}')
  return 0
}

new_rootfs() {
  local root="$1" d
  mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{etc,tmp,root,run,var/run,dev,proc,sys}
  for d in bin sbin lib lib64; do ln -s "usr/$d" "$root/$d"; done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  [ -f /etc/protocols ] && cp /etc/protocols "$root/etc/protocols"
  [ -f /etc/services ] && cp /etc/services "$root/etc/services"
  need busybox busybox-static
  cp "$(readlink -f "$(command -v busybox)")" "$root/usr/bin/busybox"
  local applet
  for applet in $(busybox --list); do
    [ -e "$root/usr/bin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
  done
}

# iptables loads its matches and targets with dlopen: ldd of the binary does not list them.
put_iptables() {
  local root="$1" so dir
  need iptables iptables
  put_with_libs "$root" "$(command -v iptables)"
  for name in iptables-save iptables-restore ip6tables; do
    command -v "$name" >/dev/null && put "$root" "$(command -v "$name")"
  done
  dir=/usr/lib/x86_64-linux-gnu/xtables
  [ -d "$dir" ] || dir="$(dirname "$(readlink -f "$(command -v iptables)")")/../lib/xtables"
  for so in "$dir"/*.so; do put_with_libs "$root" "$so"; done
}

# build NAME 'ENTRYPOINT json' 'CMD json' binary... : builds unless present (or --rebuild).
build() {
  local name="$1" entry="$2" cmd="$3"; shift 3
  local image root b
  image="$(image_name "$name")"
  if ! $REBUILD && [ "$(docker image inspect -f '{{index .Config.Labels "dev.vpnmanager.recipe"}}' "$image" \
      2>/dev/null)" = "$RECIPE" ]; then
    log "$image present"
    return 0
  fi
  root="$(mktemp -d)/rootfs"
  new_rootfs "$root"
  for b in "$@"; do
    case "$b" in
      iptables) put_iptables "$root" ;;
      /*)
        if [ -d "$b" ]; then
          mkdir -p "$root$b"
          cp -rL "$b/." "$root$b/"
        else
          put_with_libs "$root" "$b"
        fi ;;
      *) put_with_libs "$root" "$(command -v "$b")" ;;
    esac
  done
  local changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'LABEL dev.vpnmanager.test-image=true' --change "LABEL dev.vpnmanager.recipe=$RECIPE" --change "CMD $cmd")
  [ -n "$entry" ] && changes+=(--change "ENTRYPOINT $entry")
  tar -C "$root" -c . | docker import "${changes[@]}" - "$image" >/dev/null
  rm -rf "$(dirname "$root")"
  log "built $image"
}

need v2ray v2ray
need ss-server shadowsocks-libev
need wg wireguard-tools
need wireguard-go wireguard-go
need microsocks microsocks
need ip iproute2
need curl curl

build v2ray '' '["v2ray", "-config", "/etc/v2ray/config.json"]' \
  v2ray v2ctl /usr/share/v2ray
build shadowsocks '' '["ss-server", "-c", "/etc/shadowsocks-libev/config.json"]' \
  ss-server ss-manager ss-local ss-tunnel
build wireguard '' '["sh"]' \
  wg wg-quick wireguard-go ip bash iptables
build wireguard-client '' '["sh"]' \
  wg wg-quick wireguard-go ip bash iptables curl
# HTTP and SOCKS5 with accounts: the core's http/socks inbounds, microsocks, and tinyproxy when installed.
proxy_bins=(microsocks v2ray v2ctl)
command -v tinyproxy >/dev/null && proxy_bins+=(tinyproxy)
build proxy '' '["microsocks"]' "${proxy_bins[@]}"

# Earlier builds of these images, untagged by a rebuild, are of no further use.
docker image prune -f --filter label=dev.vpnmanager.test-image=true >/dev/null 2>&1 || true

print_exports
