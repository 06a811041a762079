#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the tests (as root: runs it as the postgres user)
# and prints `export VPN_TEST_POSTGRES_URL=...` lines, so `eval "$(scripts/test-postgres.sh)"` enables the
# PostgreSQL tests. Installs Debian's postgresql package when it is missing. Idempotent: reuses a running one.
set -euo pipefail
port="${VPN_TEST_POSTGRES_PORT:-55432}"
dir="${VPN_TEST_POSTGRES_DIR:-/tmp/vpn-manager-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w start >/dev/null
fi
as_pg "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "select 1" >/dev/null
echo "export VPN_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
