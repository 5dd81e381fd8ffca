#!/usr/bin/env bash
# Installs the system packages Reel needs, only if something is missing.
# Usage: scripts/install-deps.sh [extra Debian packages…]
set -euo pipefail

# fonts-dejavu-core: titles of the demo clips; python3-venv: scripts/demo-clip.sh.
# softhsm2 + libp11-kit-dev: the custodian's PKCS#11 token and the Cryptoki headers ReelPKCS11 builds against.
packages=(ffmpeg libsqlite3-dev fonts-dejavu-core python3-venv softhsm2 libp11-kit-dev "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
