#!/usr/bin/env bash
# Transcode benchmark: how long a 60 s 1080×1920 upload takes to become ready, and what each
# rendition costs. Writes Benchmarks/results/media.md.
#
# 1. Generates the clip (testsrc2 at 30 fps with a tone: fine detail and motion everywhere, a hard
#    case for the encoder) with ffmpeg.
# 2. End to end: starts `reel serve` on a scratch data directory, uploads the clip over HTTP and
#    polls until the video is ready (360p–720p and poster), then until its 1080p rendition is listed;
#    reports upload (incl. validation), 202 → ready and 202 → all renditions.
# 3. Per rendition: one ffmpeg run per rung with the Transcoder's encoder settings (libx264 CRF 23
#    capped at the rung's bit rate, the rung's preset, AAC 128 kb/s, faststart; keep in step with
#    Sources/ReelMedia/Transcoder.swift and RenditionLadder.swift), and 360p–720p in one run that
#    decodes once and splits the picture, as the server's first stage does.
#
# Environment: REEL (server binary; default .build/release/reel, built if missing), SECONDS_OF_VIDEO
# (default 60), PORT (default 18100).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reel="${REEL:-$root/.build/release/reel}"
length="${SECONDS_OF_VIDEO:-60}"
port="${PORT:-18100}"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ ! -x "$reel" ]; then swift build -c release --product reel --package-path "$root" >&2; fi
now() { date +%s.%N; }
elapsed() { awk "BEGIN { print $2 - $1 }"; }
ratio() { awk "BEGIN { printf \"%.3f\", $1 / $2 }"; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
clip="$work/source.mp4"
ffmpeg -v error -nostdin -f lavfi -i "testsrc2=size=1080x1920:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -t "$length" -c:v libx264 -preset ultrafast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 128k "$clip"
clip_bytes="$(stat -c %s "$clip")"

# --- End to end through the server ---------------------------------------------------------------
"$reel" serve --data-dir "$work/data" --host 127.0.0.1 --port "$port" > "$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
token="$(curl -fs -X POST "$base/v1/accounts" -H 'Content-Type: application/json' \
    -d '{"handle":"bench","email":"bench@example.com","password":"correct horse battery","country":"US","birthDate":"1990-05-01"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
start="$(now)"
id="$(curl -fs -X POST "$base/v1/videos?caption=bench" -H "Authorization: Bearer $token" -H 'Content-Type: video/mp4' \
    --data-binary @"$clip" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
accepted="$(now)"
status=processing
while [ "$status" = processing ]; do
    sleep 0.5
    video="$(curl -fs "$base/v1/videos/$id" -H "Authorization: Bearer $token")"
    status="$(echo "$video" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
done
ready="$(now)"
[ "$status" = ready ] || { echo "transcode failed: $video" >&2; exit 1; }
count() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)["renditions"]))'; }
while [ "$(echo "$video" | count)" -lt 4 ]; do
    sleep 0.5
    video="$(curl -fs "$base/v1/videos/$id" -H "Authorization: Bearer $token")"
done
complete="$(now)"
renditions="$(echo "$video" | python3 -c 'import json,sys; print(", ".join("%s %dx%d" % (r["name"], r["width"], r["height"]) for r in json.load(sys.stdin)["renditions"]))')"
output_bytes="$(du -cb "$work"/data/*/media/videos/*.mp4 2>/dev/null | tail -1 | cut -f1)"
kill "$server"; wait "$server" 2>/dev/null || true; server=""
upload_seconds="$(elapsed "$start" "$accepted")"
ready_seconds="$(elapsed "$accepted" "$ready")"
complete_seconds="$(elapsed "$accepted" "$complete")"

# --- Per rendition, and all four in one decode ---------------------------------------------------
rungs=("360p 360 640 672000 veryfast" "540p 540 960 1272000 veryfast" "720p 720 1280 2372000 superfast" "1080p 1080 1920 4372000 superfast")
encode() { # name width height maxrate preset input-label
    echo -map "[$6]" -map 0:a:0 -c:v libx264 -preset "$5" -crf 23 -maxrate "$4" -bufsize "$((2 * $4))" -pix_fmt yuv420p \
        -color_primaries bt709 -color_trc bt709 -colorspace bt709 -color_range tv -c:a aac -b:a 128000 -ac 2 \
        -movflags +faststart -f mp4 -y "$work/$1.mp4"
}
rows=""
sum=0
graph="[0:v:0]scale=720:1280:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,format=yuv420p,split=3[s0][s1][s2]"
outputs=()
index=0
for rung in "${rungs[@]}"; do
    read -r name width height maxrate preset <<< "$rung"
    t0="$(now)"
    # shellcheck disable=SC2046
    ffmpeg -v error -nostdin -i "$clip" -filter_complex \
        "[0:v:0]scale=$width:$height:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1[v]" \
        $(encode "$name" "$width" "$height" "$maxrate" "$preset" v)
    seconds="$(elapsed "$t0" "$(now)")"
    sum="$(awk "BEGIN { print $sum + $seconds }")"
    rows+="| $name | ${width}×${height} | $preset | $(printf %.1f "$seconds") | $(ratio "$seconds" "$length") | $(($(stat -c %s "$work/$name.mp4") / 1024)) |"$'\n'
    if [ "$name" != 1080p ]; then
        graph+=";[s$index]scale=$width:$height,setsar=1[v$index]"
        # shellcheck disable=SC2207
        outputs+=($(encode "$name" "$width" "$height" "$maxrate" "$preset" "v$index"))
        index=$((index + 1))
    fi
done
t0="$(now)"
ffmpeg -v error -nostdin -i "$clip" -filter_complex "$graph" "${outputs[@]}"
split_seconds="$(elapsed "$t0" "$(now)")"

out="$root/Benchmarks/results/media.md"
mkdir -p "$(dirname "$out")"
{
    echo "# Transcoding benchmark"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average before the run $load_before (shared with other work)"
    echo "- ffmpeg: $(ffmpeg -version | head -1 | cut -d' ' -f3)"
    echo "- data: ${length} s of 1080×1920 at 30 fps (testsrc2 + sine tone), $((clip_bytes / 1048576)) MiB H.264/AAC"
    echo
    echo "**End to end** (\`reel serve\`, upload over HTTP, poll until ready):"
    echo
    echo "| step | seconds | seconds per second of video |"
    echo "|---|---:|---:|"
    echo "| upload + validation (until 202) | $(printf %.1f "$upload_seconds") | $(ratio "$upload_seconds" "$length") |"
    echo "| 360p, 540p, 720p and poster (202 → ready) | $(printf %.1f "$ready_seconds") | $(ratio "$ready_seconds" "$length") |"
    echo "| then 1080p (202 → all four renditions listed) | $(printf %.1f "$complete_seconds") | $(ratio "$complete_seconds" "$length") |"
    echo
    echo "Renditions: $renditions; $((output_bytes / 1048576)) MiB in all."
    echo
    echo "**Per rendition** (one ffmpeg run each, decoding the source every time):"
    echo
    echo "| rendition | size | x264 preset | seconds | per second of video | KiB |"
    echo "|---|---|---|---:|---:|---:|"
    printf '%s' "$rows"
    echo
    echo "Four separate runs: $(printf %.1f "$sum") s. 360p, 540p and 720p from one decode with \`split\` (the server's first stage): $(printf %.1f "$split_seconds") s."
} > "$out"
cat "$out"
