#!/usr/bin/env python3
"""The centre server under its kiosks' load, on loopback only.

- Uploads: play sessions in batches as kiosks send them (200 rounds of 8 answers a batch, about
  60 KiB), from 4 kiosks at once; reports sessions stored per second.
- Heartbeats: 100 stations send one heartbeat each at the same moment; reports p50 and p99.

Usage: tools/bench-stations.py [path/to/tourcentre]   (default: the release build; build it with
`cargo build --release --no-default-features`). Standard library only. Bounded: well under a
minute once built.
"""

import concurrent.futures
import datetime
import json
import statistics
import tempfile
import time
import urllib.request
import uuid

from benchlib import run, serving

KIOSKS = 4
BATCHES_PER_KIOSK = 10
BATCH = 200
STATIONS = 100


def post(url, token, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def session():
    now = datetime.datetime.now(datetime.timezone.utc)
    return {
        "id": str(uuid.uuid4()), "audience": "older", "lang": "uk", "tour_id": None,
        "started_at": (now - datetime.timedelta(minutes=3)).isoformat(),
        "ended_at": now.isoformat(), "completed": True, "scenario": "khmelnytskyi",
        "answers": [{"item": f"item-{i}", "right_bin": "glass", "chosen": ["glass"]}
                    for i in range(8)],
    }


def main():
    data = tempfile.mkdtemp(prefix="tourcentre-stations.")
    tokens = [run(data, "station", "add", f"hall-{n}") for n in range(STATIONS)]
    with serving(data) as base:
        batches = [[session() for _ in range(BATCH)]
                   for _ in range(KIOSKS * BATCHES_PER_KIOSK)]
        size = len(json.dumps({"sessions": batches[0]}))

        def kiosk(k):
            accepted = 0
            for b in range(BATCHES_PER_KIOSK):
                receipt = post(base + "/api/v1/play-sessions", tokens[k],
                               {"sessions": batches[k * BATCHES_PER_KIOSK + b]})
                accepted += receipt["accepted"]
            return accepted

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(KIOSKS) as pool:
            accepted = sum(pool.map(kiosk, range(KIOSKS)))
        took = time.perf_counter() - started
        print(f"uploads: {accepted} sessions in {took:.2f} s = {accepted / took:.0f} sessions/s "
              f"({KIOSKS} kiosks at once, batches of {BATCH} sessions, {size // 1024} KiB each)")

        beat = {"version": "0.1.0", "scenario": "khmelnytskyi", "rounds_today": 3, "outbox": 0,
                "uptime_s": 60}

        def heartbeat(token):
            start = time.perf_counter()
            post(base + "/api/v1/heartbeat", token, beat)
            return (time.perf_counter() - start) * 1000

        with concurrent.futures.ThreadPoolExecutor(STATIONS) as pool:
            times = sorted(pool.map(heartbeat, tokens))
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"heartbeats: {STATIONS} stations at once: p50 {statistics.median(times):.1f} ms, "
              f"p99 {p99:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
