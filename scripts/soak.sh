#!/usr/bin/env bash
# Soak test: a real `serve` (SQLite, Telegram through the Bot API stand-in) with bound users, two live SOCKS
# servers (Xray) carrying real bytes, and random faults for N minutes: kill -9 of serve and a restart, kill of a
# server's container (restarted from the CLI), Bot API outages (429/5xx) during broadcasts. Then it checks the
# invariants (traffic exact against the bytes pushed, every broadcast in every chat with at most one duplicate per
# kill of serve, no dead letters, no orphan containers, integrity_check ok) and exits 1 on a violation.
# Harness: src/bench/java/dev/vpnmanager/bench/Soak.java.
#
#   scripts/soak.sh --minutes 30 [--dir DIR] [--seed N]
#
# Needs a Docker engine with the test images (scripts/test-images.sh builds them) and root for the test address
# the servers' users reach (the proxies refuse loopback and private ranges). Bounded: it stops after N minutes
# plus at most about 10 minutes of checks.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=10
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="${2:?--minutes needs a number}"; shift 2 ;;
    --dir|--seed) ARGS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$MINUTES" in
  ''|*[!0-9.]*) echo "soak.sh: --minutes must be a number, not '$MINUTES'" >&2; exit 2 ;;
esac
./mvnw -B -q test-compile >&2
CP_FILE=target/soak-classpath.txt
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
# run from a copy of the classes: a rebuild during the soak must not change what its restarted daemons load
SNAP="$(mktemp -d /tmp/vpn-soak-classes.XXXXXX)"
trap 'rm -rf "$SNAP"' EXIT
cp -r target/classes target/test-classes "$SNAP/"
java -cp "$SNAP/test-classes:$SNAP/classes:$(cat "$CP_FILE")" dev.vpnmanager.bench.Soak --minutes "$MINUTES" "${ARGS[@]}"
