#!/usr/bin/env bash
# HTTP serving benchmark (issue 11): Reel's per-request cost against peers in the same run.
#
# 1. Seeds a scratch data directory with `reel seed` (the demo catalogue: 9 users, 18 clips plus
#    synthetic watches; USERS_PER_REGION / VIDEOS_PER_USER make it bigger) and starts the release
#    `reel serve` on it.
# 2. Peers: a bare Hummingbird hello-world (Benchmarks/HTTP/Hello, built in release here) answering
#    /healthz, and nginx serving the same MP4 file Reel serves (sendfile on, access log off).
# 3. wrk (THREADS threads, CONNECTIONS connections, DURATION per run) against
#    /healthz (Reel vs hello-world), a 64 KiB Range read (Reel vs nginx), Popular and signed-in For You.
#    wrk shares the machine's cores with the server, so req/s is also a function of load; the
#    server's own CPU time per request (from /proc) is recorded with it and varies less.
# 4. Heap allocations per request, counted exactly with perf uprobes on libc's allocators over
#    REQUESTS requests on one keep-alive connection. (Callgrind, which the issue suggests for
#    instruction counts, crashes on Swift 6.3 binaries with Debian 12's valgrind 3.19.)
#
# Environment: REEL (default .build/release/reel), HELLO (default built into .build-bench/hello),
# DURATION (default 20s), THREADS (2), CONNECTIONS (32), PORT (first of four ports; default 18300),
# REQUESTS (default 200), LABEL (a name for this run in the table; default the git commit),
# OUT (default Benchmarks/results/http.md), SEEDED_DATA (a data directory `reel seed` made, copied
# instead of seeding again), PROFILE_DIR (records `perf record -g` profiles of each Reel wrk run there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reel="${REEL:-$root/.build/release/reel}"
duration="${DURATION:-20s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
port="${PORT:-18300}"
requests="${REQUESTS:-200}"
label="${LABEL:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
out="${OUT:-$root/Benchmarks/results/http.md}"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk > /dev/null && command -v nginx > /dev/null && command -v perf > /dev/null \
    || "$root/scripts/install-deps.sh" wrk nginx linux-perf
if [ ! -x "$reel" ]; then swift build -c release --product reel --package-path "$root" >&2; fi
hello="${HELLO:-$root/.build-bench/hello/release/Hello}"
if [ ! -x "$hello" ]; then swift build -c release --package-path "$here/Hello" --scratch-path "$root/.build-bench/hello" >&2; fi

reel_port=$port; hello_port=$((port + 1)); nginx_port=$((port + 2)); grind_port=$((port + 3))
wait_for() { for _ in $(seq 1 300); do curl -fs "$1" > /dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- Data and servers ---------------------------------------------------------------------------
data="$work/data"
if [ -n "${SEEDED_DATA:-}" ]; then
    cp -a "$SEEDED_DATA" "$data"
else
    "$reel" seed --data-dir "$data" ${USERS_PER_REGION:+--users-per-region "$USERS_PER_REGION"} \
        ${VIDEOS_PER_USER:+--videos-per-user "$VIDEOS_PER_USER"} > "$work/seed.log" 2>&1
fi
LOG_LEVEL="${LOG_LEVEL:-info}" "$reel" serve --data-dir "$data" --port "$reel_port" > "$work/reel.log" 2>&1 &
pids+=($!)
"$hello" "$hello_port" > "$work/hello.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$reel_port"
wait_for "$base/healthz"
wait_for "http://127.0.0.1:$hello_port/healthz"

token="$(curl -fs -X POST "$base/v1/sessions" -H 'Content-Type: application/json' \
    -d '{"handle":"demo_us_1","password":"reel-demo-password"}' | json 'd["token"]')"
video="$(curl -fs "$base/v1/feed?kind=popular&limit=1" | json 'd["items"][0]["video"]["id"]')"
media_file="$(find "$data" -path "*/media/videos/*" -name "$video.mp4" | head -1)"
[ -n "$media_file" ] || { echo "no media file for $video" >&2; exit 1; }
video_count="$(find "$data" -path "*/media/*" -name '*.jpg' | wc -l)"
mkdir -p "$work/www" "$work/nginx"
cp "$media_file" "$work/www/clip.mp4"
# nginx's workers run as an unprivileged user: let them reach the file.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/clip.mp4"
# The same bytes Reel serves for /media (its default rendition): check rather than assume.
cmp -s <(curl -fs "$base/v1/videos/$video/media") "$work/www/clip.mp4" || { echo "nginx would serve other bytes than Reel" >&2; exit 1; }
media_bytes="$(stat -c %s "$work/www/clip.mp4")"
range_end=$(( media_bytes < 65536 ? media_bytes - 1 : 65535 ))
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

# --- wrk, CPU time and a profile -----------------------------------------------------------------
declare -A rps p50 p99 cpu allocs
reel_pid="${pids[0]}"
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime, in clock ticks
hz="$(getconf CLK_TCK)"
seconds="${duration%s}"
run_wrk() { # name url [header]: throughput and latency; for Reel also its CPU time per request
    local name="$1" url="$2" output before after requests profiler=""
    shift 2
    before="$(ticks "$reel_pid")"
    if [ -n "${PROFILE_DIR:-}" ] && [[ "$url" == "$base"* ]]; then
        mkdir -p "$PROFILE_DIR"
        perf record -q -e cpu-clock -F 499 -g -p "$reel_pid" -o "$PROFILE_DIR/perf.$name.data" -- sleep "$seconds" > /dev/null 2>&1 &
        profiler=$!
    fi
    output="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency "$@" "$url")"
    if [ -n "$profiler" ]; then wait "$profiler" || true; fi
    after="$(ticks "$reel_pid")"
    echo "$output" > "$work/wrk-$name.txt"
    requests="$(echo "$output" | awk '/requests in/ { print $1 }')"
    rps[$name]="$(echo "$output" | awk '/^Requests\/sec/ { printf "%.0f", $2 }')"
    p50[$name]="$(echo "$output" | awk '$1 == "50%" { print $2 }')"
    p99[$name]="$(echo "$output" | awk '$1 == "99%" { print $2 }')"
    cpu[$name]="$(awk "BEGIN { printf \"%.0f\", ($after - $before) / $hz * 1e6 / $requests }")"
    if echo "$output" | grep -q "Non-2xx"; then echo "wrk $name: non-2xx answers: $output" >&2; exit 1; fi
}
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
run_wrk hello "http://127.0.0.1:$hello_port/healthz"
run_wrk healthz "$base/healthz"
run_wrk nginx "http://127.0.0.1:$nginx_port/clip.mp4" -H "Range: bytes=0-$range_end"
run_wrk media "$base/v1/videos/$video/media" -H "Range: bytes=0-$range_end"
run_wrk popular "$base/v1/feed?kind=popular"
run_wrk foryou "$base/v1/feed?kind=foryou" -H "Authorization: Bearer $token"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- Heap allocations per request ------------------------------------------------------------------
# Counted exactly with uprobes on libc's allocators while one keep-alive connection sends the requests.
libc="$(ldd "$reel" | awk '$1 == "libc.so.6" { print $3 }')"
allocators=(malloc calloc realloc posix_memalign)
for function in "${allocators[@]}"; do perf probe -q -x "$libc" --add "reel_bench_$function=$function" 2> /dev/null || true; done
events="$(printf 'probe_libc:reel_bench_%s,' "${allocators[@]}")"
count_allocations() { # name url [curl options]
    local name="$1" url="$2" urls=() total
    shift 2
    for _ in $(seq 1 "$requests_counted"); do urls+=("$url"); done
    curl -fs "$@" "${urls[@]:0:20}" > /dev/null   # warm-up
    total="$(perf stat -x, -e "${events%,}" -p "$reel_pid" -- curl -fs "$@" "${urls[@]}" 2>&1 > /dev/null \
        | awk -F, '$3 ~ /probe_libc/ { sum += $1 } END { print sum + 0 }' || echo 0)"
    allocs[$name]="$(awk "BEGIN { printf \"%.0f\", $total / $requests_counted }")"
}
requests_counted="$requests"
count_allocations healthz "$base/healthz"
count_allocations media "$base/v1/videos/$video/media" -H "Range: bytes=0-$range_end"
count_allocations popular "$base/v1/feed?kind=popular"
count_allocations foryou "$base/v1/feed?kind=foryou" -H "Authorization: Bearer $token"
for function in "${allocators[@]}"; do perf probe -q -d "probe_libc:reel_bench_$function" 2> /dev/null || true; done

# --- Results ------------------------------------------------------------------------------------
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
{
    echo "# HTTP serving ($label)"
    echo
    echo "Measured $(date -u +%Y-%m-%d) by \`Benchmarks/HTTP/run.sh\` on $(nproc) cores of $cpu, shared with other builds"
    echo "(load average $load_before before the wrk runs, $load_after after). Data: \`reel seed\` demo catalogue,"
    echo "$video_count videos; the Range read is bytes 0-$range_end of a $media_bytes-byte MP4 (its default rendition)."
    echo "wrk: $threads threads, $connections connections, $duration per row, on loopback, sharing the cores with the server."
    echo
    echo "| route | req/s | p50 | p99 | peer | peer req/s | ratio | server CPU µs / request | allocations / request |"
    echo "|---|---:|---:|---:|---|---:|---:|---:|---:|"
    echo "| \`GET /healthz\` | ${rps[healthz]} | ${p50[healthz]} | ${p99[healthz]} | Hummingbird hello-world | ${rps[hello]} | $(ratio "${rps[healthz]}" "${rps[hello]}")× | ${cpu[healthz]} | ${allocs[healthz]} |"
    echo "| \`GET /v1/videos/{id}/media\` 64 KiB Range | ${rps[media]} | ${p50[media]} | ${p99[media]} | nginx | ${rps[nginx]} | $(ratio "${rps[media]}" "${rps[nginx]}")× | ${cpu[media]} | ${allocs[media]} |"
    echo "| \`GET /v1/feed?kind=popular\` | ${rps[popular]} | ${p50[popular]} | ${p99[popular]} | – | – | – | ${cpu[popular]} | ${allocs[popular]} |"
    echo "| \`GET /v1/feed?kind=foryou\` (signed in) | ${rps[foryou]} | ${p50[foryou]} | ${p99[foryou]} | – | – | – | ${cpu[foryou]} | ${allocs[foryou]} |"
    echo
    echo "Server CPU is the user + system time \`reel serve\` used during the route's wrk run (all its threads, from"
    echo "/proc), divided by the requests wrk completed. Allocations are calls to malloc, calloc, realloc and"
    echo "posix_memalign in \`reel serve\` (perf uprobes) over $requests requests on one keep-alive connection after a"
    echo "warm-up, divided by $requests. Latencies are wrk's (closed loop, not a fixed offered rate)."
} > "$out"
cat "$out"
