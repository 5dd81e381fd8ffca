#!/usr/bin/env bash
# Browser tests of the web client: a real `reel serve`, Debian's headless Chromium driven by Selenium.
# Installs what is missing (chromium, chromium-driver, a virtualenv with selenium), then runs the tests.
# Usage: Tests/Browser/run.sh [path to the reel binary (default: .build/debug/reel)] [unittest options, e.g. -k safety]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

"$root/scripts/install-deps.sh" chromium chromium-driver

venv="$root/.build-browser/venv"
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv" || { "$root/scripts/install-deps.sh" python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium>=4.20,<5"
fi

export REEL_BIN="$(realpath "${1:-$root/.build/debug/reel}")"
export REEL_BROWSER_ARTIFACTS="${REEL_BROWSER_ARTIFACTS:-$root/.build-browser/artifacts}"
mkdir -p "$REEL_BROWSER_ARTIFACTS"
cd "$here"
"$venv/bin/python" -m unittest -v test_web "${@:2}"
echo "browser test artifacts (screenshots, logs): $REEL_BROWSER_ARTIFACTS"
