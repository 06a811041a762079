#!/usr/bin/env bash
# From a fresh Debian/Ubuntu server to a running bot in one command (as root):
#
#   scripts/install.sh [--dry-run] [--telegram-token TOKEN] [--admin ID]... [--deb FILE] [--no-docker]
#
# Installs the vpn-manager package (--deb FILE, else target/vpn-manager_*_all.deb of this checkout, built
# with ./mvnw when there is none) and docker.io when no Docker is installed (--no-docker skips that), writes
# /etc/vpn-manager/env (mode 0600) with the token and the admins, and enables and starts vpn-manager.service
# when systemd runs (in a chroot or a container without systemd it says so and starts nothing).
# The token and admins may also come from VPN_TELEGRAM_TOKEN and VPN_ADMINS; on a terminal it asks for what
# is missing; values already in /etc/vpn-manager/env are kept unless new ones are given.
# Running it again changes nothing and says so. --dry-run prints each action and changes nothing.
# Exit codes: 0 done; 1 a step failed; 2 bad usage or invalid input (one line, nothing changed).
set -euo pipefail

ENV_FILE=/etc/vpn-manager/env
SERVICE=vpn-manager.service
here="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}
die_usage() { echo "install.sh: $*" >&2; exit 2; }
die() { echo "install.sh: $*" >&2; exit 1; }

dry_run=false
no_docker=false
token="${VPN_TELEGRAM_TOKEN:-}"
token_given=false
[ -n "$token" ] && token_given=true
admins_raw="${VPN_ADMINS:-}"
admins_given=false
[ -n "$admins_raw" ] && admins_given=true
cli_admins=()
deb=""

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --no-docker) no_docker=true ;;
    --telegram-token|--admin|--deb)
      [ $# -ge 2 ] || die_usage "$1 needs a value (see --help)"
      case "$1" in
        --telegram-token) token="$2"; token_given=true ;;
        --admin) cli_admins+=("$2"); admins_given=true ;;
        --deb) deb="$2" ;;
      esac
      shift ;;
    --telegram-token=*) token="${1#*=}"; token_given=true ;;
    --admin=*) cli_admins+=("${1#*=}"); admins_given=true ;;
    --deb=*) deb="${1#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown argument '$1' (see --help)" ;;
  esac
  shift
done

# ---- validation: everything is checked before anything changes ----

# BotFather's tokens: the bot's numeric id, a colon, 35 characters of [A-Za-z0-9_-]
valid_token() { [[ "$1" =~ ^[0-9]{3,20}:[A-Za-z0-9_-]{30,60}$ ]]; }
# one admin: a Telegram user id (digits), telegram:<id> or matrix:@user:server
normalise_admin() {
  local a="$1"
  if [[ "$a" =~ ^[0-9]{1,20}$ ]]; then
    echo "telegram:$a"
  elif [[ "$a" =~ ^telegram:[0-9]{1,20}$ ]] || [[ "$a" =~ ^matrix:@[A-Za-z0-9._=/+-]+:[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]]; then
    echo "$a"
  else
    return 1
  fi
}
check_token() {
  if [ -n "$1" ] && ! valid_token "$1"; then
    die_usage "invalid Telegram token: expected <bot id>:<35 characters> as @BotFather gives it"
  fi
}
# sets admins (comma-separated, normalised) from a list of raw entries; exit 2 on a bad one
admins=""
set_admins() {
  local out=() a n
  for a in "$@"; do
    a="${a// /}"
    [ -z "$a" ] && continue
    n="$(normalise_admin "$a")" || die_usage "invalid admin '$a': expected a Telegram user id (digits), telegram:ID or matrix:@user:server"
    out+=("$n")
  done
  admins="$(IFS=,; echo "${out[*]}")"
}

check_token "$token"
if [ ${#cli_admins[@]} -gt 0 ]; then
  set_admins "${cli_admins[@]}"
else
  IFS=, read -r -a env_admins <<<"$admins_raw"
  set_admins "${env_admins[@]+"${env_admins[@]}"}"
fi
if [ -n "$deb" ]; then
  [ -f "$deb" ] || die_usage "--deb $deb: no such file"
  deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
  [[ "$deb" == *.deb ]] || die_usage "--deb $deb: not a .deb file"
fi

# ---- the machine ----

if [ ! -r /etc/os-release ] || ! grep -Eq '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; then
  die "this installer is for Debian and Ubuntu (no Debian-like /etc/os-release); install the .deb or use the Dockerfile"
fi
if [ "$(id -u)" != 0 ] && ! $dry_run; then
  die "run as root (sudo scripts/install.sh ...); --dry-run works without root"
fi

# on a terminal, ask for what was not given and is not configured yet
existing_value() { # KEY: its value in the env file, if readable
  [ -r "$ENV_FILE" ] || return 0
  sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1
}
if [ -t 0 ] && ! $dry_run; then
  if ! $token_given && [ -z "$(existing_value VPN_TELEGRAM_TOKEN)" ]; then
    read -r -p "Telegram bot token from @BotFather (empty: none, the console still works): " token
    check_token "$token"
    [ -n "$token" ] && token_given=true
  fi
  if ! $admins_given && [ -z "$(existing_value VPN_ADMINS)" ]; then
    read -r -p "Your Telegram user id (digits; @userinfobot tells it; empty: none): " answer
    if [ -n "$answer" ]; then
      set_admins "$answer"
      admins_given=true
    fi
  fi
fi
# values already configured stay unless new ones were given
if ! $token_given; then token="$(existing_value VPN_TELEGRAM_TOKEN)"; fi
if ! $admins_given; then admins="$(existing_value VPN_ADMINS)"; fi

# ---- actions ----

changed=0
step() { # DESCRIPTION COMMAND [ARGS...]: runs it (or, with --dry-run, says it would)
  local what="$1"; shift
  changed=$((changed + 1))
  if $dry_run; then
    echo "would: $what"
    return 0
  fi
  echo "- $what"
  "$@"
}
same() { echo "  ok: $*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
apt_updated=false
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! $apt_updated; then
    apt-get update -q
    apt_updated=true
  fi
  apt-get install -y -q --no-install-recommends "$@"
}

# Docker
if $no_docker; then
  same "Docker not installed (--no-docker): the manager needs a Docker engine to run VPN servers"
elif installed docker.io || installed docker-ce || command -v docker >/dev/null 2>&1; then
  same "Docker is installed"
else
  step "install docker.io (apt-get)" apt_install docker.io
fi

# the package
if [ -z "$deb" ]; then
  deb="$(ls -t "$here"/target/vpn-manager_*_all.deb 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$deb" ]; then
  [ -x "$here/mvnw" ] || die "no .deb given (--deb FILE) and none built in $here/target"
  if $dry_run; then
    echo "would: build the package with ./mvnw -B package -DskipTests (no target/vpn-manager_*_all.deb yet)"
    changed=$((changed + 1))
  else
    command -v java >/dev/null 2>&1 || step "install a JDK to build with (apt-get)" apt_install default-jdk-headless
    echo "- build the package: ./mvnw -B package -DskipTests"
    (cd "$here" && ./mvnw -B -q package -DskipTests) || die "the build failed; see the output above"
    deb="$(ls -t "$here"/target/vpn-manager_*_all.deb 2>/dev/null | head -n 1 || true)"
    [ -n "$deb" ] || die "the build made no target/vpn-manager_*_all.deb"
  fi
fi
if [ -n "$deb" ]; then
  want="$(dpkg-deb -f "$deb" Version)" || die "$deb is not a readable Debian package"
  have=""
  if installed vpn-manager; then have="$(dpkg-query -W -f='${Version}' vpn-manager)"; fi
  if [ "$have" = "$want" ]; then
    same "vpn-manager $have is installed"
  else
    step "install vpn-manager $want from $deb${have:+ (replacing $have)}" apt_install "$deb"
    package_changed=true
  fi
fi

# the env file with the secrets: root only
desired="# written by scripts/install.sh; read by vpn-manager.service (EnvironmentFile) and the vpn-manager launcher"
[ -n "$token" ] && desired+=$'\n'"VPN_TELEGRAM_TOKEN=$token"
[ -n "$admins" ] && desired+=$'\n'"VPN_ADMINS=$admins"
write_env() {
  local tmp
  install -d -m 0750 /etc/vpn-manager
  tmp="$(mktemp "$ENV_FILE.XXXXXX")"
  chmod 0600 "$tmp"
  printf '%s\n' "$desired" >"$tmp"
  chown root:root "$tmp"
  mv -f "$tmp" "$ENV_FILE"
}
fix_env_mode() { chown root:root "$ENV_FILE" && chmod 0600 "$ENV_FILE"; }
env_changed=false
if [ -f "$ENV_FILE" ] && [ "$(cat "$ENV_FILE")" = "$desired" ]; then
  if [ "$(stat -c '%a %U' "$ENV_FILE")" = "600 root" ]; then
    same "$ENV_FILE is up to date"
  else
    step "make $ENV_FILE mode 0600, owned by root" fix_env_mode
  fi
else
  step "write $ENV_FILE (mode 0600: the token${admins:+ and the admins})" write_env
  env_changed=true
fi

# the service
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  if systemctl is-enabled --quiet "$SERVICE" 2>/dev/null; then
    same "$SERVICE is enabled"
  else
    step "enable $SERVICE (starts at boot)" systemctl enable --quiet "$SERVICE"
  fi
  if ! systemctl is-active --quiet "$SERVICE" 2>/dev/null; then
    step "start $SERVICE" systemctl start "$SERVICE"
  elif $env_changed || [ "${package_changed:-false}" = true ]; then
    step "restart $SERVICE (new settings or version)" systemctl restart "$SERVICE"
  else
    same "$SERVICE is running"
  fi
else
  echo "  note: systemd is not running here (a chroot or a container?): the service was not started;"
  echo "        on a booted system: systemctl enable --now $SERVICE"
fi

# ---- summary ----
if $dry_run; then
  echo "dry run: $changed action(s) above would run; nothing was changed"
elif [ "$changed" = 0 ]; then
  echo "nothing changed: everything was already in place"
else
  echo "done: $changed change(s)"
fi
if [ -n "$token" ]; then
  echo "Telegram: open your bot in Telegram and send /start (its t.me link is the one @BotFather gave you)"
else
  echo "No Telegram token yet: run again with --telegram-token TOKEN; meanwhile 'vpn-manager console' works"
fi
if [ -z "$admins" ]; then
  echo "No admin yet: run again with --admin YOUR_TELEGRAM_ID to manage users from chat"
fi
echo "Check the installation with: vpn-manager doctor"
