#!/usr/bin/env bash
# The craft tour. `make demo` runs it after setting up the venv:
#   bash scripts/demo.sh [PATH-TO-CRAFT]
# As root it builds a two-host lab (two network namespaces joined by a veth
# pair), starts the classic servers in it, sends every bundled profile and
# shows the replies, captures with craft and tcpdump side by side, verifies
# what arrived against the profile, and removes the lab again - even when a
# step fails or you press Ctrl-C. Not root: the part that needs no network.
set -uo pipefail
CRAFT=${1:-craft}
cd "$(dirname "$0")/.."
case $CRAFT in */*) CRAFT=$(cd "$(dirname "$CRAFT")" && pwd)/$(basename "$CRAFT") ;; esac
LAB=${CRAFT_DEMO_LAB:-craftdemo}          # namespaces $LAB-client and $LAB-server
CLIENT=$LAB-client SERVER=$LAB-server

say() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
show() { printf '\033[2m$ %s\033[0m\n' "$*"; }
failed=0   # steps that did not exit 0: the tour's own exit status says so
step_failed() { failed=$((failed + 1)); printf '\033[1;31m(that step failed: exit status %s)\033[0m\n' "$1"; }
run() { show "craft $*"; "$CRAFT" "$@" || step_failed $?; }
# Run craft inside a lab node, the way `craft lab exec NODE -- craft ...` does.
on() {
    local node=$1; shift
    show "craft lab exec $node -- craft$(printf ' %q' "$@")"
    ip netns exec "$LAB-$node" "$CRAFT" "$@" || step_failed $?
}
# What a background server printed since we last looked.
declare -A shown
news() {
    local log=$1 n=${shown[$1]:-0}
    show "cat $log   # the server's output"
    tail -n +$((n + 1)) "$tmp/$log"
    shown[$log]=$(wc -l <"$tmp/$log")
}

tmp=$(mktemp -d)
pids=()
lab_made=0
cleanup() {
    local rc=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    if [ "$lab_made" = 1 ]; then
        say "Lab down: both namespaces and the veth pair are removed"
        "$CRAFT" lab down --name "$LAB"
    fi
    rm -rf "$tmp"
    if [ "$rc" = 0 ] && [ "$failed" != 0 ]; then
        printf '\n%s step(s) of the tour failed\n' "$failed" >&2
        rc=1
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_tour() {
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

    say "A pcap that tcpdump reads, and craft verify finds the profile's frame in it"
    run build profiles/tcp-syn.yaml --format pcap -o "$tmp/syn.pcap"
    if command -v tcpdump >/dev/null; then
        show "tcpdump -n -r syn.pcap"; tcpdump -n -r "$tmp/syn.pcap" 2>/dev/null
    fi
    run verify profiles/tcp-syn.yaml "$tmp/syn.pcap"
}

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
    say "Not root: the lab part of the tour needs root (network namespaces, raw sockets)."
    echo "Showing what works without a network; run 'sudo make demo' for the whole tour."
    build_tour
    exit
fi

say "Profiles become frames: one explained field by field, then the textbook frames checked"
run build profiles/icmp.yaml --format explain
run check profiles/textbook-raw.yaml

say "Lab up: two hosts on one machine ($CLIENT 192.0.2.1 <-> $SERVER 192.0.2.2)"
lab_made=1
run lab up --name "$LAB"
[ "$failed" = 0 ] || exit 1

say "Servers started on the lab server: TCP on port 5001, UDP on port 9000"
show "craft lab exec server -- craft tcp-server 5001 &"
ip netns exec "$SERVER" "$CRAFT" tcp-server 5001 >"$tmp/tcp-server.log" 2>&1 &
pids+=($!)
show "craft lab exec server -- craft udp-server 9000 &"
ip netns exec "$SERVER" "$CRAFT" udp-server 9000 >"$tmp/udp-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do   # until both say "listening on" (10 s at most)
    grep -q "listening on" "$tmp/tcp-server.log" && grep -q "listening on" "$tmp/udp-server.log" && break
    sleep 0.1
done

say "Each bundled profile sent from the lab client, with the replies it gets"
send() { run send "$@" --lab client --lab-name "$LAB" -i eth0 --replies --timeout 0.3; }
echo "# ping: the server's kernel answers each echo request"
send profiles/icmp.yaml --count 3
echo "# the same over IPv6"
send profiles/ipv6-echo.yaml --count 2
echo "# who has 192.0.2.2? the server's ARP reply says"
send profiles/arp-request.yaml
echo "# the IPv6 way: a neighbor solicitation, answered by an advertisement"
send profiles/icmpv6-ns.yaml
echo "# a SYN to the listening tcp-server: SYN-ACK comes back"
send profiles/tcp-syn.yaml --var dport=5001
echo "# a datagram to the udp-server: it acknowledges it"
send profiles/udp.yaml
echo "# textbook hex frames: the stale ICMP checksum gets no reply, the UDP one does"
send profiles/textbook-raw.yaml
echo "# a stream from 198.51.100.x sources: the server has no route back, so no replies"
send profiles/udp-sweep.yaml --count 4
echo "# two VLAN tags: the server has no VLAN interface, so it drops them"
send profiles/vlan-udp.yaml
echo "# a datagram in overlapping, out-of-order fragments: Linux drops overlaps, so no answer"
send profiles/frag-overlap.yaml
echo "# a 3,000-byte echo in IPv6 fragments: reassembled and answered (the reply in fragments too)"
send profiles/frag6.yaml
echo "# an echo behind hop-by-hop, segment routing and destination options headers: the"
echo "# server does no segment routing, so it drops it"
send profiles/ipv6-ext.yaml
echo "# ping -R: the server records its address in the option and answers"
send profiles/ip-record-route.yaml
echo "# a router advertisement, an MLDv2 report and an IGMPv3 join: nobody answers those"
send profiles/ipv6-ra.yaml
send profiles/mld-report.yaml
send profiles/igmpv3-join.yaml
echo "# an SCTP INIT to port 5001: no SCTP listener there, so the server's kernel answers"
echo "# with an ABORT (or with protocol unreachable when it has no SCTP at all)"
send profiles/sctp-init.yaml
echo "# an OSPF hello and a RIP response: the server runs no routing daemon, nobody answers"
send profiles/ospf-hello.yaml
send profiles/rip-response.yaml
echo "# an ICMP redirect to the client naming a better gateway"
send profiles/icmp-redirect.yaml
echo "# PPPoE: a PADI broadcast and an LCP configure-request in a session; the server"
echo "# runs no PPPoE access concentrator, so nothing answers"
send profiles/pppoe-padi.yaml
send profiles/pppoe-lcp.yaml
echo "# traceroute's probes: the server is one hop away, it answers port unreachable"
send profiles/traceroute.yaml --count 3
echo "# a DHCP discover, a starvation run (new random client MACs) and a DHCPv6 solicit:"
echo "# the lab runs no DHCP server, so nobody answers"
send profiles/dhcp-discover.yaml
send profiles/dhcp-starvation.yaml --count 5
send profiles/dhcpv6-solicit.yaml
echo "# DNS: A and AAAA queries and the first IDs of a sweep; no DNS server listens on the"
echo "# lab server, so each query gets a port unreachable, matched to it. The forged answer,"
echo "# to the client's address and MAC, leaves the client for the server's link: nobody takes it"
send profiles/dns-query.yaml
send profiles/dns-spoof-reply.yaml
send profiles/dns-id-sweep.yaml --count 3
echo "# 802.3 frames with LLC: a bridge claiming STP root and a CDP announcement; the"
echo "# server runs no bridge and no CDP, so nobody answers"
send profiles/stp-bpdu.yaml
send profiles/cdp.yaml
echo "# a switch's LLDP announcement and an LACP actor looking for a partner: nobody answers"
send profiles/lldp.yaml
send profiles/lacp.yaml
echo "# tunnels: an echo in GRE with a key, in VXLAN VNI 42, and UDP behind two MPLS labels;"
echo "# the server has no tunnel or MPLS interface: it drops them, or answers that it cannot"
send profiles/gre-tunnel.yaml --count 2
send profiles/vxlan.yaml --count 2
send profiles/mpls-stack.yaml
echo "# an NTP client request and an SNMP get: no NTP server or SNMP agent runs on the"
echo "# server, so it answers port unreachable"
send profiles/ntp-request.yaml
send profiles/snmp-get.yaml
news udp-server.log

say "craft sniff and tcpdump side by side on the server, while the client pings"
echo "# both capture to a pcap and as text; then the pcaps are diffed, the texts"
echo "# compared, and craft verify checks both pcaps against the profile"
run compare profiles/icmp.yaml --lab --lab-name "$LAB" --count 2 --keep "$tmp/cmp"

say "craft verify on tcpdump's capture; craft diff on the two captures; craft import back to a profile"
echo "# (the *-window.pcap files hold what all four captures saw: what compare compared)"
run verify profiles/icmp.yaml "$tmp/cmp/tcpdump.pcap" --count 2
run diff "$tmp/cmp/tcpdump-window.pcap" "$tmp/cmp/craft-window.pcap"
run import "$tmp/cmp/tcpdump.pcap" icmp --count 1

say "The classic TCP exchange: the client sends a line, the server prints it and answers"
on client tcp-client 192.0.2.2 5001 --message "hello over TCP"
news tcp-server.log

say "The classic UDP exchange: two datagrams, each acknowledged"
on client udp-client 192.0.2.2 9000 --message "hello over UDP" --count 2 --interval 0.1
news udp-server.log

say "Done. What you saw, by hand: craft lab up; craft send PROFILE --lab client --replies;"
echo "craft compare PROFILE --lab; craft verify PROFILE CAPTURE; craft lab down."
