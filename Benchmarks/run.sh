#!/usr/bin/env bash
# `make bench`: runs every benchmark suite, then rebuilds BENCHMARKS.md from their result files.
# Full scale takes a long time (1 M videos, 10 M events); set VIDEOS/USERS/EVENTS smaller to try it out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

"$here/Eval/run.sh"
"$here/Rank/run.sh"
"$here/Media/run.sh"
"$here/HTTP/run.sh"
"$here/Guard/run.sh"

{
    cat "$here/summary.md"
    for result in "$here/results/eval.md" "$here/results/rank.md" "$here/results/media.md" "$here/results/http.md" "$here/results/guard.md"; do
        echo
        # Demote the result files' headings by one level under the summary.
        sed 's/^#/##/' "$result"
    done
} > "$root/BENCHMARKS.md"
echo "wrote $root/BENCHMARKS.md" >&2
