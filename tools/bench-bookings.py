#!/usr/bin/env python3
"""The teachers' slot list under a booking window's first morning, on loopback only.

Fills a temporary data dir with 2,000 bookings through the API (as a guide; capacity 80 a slot,
so that they fit in the 90 days' slots), then loads `GET /api/v1/booking-slots` for the whole
window (90 days, no `from`/`to`: what /book's data is made of) with wrk: 50 keep-alive connections,
a 2 s warm-up, then 10 s measured. Prints requests/s, p50 and p99 (target p99 < 50 ms), and how
long the 2,000 bookings took to keep.

Usage: tools/bench-bookings.py [path/to/tourcentre]   (default: the release build in
$CARGO_TARGET_DIR; `cargo build --release` makes it). Needs wrk (Debian package wrk). Standard
library only. wrk runs on the same cores as the server: req/s are for the pair.
"""

import json
import os
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from benchlib import run, serving

BOOKINGS = 2000
CONNECTIONS = 50


def post(url, token, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def wrk(url):
    subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d2s", url], capture_output=True, check=True)
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", "-d10s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def at(q):
        value, unit = re.search(rf"\s{q}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, at(50), at(99)


def main():
    data = tempfile.mkdtemp(prefix="tourcentre-bookings.")
    with open(os.path.join(data, "visitors.ron"), "w", encoding="utf-8") as calendar:
        calendar.write("(target: 27000, bookings: (capacity: 80))\n")
    run(data, "user", "add", "bench", "--role", "guide", "--password-stdin",
        stdin="bench-password\n")
    token = run(data, "user", "token", "bench")
    with serving(data) as base:
        with urllib.request.urlopen(base + "/api/v1/booking-slots", timeout=30) as answer:
            slots = json.load(answer)
        started = time.time()
        kept = 0
        for n in range(BOOKINGS):
            slot = slots[n % len(slots)]
            status = post(base + "/api/v1/bookings", token, {
                "date": slot["date"], "time": slot["time"], "group": "school", "size": 3,
                "adults": 0, "organisation": "Bench school", "contact_name": "Bench",
                "phone": f"+380 67 {n:07d}", "lang": "uk", "consent": True})
            kept += status == 201
        seeding = time.time() - started
        rate, p50, p99 = wrk(base + "/api/v1/booking-slots")
        print(f"{kept} bookings kept in {seeding:.1f} s ({kept / seeding:.0f} a second), "
              f"{len(slots)} slots in the window")
        print(f"GET /api/v1/booking-slots, {CONNECTIONS} connections: {rate:.0f} requests/s, "
              f"p50 {p50:.2f} ms, p99 {p99:.2f} ms "
              f"({'met' if p99 < 50 else 'MISSED'}: p99 < 50 ms)")


if __name__ == "__main__":
    main()
