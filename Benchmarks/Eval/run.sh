#!/usr/bin/env bash
# Offline evaluation in one run: `reel eval` (Reel + Swift baselines) and implicit's ALS/BPR
# on the same time split, for real behaviour (MovieTweetings) and the synthetic world.
# Writes Benchmarks/results/eval.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${EVAL_DATA:-$root/../shared/data/movietweetings/ratings-early30.csv}"
sessions="${SYNTHETIC_SESSIONS:-60000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product reel >&2
reel="$root/.build/release/reel"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

out="$root/Benchmarks/results/eval.md"
mkdir -p "$(dirname "$out")"
{
    echo "# Offline evaluation"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc --all), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
    echo "- toolchain: $(swift --version 2>&1 | head -1); $(python3 --version)"
    echo "- protocol: docs/evaluation.md (time split 80/20, training items excluded, recall@K = hits / min(K, |relevant|))"
    echo "- produced by \`Benchmarks/Eval/run.sh\`: \`reel eval\` and \`Benchmarks/Eval/implicit_peer.py\` in the same run"
    echo
    echo "## Real behaviour: MovieTweetings early 30 % ($(($(wc -l < "$data") - 1)) ratings; relevant = rating ≥ 7)"
    echo
    echo "### reel eval (Reel and Swift baselines)"
    echo
    "$reel" eval --events "$data" --k 10,20
    echo
    echo "### implicit (PyPI) ALS and BPR, same split and metrics"
    echo
    python3 "$here/implicit_peer.py" "$data" --k 10,20
    echo
    echo "## Synthetic world ($sessions watch sessions over 14 days; relevant = completed watch, weight ≥ 1)"
    echo
    echo "### reel eval (Reel and Swift baselines)"
    echo
    "$reel" eval --synthetic --sessions "$sessions" --export "$work/synthetic.csv" --k 10,20
    echo
    echo "### implicit (PyPI) ALS and BPR, same split and metrics"
    echo
    python3 "$here/implicit_peer.py" "$work/synthetic.csv" --k 10,20 --positive-threshold 1
} > "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out" >&2
