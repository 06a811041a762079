#!/usr/bin/env bash
# Builds the container image from the Dockerfile (classic builder, base images from scripts/base-images.sh)
# and checks it: --version, runs as the non-root vpn-manager user with the docker socket's group, `doctor`
# with the host's Docker socket mounted, the console answering /help piped in, the health check is set, and a
# traffic chart drawn in each language (users usage --format png --lang, written to target/test-image-chart-*.png),
# serve writing its own AppCDS archive to /data/cache at docker stop and the next container mapping it.
# Usage (root): scripts/test-image.sh        image: vpn-manager-test/app:local (kept as a build cache)
# Exit 0 all checks passed; 1 a check failed; 2 cannot run here (no root, no Docker engine).
set -euo pipefail
cd "$(dirname "$0")/.."

cannot() { echo "cannot run: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || cannot "needs root (scripts/base-images.sh uses debootstrap and chroot)"
command -v docker >/dev/null && docker info >/dev/null 2>&1 || cannot "no Docker engine answers (as root: scripts/ci-provision.sh)"

IMAGE=vpn-manager-test/app:local
gid="$(getent group docker | cut -d: -f3 || true)"
gid="${gid:-999}"
failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

t0=$(date +%s)
read -r -a base_args <<<"$(scripts/base-images.sh)"
ok "base images ready ($(( $(date +%s) - t0 )) s): ${base_args[*]}"

t0=$(date +%s)
if DOCKER_BUILDKIT=0 docker build "${base_args[@]}" --build-arg DOCKER_GID="$gid" -t "$IMAGE" . \
    >target/test-image-build.log 2>&1; then
  ok "docker build ($(( $(date +%s) - t0 )) s; log target/test-image-build.log)"
else
  tail -n 30 target/test-image-build.log
  bad "docker build"
  exit 1
fi
grep -E '^modules: ' target/test-image-build.log | sed 's/^/  jlink /' || true
echo "  image size: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1000000}')"

name="vpn-manager-test-image-$$"
run() { docker run --rm --name "$name" "$@"; }

v="$(run "$IMAGE" --version 2>&1)" || true
if [[ "$v" =~ ^vpn-manager\ [^\ ]+\ \(commit\ [^\)]+\)$ ]]; then ok "--version: $v"; else bad "--version: $v"; fi

ids="$(run --entrypoint id "$IMAGE" 2>&1)" || true
if [[ "$ids" == uid=*"(vpn-manager)"* ]] && [[ "$ids" != uid=0* ]] && [[ "$ids" == *"$gid"* ]]; then
  ok "runs as non-root with the docker socket's group: $ids"
else
  bad "user: $ids"
fi

if [ "$(docker image inspect -f '{{json .Config.Healthcheck.Test}}' "$IMAGE")" = '["CMD","/usr/local/bin/vpn-manager","healthz"]' ]; then
  ok "health check runs healthz"
else
  bad "health check: $(docker image inspect -f '{{json .Config.Healthcheck}}' "$IMAGE")"
fi
if [ "$(docker image inspect -f '{{json .Config.Volumes}}' "$IMAGE")" = '{"/data":{}}' ]; then ok "/data volume"; else bad "volumes"; fi

set +e
# no daemon in this container: healthz must say so in one line, exit 1 (the image has what it needs to ask)
hz="$(run "$IMAGE" healthz 2>&1)"; code=$?
set -e
if [ "$code" = 1 ] && [ "$(printf '%s\n' "$hz" | wc -l)" = 1 ] && [[ "$hz" == *"no daemon answers at http://127.0.0.1:8080/healthz"* ]]; then
  ok "healthz without a daemon: $hz"
else
  bad "healthz (exit $code): $hz"
fi

set +e
doctor="$(run -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE" doctor 2>&1)"; code=$?
set -e
echo "$doctor" | sed 's/^/  doctor: /'
if [ "$code" -le 1 ] && grep -q 'database.*schema up to date' <<<"$doctor" && grep -q 'data dir: /data (owner only)' <<<"$doctor" \
    && grep -q '\[ ok \] docker: engine' <<<"$doctor"; then
  ok "doctor in the image (exit $code): database, /data and the mounted Docker socket work"
else
  bad "doctor in the image (exit $code)"
fi

t1=$(date +%s%N)
console="$(printf '/help\n' | docker run --rm -i --name "$name" "$IMAGE" console 2>&1)" || true
ms=$(( ($(date +%s%N) - t1) / 1000000 ))
echo "$console" | head -n 15 | sed 's/^/  console: /'
if grep -q '/users' <<<"$console" && grep -q '/adduser' <<<"$console"; then
  ok "console answers /help piped in ($ms ms with docker run)"
else
  bad "console /help"
fi

# a chart drawn in the image: a user, then their usage as PNG in each language, copied out for the test to decode
vol="vpn-manager-test-chart-$$"
docker volume create "$vol" >/dev/null
charts_ok=true
if run -v "$vol:/data" -e VPN_PUBLIC_HOST=vpn.example.test "$IMAGE" users add alice --protocol vless --limit 10GB \
    >/dev/null 2>&1; then
  for lang in en ru fa zh; do
    out="target/test-image-chart-$lang.png"
    rm -f "$out"
    if run -v "$vol:/data" "$IMAGE" users usage alice --format png --lang "$lang" --out "/data/chart-$lang.png" \
        >target/test-image-chart.log 2>&1 \
        && run -v "$vol:/data" --entrypoint cat "$IMAGE" "/data/chart-$lang.png" >"$out"; then
      :
    else
      charts_ok=false
      sed 's/^/  chart: /' target/test-image-chart.log
    fi
  done
else
  charts_ok=false
fi
fonts="$(run --entrypoint fc-list "$IMAGE" :lang=zh family 2>&1 | head -n 1)" || true
docker volume rm "$vol" >/dev/null 2>&1 || true
if [ "$charts_ok" = true ] && [ -n "$fonts" ]; then
  ok "charts drawn in the image: target/test-image-chart-{en,ru,fa,zh}.png (a Chinese font: $fonts)"
else
  bad "charts in the image (Chinese font: '${fonts}')"
fi

# serve writes its own AppCDS archive to the data volume when it first stops (docker stop's default 10 s), and the
# next container maps it
vol="vpn-manager-test-cds-$$"
docker volume create "$vol" >/dev/null
serve_up() { # starts serve detached on the volume; waits (bounded) until it serves
  docker run -d --name "$name" -v "$vol:/data" -e VPN_PUBLIC_HOST=vpn.example.test "$IMAGE" serve >/dev/null
  for _ in $(seq 1 120); do
    docker logs "$name" 2>&1 | grep -q 'vpn-manager serving' && return 0
    sleep 0.5
  done
  docker logs "$name" 2>&1 | tail -n 20 | sed 's/^/  serve: /'
  return 1
}
serve_down() { docker stop "$name" >/dev/null 2>&1 || true; docker rm -f "$name" >/dev/null 2>&1 || true; }
cds_ok=false
if serve_up; then
  first="$(docker exec "$name" cat /proc/1/cmdline | tr '\0' ' ')"
  serve_down
  if [[ "$first" == *"-XX:ArchiveClassesAtExit=/data/cache/serve.jsa"* ]] \
      && run -v "$vol:/data" --entrypoint test "$IMAGE" -s /data/cache/serve.jsa && serve_up; then
    next="$(docker exec "$name" cat /proc/1/cmdline | tr '\0' ' ')"
    rss="$(docker exec "$name" grep VmRSS /proc/1/status | tr -s ' \t' ' ')"
    serve_down
    if [[ "$next" == *"-XX:SharedArchiveFile=/data/cache/serve.jsa"* ]]; then
      cds_ok=true
      ok "serve wrote its archive to /data/cache at docker stop; the next container maps it ($rss)"
    fi
  fi
fi
serve_down
docker volume rm "$vol" >/dev/null 2>&1 || true
[ "$cds_ok" = true ] || bad "serve's own AppCDS archive in /data/cache"

t1=$(date +%s%N)
run "$IMAGE" users list >/dev/null 2>&1 || true
ok "users list in a new container: $(( ($(date +%s%N) - t1) / 1000000 )) ms (docker run included)"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
