#!/usr/bin/env python3
"""Turns accounts.py's JSON into the Markdown table of Benchmarks/results/accounts.md (on stdout).

Usage: report.py RESULTS_JSON

Per (bcrypt cost, phase, variant): p50 and p99 over every measured request of every round (pooled),
and the median over the rounds of requests/s and of server CPU per request. The two ratio columns
divide each variant's p50 and CPU by the first variant's.
"""
import json
import statistics
import sys

PHASES = [
    ("signup", "sign-up `POST /v1/accounts`"),
    ("login_handle", "log-in by handle `POST /v1/sessions`"),
    ("login_email", "log-in by email `POST /v1/sessions`"),
    ("me", "`GET /v1/me`"),
]


def percentile(ordered, fraction):
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    with open(sys.argv[1]) as file:
        results = json.load(file)
    variants = results["variants"]
    costs = sorted({run["cost"] for run in results["runs"]}, reverse=True)
    print(f"| bcrypt cost | request | build | p50 ms | p99 ms | req/s | server CPU ms/req | p50 ÷ {variants[0]} | CPU ÷ {variants[0]} |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    for cost in costs:
        for phase, title in PHASES:
            base = None
            for name in variants:
                runs = [run["phases"][phase] for run in results["runs"] if run["variant"] == name and run["cost"] == cost]
                if not runs:
                    continue
                ordered = sorted(latency for run in runs for latency in run["latencies"])
                p50, p99 = percentile(ordered, 0.5) * 1000, percentile(ordered, 0.99) * 1000
                rate = statistics.median(run["requests"] / run["seconds"] for run in runs)
                cpu = statistics.median(run["cpu_ms"] for run in runs)
                base = base or (p50, cpu)
                ratio = f"{p50 / base[0]:.2f}× | {cpu / base[1]:.2f}×" if base[0] > 0 and base[1] > 0 else "– | –"
                print(f"| {cost} | {title} | {name} ({len(ordered)} requests) | {p50:.2f} | {p99:.2f} | {rate:.0f} | {cpu:.2f} | {ratio} |")


if __name__ == "__main__":
    main()
