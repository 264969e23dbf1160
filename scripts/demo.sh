#!/usr/bin/env bash
# The craft tour. `make demo` runs it after setting up the venv.
set -uo pipefail
CRAFT=${1:-craft}
cd "$(dirname "$0")/.."
say() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
run() { printf '\033[2m$ craft %s\033[0m\n' "$*"; "$CRAFT" "$@"; }

say "The bundled profiles"
run profiles

say "An ICMP echo request, built twice (struct and scapy) and cross-checked, as a coloured hexdump"
run build profiles/icmp.yaml --format hexdump

say "The same frame, field by field: where each value came from"
run build profiles/icmp.yaml --format explain

say "A TCP SYN with options, explained"
run build profiles/tcp-syn.yaml --format explain

say "A wrong checksum given on purpose is kept, and explain shows the right one"
run build profiles/udp.yaml --set udp.checksum=0xbeef --format explain

say "A stream: ports and source addresses sweep, one frame per line"
run build profiles/udp-sweep.yaml --count 5 --format hex

say "Textbook hex frames: check finds the stale checksum and says what it should be"
run check profiles/textbook-raw.yaml

say "Every bundled profile through both encoders"
run check profiles/*.yaml

say "A pcap that tcpdump reads"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run build profiles/tcp-syn.yaml --format pcap -o "$tmp/syn.pcap"
if command -v tcpdump >/dev/null; then
    printf '\033[2m$ tcpdump -n -r syn.pcap\033[0m\n'; tcpdump -n -r "$tmp/syn.pcap" 2>/dev/null
fi
