#!/usr/bin/env bash
# Times a newcomer's first `make run`, cold: a fresh clone of this repository, an empty target dir,
# the build `make run` does (`cargo build --tests`), then the exhibit under Xvfb until its first
# screen (attract.png) is on disk; then the same build again, warm (what `make run` costs after
# `make test`). Run it with nothing else building. Needs Xvfb (make test installs it).
#   tools/first-run-time.sh            prints the times; removes the clone and target dir after
#   tools/first-run-time.sh --keep-target DIR
#                                      builds into DIR (which must not exist yet) and keeps it,
#                                      e.g. to refill CI's target dir after a profile change
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

target="$work/target"
if [[ "${1:-}" == --keep-target ]]; then
  target=$(realpath -m -- "${2:?"--keep-target needs a directory"}")
  if [[ -e "$target" ]]; then
    echo "$target exists: a cold build needs a target dir that does not exist yet" >&2
    exit 1
  fi
fi

git clone -q "$repo" "$work/clone"
cd "$work/clone"
export CARGO_TARGET_DIR="$target"

Xvfb :98 -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!

start=$(date +%s.%N)
/usr/bin/time -f "cpu: %U s user, %S s system" cargo build --tests --quiet
built=$(date +%s.%N)

mkdir -p "$work/shots"
DISPLAY=:98 timeout 120 "$CARGO_TARGET_DIR/debug/tourcentre" exhibit --screenshot-dir "$work/shots" >/dev/null 2>&1 &
exhibit=$!
until [[ -f "$work/shots/attract.png" ]]; do
  kill -0 "$exhibit" 2>/dev/null || { echo "the exhibit ended before its first screen" >&2; exit 1; }
  sleep 0.1
done
shown=$(date +%s.%N)
kill "$exhibit"

again=$(date +%s.%N)
cargo build --tests --quiet
warm=$(date +%s.%N)

echo "cold build: $(echo "$built - $start" | bc) s; first screen $(echo "$shown - $built" | bc) s after it"
echo "make run's build again (warm): $(echo "$warm - $again" | bc) s"
