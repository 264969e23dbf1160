#!/usr/bin/env bash
# Install the Debian packages named on the command line when one is missing.
# As root we install; otherwise we only say what is missing (tests that need
# a package then fail or skip with a message naming it).
set -euo pipefail
missing=()
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "craft: missing system packages: ${missing[*]} (run as root to install them)" >&2
    exit 0
fi
echo "craft: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
