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
"$here/Accounts/run.sh"
"$here/Nodes/run.sh"

"$here/assemble.sh"
