#!/usr/bin/env bash
# Stops early when `.build` was made in another folder (a copied or moved checkout): Swift's module
# cache records absolute paths, and such a build fails later with an obscure module-cache error.
# Usage: scripts/check-build-dir.sh   (run from the checkout's root; exit 1 with advice when stale)
set -euo pipefail
[ -d .build ] || exit 0
here="$(pwd -P)"
for manifest in .build/debug.yaml .build/release.yaml; do
  [ -f "$manifest" ] || continue
  # The build manifest names every source folder by absolute path, e.g. "/home/me/reel/Sources/ReelCore/".
  recorded="$(grep -o -m1 '"/[^"]*/Sources/ReelCore/"' "$manifest" | head -1 | tr -d '"' || true)"
  recorded="${recorded%/Sources/ReelCore/}"
  [ -n "$recorded" ] || continue
  if [ "$recorded" != "$here" ] && [ "$recorded" != "$(pwd)" ]; then
    cat >&2 <<MSG
This checkout's .build folder was made in $recorded, but this checkout is $here.
Swift's module cache keeps absolute paths, so building here would fail with a module-cache error.
Delete the stale build and build again:  rm -rf .build   (the first build takes about 20 minutes on two cores)
MSG
    exit 1
  fi
done
