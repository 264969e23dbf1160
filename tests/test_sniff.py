"""craft sniff, live in a lab: same packets as tcpdump, -c, clean stop on
SIGINT/SIGTERM, the stats lines, loopback without duplicates, the filter
from the first packet, -s, -Z, and errors before capture."""

from __future__ import annotations

import os
import pwd
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_root

from craft.io.pcap import read_capture

pytestmark = pytest.mark.lab_prefix("ct-sniff-")  # live tests are also marked root

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]

# Traffic from inside a namespace: ICMP echo via a raw socket (the kernel
# answers), UDP datagrams, or a UDP flood for some seconds.
SENDER = r"""
import socket, struct, sys, time
mode, dst = sys.argv[1], sys.argv[2]
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
if mode == 'icmp':
    n, gap, size = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for i in range(n):
        m = struct.pack('!BBHHH', 8, 0, 0, 0x4242, i) + b'p' * size
        s.sendto(m[:2] + struct.pack('!H', csum(m)) + m[4:], (dst, 0))
        time.sleep(gap)
elif mode == 'udp':
    n, gap = int(sys.argv[3]), float(sys.argv[4])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(n):
        s.sendto(b'u%d' % i, (dst, 40000)); time.sleep(gap)
else:
    end = time.monotonic() + float(sys.argv[3])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    while time.monotonic() < end:
        for _ in range(100):
            s.sendto(b'flood', (dst, 40001))
"""


def in_ns(ns: str, *args: str) -> list[str]:
    return ["ip", "netns", "exec", ns, *args]


def send(ns: str, *args: str) -> None:
    subprocess.run(in_ns(ns, sys.executable, "-c", SENDER, *args), check=True, timeout=30)


def flood(ns: str, dst: str, seconds: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(in_ns(ns, sys.executable, "-c", SENDER, "flood", dst, str(seconds)))


class Capture:
    """A capture process (craft sniff or tcpdump) in a namespace."""

    def __init__(self, ns: str, *args: str, tcpdump: bool = False) -> None:
        cmd = ["tcpdump", *args] if tcpdump else [*CRAFT, "sniff", *args]
        self.proc = subprocess.Popen(
            in_ns(ns, *cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.err = b""

    def wait_listening(self, timeout: float = 15) -> None:
        assert self.proc.stderr is not None
        end = time.monotonic() + timeout
        while b"listening on" not in self.err:
            left = end - time.monotonic()
            assert left > 0, f"no 'listening on' line: {self.err!r}"
            if select.select([self.proc.stderr], [], [], left)[0]:
                chunk = os.read(self.proc.stderr.fileno(), 4096)
                assert chunk, f"capture ended early: {self.err!r}"
                self.err += chunk
        time.sleep(0.05)

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.finish()

    def finish(self, timeout: float = 15) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out.decode(), (self.err + err).decode()


def stats(err: str) -> tuple[int, int, int]:
    got = [
        re.search(rf"^(\d+) packets? {w}$", err, re.M)
        for w in ("captured", "received by filter", "dropped by kernel")
    ]
    assert all(got), err
    return tuple(int(m.group(1)) for m in got)  # type: ignore[union-attr,return-value]


def frames(path: Path) -> list[tuple[bytes, int]]:
    return [(r.data, r.wirelen) for r in read_capture(path)]


@pytest.mark.root
def test_same_packets_as_tcpdump_on_the_same_side(lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    client, server = lab.namespaces
    ours, theirs = tmp_path / "craft.pcap", tmp_path / "tcpdump.pcap"
    # IPv6 is left out: the new link's MLD reports come at random times.
    c = Capture(server, "eth0", "ip", "or", "arp", "-w", str(ours))
    t = Capture(server, "-i", "eth0", "-w", str(theirs), "ip or arp", tcpdump=True)
    try:
        c.wait_listening()
        t.wait_listening()
        send(client, "icmp", "192.0.2.2", "5", "0.02", "100")
        send(client, "udp", "192.0.2.2", "5", "0.02")
        send(client, "icmp", "192.0.2.2", "2", "0.02", "1400")
        time.sleep(1.5)  # tcpdump loses what sits in its open ring block at SIGINT
    finally:
        for p in (c, t):
            p.proc.send_signal(signal.SIGINT)
        rc, _, err = c.stop()
        t.stop()
    assert rc == 0, err
    a, b = frames(ours), frames(theirs)
    assert len(a) >= 19  # ARP (maybe) + 7 echo requests + 7 replies + 5 UDP + 5 port unreachables
    assert a == b
    captured, received, dropped = stats(err)
    assert captured == len(a) and received >= captured and dropped == 0


@pytest.mark.root
def test_count_stops_after_count_packets(lab, tmp_path: Path) -> None:
    require_root()
    client, server = lab.namespaces
    path = tmp_path / "c.pcap"
    c = Capture(server, "eth0", "icmp", "-c", "3", "-w", str(path))
    try:
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "10", "0.02", "8")
        rc, _, err = c.finish()
    finally:
        c.stop()
    assert rc == 0, err
    assert len(frames(path)) == 3
    assert stats(err)[0] == 3 and "3 packets captured" in err


@pytest.mark.root
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_mid_capture_leaves_a_complete_file(lab, tmp_path: Path, sig: int) -> None:
    require_root("tcpdump")
    client, server = lab.namespaces
    path = tmp_path / "s.pcap"
    c = Capture(server, "eth0", "udp", "-w", str(path))
    f = None
    try:
        c.wait_listening()
        f = flood(client, "192.0.2.2", 1.5)
        time.sleep(1.0)
        rc, _, err = c.stop(sig)
    finally:
        c.stop()
        if f is not None:
            f.wait(timeout=10)
    assert rc == 0, err
    captured, received, dropped = stats(err)
    assert captured > 1000
    assert len(frames(path)) == captured  # every packet counted is in the file, and it parses
    assert received >= captured
    td = subprocess.run(
        ["tcpdump", "-r", str(path), "-w", "/dev/null"], capture_output=True, text=True
    )
    assert td.returncode == 0 and "truncated" not in td.stderr, td.stderr


@pytest.mark.root
def test_signal_right_after_traffic_keeps_the_packets_in_the_open_block(
    lab, tmp_path: Path
) -> None:
    require_root()
    client, server = lab.namespaces
    path = tmp_path / "o.pcap"
    c = Capture(server, "eth0", "icmp", "-w", str(path))
    try:
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "3", "0", "8")
        time.sleep(0.01)  # far less than the ring's block timeout
        rc, _, err = c.stop(signal.SIGTERM)
    finally:
        c.stop()
    assert rc == 0, err
    assert len(frames(path)) == 6 and stats(err)[0] == 6


@pytest.mark.root
def test_loopback_prints_each_packet_once(lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    _, server = lab.namespaces
    ours, theirs = tmp_path / "lo.pcap", tmp_path / "lo-td.pcap"
    c = Capture(server, "lo", "icmp", "-w", str(ours))
    t = Capture(server, "-i", "lo", "-w", str(theirs), "icmp", tcpdump=True)
    try:
        c.wait_listening()
        t.wait_listening()
        send(server, "icmp", "127.0.0.1", "3", "0.02", "8")
        time.sleep(1.5)  # tcpdump loses what sits in its open ring block at SIGINT
    finally:
        for p in (c, t):
            p.proc.send_signal(signal.SIGINT)
        rc, _, err = c.stop()
        t.stop()
    assert rc == 0, err
    a = frames(ours)
    assert len(a) == 6  # 3 requests + 3 replies, each once
    assert sorted(x[0][34] for x in a) == [0, 0, 0, 8, 8, 8]
    assert a == frames(theirs)


def capture_under_flood(lab, path: Path, *args: str) -> list[tuple[bytes, int]]:  # type: ignore[no-untyped-def]
    """``craft sniff ARGS -w path`` on the server, started while the client
    floods it with UDP; 3 echo requests follow right after "listening on"."""
    client, server = lab.namespaces
    f = flood(client, "192.0.2.2", 6)
    c = None
    try:
        time.sleep(0.3)
        c = Capture(server, *args, "-w", str(path))
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "3", "0.01", "8")  # sent right after "listening on"
        time.sleep(0.3)
        rc, _, err = c.stop()
    finally:
        if c is not None:
            c.stop()
        f.terminate()
        f.wait(timeout=10)
    assert rc == 0, err
    return frames(path)


@pytest.mark.root
def test_filter_holds_from_the_first_packet(lab, tmp_path: Path) -> None:
    """A UDP flood runs while craft starts: not one UDP packet may slip in."""
    require_root()
    got = capture_under_flood(lab, tmp_path / "f.pcap", "eth0", "icmp")
    assert got and {d[23] for d, _ in got} == {1}  # IPv4 protocol field: ICMP, never UDP
    echoes = sorted(d[34] for d, _ in got if d[34] != 3)  # 3: the flood's port unreachables
    assert echoes == [0, 0, 0, 8, 8, 8]


@pytest.mark.root
def test_snaplen_cuts_packets_and_keeps_the_wire_length(lab, tmp_path: Path) -> None:
    require_root()
    client, server = lab.namespaces
    path = tmp_path / "snap.pcap"
    c = Capture(server, "eth0", "icmp[0] == 8", "-s", "60", "-c", "2", "-w", str(path))
    try:
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "2", "0.01", "200")
        rc, _, err = c.finish()
    finally:
        c.stop()
    assert rc == 0, err
    assert [(len(d), n) for d, n in frames(path)] == [(60, 14 + 20 + 8 + 200)] * 2
    assert "snapshot length 60 bytes" in err


@pytest.mark.root
def test_json_lines_live(lab) -> None:
    import json

    require_root()
    client, server = lab.namespaces
    c = Capture(server, "eth0", "icmp", "-c", "2", "--json")
    try:
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "1", "0", "8")
        rc, out, err = c.finish()
    finally:
        c.stop()
    assert rc == 0, err
    objs = [json.loads(line) for line in out.splitlines()]
    assert len(objs) == 2
    names = [[layer["layer"] for layer in o["layers"]][:3] for o in objs]
    assert names == [["ether", "ipv4", "icmp"]] * 2
    assert objs[0]["layers"][1]["fields"]["src"] == "192.0.2.1" and objs[0]["length"] == 50


@pytest.mark.root
def test_drop_privileges_to_nobody(lab, tmp_path: Path) -> None:
    require_root()
    client, server = lab.namespaces
    nobody = pwd.getpwnam("nobody")
    path = tmp_path / "z.pcap"
    c = Capture(server, "eth0", "icmp", "-c", "2", "-Z", "nobody", "-w", str(path))
    try:
        c.wait_listening()
        status = Path(f"/proc/{_child_pid(c.proc.pid)}/status").read_text()
        uids = re.search(r"^Uid:\s+(.*)$", status, re.M).group(1).split()  # type: ignore[union-attr]
        gids = re.search(r"^Gid:\s+(.*)$", status, re.M).group(1).split()  # type: ignore[union-attr]
        assert set(uids) == {str(nobody.pw_uid)} and set(gids) == {str(nobody.pw_gid)}
        send(client, "icmp", "192.0.2.2", "1", "0", "8")
        rc, _, err = c.finish()
    finally:
        c.stop()
    assert rc == 0, err
    assert path.stat().st_uid == nobody.pw_uid
    assert len(frames(path)) == 2


def _child_pid(pid: int) -> int:
    """``ip netns exec`` execs the command in place, so the pid is craft's."""
    return pid


@pytest.mark.root
def test_errors_come_before_capture(lab) -> None:
    require_root()
    _, server = lab.namespaces
    for args, words in (
        (["-Z", "no-such-user-ct", "eth0"], "no such user"),
        (["eth0", "icmp", "and"], "syntax error"),
        (["eth9"], "No such device"),
    ):
        r = subprocess.run(
            in_ns(server, *CRAFT, "sniff", *args), capture_output=True, text=True, timeout=30
        )
        assert r.returncode == 2, (args, r.stderr)
        assert words in r.stderr and "listening" not in r.stderr
        assert len(r.stderr.splitlines()) == 1


@pytest.mark.root
@pytest.mark.parametrize("flags", [["-t"], ["-t", "-e", "-v"], ["-t", "-XX"]])
def test_prints_what_tcpdump_prints_for_the_same_packets(lab, flags: list[str]) -> None:
    """Line for line, timestamps aside (each socket stamps its own copy)."""
    require_root("tcpdump")
    client, server = lab.namespaces
    c = Capture(server, "eth0", "ip", "or", "arp", "-n", *flags)
    t = Capture(server, "-i", "eth0", "-n", *flags, "ip or arp", tcpdump=True)
    try:
        c.wait_listening()
        t.wait_listening()
        send(client, "icmp", "192.0.2.2", "3", "0.02", "40")
        send(client, "udp", "192.0.2.2", "3", "0.02")
        time.sleep(1.5)
    finally:
        for p in (c, t):
            p.proc.send_signal(signal.SIGINT)
        rc, ours, err = c.stop()
        _, theirs, _ = t.stop()
    assert rc == 0, err
    assert len(ours.splitlines()) >= 12
    assert ours == theirs  # including the newline tcpdump adds when interrupted


@pytest.mark.root
def test_live_counter_on_a_terminal_with_w(lab, tmp_path: Path) -> None:
    import pty

    require_root()
    client, server = lab.namespaces
    master, slave = pty.openpty()
    path = tmp_path / "tty.pcap"
    proc = subprocess.Popen(
        in_ns(server, *CRAFT, "sniff", "eth0", "icmp", "-w", str(path)),
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    seen = b""
    try:
        end = time.monotonic() + 15
        while b"listening on" not in seen and time.monotonic() < end:
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 4096)
        send(client, "icmp", "192.0.2.2", "2", "0.01", "8")
        end = time.monotonic() + 5
        while b"\rcaptured 4, dropped 0" not in seen and time.monotonic() < end:
            if select.select([master], [], [], 0.5)[0]:
                seen += os.read(master, 4096)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
        os.close(master)
    assert b"\rcaptured 0, dropped 0" in seen and b"\rcaptured 4, dropped 0" in seen
    assert len(frames(path)) == 4


def _block(
    packets: list[tuple[int, int, bytes, int, int, int, int]], size: int = 4096
) -> bytearray:
    """A TPACKET_V3 block as the kernel lays it out (linux/if_packet.h):
    packets are (sec, nsec, data, wirelen, tp_status, vlan_tci, sll_pkttype)."""
    import struct

    buf = bytearray(size)
    first = 48  # after tpacket_block_desc
    struct.pack_into("=IIIII", buf, 0, 1, 0, 1, len(packets), first)  # TP_STATUS_USER
    p = first
    for i, (sec, nsec, data, wirelen, status, tci, pkttype) in enumerate(packets):
        mac = 48 + 20 + 2  # tpacket3_hdr, sockaddr_ll, padding to 16
        mac += -mac % 16
        length = (mac + len(data) + 15) & ~15
        nxt = length if i < len(packets) - 1 else 0
        struct.pack_into(
            "=IIIIIIHHIIH",
            buf,
            p,
            nxt,
            sec,
            nsec,
            len(data),
            wirelen,
            status,
            mac,
            mac,
            0,
            tci,
            0x88A8 if status & (1 << 6) else 0,
        )
        buf[p + 58] = pkttype
        buf[p + mac : p + mac + len(data)] = data
        p += length
    return buf


def test_block_walk_loopback_duplicates_vlan_and_hand_back() -> None:
    """The ring's block walker on hand-made blocks: no kernel needed."""
    from craft.io.ring import Ring

    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00" + b"I" * 30
    ring = Ring.__new__(Ring)
    ring.block_size, ring.block_nr, ring._cur, ring.snaplen = 4096, 2, 0, 262144
    ring._loopback, ring.cooked = True, False
    ring._mm = _block(
        [
            (10, 1, eth, 44, 1, 0, 4),  # PACKET_OUTGOING on lo: the copy tcpdump does not print
            (10, 2, eth, 44, 1, 0, 0),  # PACKET_HOST
            (11, 3, eth, 44, 1 | (1 << 4), 100, 0),  # the NIC stripped an 802.1Q tag, vid 100
            (12, 4, eth, 44, 1 | (1 << 4) | (1 << 6), 0x2005, 0),  # 802.1ad tag, pcp 1, vid 5
        ]
    ) + bytearray(4096)
    got = ring.next_block()
    assert got is not None
    assert [(s, n, w) for s, n, _, w in got] == [(10, 2, 44), (11, 3, 48), (12, 4, 48)]
    assert got[0][2] == eth
    assert got[1][2] == eth[:12] + bytes.fromhex("81000064") + eth[12:]
    assert got[2][2] == eth[:12] + bytes.fromhex("88a82005") + eth[12:]
    assert ring._mm[8] == 0 and ring._cur == 1  # handed back to the kernel, next block
    assert ring.next_block() is None  # the kernel still holds block 1
    ring._loopback = False
    ring._cur = 0
    ring._mm[8] = 1
    assert len(ring.next_block() or []) == 4  # on other devices outgoing packets count


@pytest.mark.root
def test_live_filter_is_compiled_like_tcpdump_dash_i(lab) -> None:
    """On an interface, "vlan" must use the kernel's VLAN ancillary data (the
    tag is usually stripped by the NIC): the program equals tcpdump -i -ddd."""
    require_root("tcpdump")
    _, server = lab.namespaces
    code = (
        "import sys; from craft.io.bpf import compile_filter; "
        "print(compile_filter(sys.argv[1], ifname='eth0').dump())"
    )
    for expr in ("vlan 100 and icmp", "icmp", ""):
        ours = subprocess.run(
            in_ns(server, sys.executable, "-c", code, expr),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        theirs = subprocess.run(
            in_ns(server, "tcpdump", "-i", "eth0", "-ddd", expr),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert ours == theirs
        if expr.startswith("vlan"):  # SKF_AD_OFF + SKF_AD_VLAN_TAG_PRESENT, as an unsigned k
            assert "48 0 0 4294963248" in ours


def test_list_interfaces_like_tcpdump_dash_d() -> None:
    r = subprocess.run([*CRAFT, "sniff", "-D"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    names = [line.split(".", 1)[1].split(" ")[0] for line in r.stdout.splitlines()]
    assert sorted(names) == sorted(
        [name for _, name in __import__("socket").if_nameindex()] + ["any"]
    )
    assert any(line.endswith(".lo [Up, Running, Loopback]") for line in r.stdout.splitlines())


@pytest.mark.root
def test_list_interfaces_as_tcpdump_dash_d_orders_and_flags_them(lab) -> None:
    """Up and running first (by instance number), any, loopback, then those not
    running; connection status from the driver (a veth without a peer up is
    Disconnected). tcpdump also lists libpcap's devices that are not network
    interfaces (nflog, dbus-system, usbmon...): craft cannot capture on them."""
    require_root("tcpdump")
    _, server = lab.namespaces
    for cmd in (
        ["link", "add", "va", "type", "veth", "peer", "name", "vb"],
        ["link", "set", "va", "up"],
        ["link", "add", "vc9", "type", "veth", "peer", "name", "vd1"],
        ["link", "set", "vc9", "up"],
        ["link", "set", "vd1", "up"],
    ):
        subprocess.run(["ip", "-n", server, *cmd], check=True)
    theirs = subprocess.run(
        in_ns(server, "tcpdump", "-D"), capture_output=True, text=True, check=True
    ).stdout.splitlines()
    ours = subprocess.run(
        in_ns(server, *CRAFT, "sniff", "-D"), capture_output=True, text=True, check=True
    ).stdout.splitlines()
    netdevs = set(
        subprocess.run(
            in_ns(server, "ls", "/sys/class/net"), capture_output=True, text=True, check=True
        ).stdout.split()
    ) | {"any"}
    theirs = [
        line.split(".", 1)[1] for line in theirs if line.split(".", 1)[1].split(" ")[0] in netdevs
    ]
    assert [line.split(".", 1)[1] for line in ours] == theirs
    assert [int(line.split(".", 1)[0]) for line in ours] == list(range(1, len(ours) + 1))
    assert theirs[:4] == [
        "eth0 [Up, Running, Connected]",
        "vd1 [Up, Running, Connected]",
        "vc9 [Up, Running, Connected]",  # instance numbers 0, 1, 9
        "any (Pseudo-device that captures on all interfaces) [Up, Running]",
    ]
    assert "vb [none, Disconnected]" in theirs and "va [Up, Disconnected]" in theirs


@pytest.mark.root
def test_promiscuous_unless_p(lab, tmp_path: Path) -> None:
    """PACKET_MR_PROMISC raises the device's promiscuity count (as libpcap does;
    the IFF_PROMISC flag shown by plain ``ip link`` is not touched)."""
    require_root()
    _, server = lab.namespaces

    def promiscuity() -> int:
        out = subprocess.run(
            ["ip", "-n", server, "-d", "link", "show", "eth0"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(re.search(r"promiscuity (\d+)", out).group(1))  # type: ignore[union-attr]

    def while_capturing(*extra: str) -> int:
        c = Capture(server, "eth0", "-w", str(tmp_path / "p.pcap"), *extra)
        try:
            c.wait_listening()
            return promiscuity()
        finally:
            c.stop()

    assert promiscuity() == 0
    assert while_capturing() == 1
    assert while_capturing("-p") == 0
    assert promiscuity() == 0


@pytest.mark.root
def test_interface_going_away_ends_the_capture_cleanly(lab, tmp_path: Path) -> None:
    """As libpcap: an error, exit 1 — after the packets already received are
    written and the end lines printed."""
    require_root()
    client, server = lab.namespaces
    path = tmp_path / "gone.pcap"
    c = Capture(server, "eth0", "icmp", "-w", str(path))
    try:
        c.wait_listening()
        send(client, "icmp", "192.0.2.2", "2", "0", "8")
        subprocess.run(["ip", "-n", server, "link", "del", "eth0"], check=True)
        rc, _, err = c.finish(timeout=10)
    finally:
        c.stop()
    assert rc == 1, err
    assert "eth0: The interface went down" in err.splitlines()[-1]
    assert stats(err)[0] == 4 and len(frames(path)) == 4
