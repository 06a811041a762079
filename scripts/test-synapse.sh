#!/usr/bin/env bash
# Starts a throw-away Synapse homeserver on 127.0.0.1 for the tests (SQLite, client API only, no federation,
# registration only by shared secret, media repository on) and prints export lines, so
# `eval "$(scripts/test-synapse.sh)"` enables the tests against a real homeserver:
#   VPN_TEST_SYNAPSE_URL          http://127.0.0.1:PORT
#   VPN_TEST_SYNAPSE_SERVER_NAME  the server name in user ids (@name:SERVER_NAME)
#   VPN_TEST_SYNAPSE_SECRET       registration_shared_secret (register_new_matrix_user -k, or the admin API)
#   VPN_TEST_SYNAPSE_DIR          config (hs.yaml), database, media and log (homeserver.log)
# Idempotent: reuses the one already answering on the port. `--stop` stops it (and pantalaimon).
# `--pantalaimon` also starts pantalaimon (E2EE proxy) in front of it on PORT+1 and exports
#   VPN_TEST_PANTALAIMON_URL      http://127.0.0.1:PORT+1 (log in and talk through it; it encrypts and decrypts)
#
#   VPN_TEST_SYNAPSE_PORT       default 58008
#   VPN_TEST_SYNAPSE_DIR        default /tmp/vpn-manager-synapse
#   VPN_TEST_SYNAPSE_RATELIMIT  generous (default: rate limits far above what tests send) or default (Synapse's)
#   VPN_TEST_SYNAPSE_PYTHON     the venv's python (scripts/install-peers.sh installs one)
#   VPN_TEST_PANTALAIMON        pantalaimon (default: next to that venv's prefix)
set -euo pipefail

port="${VPN_TEST_SYNAPSE_PORT:-58008}"
dir="${VPN_TEST_SYNAPSE_DIR:-/tmp/vpn-manager-synapse}"
limits="${VPN_TEST_SYNAPSE_RATELIMIT:-generous}"
python="${VPN_TEST_SYNAPSE_PYTHON:-${VPN_PEERS_PREFIX:-/opt/vpn-manager-peers}/synapse/bin/python}"
pantalaimon="${VPN_TEST_PANTALAIMON:-${VPN_PEERS_PREFIX:-/opt/vpn-manager-peers}/bin/pantalaimon}"
server_name=localhost
url="http://127.0.0.1:$port"

log() { echo "test-synapse: $*" >&2; }
fail() { echo "test-synapse.sh: $*" >&2; exit 1; }

case "$port" in ''|*[!0-9]*) fail "VPN_TEST_SYNAPSE_PORT '$port' is not a port number" ;; esac
case "$dir" in
  /*) ;;
  *) fail "VPN_TEST_SYNAPSE_DIR must be an absolute path" ;;
esac
# the directory goes into export lines that callers evaluate
case "$dir" in *[!A-Za-z0-9._/-]*) fail "VPN_TEST_SYNAPSE_DIR may hold only A-Z a-z 0-9 . _ - /" ;; esac
case "$limits" in generous|default) ;; *) fail "VPN_TEST_SYNAPSE_RATELIMIT is generous or default" ;; esac

# answers [URL]: whether a Matrix client API answers there (default: Synapse's)
answers() { curl -sf -m 2 "${1:-$url}/_matrix/client/versions" >/dev/null 2>&1; }

with_pan=false
case "${1:-}" in
  --stop)
    for f in "$dir/pantalaimon.pid" "$dir/homeserver.pid"; do
      [ -f "$f" ] && { kill "$(cat "$f")" 2>/dev/null || true; }
    done
    for _ in $(seq 1 50); do answers || break; sleep 0.2; done
    log "stopped"
    exit 0 ;;
  --pantalaimon) with_pan=true ;;
  "") ;;
  *) fail "usage: scripts/test-synapse.sh [--pantalaimon|--stop]" ;;
esac
[ $# -le 1 ] || fail "usage: scripts/test-synapse.sh [--pantalaimon|--stop]"

[ -x "$python" ] || fail "no Synapse at $python: run scripts/install-peers.sh (or set VPN_TEST_SYNAPSE_PYTHON)"

secret_of() {
  "$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["registration_shared_secret"])' "$dir/hs.yaml"
}

if answers; then
  [ -f "$dir/hs.yaml" ] || fail "something else answers on $url (no $dir/hs.yaml): choose VPN_TEST_SYNAPSE_PORT"
  log "reusing the Synapse on $url"
else
  log "starting Synapse on $url in $dir"
  for f in "$dir/pantalaimon.pid" "$dir/homeserver.pid"; do
    [ -f "$f" ] && { kill "$(cat "$f")" 2>/dev/null || true; sleep 1; }
  done
  rm -rf "$dir"
  mkdir -p "$dir"
  # in $dir: the generated log config names homeserver.log relative to the current directory
  (cd "$dir" && "$python" -m synapse.app.homeserver --server-name "$server_name" --config-path "$dir/hs.yaml" \
    --generate-config --report-stats=no --data-directory "$dir" >/dev/null)
  # The generated secrets hold shell metacharacters (^ # ; & *): the registration secret is replaced by hex, as
  # it goes into an export line. Everything else is set here, in the config's own language.
  "$python" - "$dir/hs.yaml" "$port" "$limits" "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" <<'PY'
import sys, yaml
path, port, limits, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
c = yaml.safe_load(open(path))
c["listeners"] = [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                   "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}]
c["registration_shared_secret"] = secret
c["enable_registration"] = False
c["enable_media_repo"] = True
c["max_upload_size"] = "50M"
c["url_preview_enabled"] = False
c["trusted_key_servers"] = []           # never reach matrix.org
c["suppress_key_server_warning"] = True
c["federation_domain_whitelist"] = []   # no federation at all
c["report_stats"] = False
c["presence"] = {"enabled": False}
if limits == "generous":
    many = {"per_second": 10000, "burst_count": 10000}
    for key in ("rc_message", "rc_registration", "rc_joins_per_room", "rc_3pid_validation",
                "rc_admin_redaction", "rc_media_create", "rc_delayed_event_mgmt", "rc_reports"):
        c[key] = dict(many)
    c["rc_login"] = {"address": dict(many), "account": dict(many), "failed_attempts": dict(many)}
    c["rc_joins"] = {"local": dict(many), "remote": dict(many)}
    c["rc_invites"] = {"per_room": dict(many), "per_user": dict(many), "per_issuer": dict(many)}
yaml.safe_dump(c, open(path, "w"), sort_keys=False)
PY
  # Synapse writes its pid_file only when it daemonizes: keep the pid here (no setsid: it may fork)
  (cd "$dir" && { "$python" -m synapse.app.homeserver -c "$dir/hs.yaml" >"$dir/stdout.log" 2>&1 </dev/null &
    echo $! >"$dir/homeserver.pid"; })
  for _ in $(seq 1 120); do
    answers && break
    sleep 0.5
  done
  if ! answers; then
    log "Synapse did not answer within 60 s; last lines of $dir/homeserver.log and stdout.log:"
    tail -n 20 "$dir/homeserver.log" "$dir/stdout.log" >&2 2>/dev/null || true
    exit 1
  fi
  log "Synapse $(curl -sf "$url/_synapse/admin/v1/server_version" 2>/dev/null | head -c 100 || true) ready"
fi

if $with_pan; then
  pan_url="http://127.0.0.1:$((port + 1))"
  if answers "$pan_url"; then
    [ -f "$dir/pantalaimon.conf" ] || fail "something else answers on $pan_url"
    log "reusing pantalaimon on $pan_url"
  else
    [ -x "$pantalaimon" ] || fail "no pantalaimon at $pantalaimon: run scripts/install-peers.sh"
    rm -rf "$dir/pantalaimon"
    mkdir -p "$dir/pantalaimon"
    printf '%s\n' '[Default]' 'LogLevel = Warning' 'Notifications = Off' '' '[local-synapse]' \
      "Homeserver = $url" 'ListenAddress = 127.0.0.1' "ListenPort = $((port + 1))" 'SSL = False' \
      'UseKeyring = False' 'IgnoreVerification = True' 'DropOldKeys = False' >"$dir/pantalaimon.conf"
    ("$pantalaimon" -c "$dir/pantalaimon.conf" --data-path "$dir/pantalaimon" >"$dir/pantalaimon.log" 2>&1 \
      </dev/null & echo $! >"$dir/pantalaimon.pid")
    for _ in $(seq 1 60); do
      answers "$pan_url" && break
      sleep 0.5
    done
    answers "$pan_url" || { tail -n 20 "$dir/pantalaimon.log" >&2; fail "pantalaimon did not answer within 30 s"; }
    log "pantalaimon ready on $pan_url"
  fi
fi

secret="$(secret_of)"
case "$secret" in ''|*[!0-9a-f]*) fail "$dir/hs.yaml holds a registration secret this script did not write" ;; esac
echo "export VPN_TEST_SYNAPSE_URL=$url"
echo "export VPN_TEST_SYNAPSE_SERVER_NAME=$server_name"
echo "export VPN_TEST_SYNAPSE_SECRET=$secret"
echo "export VPN_TEST_SYNAPSE_DIR=$dir"
if $with_pan; then echo "export VPN_TEST_PANTALAIMON_URL=$pan_url"; fi
