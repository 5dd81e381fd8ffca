#!/usr/bin/env bash
# Runs the ReelRank benchmarks (release build) side by side with their peers in the same run and
# writes Benchmarks/results/rank.md. Peers: hnswlib and implicit from PyPI, installed by this script
# into a virtual environment under .build-bench/ (python3-venv, from scripts/install-deps.sh).
# Scale is set by environment: VIDEOS, USERS, EVENTS (serving), ANN_COUNT/ANN_DIM and
# ANN_LARGE_COUNT/ANN_LARGE_DIM (the two nearest-neighbour data sets; ANN_LARGE_COUNT=0 skips the
# second), ANN_QUERIES, ALS_EPOCHS. Full scale (the defaults) takes well over an hour on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="${RANK_BENCH_SCRATCH:-/tmp/reel-rank-bench}"
data="${RANK_BENCH_DATA:-$root/../shared/data/movietweetings/ratings-early30.csv}"
videos="${VIDEOS:-1000000}" users="${USERS:-100000}" events="${EVENTS:-10000000}"
ann_count="${ANN_COUNT:-100000}" ann_dim="${ANN_DIM:-32}"
ann_large_count="${ANN_LARGE_COUNT:-1000000}" ann_large_dim="${ANN_LARGE_DIM:-64}"
ann_queries="${ANN_QUERIES:-1000}" als_epochs="${ALS_EPOCHS:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$here" --scratch-path "$scratch" >&2
bin="$scratch/release/RankBench"
venv="$root/.build-bench/venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy scipy hnswlib implicit >&2
python="$venv/bin/python"
# Nearest neighbours and ALS run pinned to one core, Swift and Python alike; serving gets both
# cores, for its one-thread-against-two throughput figure.
one=() both=()
if command -v taskset >/dev/null; then one=(taskset -c 0) both=(taskset -c 0,1); fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

ann() { # count dim
    local dir="$work/ann-$1-$2"
    mkdir -p "$dir"
    echo "### $1 clustered vectors of dimension $2"
    echo
    echo "256 cluster centres plus noise, $ann_queries queries, recall@10 against exact search; both libraries get the same vectors, queries and ground truth, one query per call. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    "${one[@]}" "$bin" ann "$dir" "$1" "$2" "$ann_queries"
    "${one[@]}" "$python" "$here/ann_peer.py" "$dir" "$2"
    echo
}

out="$root/Benchmarks/results/rank.md"
mkdir -p "$(dirname "$out")"
{
    echo "# ReelRank benchmarks"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc --all), $(free -g | awk '/Mem:/ {print $2}') GiB RAM; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- toolchain: $(swift --version 2>&1 | head -1); $("$python" --version)"
    echo "- produced by \`Benchmarks/Rank/run.sh\` (release build); times are CPU seconds of the process (and wall seconds), since the machine may be shared"
    echo
    echo "## Nearest-neighbour search (HNSW, inner product, M=16, efConstruction=100, one core)"
    echo
    ann "$ann_count" "$ann_dim"
    if [ "$ann_large_count" -gt 0 ]; then ann "$ann_large_count" "$ann_large_dim"; fi
    echo "## Embedding training (implicit ALS) on the MovieTweetings time split (one core)"
    echo
    echo "First 80 % of \`ratings-early30.csv\` by time for training (confidence = 1 + 10 × rating / 10, 32 factors, λ = 0.01 (implicit's default), 3 CG steps), recall@20 over the scored users of the last 20 % (relevant = rating ≥ 7, training items excluded)."
    echo
    "${one[@]}" "$bin" als "$data" "$work" "$als_epochs"
    "${one[@]}" "$python" "$here/als_peer.py" "$work" "$als_epochs"
    echo
    echo "## Serving: online updates, retrains and For You"
    echo
    echo "Synthetic world (\`SyntheticWorld\`, seed 11). Events are folded one by one through \`Recommender.record\`; then the first \`retrain()\` (3 ALS epochs + HNSW build); then three times 1 % more events and a periodic \`retrain()\` (3 warm ALS epochs + incremental HNSW update; during the fourth, a second thread requests For You throughout); then 2 000 For You requests (limit 20, 10 % of them for users never seen) on one thread, and the throughput of two threads against one. Retrain times are wall / CPU seconds of the retraining thread. Load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    "${both[@]}" "$bin" serving "$videos" "$users" "$events"
    echo
    echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$out.partial"
mv "$out.partial" "$out"
echo "wrote $out" >&2
