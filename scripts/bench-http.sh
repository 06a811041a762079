#!/bin/sh
# Subscription benchmark: N users (default 100000) in SQLite; the in-process latency of one subscription
# request, then wrk over loopback against GET /sub/<token> (random users' tokens), and the server's RSS.
# Usage: scripts/bench-http.sh [USERS] [SECONDS] [CONNECTIONS]
set -eu
cd "$(dirname "$0")/.."
USERS=${1:-100000}
SECONDS_=${2:-20}
CONN=${3:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
./mvnw -B -q test-compile >/dev/null
CP=target/test-classes:target/classes:$(./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TOKENS=$TMP/tokens.txt
java -Xmx512m -Dbench.tokens="$TOKENS" -cp "$CP" dev.vpnmanager.http.sub.SubscriptionBench "$USERS" serve \
  $((SECONDS_ + 60)) > "$TMP/bench.log" 2>&1 &
JAVA=$!
while ! grep -q '^serving ' "$TMP/bench.log"; do
  kill -0 $JAVA 2>/dev/null || { cat "$TMP/bench.log"; exit 1; }
  sleep 1
done
grep -v '^serving ' "$TMP/bench.log" | grep -v 'ebean-agent' || true
URL=$(sed -n 's/^serving \([^ ]*\) .*/\1/p' "$TMP/bench.log")
echo "warm-up: 5 s"
BENCH_TOKENS=$TOKENS wrk -t2 -c"$CONN" -d5s -s scripts/bench-sub.lua "$URL" >/dev/null
echo "wrk -t2 -c$CONN -d${SECONDS_}s (GET /sub/<token>, $(wc -l < "$TOKENS") users' tokens in turn):"
BENCH_TOKENS=$TOKENS wrk -t2 -c"$CONN" -d"${SECONDS_}s" --latency -s scripts/bench-sub.lua "$URL"
echo "server RSS after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$JAVA/status) (heap limit -Xmx512m)"
kill $JAVA 2>/dev/null || true
wait $JAVA 2>/dev/null || true
