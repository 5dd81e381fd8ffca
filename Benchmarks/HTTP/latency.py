"""p50/p99 from an h2load --log-file (Benchmarks/HTTP/run.sh).

Usage: latency.py LOGFILE. Columns: start µs, status, µs until the end of the response.
Prints: requests p50_ms p99_ms failed (non-2xx or failed streams).
"""
import sys

times, failed = [], 0
with open(sys.argv[1]) as log:
    for line in log:
        fields = line.split()
        if len(fields) < 3:
            continue
        if not fields[1].startswith("2"):
            failed += 1
            continue
        times.append(int(fields[2]) / 1000)
times.sort()


def percentile(p):
    return times[min(len(times) - 1, int(len(times) * p))] if times else float("nan")


print(len(times), f"{percentile(0.50):.2f}", f"{percentile(0.99):.2f}", failed)
