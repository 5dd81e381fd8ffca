#!/usr/bin/env bash
# HTTP serving benchmark (issues 9 and 11): Reel on SQLite and on PostgreSQL + S3 in one run, with
# its peers, on a seeded catalogue of a stated size.
#
# 1. Data: `reel seed --videos VIDEOS --users USERS --events EVENTS` (the bulk seeder: rows written
#    straight through the stores, one shared clip as the media of the first videos, recommenders
#    trained once; see Sources/ReelServer/BulkSeeder.swift). The SQLite catalogue is kept in
#    .build-bench/ and reused by later runs with the same sizes. For the PostgreSQL engine the
#    script starts a throw-away PostgreSQL (Tests/Postgres/start-postgres.sh) and SeaweedFS S3
#    gateway (Tests/S3/start-seaweedfs.sh), seeds fresh databases and buckets, serves media through
#    Reel (proxy mode, no redirect), and stops both afterwards.
# 2. Peers, in the same run: a bare Hummingbird hello-world (Benchmarks/HTTP/Hello) for /healthz,
#    and nginx serving the same MP4 file for the Range read (sendfile on, access log off).
# 3. wrk (THREADS threads, CONNECTIONS connections, DURATION per row, loopback) on /healthz,
#    Popular, signed-in For You, GET /v1/videos/{id} and a 64 KiB Range read of media; then
#    writes: likes (likes.lua, a new user × video pair per request) and watch events (events.lua,
#    EVENT_BATCH events per request, each with its own idempotency key). Server CPU per request
#    comes from /proc, since wrk shares the cores with the server.
# 4. Fixed offered rate (issue 11): h2load --h1 opens RATE connections a second, one request each,
#    for RATE_SECONDS, and logs every response time; p50/p99 from that log (open loop, so a slow
#    server cannot slow the load down).
# 5. SQLite engine only: resident memory with IDLE_CONNECTIONS idle keep-alive connections
#    (idle.py), and heap allocations per request counted exactly with perf uprobes on libc's
#    allocators over REQUESTS requests on one keep-alive connection.
#
# Environment: ENGINES ("sqlite postgres"), VIDEOS (100000), USERS (10000), EVENTS (300000),
# DURATION (20s), THREADS (2), CONNECTIONS (32), RATE (500), RATE_SECONDS (10), IDLE_CONNECTIONS
# (10000), REQUESTS (200), TOKENS (64 signed-in users for the write rows), EVENT_BATCH (10),
# PORT (21400; this and the next four), PG_PORT (54405), LABEL, OUT (Benchmarks/results/http.md),
# PROFILE_DIR (perf record -g profiles of each Reel wrk row), REEL, HELLO.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reel="${REEL:-$root/.build/release/reel}"
engines="${ENGINES:-sqlite postgres}"
videos="${VIDEOS:-100000}"; users="${USERS:-10000}"; events="${EVENTS:-300000}"
# The PostgreSQL catalogue is seeded afresh on every run (about a row write per round trip); a run
# on a busy machine may give it a smaller size, which the results then state.
pg_videos="${PG_VIDEOS:-$videos}"; pg_users="${PG_USERS:-$users}"; pg_events="${PG_EVENTS:-$events}"
duration="${DURATION:-20s}"; threads="${THREADS:-2}"; connections="${CONNECTIONS:-32}"
rate="${RATE:-500}"; rate_seconds="${RATE_SECONDS:-10}"; idle_connections="${IDLE_CONNECTIONS:-10000}"
requests="${REQUESTS:-200}"; token_count="${TOKENS:-64}"; event_batch="${EVENT_BATCH:-10}"
port="${PORT:-21400}"; pg_port="${PG_PORT:-54405}"
label="${LABEL:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
out="${OUT:-$root/Benchmarks/results/http.md}"
work="$(mktemp -d)"
pids=()
weed_pid=""; weed_dir=""; pg_started=""
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ -n "$weed_pid" ]; then kill -9 "$weed_pid" 2>/dev/null || true; rm -rf "$weed_dir"; fi
    if [ -n "$pg_started" ]; then "$root/Tests/Postgres/start-postgres.sh" stop || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$root/scripts/install-deps.sh" wrk nginx linux-perf nghttp2-client eatmydata postgresql python3-venv curl
if [ ! -x "$reel" ]; then swift build -c release --product reel --package-path "$root" >&2; fi
hello="${HELLO:-$root/.build-bench/hello/release/Hello}"
if [ ! -x "$hello" ]; then swift build -c release --package-path "$here/Hello" --scratch-path "$root/.build-bench/hello" >&2; fi
# The idle-connection row needs one descriptor per connection on both ends.
ulimit -n "$(( idle_connections * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"

reel_port=$port; hello_port=$((port + 1)); nginx_port=$((port + 2))
wait_for() { for _ in $(seq 1 600); do curl -fs "$1" > /dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime, in clock ticks
hz="$(getconf CLK_TCK)"
seconds="${duration%s}"
declare -A rps p50 p99 cpu allocs fixed loads

# --- Peers ----------------------------------------------------------------------------------------
"$hello" "$hello_port" > "$work/hello.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$hello_port/healthz"

# run_wrk key url [wrk options…]: throughput and latency; for Reel also its CPU time per request.
run_wrk() {
    local key="$1" url="$2" output before=0 after=0 count profiler=""
    shift 2
    if [ -n "${reel_pid:-}" ] && [[ "$url" == "$base"* ]]; then
        before="$(ticks "$reel_pid")"
        if [ -n "${PROFILE_DIR:-}" ]; then
            mkdir -p "$PROFILE_DIR"
            perf record -q -e cpu-clock -F 499 -g -p "$reel_pid" -o "$PROFILE_DIR/perf.$key.data" -- sleep "$seconds" > /dev/null 2>&1 &
            profiler=$!
        fi
    fi
    output="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency "$url" "$@")"
    if [ -n "$profiler" ]; then wait "$profiler" || true; fi
    echo "$output" > "$work/wrk-$key.txt"
    if echo "$output" | grep -q "Non-2xx"; then echo "wrk $key: non-2xx answers: $output" >&2; exit 1; fi
    count="$(echo "$output" | awk '/requests in/ { print $1 }')"
    rps[$key]="$(echo "$output" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')"
    p50[$key]="$(echo "$output" | awk '$1 == "50%" { print $2 }')"
    p99[$key]="$(echo "$output" | awk '$1 == "99%" { print $2 }')"
    loads[$key]="$(load)"
    if [ -n "${reel_pid:-}" ] && [[ "$url" == "$base"* ]]; then
        after="$(ticks "$reel_pid")"
        cpu[$key]="$(awk "BEGIN { if ($count > 0) printf \"%.0f\", ($after - $before) / $hz * 1e6 / $count; else print \"–\" }")"
    fi
}

# run_rate key url [header]: p50/p99 at a fixed offered rate, one request per new connection.
run_rate() {
    local key="$1" url="$2" total=$((rate * rate_seconds)) result
    shift 2
    h2load --h1 -t 1 -c "$total" -n "$total" -r "$rate" --log-file "$work/h2load-$key.log" "$@" "$url" > "$work/h2load-$key.txt" 2>&1 || true
    result="$(python3 "$here/latency.py" "$work/h2load-$key.log")"
    fixed[$key]="$result"
}

# count_allocations key url [curl options…]: heap allocations per request (perf uprobes).
count_allocations() {
    local key="$1" url="$2" urls=() total libc events
    shift 2
    libc="$(ldd "$reel" | awk '$1 == "libc.so.6" { print $3 }')"
    for function in malloc calloc realloc posix_memalign; do perf probe -q -x "$libc" --add "reel_bench_$function=$function" 2> /dev/null || true; done
    events="probe_libc:reel_bench_malloc,probe_libc:reel_bench_calloc,probe_libc:reel_bench_realloc,probe_libc:reel_bench_posix_memalign"
    for _ in $(seq 1 "$requests"); do urls+=("$url"); done
    curl -fs "$@" "${urls[@]:0:20}" > /dev/null   # warm-up
    total="$(perf stat -x, -e "$events" -p "$reel_pid" -- curl -fs "$@" "${urls[@]}" 2>&1 > /dev/null \
        | awk -F, '$3 ~ /probe_libc/ { sum += $1 } END { print sum + 0 }' || echo 0)"
    allocs[$key]="$(awk "BEGIN { printf \"%.0f\", $total / $requests }")"
    for function in malloc calloc realloc posix_memalign; do perf probe -q -d "probe_libc:reel_bench_$function" 2> /dev/null || true; done
}

# --- One engine ------------------------------------------------------------------------------------
bench_engine() {
    local engine="$1" data="$work/data-$engine" env=() seed_log="$work/seed-$engine.log"
    if [ "$engine" = postgres ]; then
        local url
        url="$(REEL_TEST_POSTGRES_PORT="$pg_port" "$root/Tests/Postgres/start-postgres.sh")"
        pg_started=1
        for database in bench_us bench_eu bench_global bench_public; do
            psql -q "$url/postgres" -c "DROP DATABASE IF EXISTS reel_$database" -c "CREATE DATABASE reel_$database" > /dev/null
        done
        eval "$(REEL_TEST_S3_BUCKET_PREFIX=reel-bench- "$root/Tests/S3/start-seaweedfs.sh")"
        weed_pid="$REEL_TEST_S3_PID"; weed_dir="$REEL_TEST_S3_DIR"
        env=(REEL_PUBLIC_DATABASE_URL="$url/reel_bench_public")
        for region in us eu global; do
            local upper="${region^^}"
            env+=("REEL_${upper}_DATABASE_URL=$url/reel_bench_$region" "REEL_${upper}_S3_ENDPOINT=$REEL_TEST_S3_ENDPOINT"
                  "REEL_${upper}_S3_BUCKET=reel-bench-$region" "REEL_${upper}_S3_ACCESS_KEY_ID=$REEL_TEST_S3_ACCESS_KEY_ID"
                  "REEL_${upper}_S3_SECRET_ACCESS_KEY=$REEL_TEST_S3_SECRET_ACCESS_KEY" "REEL_${upper}_S3_REDIRECT=false")
        done
        env "${env[@]}" "$reel" seed --data-dir "$data" --videos "$pg_videos" --users "$pg_users" --events "$pg_events" > "$seed_log" 2>&1
    else
        local cache="$root/.build-bench/seed-sqlite-$videos-$users-$events"
        seed_log="$cache.log"
        if [ ! -f "$cache/.complete" ]; then
            rm -rf "$cache"
            # fsync off while seeding only (eatmydata): the catalogue is rebuilt if interrupted.
            eatmydata "$reel" seed --data-dir "$cache" --videos "$videos" --users "$users" --events "$events" > "$seed_log" 2>&1
            touch "$cache/.complete"
        fi
        cp -a "$cache" "$data"
    fi
    # No retrain during the rows: the seed trained and saved the recommenders once. Idle connections
    # may stay 5 minutes (default 30 s), so opening 10,000 of them on a busy machine keeps them all.
    # Log-ins from one address out of reach of the rate limit: the rows below log in TOKENS users from here.
    env "${env[@]}" REEL_RETRAIN_INTERVAL_SECONDS=86400 REEL_IDLE_TIMEOUT_SECONDS=300 LOG_LEVEL="${LOG_LEVEL:-info}" \
        REEL_RATE_LIMIT_LOGIN_IP=1000000/1 \
        "$reel" serve --data-dir "$data" --port "$reel_port" > "$work/reel-$engine.log" 2>&1 &
    reel_pid=$!
    pids+=("$reel_pid")
    base="http://127.0.0.1:$reel_port"
    wait_for "$base/healthz"

    # Tokens of TOKENS users, the IDs of 1000 popular videos, and one video that has media.
    : > "$work/tokens"
    for number in $(seq 0 $((token_count - 1))); do
        curl -fs -X POST "$base/v1/sessions" -H 'Content-Type: application/json' \
            -d "{\"handle\":\"bench_$number\",\"password\":\"reel-bench-password\"}" | json 'd["token"]' >> "$work/tokens"
    done
    token="$(head -1 "$work/tokens")"
    python3 - "$base" > "$work/videos" <<'PY'
import json, sys, urllib.request
base, cursor, ids = sys.argv[1], None, []
while len(ids) < 1000:
    url = f"{base}/v1/feed?kind=popular&limit=100" + (f"&cursor={cursor}" if cursor else "")
    page = json.load(urllib.request.urlopen(url))
    ids += [item["video"]["id"] for item in page["items"]]
    cursor = page.get("nextCursor")
    if not cursor:
        break
print("\n".join(ids))
PY
    local video=""
    for candidate in $(cat "$work/videos"); do
        if curl -fs -o /dev/null -r 0-0 "$base/v1/videos/$candidate/media"; then video="$candidate"; break; fi
    done
    [ -n "$video" ] || { echo "no seeded video with media among the popular ones" >&2; exit 1; }
    curl -fs "$base/v1/videos/$video/media" > "$work/clip-$engine.mp4"
    media_bytes="$(stat -c %s "$work/clip-$engine.mp4")"
    range_end=$(( media_bytes < 65536 ? media_bytes - 1 : 65535 ))

    if [ "$engine" = sqlite ]; then
        # nginx serves the very bytes Reel serves.
        mkdir -p "$work/www" "$work/nginx"
        cp "$work/clip-$engine.mp4" "$work/www/clip.mp4"
        chmod 755 "$work" "$work/www"; chmod 644 "$work/www/clip.mp4"
        cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    types { video/mp4 mp4; }
    server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
        nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
        pids+=($!)
        wait_for "http://127.0.0.1:$nginx_port/clip.mp4"
        local saved_pid="$reel_pid"; reel_pid=""
        run_wrk hello "http://127.0.0.1:$hello_port/healthz"
        run_wrk nginx "http://127.0.0.1:$nginx_port/clip.mp4" -H "Range: bytes=0-$range_end"
        reel_pid="$saved_pid"
    fi

    local e="$engine"
    run_wrk "$e.healthz" "$base/healthz"
    run_wrk "$e.popular" "$base/v1/feed?kind=popular"
    run_wrk "$e.foryou" "$base/v1/feed?kind=foryou" -H "Authorization: Bearer $token"
    run_wrk "$e.video" "$base/v1/videos/$video"
    run_wrk "$e.media" "$base/v1/videos/$video/media" -H "Range: bytes=0-$range_end"
    run_wrk "$e.likes" "$base/" -s "$here/likes.lua" -- "$work/tokens" "$work/videos" "$threads"
    run_wrk "$e.events" "$base/" -s "$here/events.lua" -- "$work/tokens" "$work/videos" "$threads" "$event_batch" "$label-$engine-$(date +%s)"

    run_rate "$e.healthz" "$base/healthz"
    run_rate "$e.popular" "$base/v1/feed?kind=popular"
    run_rate "$e.foryou" "$base/v1/feed?kind=foryou" -H "Authorization: Bearer $token"
    run_rate "$e.media" "$base/v1/videos/$video/media" -H "Range: bytes=0-$range_end"

    if [ "$engine" = sqlite ]; then
        idle_result="$(python3 "$here/idle.py" "$reel_pid" 127.0.0.1 "$reel_port" /healthz "$idle_connections")"
        count_allocations healthz "$base/healthz"
        count_allocations popular "$base/v1/feed?kind=popular"
        count_allocations foryou "$base/v1/feed?kind=foryou" -H "Authorization: Bearer $token"
        count_allocations media "$base/v1/videos/$video/media" -H "Range: bytes=0-$range_end"
    fi
    grep -E "^Seeded" "$seed_log" > "$work/seed-summary-$engine" 2>/dev/null || true

    kill "$reel_pid"; wait "$reel_pid" 2>/dev/null || true
    reel_pid=""
    if [ "$engine" = postgres ]; then
        kill -9 "$weed_pid" 2>/dev/null || true; rm -rf "$weed_dir"; weed_pid=""
        "$root/Tests/Postgres/start-postgres.sh" stop; pg_started=""
    fi
}

load_before="$(load)"
for engine in $engines; do bench_engine "$engine"; done
load_after="$(load)"

# --- Results --------------------------------------------------------------------------------------
ratio() { awk "BEGIN { if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"–\" }"; }
times() { awk "BEGIN { printf \"%.0f\", $1 * $2 }"; }
cell() { local key="$1"; [ -n "${rps[$key]:-}" ] && echo "${rps[$key]} | ${p50[$key]} | ${p99[$key]} | ${cpu[$key]:-–}" || echo "– | – | – | –"; }
fixed_cell() { local key="$1"; [ -n "${fixed[$key]:-}" ] && echo "${fixed[$key]}" | awk '{ printf "%s ms | %s ms | %d", $2, $3, $4 }' || echo "– | – | –"; }
machine="$(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM"
{
    echo "# HTTP serving on both engines ($label)"
    echo
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`Benchmarks/HTTP/run.sh\` on $machine, shared with other agents' builds"
    echo "(load average $load_before before the first row, $load_after after the last; each row's load is listed below)."
    echo "Release build of \`reel\`. Data, seeded for each engine by \`reel seed --videos V --users U --events E\` (the bulk"
    echo "seeder: rows written through the stores, no ffmpeg per video; one shared clip, $media_bytes bytes, is the media of the first"
    echo "videos; it also derives likes and follows from the events): **SQLite $videos videos, $users users, $events watch events**;"
    echo "**PostgreSQL $pg_videos videos, $pg_users users, $pg_events watch events**."
    echo "SQLite: files under the data directory, media on disk. PostgreSQL: PostgreSQL 15 on loopback (fsync off, throw-away),"
    echo "one database per region and one for the public index; media in SeaweedFS S3 buckets, served through Reel (no redirect)."
    for engine in $engines; do echo "Seeding, $engine: $(cat "$work/seed-summary-$engine" 2>/dev/null)."; done
    echo "(SQLite is seeded with fsync off through eatmydata and reused across runs; the server then runs with its normal durability.)"
    echo "wrk: $threads threads, $connections connections, $duration per row, on loopback, sharing the 2 cores with the server."
    echo
    echo "| route | SQLite req/s | p50 | p99 | CPU µs/req | PostgreSQL + S3 req/s | p50 | p99 | CPU µs/req | peer | peer req/s | SQLite ÷ peer |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"
    echo "| \`GET /healthz\` | $(cell sqlite.healthz) | $(cell postgres.healthz) | Hummingbird hello-world | ${rps[hello]:-–} | $(ratio "${rps[sqlite.healthz]:-0}" "${rps[hello]:-0}")× |"
    echo "| \`GET /v1/feed?kind=popular\` | $(cell sqlite.popular) | $(cell postgres.popular) | – | – | – |"
    echo "| \`GET /v1/feed?kind=foryou\` (signed in) | $(cell sqlite.foryou) | $(cell postgres.foryou) | – | – | – |"
    echo "| \`GET /v1/videos/{id}\` | $(cell sqlite.video) | $(cell postgres.video) | – | – | – |"
    echo "| \`GET /v1/videos/{id}/media\` 64 KiB Range | $(cell sqlite.media) | $(cell postgres.media) | nginx, same file | ${rps[nginx]:-–} | $(ratio "${rps[sqlite.media]:-0}" "${rps[nginx]:-0}")× |"
    echo "| likes: \`PUT /v1/videos/{id}/like\` | $(cell sqlite.likes) | $(cell postgres.likes) | – | – | – |"
    echo "| watch events: \`POST /v1/events\`, $event_batch a request | $(cell sqlite.events) | $(cell postgres.events) | – | – | – |"
    echo
    echo "Writes sustained over $duration: **likes/s** SQLite ${rps[sqlite.likes]:-–}, PostgreSQL ${rps[postgres.likes]:-–};"
    echo "**watch events/s** SQLite $(times "${rps[sqlite.events]:-0}" "$event_batch"), PostgreSQL $(times "${rps[postgres.events]:-0}" "$event_batch")"
    echo "($event_batch events per request, each with its own idempotency key, so all are stored). Likes come from $token_count"
    echo "signed-in users over the 1,000 most popular videos, a new (user, video) pair per request until all"
    echo "$((token_count * 1000)) pairs are used (later ones repeat: an idempotent no-op that still answers 200)."
    echo
    echo "**Fixed offered rate** (\`h2load --h1\`, $rate requests/s for $rate_seconds s, each on a new connection, open loop):"
    echo
    echo "| route | SQLite p50 | p99 | failed | PostgreSQL + S3 p50 | p99 | failed |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for route in healthz popular foryou media; do
        echo "| $route | $(fixed_cell "sqlite.$route") | $(fixed_cell "postgres.$route") |"
    done
    echo
    if [ -n "${idle_result:-}" ]; then
        read -r rss_before rss_after idle_open <<< "$idle_result"
        echo "**Memory** (SQLite): resident size $((rss_before / 1024)) MiB before, $((rss_after / 1024)) MiB with $idle_open idle keep-alive"
        echo "connections open (each had served one \`GET /healthz\`): $(( (rss_after - rss_before) * 1024 / idle_open )) bytes per connection."
        echo
        echo "**Heap allocations per request** (SQLite; malloc, calloc, realloc and posix_memalign counted with perf uprobes over"
        echo "$requests requests on one keep-alive connection after a warm-up): \`/healthz\` ${allocs[healthz]:-–}, Popular ${allocs[popular]:-–},"
        echo "For You ${allocs[foryou]:-–}, 64 KiB Range read ${allocs[media]:-–}."
        echo
    fi
    echo "Server CPU is the user + system time of \`reel serve\` during the row (all threads, from /proc) divided by the"
    echo "requests wrk completed; it varies less with the machine's load than req/s does. Load average at the end of each row:"
    for key in $(printf '%s\n' "${!loads[@]}" | sort); do printf -- "%s %s; " "$key" "${loads[$key]}"; done | sed 's/; $/./'
    echo
} > "$out"
cat "$out"
