#!/usr/bin/env bash
# Measures JVM start to "ready" for `users list` on an empty database, without and with AppCDS.
# Usage: scripts/bench-startup.sh [runs]   (build first: ./mvnw -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
jar=target/vpn-manager.jar
jsa=target/vpn-manager.jsa
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export VPN_DATA_DIR="$data"
java -jar "$jar" users list >/dev/null   # creates and migrates the database once
java -XX:ArchiveClassesAtExit="$jsa" -jar "$jar" users list >/dev/null 2>&1
measure() {
  local label="$1"; shift
  local total=0 best=999999
  for _ in $(seq "$runs"); do
    local t0 t1 ms
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    total=$(( total + ms ))
    (( ms < best )) && best=$ms
  done
  echo "$label: mean $(( total / runs )) ms, best $best ms over $runs runs"
}
measure "users list, no AppCDS" java -Xshare:auto -jar "$jar" users list
measure "users list, AppCDS   " java -XX:SharedArchiveFile="$jsa" -jar "$jar" users list
measure "users list, AppCDS and the quick compiler only (what the launchers run)" \
  java -XX:SharedArchiveFile="$jsa" -XX:TieredStopAtLevel=1 -jar "$jar" users list
