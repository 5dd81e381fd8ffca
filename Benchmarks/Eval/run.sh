#!/usr/bin/env bash
# Offline evaluation in one run: Reel + Swift baselines and implicit's ALS/BPR on the same time
# split, for real behaviour (MovieTweetings) and the synthetic world; first on the validation split
# (cut from the training period, where settings are chosen), then once on the test split.
# Writes Benchmarks/results/eval.md.
#
# The Swift side is `RankBench eval` (Benchmarks/Rank), which makes the same library calls as
# `reel eval` (TimeSplit, Evaluator.baselines(), ReelOfflineRecommender() with the server's
# RecommenderConfig()) but builds only ReelRank, in its own scratch directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${EVAL_DATA:-$root/../shared/data/movietweetings/ratings-early30.csv}"
scratch="${RANK_BENCH_SCRATCH:-/tmp/reel-rank-bench}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root/Benchmarks/Rank" --scratch-path "$scratch" >&2
bench="$scratch/release/RankBench"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

# The synthetic test run also exports its log for the Python peer.
"$bench" eval synthetic test 10,20 "$work/synthetic.csv" > "$work/synthetic-test.md"

out="$root/Benchmarks/results/eval.md"
mkdir -p "$(dirname "$out")"
{
    echo "# Offline evaluation"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc --all), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
    echo "- toolchain: $(swift --version 2>&1 | head -1); $(python3 --version)"
    echo "- protocol: docs/evaluation.md (time split 80/20, training items excluded, recall@K = hits / min(K, |relevant|)); settings chosen on the validation split only"
    echo "- produced by \`Benchmarks/Eval/run.sh\`: \`RankBench eval\` (the library calls of \`reel eval\`) and \`Benchmarks/Eval/implicit_peer.py\` in the same run"
    echo "- Reel runs \`RecommenderConfig()\`, the configuration the server runs"
    echo
    echo "## Real behaviour: MovieTweetings early 30 % ($(($(wc -l < "$data") - 1)) ratings; relevant = rating ≥ 7)"
    echo
    echo "### Validation split (first 80 % of the training period trains, its last 20 % validates)"
    echo
    "$bench" eval "$data" validation 20
    echo
    echo "#### implicit (PyPI) ALS and BPR, same validation split"
    echo
    python3 "$here/implicit_peer.py" "$data" --k 20 --validation
    echo
    echo "### Test split (reel eval: first 80 % trains, last 20 % tests)"
    echo
    "$bench" eval "$data" test 10,20
    echo
    echo "#### implicit (PyPI) ALS and BPR, same split and metrics"
    echo
    python3 "$here/implicit_peer.py" "$data" --k 10,20
    echo
    echo "## Synthetic world (60000 watch sessions over 14 days; relevant = completed watch, weight ≥ 1)"
    echo
    echo "### Validation split"
    echo
    "$bench" eval synthetic validation 20
    echo
    echo "#### implicit (PyPI) ALS and BPR, same validation split"
    echo
    python3 "$here/implicit_peer.py" "$work/synthetic.csv" --k 20 --positive-threshold 1 --validation
    echo
    echo "### Test split"
    echo
    cat "$work/synthetic-test.md"
    echo
    echo "#### implicit (PyPI) ALS and BPR, same split and metrics"
    echo
    python3 "$here/implicit_peer.py" "$work/synthetic.csv" --k 10,20 --positive-threshold 1
} > "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out" >&2
