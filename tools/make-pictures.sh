#!/usr/bin/env bash
# Regenerates the PNG pictures under assets/ from Fluent Emoji Flat (MIT), as listed in
# tools/pictures.tsv. A name written own:NAME is one of our own drawings, tools/pictures/NAME.svg,
# made in the same flat style for items the emoji set lacks. Needs npm (the npm registry) and rsvg-convert (Debian package librsvg2-bin).
# Usage: tools/make-pictures.sh [SIZE]   (default 256 px square, transparent background)
set -euo pipefail
size=${1:-256}
root=$(cd "$(dirname "$0")/.." && pwd)
package=fluentui-emoji@1.3.0
command -v rsvg-convert >/dev/null || { echo "rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz)
count=0
while IFS=$'\t' read -r asset name; do
  [[ -z "$asset" || "$asset" == \#* ]] && continue
  if [[ "$name" == own:* ]]; then
    svg="$root/tools/pictures/${name#own:}.svg"
    [[ -f "$svg" ]] || { echo "no drawing $svg (for $asset)" >&2; exit 1; }
  else
    svg="$work/package/icons/flat/$name.svg"
    [[ -f "$svg" ]] || { echo "no emoji \"$name\" in $package (for $asset)" >&2; exit 1; }
  fi
  mkdir -p "$root/assets/$(dirname "$asset")"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" -o "$root/assets/$asset"
  count=$((count + 1))
done < "$root/tools/pictures.tsv"
echo "wrote $count pictures of ${size}px from $package and tools/pictures/"
