#!/usr/bin/env bash
# Runs scripts/install.sh in a clean Debian root (debootstrap --variant=minbase, chroot) as on a fresh server:
# bad input changes nothing, --dry-run changes nothing, a first run installs the .deb (apt-get pulls the JRE
# from the Debian mirror), writes /etc/vpn-manager/env 0600 and says systemd is not running, a second run
# changes nothing and says so; then the files, the user and `vpn-manager --version` / `users list` inside.
# Docker is left out (--no-docker): docker.io in the chroot would be a heavy download and could not run there.
#
# Usage (root): scripts/test-install-chroot.sh [DEB]      (default: target/vpn-manager_*_all.deb)
# The pristine root is cached in $VPN_TEST_CACHE (default /var/cache/vpn-manager-test): bookworm-minbase/,
# plus apt's downloads and lists, so a second run takes about a minute. The mirror is the one apt uses here.
# Exit 0 all checks passed; 1 a check failed; 2 cannot run here.
set -euo pipefail
cd "$(dirname "$0")/.."
project="$(pwd)"

cannot() { echo "cannot run: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || cannot "needs root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || cannot "no debootstrap: apt-get install debootstrap"
deb="${1:-$(ls -t target/vpn-manager_*_all.deb 2>/dev/null | head -n 1 || true)}"
[ -n "$deb" ] && [ -f "$deb" ] || cannot "no target/vpn-manager_*_all.deb: build it with ./mvnw -B package"

cache="${VPN_TEST_CACHE:-/var/cache/vpn-manager-test}"
suite="${VPN_TEST_SUITE:-bookworm}"
base="$cache/$suite-minbase"
# the Debian mirror apt uses on this machine (deb822 URIs: or a one-line deb entry)
mirror="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 -E '/debian/?$' || true)"
if [ -z "$mirror" ]; then
  mirror="$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '{print $2}' | grep -m1 -E '/debian/?$' || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

mkdir -p "$cache"
if [ ! -x "$base/bin/bash" ]; then
  echo "making the clean Debian root once: debootstrap --variant=minbase $suite $base $mirror"
  t0=$(date +%s)
  rm -rf "$base.partial"
  debootstrap --variant=minbase "$suite" "$base.partial" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log"; echo "FAIL: debootstrap"; exit 1; }
  mv "$base.partial" "$base"
  echo "debootstrap took $(( $(date +%s) - t0 )) s"
fi

root="$project/target/install-chroot"
mounts=()
cleanup() {
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do
    umount -l "${mounts[$i]}" 2>/dev/null || true
  done
  if [ -z "${VPN_TEST_KEEP_ROOT:-}" ]; then
    rm -rf "$root"
  fi
}
trap cleanup EXIT
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; mounts+=("$2"); }

rm -rf "$root"
t0=$(date +%s)
cp -a "$base" "$root"
echo "copied the clean root in $(( $(date +%s) - t0 )) s"
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
mkdir -p "$cache/apt-archives/partial" "$cache/apt-lists/partial"
bind "$cache/apt-archives" "$root/var/cache/apt/archives"
bind "$cache/apt-lists" "$root/var/lib/apt/lists"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# no daemon may start inside the chroot
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/root/inst/scripts"
cp "$deb" "$root/root/inst/vpn-manager.deb"
cp scripts/install.sh "$root/root/inst/scripts/install.sh"

failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
token="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
install_cmd=(/bin/bash /root/inst/scripts/install.sh --deb /root/inst/vpn-manager.deb --no-docker)

# bad input: one line, exit 2, nothing changed
set +e
out="$(inside "${install_cmd[@]}" --telegram-token not-a-token 2>&1)"; code=$?
set -e
if [ "$code" = 2 ] && [ "$(wc -l <<<"$out")" = 1 ] && [ ! -e "$root/etc/vpn-manager" ]; then
  ok "bad token: exit 2, one line ($out), nothing changed"
else
  bad "bad token: exit $code, output: $out"
fi

# --dry-run: prints the actions, changes nothing
out="$(inside "${install_cmd[@]}" --dry-run --telegram-token "$token" --admin 42 2>&1)" || true
if grep -q '^would: install vpn-manager' <<<"$out" && grep -q '^would: write /etc/vpn-manager/env' <<<"$out" \
    && [ ! -e "$root/etc/vpn-manager" ] && [ ! -e "$root/usr/bin/vpn-manager" ]; then
  ok "--dry-run lists the actions and changes nothing"
else
  echo "$out"; bad "--dry-run"
fi

# first run
t0=$(date +%s)
set +e
out="$(inside "${install_cmd[@]}" --telegram-token "$token" --admin 42 2>&1)"; code=$?
set -e
echo "$out" | grep -Ev '^(Get|Selecting|Preparing|Unpacking|Setting up|Processing|Reading|Building|Hit|Fetched|update-alternatives)' \
  | sed 's/^/  1st: /' | tail -n 25
if [ "$code" = 0 ] && grep -q 'systemd is not running' <<<"$out" && grep -q '^done: ' <<<"$out" \
    && grep -q 'open your bot in Telegram and send /start' <<<"$out"; then
  ok "first run installed ($(( $(date +%s) - t0 )) s)"
else
  echo "$out" | tail -n 40; bad "first run (exit $code)"
fi

# second run: nothing to do
set +e
out2="$(inside "${install_cmd[@]}" --telegram-token "$token" --admin 42 2>&1)"; code=$?
set -e
echo "$out2" | sed 's/^/  2nd: /'
if [ "$code" = 0 ] && grep -q '^nothing changed' <<<"$out2" && ! grep -q '^- ' <<<"$out2"; then
  ok "second run changed nothing and said so"
else
  bad "second run (exit $code)"
fi
# a run without arguments keeps the configured token and admins
out3="$(inside "${install_cmd[@]}" 2>&1)" || true
if grep -q '^nothing changed' <<<"$out3"; then ok "a run without arguments keeps the configured values"; else echo "$out3"; bad "run without arguments"; fi

envf="$root/etc/vpn-manager/env"
if [ "$(stat -c '%a %U' "$envf" 2>/dev/null)" = "600 root" ] && grep -qx "VPN_TELEGRAM_TOKEN=$token" "$envf" \
    && grep -qx 'VPN_ADMINS=telegram:42' "$envf"; then
  ok "/etc/vpn-manager/env is 0600 root with the token and the admin"
else
  bad "/etc/vpn-manager/env: $(stat -c '%a %U' "$envf" 2>&1)"
fi
if inside getent passwd vpn-manager >/dev/null; then ok "user vpn-manager exists"; else bad "user vpn-manager"; fi
if [ "$(stat -c '%a %U' "$root/var/lib/vpn-manager" 2>/dev/null)" = "700 vpn-manager" ]; then
  ok "/var/lib/vpn-manager is 0700 vpn-manager"
else
  bad "/var/lib/vpn-manager"
fi
for f in /usr/bin/vpn-manager /usr/share/vpn-manager/vpn-manager.jar /etc/vpn-manager/vpn-manager.yaml \
    /usr/lib/systemd/system/vpn-manager.service; do
  if [ -e "$root$f" ]; then ok "$f installed"; else bad "$f missing"; fi
done
v="$(inside /usr/bin/vpn-manager --version 2>&1)" || true
if [[ "$v" == "vpn-manager "* ]]; then ok "vpn-manager --version in the chroot: $v"; else bad "--version: $v"; fi
if inside /usr/bin/vpn-manager users list >/dev/null 2>&1 && [ -f "$root/var/lib/vpn-manager/vpn-manager.db" ]; then
  ok "vpn-manager users list as root runs on /var/lib/vpn-manager as vpn-manager"
else
  bad "users list in the chroot"
fi
doctor="$(inside /usr/bin/vpn-manager doctor 2>&1)" || true
if grep -q 'chat transports: telegram configured' <<<"$doctor"; then
  ok "doctor as root sees the token from /etc/vpn-manager/env"
else
  echo "$doctor"; bad "doctor does not see the token"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
