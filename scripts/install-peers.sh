#!/usr/bin/env bash
# Installs the real peers the tests talk to (as root, on Debian), each pinned, into one prefix:
#   PREFIX/bin/xray       Xray-core, built with `go install` (static, CGO off)
#   PREFIX/bin/sing-box   sing-box with uTLS (an independent VLESS+REALITY client; `sing-box check`)
#   PREFIX/synapse/       Python venv: matrix-synapse (a real homeserver)
#   PREFIX/matrix/        Python venv: pantalaimon (E2EE proxy) and the matrix-nio[e2e] it requires
#   PREFIX/schemathesis/  Python venv: schemathesis
# and the Debian packages the tests use (chromium, promtool, wrk, tmux, qrencode, openssl, jq, debootstrap,
# libolm-dev). The venvs' tools are linked into PREFIX/bin.
#
#   eval "$(scripts/install-peers.sh)"    install what is missing or of another version; print export lines
#   scripts/install-peers.sh --list       only print the export lines
#
# Idempotent: a Go binary is rebuilt only when its module version or build flags differ from the pin (read
# with `go version -m`), a venv only when its requirement list changed. Only `export` lines go to stdout.
# Needs Go >= 1.26 on PATH (or in /usr/local/go/bin): Debian's golang-go is too old for these modules.
set -euo pipefail

PREFIX="${VPN_PEERS_PREFIX:-/opt/vpn-manager-peers}"
case "$PREFIX" in
  /*) ;;
  *) echo "install-peers.sh: VPN_PEERS_PREFIX must be an absolute path" >&2; exit 2 ;;
esac
case "$PREFIX" in
  # it goes into export lines that callers evaluate
  *[!A-Za-z0-9._/-]*) echo "install-peers.sh: VPN_PEERS_PREFIX may hold only A-Z a-z 0-9 . _ - /" >&2; exit 2 ;;
esac
BIN="$PREFIX/bin"

# Pins. The Go module proxy serves Xray 26.3.27 as v1.260327.0 (it refuses v26.x.y tags).
XRAY_MODULE=github.com/xtls/xray-core
XRAY_VERSION=v1.260327.0
SINGBOX_MODULE=github.com/sagernet/sing-box
SINGBOX_VERSION=v1.14.1
SINGBOX_TAGS=with_utls
SYNAPSE_REQS=(matrix-synapse==1.163.2)
# pantalaimon 0.10.5 requires matrix-nio[e2e] >=0.20,<0.21 (python-olm): its own venv, apart from Synapse.
MATRIX_REQS=(pantalaimon==0.10.5 "matrix-nio[e2e]==0.20.2")
SCHEMATHESIS_REQS=(schemathesis==4.32.5)

DEBIAN_PACKAGES=(libolm-dev chromium prometheus wrk tmux qrencode openssl jq debootstrap
  python3-venv python3-dev build-essential pkg-config ca-certificates)

LIST=false
case "${1:-}" in
  --list) LIST=true ;;
  "") ;;
  -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2; exit 0 ;;
  *) echo "install-peers.sh: unknown argument '$1'" >&2; exit 2 ;;
esac

log() { echo "install-peers: $*" >&2; }

print_exports() {
  echo "export VPN_PEERS_PREFIX=$PREFIX"
  echo "export VPN_TEST_XRAY=$BIN/xray"
  echo "export VPN_TEST_SINGBOX=$BIN/sing-box"
  echo "export VPN_TEST_SYNAPSE_PYTHON=$PREFIX/synapse/bin/python"
  echo "export VPN_TEST_PANTALAIMON=$BIN/pantalaimon"
  echo "export VPN_TEST_MATRIX_PYTHON=$PREFIX/matrix/bin/python"
  echo "export VPN_TEST_SCHEMATHESIS=$BIN/schemathesis"
  # shellcheck disable=SC2016 # $PATH is expanded where the line is evaluated
  echo 'export PATH='"$BIN"':$PATH'
}

if $LIST; then
  print_exports
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "install-peers.sh: run as root (installs Debian packages and writes $PREFIX)" >&2
  exit 1
fi
started=$(date +%s)

# --- Debian packages ---
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  log "Debian packages present"
fi

# --- Go binaries ---
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="/usr/local/go/bin:$PATH"
fi
command -v go >/dev/null 2>&1 || {
  echo "install-peers.sh: go not found; install Go >= 1.26 from https://go.dev/dl/ into /usr/local/go" >&2
  exit 1
}
go_minor="$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')"
if [ -z "$go_minor" ] || [ "$go_minor" -lt 26 ]; then
  echo "install-peers.sh: $(go env GOVERSION) is too old; these modules need Go >= 1.26" >&2
  exit 1
fi

mkdir -p "$BIN"

# The module version and -tags a Go binary was built with, as `VERSION TAGS` (empty when not a Go binary).
built_as() {
  [ -f "$1" ] || return 0
  { go version -m "$1" 2>/dev/null || true; } | awk '
    $1 == "mod" { v = $3 }
    $1 == "build" && $2 ~ /^-tags=/ { t = substr($2, 7) }
    END { if (v != "") print v " " t }'
}

# go_install NAME PKG VERSION TAGS [LDFLAGS]: builds PKG@VERSION into BIN/NAME unless it is there already.
go_install() {
  local name="$1" pkg="$2" version="$3" tags="$4" ldextra="${5:-}" want have tmp t0
  want="$(echo "$version $tags" | sed 's/ *$//')"
  have="$(built_as "$BIN/$name" | sed 's/ *$//')"
  if [ "$have" = "$want" ]; then
    log "$name $version present"
    return 0
  fi
  log "building $name ($pkg@$version${tags:+, tags $tags}); a cold build takes minutes"
  tmp="$(mktemp -d)"
  t0=$(date +%s)
  local args=(install -trimpath "-ldflags=-s -w -buildid=${ldextra:+ $ldextra}")
  [ -n "$tags" ] && args+=(-tags "$tags")
  GOBIN="$tmp" CGO_ENABLED=0 go "${args[@]}" "$pkg@$version" >&2
  install -m 0755 "$tmp/$(basename "$pkg")" "$BIN/$name.new"
  mv -f "$BIN/$name.new" "$BIN/$name"
  rm -rf "$tmp"
  log "built $name in $(( $(date +%s) - t0 )) s"
}

go_install xray "$XRAY_MODULE/main" "$XRAY_VERSION" ""
go_install sing-box "$SINGBOX_MODULE/cmd/sing-box" "$SINGBOX_VERSION" "$SINGBOX_TAGS" \
  "-X $SINGBOX_MODULE/constant.Version=${SINGBOX_VERSION#v}"

# --- Python venvs ---
# venv DIR REQUIREMENT...: (re)creates DIR when its stamp (the requirement list) differs.
venv() {
  local dir="$1" stamp t0; shift
  stamp="$(printf '%s\n' "$@")"
  if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.requirements" 2>/dev/null)" = "$stamp" ]; then
    log "venv $dir present"
    return 0
  fi
  log "installing $* into $dir"
  t0=$(date +%s)
  rm -rf "$dir"
  python3 -m venv "$dir"
  "$dir/bin/pip" install -q --disable-pip-version-check --upgrade pip >&2
  "$dir/bin/pip" install -q --disable-pip-version-check "$@" >&2
  printf '%s\n' "$stamp" >"$dir/.requirements"
  log "venv $dir ready in $(( $(date +%s) - t0 )) s"
}

venv "$PREFIX/synapse" "${SYNAPSE_REQS[@]}"
venv "$PREFIX/matrix" "${MATRIX_REQS[@]}"
venv "$PREFIX/schemathesis" "${SCHEMATHESIS_REQS[@]}"

link() { ln -sfn "$1" "$BIN/$2"; }
link "$PREFIX/synapse/bin/register_new_matrix_user" register_new_matrix_user
link "$PREFIX/synapse/bin/synapse_homeserver" synapse_homeserver
link "$PREFIX/matrix/bin/pantalaimon" pantalaimon
link "$PREFIX/schemathesis/bin/schemathesis" schemathesis

# --- check what was installed ---
# the first line only, read without closing the pipe early (a SIGPIPE under pipefail fails the script)
xray_version="$("$BIN/xray" version)"
echo "${xray_version%%$'\n'*}" >&2
"$BIN/sing-box" version >/dev/null
"$PREFIX/synapse/bin/python" -c 'import synapse; print("synapse", synapse.__version__)' >&2
"$PREFIX/matrix/bin/python" -c 'import olm, nio, pantalaimon; print("matrix-nio with olm, pantalaimon: ok")' >&2
"$BIN/schemathesis" --version >&2
log "done in $(( $(date +%s) - started )) s"

print_exports
