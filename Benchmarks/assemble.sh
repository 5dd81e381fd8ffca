#!/usr/bin/env bash
# Rebuilds BENCHMARKS.md from Benchmarks/summary.md and the suites' result files (Benchmarks/results),
# without running anything: `make bench` calls it after the suites; run it alone after one suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
{
    cat "$here/summary.md"
    for result in "$here/results/eval.md" "$here/results/rank.md" "$here/results/media.md" "$here/results/http.md" "$here/results/guard.md" "$here/results/accounts.md" "$here/results/nodes.md"; do
        echo
        # Demote the result files' headings by one level under the summary.
        sed 's/^#/##/' "$result"
    done
} > "$root/BENCHMARKS.md"
echo "wrote $root/BENCHMARKS.md" >&2
