#!/usr/bin/env bash
# The centre server's performance figures (issue "The centre server").
#
#   tools/bench-server.sh
#
# Builds the release server without the exhibit, fills a temporary data dir with 300,000 visits
# (1 January to today, deterministic), signs a guide in, starts `tourcentre serve` on a free
# loopback port and loads it with wrk (keep-alive connections, loopback only):
#
#   today   GET /today with the guide's session cookie        1 and 50 connections
#   status  GET /api/v1/status with the guide's API token     1, 10 and 50 connections
#
# Each run is a warm-up (WARMUP, default 2 s) and then a measured run (DURATION, default 10 s),
# with `wrk --latency`. Prints requests/s, p50 and p99 per run, the server's VmRSS idle after
# start and idle after the load, and each target met or missed. The server is killed and the
# temporary directory removed on exit (KEEP=1 keeps the directory: data, CSV, server log).
#
# Environment: CARGO_TARGET_DIR (default ~/.cache/tourcentre/target), VISITS (default 300000),
# DURATION and WARMUP (wrk's -d), KEEP.
#
# Targets (2-core machine): today p99 < 25 ms at 50 connections; status p50 < 10 ms at one
# connection over 300,000 visits; idle VmRSS < 60 MB after start and after the load.
# Note that wrk runs on the same two cores as the server: req/s are for the pair.

set -euo pipefail

VISITS=${VISITS:-300000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
HOST=127.0.0.1 # loopback only, never another address

say() { printf '%s\n' "$*" >&2; }
die() {
    say "bench-server: $*"
    exit 1
}

# --- wrk ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        say "bench-server: installing wrk from Debian"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        say "bench-server: wrk is missing; install it with:"
        say "    sudo apt-get install -y wrk"
        exit 1
    fi
fi
command -v curl >/dev/null 2>&1 || die "curl is missing (sudo apt-get install -y curl)"

# --- the release server, without bevy ---------------------------------------------------------
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/tourcentre/target}
say "bench-server: cargo build --release --no-default-features (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
build_log=$(mktemp "${TMPDIR:-/tmp}/tourcentre-bench-build.XXXXXX")
if ! (cd "$ROOT" && cargo build --release --no-default-features) >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    rm -f "$build_log"
    die "the build failed"
fi
rm -f "$build_log"
BIN=$CARGO_TARGET_DIR/release/tourcentre
[ -x "$BIN" ] || die "$BIN was not built"

# --- a temporary data dir, killed and removed on exit ---------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tourcentre-bench.XXXXXX")
DATA=$WORK/data
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then say "bench-server: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
tc() { "$BIN" --data-dir "$DATA" "$@"; }

# --- 300,000 visits, 1 January to today (the centre's day is Kyiv's; UTC is never ahead) -----
TODAY=$(TZ=Europe/Kyiv date +%F)
CSV=$WORK/visits.csv
awk -v n="$VISITS" -v today="$TODAY" '
BEGIN {
    split(today, t, "-"); y = t[1] + 0; tm = t[2] + 0; td = t[3] + 0
    split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
    if ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) len[2] = 29
    days = 0
    for (m = 1; m <= 12; m++) for (d = 1; d <= len[m]; d++) {
        if (m > tm || (m == tm && d > td)) break
        date[days++] = sprintf("%04d-%02d-%02d", y, m, d)
    }
    split("school student adult family other", cat, " ")
    print "date,count,category,note"
    for (i = 0; i < n; i++)
        printf "%s,%d,%s,%s\n", date[i % days], 1 + (i * 7919) % 40, cat[1 + int(i / days) % 5], \
            (i % 10 == 0 ? "bench " i : "")
}' >"$CSV"
say "bench-server: importing $VISITS visits (1 January to $TODAY) into $DATA"
started=$(date +%s.%N)
tc visitors import "$CSV" >/dev/null
IMPORT_S=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# --- a guide and a token --------------------------------------------------------------------
PASSWORD=bench-guide-password
echo "$PASSWORD" | tc user add olena --role guide --password-stdin >/dev/null
TOKEN=$(tc user token olena 2>/dev/null | grep -o 'tc_[A-Za-z0-9_-]*' | head -n1)
[ -n "$TOKEN" ] || die "no API token"

# --- the server on a free loopback port (port 0: the kernel picks) ----------------------------
LOG=$WORK/server.log
"$BIN" --data-dir "$DATA" serve --listen "$HOST:0" 2>"$LOG" &
SERVER_PID=$!
URL=
for _ in $(seq 300); do
    URL=$(grep -o "serving http://$HOST:[0-9]*" "$LOG" | head -n1 | sed 's/^serving //') || true
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG" >&2; die "the server did not start"; }
    sleep 0.1
done
[ -n "$URL" ] || die "the server did not say it was serving within 30 s"
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status"; }
sleep 1
RSS_START=$(rss)

# --- sign in as a browser does: the login form's cookie and csrf, then the new session ---------
headers=$WORK/headers
page=$(curl -sS --max-time 10 -D "$headers" "$URL/login")
cookie=$(grep -io '^set-cookie: *tc_session=[^;]*' "$headers" | head -n1 | sed 's/^[^:]*: *//')
csrf=$(printf '%s' "$page" | grep -o 'name="csrf"[^>]*' | grep -o 'value="[^"]*"' | head -n1 | sed 's/^value="//; s/"$//')
[ -n "$cookie" ] && [ -n "$csrf" ] || die "GET /login gave no tc_session cookie or csrf field"
code=$(curl -sS --max-time 10 -o /dev/null -D "$headers" -w '%{http_code}' -H "Cookie: $cookie" \
    --data-urlencode username=olena --data-urlencode "password=$PASSWORD" \
    --data-urlencode "csrf=$csrf" "$URL/login")
[ "$code" = 303 ] || die "POST /login answered $code, not 303"
SESSION=$(grep -io '^set-cookie: *tc_session=[^;]*' "$headers" | head -n1 | sed 's/^[^:]*: *//')
[ -n "$SESSION" ] || die "POST /login set no tc_session cookie"
code=$(curl -sS --max-time 60 -o /dev/null -w '%{http_code}' -H "Cookie: $SESSION" "$URL/today")
[ "$code" = 200 ] || die "GET /today with the session answered $code"
status_json=$(curl -sS --max-time 60 -H "Authorization: Bearer $TOKEN" "$URL/api/v1/status")
# The load runs over every imported visit: the API's total is the CSV's.
expected=$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$CSV")
got=$(printf '%s' "$status_json" | grep -o '"visitors_to_date": *[0-9]*' | grep -o '[0-9]*$') || true
[ "$got" = "$expected" ] || die "GET /api/v1/status counts ${got:-?} visitors, the CSV has $expected: $status_json"

# --- the load ---------------------------------------------------------------------------------
# wrk's latencies come as 812.00us, 1.23ms or 1.05s: in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
        else if (v ~ /m$/) printf "%.2f", v * 60000; else printf "%.2f", v * 1000 }'
}
ROWS=()
declare -A P50 P99
run() { # name connections path header
    local name=$1 conns=$2 path=$3 header=$4 threads=2 out
    [ "$conns" -lt "$threads" ] && threads=$conns
    # Whatever an earlier run left queued in the server is done before this one's warm-up ends:
    # one request waits behind it.
    curl -sS -o /dev/null --max-time 60 -H "$header" "$URL$path"
    # wrk's default 2 s timeout would leave the slowest answers out of the percentiles.
    wrk -t"$threads" -c"$conns" -d"$WARMUP" --timeout 30s -H "$header" "$URL$path" >/dev/null
    out=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 30s --latency -H "$header" "$URL$path")
    if printf '%s' "$out" | grep -q 'Non-2xx'; then
        printf '%s\n' "$out" >&2
        die "$name at $conns connections: answers other than 2xx"
    fi
    local rps p50 p99 errors
    rps=$(printf '%s' "$out" | awk '/^Requests\/sec:/ { printf "%.1f", $2 }')
    p50=$(to_ms "$(printf '%s' "$out" | awk '$1 == "50%" { print $2 }')")
    p99=$(to_ms "$(printf '%s' "$out" | awk '$1 == "99%" { print $2 }')")
    errors=$(printf '%s' "$out" | awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10; f = 1 } END { if (!f) print 0 }')
    P50[$name/$conns]=$p50
    P99[$name/$conns]=$p99
    ROWS+=("$(printf '%-8s %5s %10s %9s %9s %7s' "$name" "$conns" "$rps" "$p50" "$p99" "$errors")")
    say "  $name, $conns connection(s): $rps req/s, p50 $p50 ms, p99 $p99 ms, $errors socket errors"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "bench-server: wrk at $URL ($WARMUP warm-up, then $DURATION each)"
run today 1 /today "Cookie: $SESSION"
run today 50 /today "Cookie: $SESSION"
run status 1 /api/v1/status "Authorization: Bearer $TOKEN"
run status 10 /api/v1/status "Authorization: Bearer $TOKEN"
run status 50 /api/v1/status "Authorization: Bearer $TOKEN"
sleep 2
RSS_AFTER=$(rss)
RSS_PEAK=$(hwm)

# --- the figures ------------------------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%d kB (%.1f MiB)", k, k / 1024 }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? "met" : "MISSED" }'; }
echo
echo "tourcentre serve, $(nproc) cores, $(date +%F), $VISITS visits (imported in $IMPORT_S s), wrk $DURATION per run"
echo "load average before the runs: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-8s %5s %10s %9s %9s %7s\n' scenario conns "req/s" "p50 ms" "p99 ms" errors
printf '%s\n' "${ROWS[@]}"
echo
echo "VmRSS idle after start: $(mb "$RSS_START"); idle after the load: $(mb "$RSS_AFTER"); peak (VmHWM): $(mb "$RSS_PEAK")"
echo
echo "targets:"
echo "  today p99 at 50 connections < 25 ms: ${P99[today/50]} ms, $(verdict "${P99[today/50]}" 25)"
echo "  status p50 at 1 connection < 10 ms: ${P50[status/1]} ms, $(verdict "${P50[status/1]}" 10)"
echo "  idle VmRSS < 60 MB (60,000 kB): $RSS_START / $RSS_AFTER kB, $(verdict "$(( RSS_START > RSS_AFTER ? RSS_START : RSS_AFTER ))" 60000)"
