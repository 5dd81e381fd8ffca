#!/usr/bin/env bash
# Runs the ReelRank benchmarks (release build, one core) and writes Benchmarks/results/rank.md.
# Scale is set by environment: VIDEOS, USERS, EVENTS (serving), ANN_COUNT, ANN_QUERIES, ALS_EPOCHS.
# The peer scripts pip-install hnswlib and implicit themselves if they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="${RANK_BENCH_SCRATCH:-/tmp/reel-rank-bench}"
data="${RANK_BENCH_DATA:-$root/../shared/data/movietweetings/ratings-early30.csv}"
videos="${VIDEOS:-1000000}" users="${USERS:-100000}" events="${EVENTS:-10000000}"
ann_count="${ANN_COUNT:-100000}" ann_queries="${ANN_QUERIES:-1000}" als_epochs="${ALS_EPOCHS:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$here" --scratch-path "$scratch" >&2
bin="$scratch/release/RankBench"
# Pin everything to one core so the figures are per core, Swift and Python alike.
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

out="$root/Benchmarks/results/rank.md"
mkdir -p "$(dirname "$out")"
{
    echo "# ReelRank benchmarks"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc --all), $(free -g | awk '/Mem:/ {print $2}') GiB RAM; every run pinned to one core"
    echo "- toolchain: $(swift --version 2>&1 | head -1); $(python3 --version)"
    echo "- produced by \`Benchmarks/Rank/run.sh\` (release build)"
    echo
    echo "## Nearest-neighbour search (HNSW, inner product, M=16, efConstruction=100)"
    echo
    echo "$ann_count clustered random vectors of dimension 32 (256 centres + noise), $ann_queries queries, recall@10 against exact search; both libraries get the same vectors, queries and ground truth, one query per call."
    echo
    "${pin[@]}" "$bin" ann "$work" "$ann_count" 32 "$ann_queries"
    "${pin[@]}" python3 "$here/ann_peer.py" "$work" 32
    echo
    echo "## Embedding training (implicit ALS) on the MovieTweetings time split"
    echo
    echo "First 80 % of \`ratings-early30.csv\` by time for training (strength = rating / 10, confidence = 1 + 10 × strength, 32 factors, λ = 0.1, 3 CG steps), recall@20 over the scored users of the last 20 % (relevant = rating ≥ 7, training items excluded)."
    echo
    echo "| implementation | factors | epochs | ms per epoch | recall@20 |"
    echo "|---|---:|---:|---:|---:|"
    "${pin[@]}" "$bin" als "$data" "$work" "$als_epochs"
    "${pin[@]}" python3 "$here/als_peer.py" "$work" "$als_epochs"
    echo
    echo "## Serving: online updates and For You latency"
    echo
    echo "Synthetic world (\`SyntheticWorld\`, seed 11). Events are folded one by one through \`Recommender.record\`; then the first \`retrain()\` (3 ALS epochs + HNSW build); then three times 1 % more events and a periodic \`retrain()\` (3 warm ALS epochs + incremental HNSW update); then 2 000 For You requests (limit 20, 10 % of them for users never seen), one thread."
    echo
    "${pin[@]}" "$bin" serving "$videos" "$users" "$events"
} > "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out" >&2
