#!/usr/bin/env bash
# Runs a command with a throw-away SeaweedFS S3 server (Tests/S3/start-seaweedfs.sh) and its
# REEL_TEST_S3_* variables exported, then stops the server and deletes its data, whether the
# command passes, fails or is interrupted. Exits with the command's status.
# Usage: Tests/S3/with-seaweedfs.sh swift test --skip-build
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

assignments="$("$here/start-seaweedfs.sh")"
eval "$assignments"

stop() {
  # Its data is thrown away, so there is nothing to shut down gracefully: weed's own graceful stop
  # takes about 18 s. Ask, wait up to 2 s, then kill, and wait until it is gone.
  kill "$REEL_TEST_S3_PID" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$REEL_TEST_S3_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$REEL_TEST_S3_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$REEL_TEST_S3_PID" 2>/dev/null || break; sleep 0.1; done
  rm -rf "$REEL_TEST_S3_DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "SeaweedFS S3 at $REEL_TEST_S3_ENDPOINT (buckets ${REEL_TEST_S3_BUCKET_PREFIX}{media,us,eu,global})" >&2
"$@"
