#!/usr/bin/env bash
# Builds stand-in server (and client) images for every protocol from the Debian packages installed on this
# machine, without any image registry: each image is a rootfs holding the binaries, every library ldd lists,
# and a static busybox for a shell, imported with `docker import`.
#
# Two images copy the layout of the production images users pull:
#   xray         like ghcr.io/xtls/xray-core (distroless): only the static xray binary, no shell, uid 65532.
#                The binary is $VPN_TEST_XRAY, else /opt/vpn-manager-peers/bin/xray (scripts/install-peers.sh);
#                without it this image is skipped (VPN_REQUIRE_PEERS=true: an error) and VLESS, HTTP and SOCKS
#                fall back to the v2ray image.
#   shadowsocks  like shadowsocks/shadowsocks-libev: ss-* in /usr/local/bin, ENTRYPOINT docker-entrypoint.sh
#                (runs its arguments; a first argument starting with '-' goes to ss-server), CMD ss-server.
#
#   eval "$(scripts/test-images.sh)"         build what is missing and point this shell at the images
#   scripts/test-images.sh --rebuild          build every image again
#
# VPN_TEST_IMAGES_TAG (default local) builds under another tag, leaving images others use alone.
# Only `export VAR=value` lines go to stdout; progress and errors go to stderr.
set -euo pipefail

PREFIX="vpn-manager-test"
TAG="${VPN_TEST_IMAGES_TAG:-local}"
case "$TAG" in
  *[!A-Za-z0-9_.-]*|"") echo "test-images.sh: VPN_TEST_IMAGES_TAG '$TAG' is not a plain tag" >&2; exit 2 ;;
esac
XRAY_BIN="${VPN_TEST_XRAY:-${VPN_PEERS_PREFIX:-/opt/vpn-manager-peers}/bin/xray}"
REQUIRE="${VPN_REQUIRE_PEERS:-false}"
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

# The image each variable points at. Server images override the images.* configuration keys: the defaults
# users get are Xray's image for VLESS, HTTP and SOCKS; v2ray stays a supported core (VPN_TEST_IMAGE_V2RAY).
with_xray() {
  EXPORTS=(
    "VPN_IMAGES_VLESS=$1"
    "VPN_IMAGES_SHADOWSOCKS=shadowsocks"
    "VPN_IMAGES_SHADOWSOCKS_XRAY=$1"
    "VPN_IMAGES_WIREGUARD=wireguard"
    "VPN_IMAGES_HTTP=$1"
    "VPN_IMAGES_SOCKS=$1"
    "VPN_TEST_IMAGE_V2RAY=v2ray"
    "VPN_TEST_IMAGE_PROXY=proxy"
    "VPN_TEST_IMAGE_WIREGUARD_CLIENT=wireguard-client"
  )
  [ "$1" = xray ] && EXPORTS+=("VPN_TEST_IMAGE_XRAY=xray")
  return 0
}
with_xray xray

print_exports() {
  local e
  for e in "${EXPORTS[@]}"; do
    echo "export ${e%%=*}=$(image_name "${e#*=}")"
  done
}

# Static: ldd finds no shared library to load. Images without the host's libraries need that.
is_static() {
  ! ldd "$1" 2>/dev/null | grep '=>' >/dev/null
}

if $LIST; then
  [ -x "$XRAY_BIN" ] || with_xray v2ray
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
  local root="$1" so dir name
  need iptables iptables
  put_with_libs "$root" "$(command -v iptables)"
  for name in iptables-save iptables-restore ip6tables; do
    command -v "$name" >/dev/null && put "$root" "$(command -v "$name")"
  done
  dir=/usr/lib/x86_64-linux-gnu/xtables
  [ -d "$dir" ] || dir="$(dirname "$(readlink -f "$(command -v iptables)")")/../lib/xtables"
  for so in "$dir"/*.so; do put_with_libs "$root" "$so"; done
}

# present NAME RECIPE: whether NAME was built by that recipe already (and no --rebuild asked).
present() {
  local image
  image="$(image_name "$1")"
  if ! $REBUILD && [ "$(docker image inspect -f '{{index .Config.Labels "dev.vpnmanager.recipe"}}' "$image" \
      2>/dev/null)" = "$2" ]; then
    log "$image present"
    return 0
  fi
  return 1
}

# import_rootfs ROOT NAME RECIPE CHANGE...: imports ROOT (owners kept) as NAME with the labels and changes.
import_rootfs() {
  local root="$1" name="$2" recipe="$3"; shift 3
  local changes=(--change 'LABEL dev.vpnmanager.test-image=true' --change "LABEL dev.vpnmanager.recipe=$recipe")
  local c stop=""
  for c in "$@"; do
    case "$c" in
      "STOPSIGNAL "*) stop="$c" ;;  # docker import refuses it ("not a valid change command")
      *) changes+=(--change "$c") ;;
    esac
  done
  tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$(image_name "$name")" >/dev/null
  if [ -n "$stop" ]; then
    printf 'FROM %s\n%s\n' "$(image_name "$name")" "$stop" \
      | DOCKER_BUILDKIT=0 docker build -q -t "$(image_name "$name")" - >/dev/null 2>"$root.build-log" \
      || { cat "$root.build-log" >&2; exit 1; }
  fi
  rm -rf "$(dirname "$root")"
  log "built $(image_name "$name")"
}

# build NAME 'ENTRYPOINT json' 'CMD json' binary... : builds unless present (or --rebuild).
build() {
  local name="$1" entry="$2" cmd="$3"; shift 3
  local root b
  present "$name" "$RECIPE" && return 0
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
  local changes=('ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "CMD $cmd")
  [ -n "$entry" ] && changes+=("ENTRYPOINT $entry")
  import_rootfs "$root" "$name" "$RECIPE" "${changes[@]}"
}

# Like ghcr.io/xtls/xray-core (distroless static:nonroot): the static binary, geo data dir, numbered empty
# config fragments, passwd/group with nonroot (65532), /tmp, CA certificates; no shell, no other binary.
build_xray() {
  local root d f recipe
  # a new binary is a new image
  recipe="$RECIPE-$(sha256sum "$XRAY_BIN" | cut -c1-12)"
  present xray "$recipe" && return 0
  root="$(mktemp -d)/rootfs"
  mkdir -p "$root"/usr/local/bin "$root"/usr/local/share/xray "$root"/usr/local/etc/xray "$root"/var/log/xray \
    "$root"/etc/ssl/certs "$root"/tmp "$root"/home/nonroot "$root"/root
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
  install -m 0755 "$XRAY_BIN" "$root/usr/local/bin/xray"
  for f in 00_log 01_api 02_dns 03_routing 04_policy 05_inbounds 06_outbounds 07_transport 08_stats \
      09_reverse 10_fakedns 11_observatory 12_env; do
    echo '{}' >"$root/usr/local/etc/xray/$f.json"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n%s\n' \
    'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$root/etc/group"
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  for d in home/nonroot var/log/xray; do chown 65532:65532 "$root/$d"; done
  import_rootfs "$root" xray "$recipe" 'USER 65532:65532' 'WORKDIR /' \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'VOLUME ["/usr/local/etc/xray", "/var/log/xray"]' \
    'ENTRYPOINT ["/usr/local/bin/xray"]' 'CMD ["-confdir", "/usr/local/etc/xray/"]'
}

# Like shadowsocks/shadowsocks-libev: ss-* under /usr/local/bin (libraries where the host keeps them), an
# entrypoint that runs its arguments (ss-server when the first one is an option), CMD ss-server, SIGINT to stop.
build_shadowsocks() {
  local root b
  present shadowsocks "$RECIPE" && return 0
  root="$(mktemp -d)/rootfs"
  new_rootfs "$root"
  mkdir -p "$root/usr/local/bin" "$root/etc/shadowsocks-libev"
  for b in ss-server ss-manager ss-local ss-tunnel ss-redir; do
    command -v "$b" >/dev/null || continue
    put_with_libs "$root" "$(command -v "$b")"
    # put keeps the host's path (/usr/bin); the binary lives where the official image has it
    mv "$root$(readlink -f "$(command -v "$b")")" "$root/usr/local/bin/$b"
  done
  cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
# Runs the container's command; a command that starts with an option is given to ss-server.
case "$1" in
  -*) set -- ss-server "$@" ;;
esac
exec "$@"
SH
  chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh"
  import_rootfs "$root" shadowsocks "$RECIPE" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'STOPSIGNAL SIGINT' 'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["ss-server"]'
}

need v2ray v2ray
need ss-server shadowsocks-libev
need wg wireguard-tools
need wireguard-go wireguard-go
need microsocks microsocks
need ip iproute2
need curl curl
need busybox busybox-static
if ! is_static "$(readlink -f "$(command -v busybox)")"; then
  echo "test-images.sh: $(command -v busybox) is dynamically linked (Debian's busybox package); copied into an" \
    "image without its libraries its sh fails (libresolv.so.2 not found): apt-get install busybox-static" >&2
  exit 1
fi

# Decided before building anything: a missing or unusable xray fails fast.
with_xray_image=false
if [ -x "$XRAY_BIN" ] && is_static "$XRAY_BIN"; then
  with_xray_image=true
elif [ -x "$XRAY_BIN" ]; then
  echo "test-images.sh: $XRAY_BIN is dynamically linked; the xray image has no libraries: build it with" \
    "CGO_ENABLED=0 (scripts/install-peers.sh does)" >&2
  exit 1
elif [ "$REQUIRE" = true ]; then
  echo "test-images.sh: no xray at $XRAY_BIN and VPN_REQUIRE_PEERS=true: run scripts/install-peers.sh" \
    "(or set VPN_TEST_XRAY)" >&2
  exit 1
else
  log "no xray at $XRAY_BIN: skipping the xray image, VLESS/HTTP/SOCKS use v2ray (scripts/install-peers.sh builds xray)"
  with_xray v2ray
fi

build v2ray '' '["v2ray", "-config", "/etc/v2ray/config.json"]' \
  v2ray v2ctl /usr/share/v2ray
build_shadowsocks
build wireguard '' '["sh"]' \
  wg wg-quick wireguard-go ip bash iptables
build wireguard-client '' '["sh"]' \
  wg wg-quick wireguard-go ip bash iptables curl
# HTTP and SOCKS5 with accounts: the core's http/socks inbounds, microsocks, and tinyproxy when installed.
proxy_bins=(microsocks v2ray v2ctl)
command -v tinyproxy >/dev/null && proxy_bins+=(tinyproxy)
build proxy '' '["microsocks"]' "${proxy_bins[@]}"

if $with_xray_image; then
  build_xray
fi

# Earlier builds of these images, untagged by a rebuild, are of no further use.
docker image prune -f --filter label=dev.vpnmanager.test-image=true >/dev/null 2>&1 || true

print_exports
