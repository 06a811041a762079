#!/usr/bin/env bash
# Installs the built Debian package on this machine and checks it as a user would meet it, then removes it:
#   dpkg -i; vpn-manager --version; doctor and users list as the vpn-manager user; file modes and owners;
#   serve writes its AppCDS archive at its first stop and maps it the next time; systemd-analyze verify of the unit;
#   dpkg -r keeps /var/lib/vpn-manager.
# Usage (root): scripts/test-deb.sh [DEB]   (default: target/vpn-manager_*_all.deb; build: ./mvnw -B package)
# Exit 0 all checks passed; 1 a check failed; 2 cannot run here (not root, no dpkg, no .deb, already installed).
# Prints "ok: ..." per check, "FAIL: ..." for a failed one.
set -euo pipefail
cd "$(dirname "$0")/.."

deb="${1:-}"
if [ -z "$deb" ]; then
  deb="$(ls -t target/vpn-manager_*_all.deb 2>/dev/null | head -n 1 || true)"
fi
cannot() { echo "cannot run: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || cannot "needs root (dpkg -i)"
command -v dpkg >/dev/null || cannot "no dpkg: not a Debian system"
command -v systemd-analyze >/dev/null || cannot "no systemd-analyze: apt-get install systemd"
[ -n "$deb" ] && [ -f "$deb" ] || cannot "no target/vpn-manager_*_all.deb: build it with ./mvnw -B package"
if dpkg-query -W -f='${Status}' vpn-manager 2>/dev/null | grep -q 'install ok installed'; then
  cannot "vpn-manager is already installed on this machine; this test installs and removes it: dpkg -r vpn-manager first"
fi

failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

cleanup() {
  if dpkg-query -W -f='${Status}' vpn-manager 2>/dev/null | grep -q 'install ok'; then
    dpkg -r vpn-manager >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

t0=$(date +%s)
out="$(dpkg -i "$deb" 2>&1)" || { echo "$out"; bad "dpkg -i $deb"; exit 1; }
ok "dpkg -i $deb ($(( $(date +%s) - t0 )) s)"

check "launcher /usr/bin/vpn-manager is executable" test -x /usr/bin/vpn-manager
check "jar in /usr/share/vpn-manager" test -f /usr/share/vpn-manager/vpn-manager.jar
check "system user vpn-manager" sh -c "getent passwd vpn-manager >/dev/null"
mode_owner() { stat -c '%a %U:%G' "$1"; }
check "/etc/vpn-manager/vpn-manager.yaml is 640 root:vpn-manager" \
  test "$(mode_owner /etc/vpn-manager/vpn-manager.yaml)" = "640 root:vpn-manager"
check "/var/lib/vpn-manager is 700 vpn-manager:vpn-manager" \
  test "$(mode_owner /var/lib/vpn-manager)" = "700 vpn-manager:vpn-manager"
check "the config file is a conffile" grep -qx /etc/vpn-manager/vpn-manager.yaml /var/lib/dpkg/info/vpn-manager.conffiles
if getent group docker >/dev/null; then
  check "vpn-manager is in the docker group" sh -c 'id -nG vpn-manager | tr " " "\n" | grep -qx docker'
fi
check "AppCDS archive made at install" test -s /var/cache/vpn-manager/vpn-manager.jsa

version="$(/usr/bin/vpn-manager --version 2>&1)" || true
if [[ "$version" =~ ^vpn-manager\ [^\ ]+\ \(commit\ [^\)]+\)$ ]]; then ok "--version: $version"; else bad "--version printed: $version"; fi

# as the service's user, on the service's data dir and config
doctor="$(runuser -u vpn-manager -- /usr/bin/vpn-manager doctor 2>&1)" && dcode=0 || dcode=$?
echo "$doctor" | sed 's/^/  doctor: /'
if [ "$dcode" -le 1 ] && grep -q '/etc/vpn-manager/vpn-manager.yaml' <<<"$doctor" \
    && grep -Eq 'database.*(schema up to date)' <<<"$doctor"; then
  ok "doctor as vpn-manager (exit $dcode: the database and the config are fine; a FAIL above is Docker or transports)"
else
  bad "doctor as vpn-manager (exit $dcode)"
fi
check "database created in /var/lib/vpn-manager, owned by vpn-manager" \
  test "$(stat -c %U /var/lib/vpn-manager/vpn-manager.db 2>/dev/null)" = vpn-manager

# root runs commands as vpn-manager on the service's data (files there keep their owner)
if /usr/bin/vpn-manager users add deb-check --protocol socks >/dev/null 2>&1 \
    && /usr/bin/vpn-manager users list --format plain | grep -q deb-check; then
  ok "users add/list as root work on /var/lib/vpn-manager"
else
  bad "users add/list as root"
fi
check "no file in /var/lib/vpn-manager owned by root" \
  test -z "$(find /var/lib/vpn-manager -user root -print -quit)"

# start-up time with the installed archive
t0=$(date +%s%N)
runuser -u vpn-manager -- env VPN_DATA_DIR="$(runuser -u vpn-manager -- mktemp -d)" /usr/bin/vpn-manager users list >/dev/null
ok "users list on an empty database: $(( ($(date +%s%N) - t0) / 1000000 )) ms (installed launcher, AppCDS)"

# serve writes its own AppCDS archive (the daemon's classes) when it first stops, and maps it from the next start
serve_log="$(mktemp)"
serve_once() { # starts the installed launcher's serve as root (it runs as vpn-manager), waits until it serves
  VPN_HTTP_LISTEN=127.0.0.1:0 /usr/bin/vpn-manager serve >"$serve_log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 120); do
    grep -q 'vpn-manager serving' "$serve_log" && return 0
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.5
  done
  sed 's/^/  serve: /' "$serve_log"
  return 1
}
serve_stop() {
  kill -TERM "$serve_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.5; done
  for p in $(pgrep -u vpn-manager -f 'vpn-manager.jar serve' || true); do kill -KILL "$p" 2>/dev/null || true; done
}
jsa=/var/lib/vpn-manager/cache/serve.jsa
rm -f "$jsa"
if serve_once; then
  java_pid="$(pgrep -u vpn-manager -f 'vpn-manager.jar serve' | head -n 1 || true)"
  if tr '\0' ' ' <"/proc/$java_pid/cmdline" 2>/dev/null | grep -q -- "-XX:ArchiveClassesAtExit=$jsa"; then
    ok "first serve runs as vpn-manager and writes its archive at exit"
  else
    bad "first serve: no -XX:ArchiveClassesAtExit=$jsa in the java command line"
  fi
  serve_stop
  check "serve's archive written, owned by vpn-manager" \
    test "$(stat -c %U "$jsa" 2>/dev/null)" = vpn-manager -a -s "$jsa"
  if serve_once; then
    java_pid="$(pgrep -u vpn-manager -f 'vpn-manager.jar serve' | head -n 1 || true)"
    if tr '\0' ' ' <"/proc/$java_pid/cmdline" 2>/dev/null | grep -q -- "-XX:SharedArchiveFile=$jsa"; then
      ok "the next serve maps its archive (VmRSS $(awk '/VmRSS/ {print $2, $3}' "/proc/$java_pid/status"))"
    else
      bad "the next serve does not use $jsa"
    fi
    serve_stop
  else
    bad "serve (second start)"
  fi
else
  bad "serve (first start)"
fi
rm -f "$serve_log"

verify="$(systemd-analyze verify /usr/lib/systemd/system/vpn-manager.service 2>&1)" && vcode=0 || vcode=$?
if [ "$vcode" = 0 ] && ! grep -qi 'vpn-manager.service' <<<"$verify"; then
  ok "systemd-analyze verify vpn-manager.service"
else
  echo "$verify" | sed 's/^/  verify: /'
  bad "systemd-analyze verify vpn-manager.service (exit $vcode)"
fi
unit=/usr/lib/systemd/system/vpn-manager.service
for line in ProtectSystem=strict ReadWritePaths=/var/lib/vpn-manager NoNewPrivileges=yes PrivateTmp=yes \
    Restart=on-failure EnvironmentFile=-/etc/vpn-manager/env Environment=VPN_DATA_DIR=/var/lib/vpn-manager \
    Environment=VPN_CONFIG=/etc/vpn-manager/vpn-manager.yaml User=vpn-manager; do
  check "unit has $line" grep -qx "$line" "$unit"
done

out="$(dpkg -r vpn-manager 2>&1)" || { echo "$out"; bad "dpkg -r"; }
check "dpkg -r removed the launcher" test ! -e /usr/bin/vpn-manager
check "dpkg -r kept /var/lib/vpn-manager/vpn-manager.db" test -f /var/lib/vpn-manager/vpn-manager.db
check "dpkg -r kept the conffile (until purge)" test -f /etc/vpn-manager/vpn-manager.yaml
check "dpkg -r removed the AppCDS archive" test ! -e /var/cache/vpn-manager/vpn-manager.jsa

# a re-install finds the kept data
dpkg -i "$deb" >/dev/null 2>&1
if /usr/bin/vpn-manager users list --format plain | grep -q deb-check; then ok "re-install sees the kept data"; else bad "re-install sees the kept data"; fi
/usr/bin/vpn-manager users delete deb-check >/dev/null 2>&1 || true

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
