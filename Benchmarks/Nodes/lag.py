#!/usr/bin/env python3
"""Replication lag between two `reel serve` nodes (Benchmarks/Nodes/run.sh); Python 3 stdlib only.

Usage: lag.py A_BASE B_BASE USERS SECONDS RATE BATCH INTERVAL

Signs in up to 64 seeded users (bench_N) on node A, takes video IDs from A's Popular feed, then sends
`POST /v1/events` (BATCH events a request, each with its own id) to A at RATE requests a second for
SECONDS, open loop from a small thread pool. Meanwhile one sampler thread asks A and then B for
`GET /healthz/log` every INTERVAL seconds, until B has caught up with A's last head after the load.

Lag, from the samples, over every region's log:
- sequences behind: at each sample, A's logHead minus B's appliedSequence, summed over the regions;
- time: for each A sample whose head moved, the time until the first B sample whose appliedSequence
  reached that head (so the figures are upper bounds, coarse by about one sampling interval).
Prints a Markdown table on stdout.
"""
import json
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def call(method, url, body=None, token=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.load(response)


def positions(base):
    """{region: (logHead, appliedSequence)} from GET /healthz/log."""
    _, body = call("GET", base + "/healthz/log")
    return {entry["region"]: (entry["logHead"], entry["appliedSequence"]) for entry in body["regions"]}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main():
    a, b, users, seconds, rate, batch, interval = sys.argv[1:8]
    users, seconds, rate, batch, interval = int(users), float(seconds), float(rate), int(batch), float(interval)
    tokens = [call("POST", a + "/v1/sessions", {"handle": f"bench_{n}", "password": "reel-bench-password"})[1]["token"]
              for n in range(min(users, 64))]
    _, page = call("GET", a + "/v1/feed?kind=popular&limit=100")
    videos = [item["video"]["id"] for item in page["items"]]
    if not videos:
        sys.exit("no videos in A's Popular feed")

    samples = []  # (monotonic time, A positions, time of B read, B positions)
    load_done = threading.Event()
    sent, failed = [0], [0]
    lock = threading.Lock()

    def sample():
        while True:
            started = time.monotonic()
            head = positions(a)
            seen = time.monotonic()
            applied = positions(b)
            samples.append((started, head, seen, applied))
            if load_done.is_set() and all(applied[r][1] >= head[r][0] for r in head):
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))

    def post(n):
        events = [{"id": f"lag-{run}-{n}-{k}", "videoID": videos[(n * batch + k) % len(videos)],
                   "watchedMs": 1000 + (n + k) % 3000, "durationMs": 4000, "completed": (n + k) % 3 == 0}
                  for k in range(batch)]
        try:
            status, _ = call("POST", a + "/v1/events", {"events": events}, tokens[n % len(tokens)])
            ok = status == 200
        except Exception:
            ok = False
        with lock:
            sent[0] += 1
            failed[0] += 0 if ok else 1

    run = int(time.time())
    sampler = threading.Thread(target=sample)
    sampler.start()
    begun = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        n = 0
        while time.monotonic() - begun < seconds:
            pool.submit(post, n)
            n += 1
            time.sleep(max(0.0, begun + n / rate - time.monotonic()))
    elapsed = time.monotonic() - begun
    load_done.set()
    sampler.join(timeout=120)

    behind = [sum(max(0, head[r][0] - applied[r][1]) for r in head) for _, head, _, applied in samples]
    lags, last = [], {}
    for i, (t, head, _, _) in enumerate(samples):
        for region, (log_head, _) in head.items():
            if log_head == last.get(region):
                continue
            last[region] = log_head
            reached = next((seen for _, _, seen, applied in samples[i:] if applied[region][1] >= log_head), None)
            if reached is not None and log_head > 0:
                lags.append((reached - t) * 1000)
    caught = [s for s in samples if all(s[3][r][1] >= s[1][r][0] for r in s[1])]
    heads = samples[-1][1] if samples else {}

    def ms(values, fraction):
        return f"{percentile(values, fraction):.0f} ms"

    print("| measurement | value |")
    print("|---|---:|")
    print(f"| watch-event requests sent to A | {sent[0]} in {elapsed:.1f} s ({sent[0] / elapsed:.0f} req/s, {batch} events each; {failed[0]} failed) |")
    print(f"| log entries at the end (logHead, all regions) | {sum(h for h, _ in heads.values())} |")
    print(f"| samples of A and B (`GET /healthz/log`, every {interval * 1000:.0f} ms) | {len(samples)} |")
    print(f"| sequences behind (A logHead − B appliedSequence): p50 | {percentile(behind, 0.5)} |")
    print(f"| sequences behind: p99 | {percentile(behind, 0.99)} |")
    print(f"| sequences behind: max | {max(behind) if behind else '–'} |")
    print(f"| time until B applied A's sampled head ({len(lags)} heads): p50 | {ms(lags, 0.5)} |")
    print(f"| time until B applied A's sampled head: p99 | {ms(lags, 0.99)} |")
    print(f"| time until B applied A's sampled head: max | {max(lags):.0f} ms |" if lags else "| max | – |")
    print(f"| B caught up after the load ended | {'yes' if caught and caught[-1] is samples[-1] else 'no'}"
          f" ({(samples[-1][2] - begun - elapsed) * 1000:.0f} ms after the last request was sent) |")


if __name__ == "__main__":
    main()
