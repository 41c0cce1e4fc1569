#!/usr/bin/env bash
# Generates the exhibit's synthetic voice clips with espeak-ng: assets/voice/{uk,en}/<key>.ogg,
# one per line of `tourcentre voice script`, then stamps them (made-from.tsv) as made by espeak-ng.
#
# These are placeholders until the centre records a person (README "Voice"). A clip is made when
# it is missing, or made again when its text changed and the file is still the one espeak-ng made
# (made-from.tsv says espeak-ng and holds the file's SHA-256 as stamped). Any other clip (recorded
# by a person, stamped or not yet) is never overwritten. Needs: espeak-ng, vorbis-tools (oggenc).
#
#   tools/make-voice.sh                 both languages, the bundled scenario
#   tools/make-voice.sh --lang en       one language
#   TOURCENTRE=target/debug/tourcentre tools/make-voice.sh   a given binary (default: cargo run)
set -euo pipefail
cd "$(dirname "$0")/.."

langs=(uk en)
if [[ $# -gt 0 ]]; then
  if [[ $# -eq 2 && "$1" == "--lang" && ( "$2" == uk || "$2" == en ) ]]; then
    langs=("$2")
  else
    echo "usage: tools/make-voice.sh [--lang uk|en]" >&2
    exit 2
  fi
fi

for tool in espeak-ng oggenc; do
  if ! command -v "$tool" >/dev/null; then
    echo "make-voice: $tool is missing. Install it: sudo apt-get install espeak-ng vorbis-tools" >&2
    exit 1
  fi
done

if [[ -n "${TOURCENTRE:-}" ]]; then
  tourcentre=("$TOURCENTRE")
else
  cargo build --quiet --no-default-features
  tourcentre=("${CARGO_TARGET_DIR:-target}/debug/tourcentre")
fi

# espeak-ng's voices: Ukrainian, and British English; a slower rate for young listeners.
declare -A voice=([uk]=uk [en]=en-gb)
rate=135

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for lang in "${langs[@]}"; do
  dir="assets/voice/$lang"
  mkdir -p "$dir"
  # Clips still as espeak-ng made them: key -> the file's hash as stamped.
  declare -A synthetic=()
  if [[ -f "$dir/made-from.tsv" ]]; then
    while IFS=$'\t' read -r key _hash by clip _text || [[ -n "$key" ]]; do
      [[ "$key" == \#* || -z "$key" ]] && continue
      [[ "$by" == "espeak-ng" ]] && synthetic[$key]=$clip
    done <"$dir/made-from.tsv"
  fi
  # Only what is missing or changed (all of it the first time).
  "${tourcentre[@]}" --lang "$lang" voice script --missing >"$work/script.tsv"
  total=$(wc -l <"$work/script.tsv")
  made=()
  n=0
  while IFS=$'\t' read -r key text || [[ -n "$key" ]]; do
    n=$((n + 1))
    clip="$dir/$key.ogg"
    if [[ -f "$clip" ]]; then
      now=$(sha256sum "$clip" | cut -c1-16)
      if [[ "${synthetic[$key]:-}" != "$now" ]]; then
        echo "  $lang $key: not espeak-ng's clip (a recording?), kept; record it again for its new text, then: tourcentre --lang $lang voice stamp $key" >&2
        continue
      fi
    fi
    printf '\r  %s: %d/%d %s\033[K' "$lang" "$n" "$total" "$key" >&2
    espeak-ng -v "${voice[$lang]}" -s "$rate" -w "$work/clip.wav" -- "$text"
    oggenc --quiet --quality 0 --resample 16000 -o "$work/clip.ogg" "$work/clip.wav"
    mv "$work/clip.ogg" "$dir/$key.ogg"
    made+=("$key")
  done <"$work/script.tsv"
  printf '\n' >&2
  unset synthetic
  if ((${#made[@]} > 0)); then
    "${tourcentre[@]}" --lang "$lang" voice stamp --by espeak-ng "${made[@]}"
  fi
  echo "$lang: ${#made[@]} clips made"
done
