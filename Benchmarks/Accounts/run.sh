#!/usr/bin/env bash
# Sign-up, log-in and GET /v1/me before and after issue 12's envelope encryption, in one run
# (`make bench-accounts`, part of `make bench`). Writes Benchmarks/results/accounts.md.
#
# Builds compared (release, each started afresh on an empty embedded data directory per round):
# - before: `reel` at commit BEFORE (default 18ebe98, main before the server used the custodians),
#   built once from `git archive` into .build-bench/accounts-before-<commit>/ (or REEL_BEFORE);
# - after: this checkout's release `reel` (or REEL_AFTER; `none` measures the before build alone),
#   which starts its own custodian child per region, with the server's in-memory data-key cache at
#   its default lifetime;
# - after, no cache: the same binary with `dataKeyCacheSeconds` 0 in its configuration file, so every
#   request that reads a protected field unwraps the user's data key at the custodian
#   (NOCACHE_CONFIG, default {"dataKeyCacheSeconds": 0}; empty leaves this variant out).
# Accounts/accounts.py runs the phases (sign-up, log-in by handle, log-in by email, GET /v1/me) at a
# fixed concurrency, the builds interleaved round by round, first at the production bcrypt cost
# (the default, 10) and then at cost 4 (the tests' cost), where the rest of the request shows.
#
# Environment: BEFORE (18ebe98), REEL_BEFORE, REEL_AFTER, AFTER_LABEL (how the results name the after
# build; default: this checkout's commit), NOCACHE_CONFIG, ROUNDS (3), CONCURRENCY (8),
# COSTS ("10,4"), SIGNUPS ("10:300,4:2000": sign-ups per round per cost), LOGINS (the same, per kind
# of log-in), ME (4000 GET /v1/me per round), PORT (18600; one more for each server started), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
before_commit="${BEFORE:-18ebe98}"
nocache_config="${NOCACHE_CONFIG-{\"dataKeyCacheSeconds\": 0\}}"
out="${OUT:-$root/Benchmarks/results/accounts.md}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PYTHONDONTWRITEBYTECODE=1

"$root/scripts/install-deps.sh" python3
before="${REEL_BEFORE:-$root/.build-bench/accounts-before-$before_commit/release/reel}"
if [ ! -x "$before" ]; then
    source_dir="$root/.build-bench/accounts-before-src-$before_commit"
    rm -rf "$source_dir"; mkdir -p "$source_dir"
    git -C "$root" archive "$before_commit" | tar -x -C "$source_dir"
    swift build -c release --product reel --package-path "$source_dir" \
        --scratch-path "$root/.build-bench/accounts-before-$before_commit" >&2
fi
after="${REEL_AFTER:-$root/.build/release/reel}"
if [ -z "${REEL_AFTER:-}" ]; then swift build -c release --product reel --package-path "$root" >&2; fi

variants=(--variant before "$before" '{}')
if [ "$after" != none ]; then variants+=(--variant after "$after" '{}'); fi
if [ "$after" != none ] && [ -n "$nocache_config" ]; then variants+=(--variant "after, no cache" "$after" "$nocache_config"); fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/accounts.py" "${variants[@]}" --out-json "$work/results.json" \
    --rounds "${ROUNDS:-3}" --concurrency "${CONCURRENCY:-8}" --costs "${COSTS:-10,4}" \
    --signups "${SIGNUPS:-10:300,4:2000}" --logins "${LOGINS:-10:300,4:2000}" --me "${ME:-4000}" --port "${PORT:-18600}"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
table="$(python3 "$here/report.py" "$work/results.json")"
measured="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["started"], "to", r["ended"])' "$work/results.json")"
after_label="${AFTER_LABEL:-commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
{
    echo "# Accounts before and after envelope encryption (issue 12)"
    echo
    echo "- date: $measured, by \`Benchmarks/Accounts/run.sh\`"
    echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), nproc $(nproc), $(free -g | awk '/Mem:/{print $2}') GiB RAM, shared with other agents' builds and tests; load average $load_before at the start, $load_after at the end (each round's load is in the script's log)"
    echo "- builds: release \`reel\`; **before** = commit $before_commit (the server holds emails and birth dates in plaintext), **after** = $after_label (envelope encryption: a per-user AES-256-GCM data key wrapped by the region's custodian, a keyed blind index for email, custodian children started by \`reel serve\`), **after, no cache** = the same with \`dataKeyCacheSeconds\` 0 (every read of a protected field unwraps the data key at the custodian)"
    echo "- data: each build started afresh on an empty embedded data directory (SQLite, media on disk) for every round; accounts signed up in the run (countries alternating US and DE: accounts in the us and eu regions; the after builds start a custodian for each of the three regions), then log-ins and \`GET /v1/me\` over those accounts; the builds interleaved round by round (before, after, after without cache, before, …), ${ROUNDS:-3} rounds per bcrypt cost"
    echo "- client: Python (\`Benchmarks/Accounts/accounts.py\`), ${CONCURRENCY:-8} requests in flight, each worker a process with its own keep-alive connection, on the same 2 cores as the server; latency from send to last byte; p50/p99 over every request of every round, req/s and CPU the median of the rounds"
    echo "- server CPU: user + system time of \`reel serve\` and its descendants (the custodians in the after builds) over the phase, divided by its requests: steadier than latency on this machine"
    echo "- bcrypt: cost 10 is the production default (\`bcryptCost\`); sign-up and log-in there are dominated by the hash, so their difference before/after is small by construction; cost 4 (the tests' cost, \`REEL_BCRYPT_COST=4\`) shows the rest of the request, where encryption's share becomes visible. \`GET /v1/me\` does not hash; it is measured in both passes"
    echo
    echo "$table"
} > "$out"
cat "$out"
