#!/usr/bin/env bash
# Custodian and audit-log benchmarks: starts a release `reel custodian serve` on a throw-away SoftHSM2
# token (Unix socket), runs `reel custodian bench` against it, and writes Benchmarks/results/guard.md.
# UNWRAPS, CONCURRENCY and ENTRIES (tree size for the proof timings, default 1 M) scale it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift build -c release --product reel >&2
reel="$root/.build/release/reel"
work="$(mktemp -d /tmp/reel-guard-bench.XXXXXX)"
"$reel" custodian serve --region us --data-dir "$work/us" --socket "$work/us.sock" >"$work/custodian.log" 2>&1 &
custodian=$!
trap 'kill "$custodian" 2>/dev/null; wait "$custodian" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do [ -S "$work/us.sock" ] && [ -f "$work/us/app-credential" ] && break; sleep 0.1; done
table="$("$reel" custodian bench --socket "$work/us.sock" --credential-file "$work/us/app-credential" \
  --unwraps "${UNWRAPS:-2000}" --concurrency "${CONCURRENCY:-16}" --entries "${ENTRIES:-1000000}")"
{
  echo "# Custodian and audit log"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nproc $(nproc), $(free -g | awk '/Mem:/{print $2}') GiB RAM; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- toolchain: $(swift --version 2>&1 | head -1)"
  echo "- token: SoftHSM2 $(dpkg-query -W -f='${Version}' softhsm2 2>/dev/null || echo '?') (file object store on local disk); release build; custodian and client on one machine over a Unix socket"
  echo "- unwraps are cold (straight to the custodian; the server's data-key cache, warm against off, is measured through \`GET /v1/me\` in the accounts section): each one is an HTTP request, an AES-256-GCM decryption in the token and an fsync'ed audit-log append"
  echo "- the in-memory rows time \`MerkleLevels\`/\`MerkleProofs\` directly (the structure the custodian keeps); the served rows add the HTTP round trip over the socket"
  echo "- figures move by 2-3x between runs on this shared 2-core machine (other builds and tests run beside it); compare rows of one run"
  echo
  echo "$table"
} > "$here/../results/guard.md"
cat "$here/../results/guard.md"
