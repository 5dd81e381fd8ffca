#!/usr/bin/env bash
# Contract test: schemathesis (PyPI) fuzzes a real `reel serve` from the server's own /openapi.yaml
# and fails on any 5xx, any response that does not match its documented schema, any undocumented
# status or content type, and any undocumented method not answered 405 with a correct `Allow`.
# Bounded and seeded, so a run repeats exactly (about 40 s on two cores).
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
# Rate limits out of reach: the fuzzer signs up and logs in hundreds of times from one address.
for action in LOGIN LOGIN_IP SIGNUP UPLOAD COMMENT REPORT FOLLOW STAFF_SIGN_IN; do export "REEL_RATE_LIMIT_$action=1000000/1"; done
REEL_BCRYPT_COST=4 LOG_LEVEL=warning "$reel" serve --data-dir "$work/data" --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ffmpeg -loglevel error -f lavfi -i "testsrc=size=320x568:rate=30" -f lavfi -i "sine=frequency=440" -t 1 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$work/clip.mp4"

# Sign up the test user and a second account, publish a clip with a comment; print shell assignments.
"$venv/bin/python" - "$base" "$work/clip.mp4" >"$work/env" <<'PY'
import json, sys, time, urllib.error, urllib.request
base, clip = sys.argv[1], sys.argv[2]

def call(method, path, body=None, token=None, content_type="application/json"):
    headers = {"Content-Type": content_type} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        return json.load(urllib.request.urlopen(request, timeout=60))
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path} failed while preparing the contract test: {error.code} {error.read().decode()}")

deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(base + "/healthz", timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("reel serve did not answer /healthz within 60 s")
        time.sleep(0.2)

def sign_up(handle, email):
    return call("POST", "/v1/accounts", {"handle": handle, "email": email, "password": "seeded runs repeat exactly",
                                          "country": "DE", "birthDate": "1990-01-01"})["token"]

token = sign_up("contract_user", "contract.user@example.com")
sign_up("contract_other", "someone.else@example.com")
with open(clip, "rb") as file:
    video = call("POST", "/v1/videos?caption=Contract%20clip%20%23contract", file.read(), token, "video/mp4")
deadline = time.monotonic() + 120
while video["status"] == "processing" and time.monotonic() < deadline:
    time.sleep(0.3)
    video = call("GET", "/v1/videos/" + video["id"], token=token)
if video["status"] != "ready":
    sys.exit(f"the contract clip did not become ready: {video['status']}")
comment = call("POST", f"/v1/videos/{video['id']}/comments", {"body": "A comment to fuzz around."}, token)
print(f"token={token}")
print(f"export CONTRACT_VIDEO_ID={video['id']} CONTRACT_COMMENT_ID={comment['id']} CONTRACT_OTHER_HANDLE=contract_other")
PY
source "$work/env"

checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,unsupported_method,allow_header_conformance
destructive=(deleteMe logOut deleteVideo deleteComment)
schemathesis() {
  # From the temporary folder, so that schemathesis's caches stay out of the checkout.
  (cd "$work" && "$venv/bin/schemathesis" "$@" --url "$base" \
    --header "Authorization: Bearer $token" \
    --checks "$checks" --seed "$seed" --max-examples "$max_examples" --workers 2 \
    --phases examples,coverage,fuzzing --generation-database none --request-timeout 30 --no-color)
}
# Hypothesis sometimes crashes while describing a strategy ("SystemError: AST constructor recursion
# depth mismatch", a CPython 3.11 AST bug), before any request is checked. Such a run alone is tried
# again (twice at most); a run with a failed check is never retried.
run() {
  local attempt output code
  for attempt in 1 2 3; do
    output="$work/schemathesis-$attempt.log"
    code=0
    schemathesis "$@" 2>&1 | tee "$output" || code=$?
    [ "$code" -eq 0 ] && return 0
    if ! grep -q "AST constructor recursion depth mismatch" "$output" || grep -q "FAILURES" "$output"; then return "$code"; fi
    echo "schemathesis crashed inside hypothesis (not a contract failure); trying again ($attempt of 3)"
  done
  return "$code"
}
keep=()
for operation in "${destructive[@]}"; do keep+=(--exclude-operation-id "$operation"); done
status=0
# 1. Generated path parameters (mostly unknown IDs and handles), without what destroys the test data.
run run "$base/openapi.yaml" "${keep[@]}" || status=$?
# 2. The same operations on the user, video and comment made above.
run --config-file "$here/schemathesis.toml" run "$base/openapi.yaml" "${keep[@]}" || status=$?
# 3. What deletes data or ends the session, last, one at a time (logging out revokes the token).
for operation in deleteComment deleteVideo deleteMe logOut; do
  run --config-file "$here/schemathesis.toml" run "$base/openapi.yaml" --include-operation-id "$operation" || status=$?
done
if [ "$status" -ne 0 ]; then
  echo "server log (last 50 lines):"; tail -50 "$work/server.log"
fi
exit "$status"
