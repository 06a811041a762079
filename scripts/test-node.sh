#!/usr/bin/env bash
# A second Docker engine acting as a remote node, for tests: its own network namespace (a veth pair; the node
# answers only at its own address), dockerd inside it on tcp://ADDR:2376 with --tlsverify, certificates made with
# openssl (CA, server with subjectAltName=IP:ADDR, client with clientAuth), and the given images loaded into it
# with `docker save | docker -H ... load`.
#
#   eval "$(scripts/test-node.sh start [IMAGE...])"   start (or reuse) the node, print export lines
#   scripts/test-node.sh stop-engine | start-engine    stop / start only the node's dockerd (an outage)
#   scripts/test-node.sh stop                          stop the engine, remove the namespace and the directory
#
# Needs root, nsenter, ip, openssl, dockerd. Knobs: VPN_TEST_NODE_NAME (default vpnm-node), VPN_TEST_NODE_NET
# (default 198.19.77: host .1, node .2), VPN_TEST_NODE_DIR (default /tmp/$NAME). Only `export` lines go to stdout.
set -euo pipefail

NAME="${VPN_TEST_NODE_NAME:-vpnm-node}"
NET="${VPN_TEST_NODE_NET:-198.19.77}"
DIR="${VPN_TEST_NODE_DIR:-/tmp/$NAME}"
case "$NAME" in *[!a-z0-9-]*|"") echo "test-node.sh: VPN_TEST_NODE_NAME '$NAME' must be [a-z0-9-]" >&2; exit 2 ;; esac
case "$NET" in *[!0-9.]*|"") echo "test-node.sh: VPN_TEST_NODE_NET '$NET' must be three octets" >&2; exit 2 ;; esac
HOST_IP="$NET.1"
ADDR="$NET.2"
NS="$NAME"
VETH_HOST="${NAME:0:11}-h"
VETH_NODE="${NAME:0:11}-n"
PORT=2376
PIDFILE="$DIR/docker.pid"
log() { echo "test-node.sh: $*" >&2; }

need() {
  [ "$(id -u)" = 0 ] || { log "needs root"; exit 3; }
  for t in ip nsenter openssl dockerd docker; do
    command -v "$t" >/dev/null || { log "needs $t"; exit 3; }
  done
}

certs() {
  [ -f "$DIR/client/key.pem" ] && return 0
  mkdir -p "$DIR/server" "$DIR/client"
  chmod 700 "$DIR" "$DIR/server" "$DIR/client"
  (
    cd "$DIR"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=$NAME test CA" \
      -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$ADDR" \
      -keyout server/key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$ADDR" > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
      -extfile server.ext -out server/cert.pem 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=vpn-manager" \
      -keyout client/key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
      -extfile client.ext -out client/cert.pem 2>/dev/null
    cp ca.pem server/ca.pem
    cp ca.pem client/ca.pem
    chmod 600 server/*.pem client/*.pem ca-key.pem
  )
}

netns() {
  if ! ip netns list | grep -qw "$NS"; then
    ip netns add "$NS"
  fi
  if ! ip link show "$VETH_HOST" >/dev/null 2>&1; then
    ip link add "$VETH_HOST" type veth peer name "$VETH_NODE"
    ip link set "$VETH_NODE" netns "$NS"
    ip addr add "$HOST_IP/24" dev "$VETH_HOST"
    ip link set "$VETH_HOST" up
    ip netns exec "$NS" ip addr add "$ADDR/24" dev "$VETH_NODE"
    ip netns exec "$NS" ip link set "$VETH_NODE" up
    ip netns exec "$NS" ip link set lo up
    ip netns exec "$NS" ip route add default via "$HOST_IP" || true
  fi
}

dockercli() { docker -H "tcp://$ADDR:$PORT" --tlsverify --tlscacert "$DIR/client/ca.pem" \
  --tlscert "$DIR/client/cert.pem" --tlskey "$DIR/client/key.pem" "$@"; }

engine_up() { dockercli version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_engine() {
  engine_up && return 0
  mkdir -p "$DIR/data" "$DIR/exec"
  # `ip netns exec` remounts /sys and hides the cgroup mounts ("Devices cgroup isn't mounted"): nsenter --net keeps them
  nsenter --net="/var/run/netns/$NS" setsid dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" \
    --pidfile "$PIDFILE" -H "tcp://$ADDR:$PORT" --tlsverify --tlscacert "$DIR/server/ca.pem" \
    --tlscert "$DIR/server/cert.pem" --tlskey "$DIR/server/key.pem" \
    >"$DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    engine_up && return 0
    sleep 0.5
  done
  log "the node's dockerd did not answer within 60 s; see $DIR/dockerd.log"
  tail -n 20 "$DIR/dockerd.log" >&2
  exit 1
}

stop_engine() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$PIDFILE"
}

load_images() {
  for image in "$@"; do
    if ! dockercli image inspect "$image" >/dev/null 2>&1; then
      log "loading $image into the node"
      docker save "$image" | dockercli load >/dev/null
    fi
  done
}

cmd="${1:-start}"
shift || true
case "$cmd" in
  start)
    need; certs; netns; start_engine; load_images "$@"
    echo "export VPN_TEST_NODE_DOCKER=tcp://$ADDR:$PORT"
    echo "export VPN_TEST_NODE_TLS_DIR=$DIR/client"
    echo "export VPN_TEST_NODE_ADDR=$ADDR"
    echo "export VPN_TEST_NODE_HOST_ADDR=$HOST_IP"
    echo "export VPN_TEST_NODE_CTL=$(readlink -f "$0")"
    ;;
  stop-engine) need; stop_engine ;;
  start-engine) need; start_engine ;;
  stop)
    need
    if engine_up; then
      # only what the tests left: containers labelled as the manager's
      ids="$(dockercli ps -aq --filter label=dev.vpnmanager.managed=true || true)"
      [ -z "$ids" ] || dockercli rm -f $ids >/dev/null || true
    fi
    stop_engine
    ip link del "$VETH_HOST" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    # dockerd leaves namespace mounts (exec/netns/default) under its directories: unmount them, deepest first
    grep -o " $DIR/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount "$m" 2>/dev/null || true; done
    rm -rf "$DIR"
    ;;
  *) echo "usage: scripts/test-node.sh start [IMAGE...] | stop-engine | start-engine | stop" >&2; exit 2 ;;
esac
