#!/usr/bin/env bash
# Generates the exhibit's synthetic voice clips with espeak-ng: assets/voice/{uk,en}/<key>.ogg,
# one per line of `tourcentre voice script`, then stamps them (made-from.tsv) as made by espeak-ng.
#
# These are placeholders until the centre records a person (README "Voice"). A clip a person
# recorded (made-from.tsv says who, not espeak-ng) is never overwritten; a synthetic clip is made
# again only when it is missing or its text changed. Needs: espeak-ng, vorbis-tools (oggenc).
#
#   tools/make-voice.sh                 both languages, the bundled scenario
#   tools/make-voice.sh --lang en       one language
#   TOURCENTRE=target/debug/tourcentre tools/make-voice.sh   a given binary (default: cargo run)
set -euo pipefail
cd "$(dirname "$0")/.."

langs=(uk en)
if [[ "${1:-}" == "--lang" && -n "${2:-}" ]]; then
  langs=("$2")
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
  # Keys whose clip a person made: left alone.
  declare -A recorded=()
  if [[ -f "$dir/made-from.tsv" ]]; then
    while IFS=$'\t' read -r key _hash by _text; do
      [[ "$key" == \#* || -z "$key" ]] && continue
      [[ "$by" != "espeak-ng" ]] && recorded[$key]=1
    done <"$dir/made-from.tsv"
  fi
  # Only what is missing or changed (all of it the first time).
  "${tourcentre[@]}" --lang "$lang" voice script --missing >"$work/script.tsv"
  total=$(wc -l <"$work/script.tsv")
  made=()
  n=0
  while IFS=$'\t' read -r key text; do
    n=$((n + 1))
    if [[ -n "${recorded[$key]:-}" ]]; then
      echo "  $lang $key: recorded by a person, kept (its text changed: record it again)"
      continue
    fi
    printf '\r  %s: %d/%d %s\033[K' "$lang" "$n" "$total" "$key" >&2
    espeak-ng -v "${voice[$lang]}" -s "$rate" -w "$work/clip.wav" -- "$text"
    oggenc --quiet --quality 0 --resample 16000 -o "$work/clip.ogg" "$work/clip.wav"
    mv "$work/clip.ogg" "$dir/$key.ogg"
    made+=("$key")
  done <"$work/script.tsv"
  printf '\n' >&2
  unset recorded
  if ((${#made[@]} > 0)); then
    "${tourcentre[@]}" --lang "$lang" voice stamp --by espeak-ng "${made[@]}"
  fi
  echo "$lang: ${#made[@]} clips made"
done
