#!/usr/bin/env bash
# Opens or closes one port of a VPN server in the host firewall (iptables, else nftables).
#
#   scripts/firewall.sh [--dry-run] [--backend auto|iptables|nft] open|close PORT tcp|udp
#   scripts/firewall.sh [--dry-run] [--backend auto|iptables|nft] list
#
# Rules carry the comment "vpn-manager"; open and close are idempotent. Without the tool or without root
# privileges it does a dry run: it prints the commands it would run ("dry-run: ...") and changes nothing.
# Exit codes: 0 done (or dry run), 1 the firewall command failed, 2 bad arguments.
set -euo pipefail

COMMENT="vpn-manager"
NFT_TABLE="vpn_manager"
DRY=false
BACKEND=auto

die_usage() {
  echo "firewall.sh: $*" >&2
  echo "usage: firewall.sh [--dry-run] [--backend auto|iptables|nft] open|close PORT tcp|udp | list" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=true; shift ;;
    --backend) [ $# -ge 2 ] || die_usage "--backend needs a value"; BACKEND="$2"; shift 2 ;;
    --*) die_usage "unknown option '$1'" ;;
    *) break ;;
  esac
done
case "$BACKEND" in auto|iptables|nft) ;; *) die_usage "backend must be auto, iptables or nft, not '$BACKEND'" ;; esac

ACTION="${1:-}"
case "$ACTION" in
  open|close)
    [ $# -eq 3 ] || die_usage "$ACTION needs PORT and PROTO"
    PORT="$2"; PROTO="$3"
    if ! [[ "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || [ "$PORT" -gt 65535 ]; then
      die_usage "port must be a number from 1 to 65535, not '$PORT'"
    fi
    [[ "$PROTO" == tcp || "$PROTO" == udp ]] || die_usage "protocol must be tcp or udp, not '$PROTO'" ;;
  list) [ $# -eq 1 ] || die_usage "list takes no arguments" ;;
  "") die_usage "no action given" ;;
  *) die_usage "unknown action '$ACTION'" ;;
esac

if [ "$BACKEND" = auto ]; then
  if command -v iptables >/dev/null 2>&1; then BACKEND=iptables
  elif command -v nft >/dev/null 2>&1; then BACKEND=nft
  else
    echo "firewall.sh: neither iptables nor nft found: dry run" >&2
    BACKEND=iptables DRY=true
  fi
elif ! command -v "$BACKEND" >/dev/null 2>&1; then
  echo "firewall.sh: $BACKEND not found: dry run" >&2
  DRY=true
fi
if ! $DRY && [ "$(id -u)" != 0 ]; then
  echo "firewall.sh: not root: dry run" >&2
  DRY=true
fi

# Runs a command that changes the firewall, or prints it in a dry run.
change() {
  if $DRY; then
    echo "dry-run: $*"
  else
    "$@"
  fi
}

# Runs a command that only reads; in a dry run it answers "not there".
probe() {
  if $DRY; then
    return 1
  fi
  "$@" >/dev/null 2>&1
}

ipt_rule() { echo "INPUT -p $PROTO --dport $PORT -m comment --comment $COMMENT -j ACCEPT"; }

iptables_do() {
  local rule=()
  [ "$ACTION" = list ] || read -r -a rule <<<"$(ipt_rule)"
  case "$ACTION" in
    open) probe iptables -C "${rule[@]}" || change iptables -I "${rule[@]}" ;;
    close)
      if $DRY; then change iptables -D "${rule[@]}"; return; fi
      while iptables -C "${rule[@]}" >/dev/null 2>&1; do iptables -D "${rule[@]}"; done ;;
    list)
      if $DRY; then change iptables -S INPUT; return; fi
      iptables -S INPUT | grep -- "--comment $COMMENT" | sed -E 's/.*-p (tcp|udp).*--dport ([0-9]+).*/\2\/\1/' ;;
  esac
}

nft_handles() {
  nft -a list chain inet "$NFT_TABLE" input 2>/dev/null \
    | grep -E "^\s*$PROTO dport $PORT accept" | sed -E 's/.*# handle ([0-9]+).*/\1/'
}

nft_do() {
  case "$ACTION" in
    open)
      change nft add table inet "$NFT_TABLE"
      change nft add chain inet "$NFT_TABLE" input '{ type filter hook input priority 0; policy accept; }'
      if $DRY || [ -z "$(nft_handles)" ]; then
        change nft add rule inet "$NFT_TABLE" input "$PROTO" dport "$PORT" accept comment "\"$COMMENT\""
      fi ;;
    close)
      if $DRY; then change nft delete rule inet "$NFT_TABLE" input handle '<handle>'; return; fi
      for h in $(nft_handles); do nft delete rule inet "$NFT_TABLE" input handle "$h"; done ;;
    list)
      if $DRY; then change nft list chain inet "$NFT_TABLE" input; return; fi
      nft list chain inet "$NFT_TABLE" input 2>/dev/null | sed -nE 's/^\s*(tcp|udp) dport ([0-9]+) accept.*/\2\/\1/p' ;;
  esac
}

if [ "$BACKEND" = iptables ]; then
  iptables_do || { echo "firewall.sh: iptables $ACTION failed" >&2; exit 1; }
else
  nft_do || { echo "firewall.sh: nft $ACTION failed" >&2; exit 1; }
fi
