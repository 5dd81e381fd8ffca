#!/usr/bin/env bash
# Offline evaluation in one run: Reel + Swift baselines and implicit's ALS/BPR on the same time
# split, for real behaviour (MovieTweetings, under the standard and the strict protocol) and the
# synthetic world; peers tuned on the validation split (cut from the training period, where
# settings are chosen), then every recommender measured once on the test split.
# Writes Benchmarks/results/eval.md.
#
# The Swift side is `RankBench eval` (Benchmarks/Rank), which makes the same library call as
# `reel eval` (EvaluationRun with the server's RecommenderConfig()) but builds only ReelRank, in
# its own scratch directory.
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

# The synthetic run also exports its log for the Python peer.
"$bench" eval synthetic standard 10,20 "$work/synthetic.csv" > "$work/synthetic-standard.md"

out="$root/Benchmarks/results/eval.md"
mkdir -p "$(dirname "$out")"
{
    echo "# Offline evaluation"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc --all), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
    echo "- toolchain: $(swift --version 2>&1 | head -1); $(python3 --version)"
    echo "- protocols: docs/evaluation.md. **standard** (the common one): relevant = every test interaction on an item seen in training; **strict** (Reel's earlier one): relevant = test weight ≥ threshold, cold items included. Time split 80/20, training items excluded, recall@K = hits / min(K, |relevant|)."
    echo "- every peer's settings (trending window or half-life, item-kNN neighbours, implicit's factors, regularisation, confidence scale, learning rate) and Reel's were chosen on the validation split cut from the training period; the test split was measured once"
    echo "- produced by \`Benchmarks/Eval/run.sh\`: \`RankBench eval\` (the library call \`EvaluationRun\` of \`reel eval\`) and \`Benchmarks/Eval/implicit_peer.py\` in the same run"
    echo "- Reel runs \`RecommenderConfig()\`, the configuration the server runs"
    for protocol in standard strict; do
        echo
        echo "## Real behaviour: MovieTweetings early 30 % ($(($(wc -l < "$data") - 1)) ratings), $protocol protocol"
        echo
        "$bench" eval "$data" "$protocol" 10,20
        echo
        echo "#### implicit (PyPI) ALS and BPR, same splits, tuned on validation"
        echo
        python3 "$here/implicit_peer.py" "$data" --k 10,20 --protocol "$protocol"
    done
    echo
    echo "## Synthetic world (60000 watch sessions over 14 days), standard protocol"
    echo
    cat "$work/synthetic-standard.md"
    echo
    echo "#### implicit (PyPI) ALS and BPR, same splits, tuned on validation"
    echo
    python3 "$here/implicit_peer.py" "$work/synthetic.csv" --k 10,20 --protocol standard
} > "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out" >&2
