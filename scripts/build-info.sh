#!/bin/sh
# Writes the git commit of the source tree as a properties file for `--version` (run by Maven at
# generate-resources). Without git or outside a git checkout (a source tarball, a Docker build context
# without .git) it writes "unknown". Always exits 0. Usage: scripts/build-info.sh OUTPUT_FILE
out="$1"
dir="$(cd "$(dirname "$0")/.." && pwd)"
commit=unknown
dirty=false
if command -v git >/dev/null 2>&1 && c="$(git -C "$dir" rev-parse --short=12 HEAD 2>/dev/null)"; then
  commit="$c"
  if [ -n "$(git -C "$dir" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    dirty=true
  fi
fi
mkdir -p "$(dirname "$out")"
printf '# written by scripts/build-info.sh\ngit.commit.id.abbrev=%s\ngit.dirty=%s\n' "$commit" "$dirty" >"$out"
