#!/usr/bin/env bash
# Contract test: schemathesis (PyPI) fuzzes a real `reel serve` from the server's own /openapi.yaml
# and fails on any 5xx, any response that does not match its documented schema, any undocumented
# status and any undocumented content type. Bounded and seeded, so a run repeats exactly.
# Usage: Tests/Contract/run.sh [path to the reel binary]   (default: .build/debug/reel)
# Environment: CONTRACT_MAX_EXAMPLES (default 25 per operation), CONTRACT_SEED (default 20261130).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
reel="$(realpath "${1:-$root/.build/debug/reel}")"
max_examples="${CONTRACT_MAX_EXAMPLES:-25}"
seed="${CONTRACT_SEED:-20261130}"

venv="$root/.build-contract/venv"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "4.32.5"; then
  python3 -m venv "$venv" || { "$root/scripts/install-deps.sh" python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/reel-contract-XXXXXX")"
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
REEL_BCRYPT_COST=4 LOG_LEVEL=warning "$reel" serve --data-dir "$work/data" --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$venv/bin/python" - "$base" >"$work/token" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(base + "/healthz", timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("reel serve did not answer /healthz within 60 s")
        time.sleep(0.2)
body = json.dumps({"handle": "contract_user", "email": "contract@example.com", "password": "a long contract password",
                   "country": "DE", "birthDate": "1990-01-01"}).encode()
request = urllib.request.Request(base + "/v1/accounts", data=body, headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request, timeout=30))["token"])
PY
token="$(cat "$work/token")"

checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
run() {
  "$venv/bin/schemathesis" run "$base/openapi.yaml" --url "$base" \
    --header "Authorization: Bearer $token" \
    --checks "$checks" --seed "$seed" --max-examples "$max_examples" --workers 2 \
    --phases examples,coverage,fuzzing --request-timeout 30 --no-color "$@"
}
status=0
# Everything except the two operations that end the test user's session; then those two, last.
run --exclude-operation-id deleteMe --exclude-operation-id logOut || status=$?
run --include-operation-id deleteMe || status=$?
run --include-operation-id logOut || status=$?
if [ "$status" -ne 0 ]; then
  echo "server log (last 50 lines):"; tail -50 "$work/server.log"
fi
exit "$status"
