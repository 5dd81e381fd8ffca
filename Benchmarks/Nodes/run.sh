#!/usr/bin/env bash
# Replication lag between two nodes (issue 9): two release `reel serve` processes, A and B, on one
# throw-away PostgreSQL (Tests/Postgres/start-postgres.sh) and SeaweedFS S3 (Tests/S3/start-seaweedfs.sh),
# set up as in Tests/ReelServerTests/TwoNodeTests.swift (REEL_MULTI_NODE=1, shared databases, buckets
# and token secret) with the default log poll (REEL_LOG_POLL_SECONDS 0.5). `reel seed` writes a small
# catalogue; lag.py then sends watch events to A at a steady rate and samples `GET /healthz/log` on A
# (logHead) and B (appliedSequence): how far, in sequences and in milliseconds, B trails A.
# Writes Benchmarks/results/nodes.md.
# Environment: VIDEOS (1000), USERS (200), EVENTS (10000), DURATION (20 s of load), RATE (50 requests/s),
# BATCH (5 events a request), INTERVAL (0.05 s between samples), POLL (0.5), PORT (21800 and 21801),
# PG_PORT (54407), S3_PORT_BASE (21810, eight ports), REEL, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reel="${REEL:-$root/.build/release/reel}"
videos="${VIDEOS:-1000}"; users="${USERS:-200}"; events="${EVENTS:-10000}"
seconds="${DURATION:-20}"; rate="${RATE:-50}"; batch="${BATCH:-5}"; interval="${INTERVAL:-0.05}"
poll="${POLL:-0.5}"; port="${PORT:-21800}"; pg_port="${PG_PORT:-54407}"
out="${OUT:-$root/Benchmarks/results/nodes.md}"
work="$(mktemp -d)"
pids=(); weed_pid=""; weed_dir=""; pg_started=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "$weed_pid" ]; then kill -9 "$weed_pid" 2>/dev/null || true; rm -rf "$weed_dir"; fi
    if [ -n "$pg_started" ]; then "$root/Tests/Postgres/start-postgres.sh" stop || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$root/scripts/install-deps.sh" postgresql python3-venv curl
if [ ! -x "$reel" ]; then swift build -c release --product reel --package-path "$root" >&2; fi
wait_for() { for _ in $(seq 1 600); do curl -fs "$1" > /dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

url="$(REEL_TEST_POSTGRES_PORT="$pg_port" "$root/Tests/Postgres/start-postgres.sh")"
pg_started=1
for database in nodes_us nodes_eu nodes_global nodes_public; do
    psql -q "$url/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS reel_$database" -c "CREATE DATABASE reel_$database" > /dev/null
done
eval "$(SEAWEEDFS_PORT_BASE="${S3_PORT_BASE:-$((port + 10))}" REEL_TEST_S3_BUCKET_PREFIX=reel-nodes- "$root/Tests/S3/start-seaweedfs.sh")"
weed_pid="$REEL_TEST_S3_PID"; weed_dir="$REEL_TEST_S3_DIR"
env=(REEL_MULTI_NODE=1 REEL_LOG_POLL_SECONDS="$poll" REEL_TOKEN_SECRET="nodes-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
     REEL_WEB_DIR= REEL_RETRAIN_INTERVAL_SECONDS=86400 REEL_PUBLIC_DATABASE_URL="$url/reel_nodes_public")
# Rate limits out of reach: the benchmark's clients sign up and act far faster than people.
for action in LOGIN LOGIN_IP SIGNUP UPLOAD COMMENT REPORT FOLLOW; do env+=("REEL_RATE_LIMIT_$action=1000000/1"); done
for region in us eu global; do
    upper="${region^^}"
    env+=("REEL_${upper}_DATABASE_URL=$url/reel_nodes_$region" "REEL_${upper}_S3_ENDPOINT=$REEL_TEST_S3_ENDPOINT"
          "REEL_${upper}_S3_BUCKET=reel-nodes-$region" "REEL_${upper}_S3_ACCESS_KEY_ID=$REEL_TEST_S3_ACCESS_KEY_ID"
          "REEL_${upper}_S3_SECRET_ACCESS_KEY=$REEL_TEST_S3_SECRET_ACCESS_KEY")
    # Both nodes (and the seeder) use the region's one custodian: each node's own children would hold different keys.
    "$reel" custodian serve --region "$region" --data-dir "$work/custodian-$region" --socket "$work/custodian-$region.sock" \
        > "$work/custodian-$region.log" 2>&1 &
    pids+=($!)
    env+=("REEL_${upper}_CUSTODIAN_SOCKET=$work/custodian-$region.sock"
          "REEL_${upper}_CUSTODIAN_CREDENTIAL_FILE=$work/custodian-$region/app-credential")
done
for region in us eu global; do
    for _ in $(seq 1 1200); do [ -S "$work/custodian-$region.sock" ] && [ -s "$work/custodian-$region/app-credential" ] && break; sleep 0.1; done
done
env "${env[@]}" "$reel" seed --data-dir "$work/seed" --videos "$videos" --users "$users" --events "$events" --media-copies 0 \
    > "$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }

for node in a b; do
    node_port=$port; [ "$node" = b ] && node_port=$((port + 1))
    env "${env[@]}" "$reel" serve --data-dir "$work/$node" --port "$node_port" > "$work/reel-$node.log" 2>&1 &
    pids+=($!)
done
wait_for "http://127.0.0.1:$port/healthz"; wait_for "http://127.0.0.1:$((port + 1))/healthz"

table="$(python3 "$here/lag.py" "http://127.0.0.1:$port" "http://127.0.0.1:$((port + 1))" "$users" "$seconds" "$rate" "$batch" "$interval")"
{
    echo "# Replication lag between two nodes"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nproc $(nproc), $(free -g | awk '/Mem:/{print $2}') GiB RAM; load average at start: $load_at_start"
    echo "- toolchain: $(swift --version 2>&1 | head -1)"
    echo "- setup: two release \`reel serve\` processes (A, B) with REEL_MULTI_NODE=1 on one PostgreSQL $(psql -tAc 'SHOW server_version' "$url/postgres" | cut -d' ' -f1) (throw-away cluster, fsync off) and one SeaweedFS S3, all on this machine; B follows each region's behaviour log by polling every ${poll} s (REEL_LOG_POLL_SECONDS, the default)"
    echo "- data: \`reel seed --videos $videos --users $users --events $events --media-copies 0\`: $videos public videos, $users accounts over the three regions, $events watch events already in the logs (no media: only the logs are under test)"
    echo "- load: \`POST /v1/events\` to A, $rate requests/s of $batch events for ${seconds} s (open loop, 64 signed-in users, Python urllib); \`GET /healthz/log\` on A then B every $(python3 -c "print(round($interval * 1000))") ms"
    echo "- a time lag is measured from an A sample whose head moved to the first B sample that had applied it, so it includes up to one sampling interval; with a ${poll} s poll, about ${poll} s is the expected ceiling plus the time to apply a batch"
    echo "- figures move between runs on this shared 2-core machine (other builds and tests run beside it)"
    echo
    echo "$table"
} > "$out"
cat "$out"
