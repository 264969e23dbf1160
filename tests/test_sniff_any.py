"""craft sniff any: every interface at once, as LINUX_SLL2 (Linux cooked v2)
like tcpdump -i any. Same packets and same lines as tcpdump, loopback seen
once, the filter run in the kernel after libpcap's offset fix, in userland when
the kernel cannot run it."""

from __future__ import annotations

import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_root
from test_sniff import CRAFT, Capture, capture_under_flood, frames, in_ns, send, stats

from craft.io.bpf import SKF_AD_OFF, compile_filter
from craft.layers.linktype import LINKTYPE_LINUX_SLL2

pytestmark = pytest.mark.lab_prefix("ct-any-")

# Loopback traffic inside a namespace: UDP to 127.0.0.1 (port unreachable comes back).
LOOPBACK = (
    "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "for i in range(3): s.sendto(b'lo%d' % i, ('127.0.0.1', 40002))"
)


def loopback(ns: str) -> None:
    subprocess.run(in_ns(ns, sys.executable, "-c", LOOPBACK), check=True, timeout=30)


def both(
    server: str, args: list[str], tcpdump_args: list[str], client: str
) -> tuple[Capture, Capture]:
    """craft sniff any and tcpdump -i any on the server while the client and
    the server's own loopback make traffic; both stopped with SIGINT."""
    c = Capture(server, "any", *args)
    t = Capture(server, "-i", "any", *tcpdump_args, tcpdump=True)
    try:
        c.wait_listening()
        t.wait_listening()
        send(client, "icmp", "192.0.2.2", "3", "0.02", "60")
        loopback(server)
        send(client, "udp", "192.0.2.2", "2", "0.02")
        time.sleep(1.5)  # tcpdump loses what sits in its open ring block at SIGINT
    finally:
        for p in (c, t):
            p.proc.send_signal(signal.SIGINT)
    return c, t


@pytest.mark.root
def test_same_packets_as_tcpdump_dash_i_any(lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    client, server = lab.namespaces
    ours, theirs = tmp_path / "craft.pcap", tmp_path / "tcpdump.pcap"
    c, t = both(server, ["ip", "-w", str(ours)], ["-w", str(theirs), "ip"], client)
    rc, _, err = c.stop()
    t.stop()
    assert rc == 0, err
    assert "listening on any, link-type LINUX_SLL2 (Linux cooked v2)" in err
    a, b = frames(ours), frames(theirs)
    # 3 echo requests + 3 replies + 2 UDP + 2 unreachables on eth0; 3 UDP + 3 unreachables on lo
    assert len(a) == 16, a
    assert a == b  # bytes and wire lengths, SLL2 header included
    assert struct.unpack_from("=I", ours.read_bytes(), 20)[0] == LINKTYPE_LINUX_SLL2
    lo = struct.pack(
        "!I",
        int(
            subprocess.run(
                in_ns(server, "cat", "/sys/class/net/lo/ifindex"), capture_output=True, text=True
            ).stdout
        ),
    )
    assert sum(1 for data, _ in a if data[4:8] == lo) == 6  # lo's packets once, not twice
    captured, received, dropped = stats(err)
    assert captured == 16 and received >= captured and dropped == 0


@pytest.mark.root
def test_prints_what_tcpdump_dash_i_any_prints(lab) -> None:
    require_root("tcpdump")
    client, server = lab.namespaces
    c, t = both(server, ["ip", "-n", "-t"], ["-n", "-t", "ip"], client)
    rc, ours, err = c.stop()
    _, theirs, _ = t.stop()
    assert rc == 0, err
    lines = [line for line in ours.splitlines() if line]
    assert len(lines) == 16
    assert sum(line.startswith("lo    In  IP 127.0.0.1.") for line in lines) == 3
    assert (
        sum(
            line.startswith("eth0  In  IP 192.0.2.1 > 192.0.2.2: ICMP echo request")
            for line in lines
        )
        == 3
    )
    assert (
        sum(
            line.startswith("eth0  Out IP 192.0.2.2 > 192.0.2.1: ICMP echo reply") for line in lines
        )
        == 3
    )
    assert ours == theirs


@pytest.mark.root
@pytest.mark.parametrize("expr", ["icmp", "link[16:2] = 1 and icmp"])  # kernel, userland
def test_filter_holds_from_the_first_packet(lab, tmp_path: Path, expr: str) -> None:
    """A UDP flood runs while craft sniff any starts: not one UDP packet slips in,
    and the echoes sent right after "listening on" are all there."""
    require_root()
    got = capture_under_flood(lab, tmp_path / "f.pcap", "any", expr)
    assert got and {d[20 + 9] for d, _ in got} == {1}  # after SLL2, IPv4 protocol: ICMP only
    echoes = sorted(d[20 + 20] for d, _ in got if d[20 + 20] != 3)  # 3: port unreachables
    want = [8, 8, 8] if "link" in expr else [0, 0, 0, 8, 8, 8]  # from the client's MAC: requests
    assert echoes == want


@pytest.mark.root
def test_a_filter_the_kernel_cannot_run_runs_in_userland(lab) -> None:
    """`link[12:4]` and `link[16:2]` read the link-layer address in the SLL2 header, which a
    cooked socket has no ancillary load for: craft filters in userland (as
    libpcap does) and prints what tcpdump prints."""
    require_root("tcpdump")
    client, server = lab.namespaces
    expr = "link[12:4] = 0x02000000 and link[16:2] = 1 and icmp"  # from the client's MAC
    c, t = both(server, [expr, "-n", "-t"], ["-n", "-t", expr], client)
    rc, ours, err = c.stop()
    _, theirs, _ = t.stop()
    assert rc == 0, err
    assert [line for line in ours.splitlines() if line] == [
        f"eth0  In  IP 192.0.2.1 > 192.0.2.2: ICMP echo request, id 16962, seq {i}, length 68"
        for i in range(3)
    ]
    assert ours == theirs
    probe = (
        "import sys; from craft.io.ring import Ring; r = Ring('any', filter_expr=sys.argv[1]); "
        "print(r.match is not None, r._kernel_filter.insns[0])"
    )
    got = subprocess.run(
        in_ns(server, sys.executable, "-c", probe, expr), capture_output=True, text=True, check=True
    ).stdout.split(" ", 1)
    assert got[0] == "True"  # the kernel keeps only snaplen; the program runs here
    got = subprocess.run(
        in_ns(server, sys.executable, "-c", probe, "udp"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert got.startswith("False (40, 0, 0, 4294963200)")  # ldh SKF_AD_PROTOCOL, in the kernel


@pytest.mark.root
def test_filter_compiles_like_tcpdump_dash_i_any() -> None:
    require_root("tcpdump")
    for expr in ("tcp port 80 or icmp", "inbound and udp", ""):
        ours = compile_filter(expr, LINKTYPE_LINUX_SLL2, ifname="any").dump()
        theirs = subprocess.run(
            ["tcpdump", "-i", "any", "-ddd", expr], capture_output=True, text=True, check=True
        ).stdout
        assert ours + "\n" == theirs


def test_cooked_rewrite_is_libpcaps_fix_program() -> None:
    prog = compile_filter("inbound and udp dst port 53", LINKTYPE_LINUX_SLL2)
    fixed = prog.cooked()
    assert fixed is not None
    for (code, jt, jf, k), (code2, jt2, jf2, k2) in zip(prog.insns, fixed.insns, strict=True):
        assert (code, jt, jf) == (code2, jt2, jf2)
        if code & 0x07 in (0, 1) and code & 0xE0 in (0x20, 0x40, 0xA0):  # a packet load
            want = {0: SKF_AD_OFF + 0, 10: SKF_AD_OFF + 4}.get(k, k - 20)
            assert k2 == want, (code, k)
        else:
            assert k2 == k
    assert any(k == SKF_AD_OFF + 4 for _, _, _, k in fixed.insns)  # pkttype: "inbound"
    assert compile_filter("link[12:4] = 1", LINKTYPE_LINUX_SLL2).cooked() is None


def _cooked_block(
    packets: list[tuple[int, bytes, int, int, int, bytes]], size: int = 4096
) -> bytearray:
    """A TPACKET_V3 block of a cooked socket: packets are (sec, network-layer
    data, ifindex, hatype, pkttype, address); tp_net points at the data."""
    buf = bytearray(size)
    first = 48
    struct.pack_into("=IIIII", buf, 0, 1, 0, 1, len(packets), first)  # TP_STATUS_USER
    p = first
    for i, (sec, data, ifindex, hatype, pkttype, addr) in enumerate(packets):
        net = 48 + 20 + 2
        net += -net % 16
        length = (net + len(data) + 15) & ~15
        nxt = length if i < len(packets) - 1 else 0
        struct.pack_into(
            "=IIIIIIHHIIH", buf, p, nxt, sec, 7, len(data), len(data) + 1000, 1, net, net, 0, 0, 0
        )
        struct.pack_into(
            "=H2siHBB8s", buf, p + 48, 17, b"\x08\x00", ifindex, hatype, pkttype, len(addr), addr
        )
        buf[p + net : p + net + len(data)] = data
        p += length
    return buf


def test_cooked_block_walk_builds_sll2_headers() -> None:
    from craft.io.ring import Ring

    ip = bytes.fromhex("45000020") + b"I" * 28
    mac = bytes.fromhex("020000000001")
    ring = Ring.__new__(Ring)
    ring.block_size, ring.block_nr, ring._cur, ring.snaplen = 4096, 2, 0, 40
    ring.cooked, ring._lo_ifindex, ring.match = True, 1, None
    ring._mm = _cooked_block(
        [
            (10, ip, 1, 772, 4, bytes(6)),  # outgoing on lo: seen again as incoming
            (11, ip, 1, 772, 0, bytes(6)),  # incoming on lo
            (12, ip, 3, 1, 4, mac),  # outgoing on eth0
        ]
    ) + bytearray(4096)
    got = ring._cooked_block(ring._mm, 0, 3, 48)
    sll2 = struct.Struct("!HHIHBB8s")
    assert [(s, n, w) for s, n, _, w in got] == [(11, 7, 1052), (12, 7, 1052)]
    assert sll2.unpack(got[0][2][:20]) == (0x0800, 0, 1, 772, 0, 6, bytes(8))
    assert sll2.unpack(got[1][2][:20]) == (0x0800, 0, 3, 1, 4, 6, mac + b"\0\0")
    assert got[1][2][20:] == ip[:20]  # cut to the snapshot length, header included
    assert ring._mm[8] == 0 and ring._cur == 1  # handed back to the kernel
    ring._cur, ring._mm[8], ring.match = 0, 1, lambda data, wirelen: data[4:8] == b"\0\0\0\3"
    assert [s for s, *_ in ring._cooked_block(ring._mm, 0, 3, 48)] == [12]  # the userland filter


def test_any_is_listed_like_tcpdump_dash_d() -> None:
    r = subprocess.run([*CRAFT, "sniff", "-D"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert any(
        line.endswith(".any (Pseudo-device that captures on all interfaces) [Up, Running]")
        for line in r.stdout.splitlines()
    )


@pytest.mark.parametrize("linktype", [LINKTYPE_LINUX_SLL2, 113])
def test_json_decodes_the_cooked_header_and_what_follows(tmp_path: Path, linktype: int) -> None:
    import json

    from craft.io.pcap import PcapWriter

    icmp = bytes.fromhex("0800f7ff00000000")
    ip = bytes.fromhex("4500001c000100004001f6dcc0000201c0000202") + icmp
    mac = bytes.fromhex("020000000001") + b"\0\0"
    if linktype == LINKTYPE_LINUX_SLL2:
        frame = struct.pack("!HHIHBB8s", 0x0800, 0, 1, 1, 4, 6, mac) + ip
    else:
        frame = struct.pack("!HHH8sH", 4, 1, 6, mac, 0x0800) + ip
    path = tmp_path / "cooked.pcap"
    with open(path, "wb") as f:
        w = PcapWriter(f, linktype)
        w.write(1_700_000_000, 0, frame, len(frame))
        w.flush()
    r = subprocess.run(
        [*CRAFT, "read", "--json", str(path)], capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 0, r.stderr
    layers = json.loads(r.stdout)["layers"]
    hlen = len(frame) - len(ip)
    assert [(x["layer"], x["offset"], x["length"]) for x in layers] == [
        ("sll2" if linktype == LINKTYPE_LINUX_SLL2 else "sll", 0, hlen),
        ("ipv4", hlen, 20),
        ("icmp", hlen + 20, 8),
    ]
    head = layers[0]["fields"]
    assert (head["protocol"], head["pkttype"], head["addr"]) == (
        "0x0800",
        "outgoing",
        "02:00:00:00:00:01",
    )
    assert (
        layers[1]["fields"]["src"] == "192.0.2.1" and layers[2]["fields"]["type"] == "echo-request"
    )
