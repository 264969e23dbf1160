"""craft send: bytes on the wire, replies matched, rate held, Ctrl-C, bad input.

The lab tests send from the client namespace and capture with tcpdump on the
server's eth0. Reply matching and ``--expect`` are also tested offline on
frames built by the struct encoder.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_root

from craft.errors import UsageError
from craft.layers.frame import Frame, Layer
from craft.live.lab import Lab
from craft.profile.load import load_profile

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]
CLIENT_MAC, SERVER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"

pytestmark = pytest.mark.lab_prefix("ct-send-")


def craft(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CRAFT, *args], capture_output=True, text=True, timeout=timeout)


def send_in(lab: Lab, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return craft("send", "--lab", "client", "--lab-name", lab.name, *args, timeout=timeout)


def read_pcap(path: Path) -> list[bytes]:
    data = path.read_bytes()
    magic = data[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    out, off = [], 24
    while off + 16 <= len(data):
        _s, _u, incl, _orig = struct.unpack_from(endian + "IIII", data, off)
        out.append(data[off + 16 : off + 16 + incl])
        off += 16 + incl
    return out


def quiet(lab: Lab) -> None:
    """Permanent neighbour entries both ways, so neither kernel asks for the
    other's MAC while a test captures (only craft's frames then leave the client)."""
    for node, peer, mac in (("client", "server", SERVER_MAC), ("server", "client", CLIENT_MAC)):
        n = "2" if peer == "server" else "1"
        for ip in (f"192.0.2.{n}", f"2001:db8::{n}", f"fe80::ff:fe00:{n}"):
            lab.exec(
                node,
                ["ip", "neigh", "replace", ip, "lladdr", mac, "dev", "eth0", "nud", "permanent"],
                check=True,
            )


class Capture:
    """tcpdump -w on the server's eth0 for the frames it receives (-Q in:
    from the client, whatever their source MAC: dhcp-starvation's are
    random); MLD reports to ff02::16, which the kernel sends by itself from
    its link-local or the unspecified address, left out (the bundled
    mld-report's, from the lab address, kept)."""

    def __init__(self, lab: Lab, path: Path) -> None:
        self.path = path
        self.proc = lab.popen(
            "server",
            [
                "tcpdump",
                "-i",
                "eth0",
                "--immediate-mode",
                "-B",
                "32768",
                "-U",
                "-n",
                "-s",
                "0",
                "-w",
                str(path),
                "-Q",
                "in",
                "not (ip6 dst ff02::16 and (ip6 src net fe80::/10 or ip6 src host ::))",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stderr.readline()  # "listening on eth0 ..." once the filter is set
        assert "listening" in line, line

    def stop(self, expect: int = 0) -> list[bytes]:
        """The frames captured: once ``expect`` of them are in the file (-U
        writes each as it comes; at most 10 s: the suite runs two tests at
        a time, and a loaded tcpdump lags), else after 0.3 s."""
        end = time.monotonic() + (10 if expect else 0.3)
        while time.monotonic() < end and (not expect or len(read_pcap(self.path)) < expect):
            time.sleep(0.05)
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        return read_pcap(self.path)


def bundled() -> list[Path]:
    from craft.profile.load import bundled_profiles

    return [b.file for b in bundled_profiles()]


# -- on the wire ---------------------------------------------------------------


@pytest.mark.root
def test_every_bundled_profile_arrives_byte_identical(lab: Lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    quiet(lab)
    profiles = bundled()
    assert len(profiles) >= 9
    for profile in profiles:
        # a long stream (dns-id-sweep: 65,536 IDs) in its first 512 frames
        count = str(min(load_profile(profile).default_count(), 512))
        built = craft("build", str(profile), "--backend", "struct", "--format", "hex", "-c", count)
        assert built.returncode == 0, built.stderr
        want = [bytes.fromhex(x) for x in built.stdout.split()]
        cap = Capture(lab, tmp_path / f"{profile.stem}.pcap")
        try:
            r = send_in(lab, str(profile), "-i", "eth0", "-c", count)
        finally:
            got = cap.stop(len(want))
        assert r.returncode == 0, (profile.name, r.stderr)
        assert f"{len(want)} frame{'' if len(want) == 1 else 's'}, " in r.stdout
        assert got == want, profile.name


@pytest.mark.root
def test_scapy_backend_sends_the_same_bytes(lab: Lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    quiet(lab)
    want = craft("build", "tcp-syn", "--backend", "struct", "--format", "hex").stdout.split()
    cap = Capture(lab, tmp_path / "scapy.pcap")
    try:
        r = send_in(lab, "tcp-syn", "--backend", "scapy")
    finally:
        got = cap.stop()
    assert r.returncode == 0, r.stderr
    assert [g.hex() for g in got] == want


@pytest.mark.root
def test_long_stream_replayed_in_order(lab: Lab, tmp_path: Path) -> None:
    # 5000 frames of a repeating stream (the period-replay path): every one
    # arrives, in the profile's order.
    require_root("tcpdump")
    quiet(lab)
    want = craft(
        "build",
        "udp",
        "--backend",
        "struct",
        "--format",
        "hex",
        "--count",
        "3",
        "--set",
        "udp.sport={from: 1000, to: 1006}",
    ).stdout.split()
    cap = Capture(lab, tmp_path / "long.pcap")
    try:
        r = send_in(
            lab,
            "udp",
            "-c",
            "5000",
            "--set",
            "udp.sport={from: 1000, to: 1006}",
            "--json",
            "-i",
            "eth0",
            "--rate",
            "10000",
        )
    finally:
        got = cap.stop(5000)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["frames"] == 5000
    assert len(got) == 5000
    assert [g.hex() for g in got[:3]] == want
    sports = [int.from_bytes(g[34:36], "big") for g in got]
    assert sports == [1000 + i % 7 for i in range(5000)]


@pytest.mark.root
def test_fast_path_sends_every_frame(lab: Lab) -> None:
    # 250,000 frames of udp-sweep take the patched, forked path: all reach the server
    def rx() -> int:
        out = lab.exec(
            "server",
            ["ip", "-j", "-s", "link", "show", "eth0"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out)[0]["stats64"]["rx"]["packets"]

    quiet(lab)
    before = rx()
    r = send_in(lab, "udp-sweep", "-c", "250000", "--json", timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["frames"] == 250000 and out["bytes"] == 250000 * 74
    # (the kernels may add a few of their own: MLD reports, neighbour probes)
    assert 250000 <= rx() - before <= 250000 + 20


TUN_READER = r"""
import fcntl, os, select, struct
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH", b"tun0", 0x0001 | 0x1000))  # TUNSETIFF: TUN, NO_PI
print("ready", flush=True)
r, _, _ = select.select([fd], [], [], 10)
print(os.read(fd, 65536).hex() if r else "nothing", flush=True)
"""


@pytest.mark.root
def test_tun_gets_the_frame_from_its_ip_header(lab: Lab) -> None:
    # A tun device has no link header: craft sends from the IP header on,
    # and says why it cannot send ARP there.
    if not os.path.exists("/dev/net/tun"):  # pragma: no cover
        if os.environ.get("CI") == "true":
            pytest.fail("needs /dev/net/tun")
        pytest.skip("needs /dev/net/tun")
    for argv in (
        ["ip", "tuntap", "add", "dev", "tun0", "mode", "tun"],
        ["ip", "link", "set", "tun0", "up"],
        ["ip", "addr", "add", "198.51.100.1/24", "dev", "tun0"],
    ):
        lab.exec("client", argv, check=True)
    reader = lab.popen(
        "client", [sys.executable, "-c", TUN_READER], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        r = send_in(lab, "icmp", "--var", "dst=198.51.100.2")  # routed via tun0
        assert r.returncode == 0, r.stderr
        got, _ = reader.communicate(timeout=10)
    finally:
        if reader.poll() is None:
            reader.kill()
    want = craft(
        "build",
        "icmp",
        "--var",
        "dst=198.51.100.2",
        "--set",
        "ipv4.src=198.51.100.1",
        "--format",
        "hex",
    ).stdout.split()
    assert got.strip() == want[0][28:]  # without the 14-byte Ethernet header
    r = send_in(lab, "arp-request", "-i", "tun0")
    assert r.returncode == 2
    assert "tun0 (none) has no link header and carries IP only, not arp" in r.stderr


# -- replies -------------------------------------------------------------------


def _replies(lab: Lab, *args: str) -> dict:
    r = send_in(lab, *args, "--replies", "--timeout", "1", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.root
@pytest.mark.parametrize(
    ("profile", "expect"),
    [
        ("icmp", "icmp.type == echo-reply and icmp.id == 0x1234"),
        ("ipv6-echo", "icmpv6.type == echo-reply"),
        (
            "arp-request",
            "arp.op == reply and arp.sha == 02:00:00:00:00:02 and arp.spa == 192.0.2.2",
        ),
        ("icmpv6-ns", "icmpv6.type == neighbor-advert and icmpv6.target == 2001:db8::2"),
        ("tcp-syn", "tcp.flags == RA and tcp.sport == 80"),
        ("udp", "icmp.type == dest-unreach and icmp.code == 3"),
    ],
)
def test_reply_matched_and_printed(lab: Lab, profile: str, expect: str) -> None:
    out = _replies(lab, profile)
    assert (out["sent"], out["answered"], out["unanswered"]) == (1, 1, 0)
    [reply] = out["replies"]
    assert reply["frame"] == 0 and 0 < reply["rtt_ms"] < 1000
    # the same run as text: the reply line, then the counts line
    r = send_in(lab, profile, "--replies", "--timeout", "1", "--expect", expect)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert "(frame #0, rtt " in lines[0]
    assert lines[-1] == "1 sent, 1 answered, 0 unanswered"


@pytest.mark.root
def test_syn_to_listening_port_gets_syn_ack(lab: Lab) -> None:
    server = lab.popen(
        "server",
        [
            sys.executable,
            "-c",
            "import socket,time;s=socket.socket();"
            "s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);"
            "s.bind(('192.0.2.2',8080));s.listen();print('up',flush=True);"
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip() == "up"
        r = send_in(
            lab,
            "tcp-syn",
            "--set",
            "tcp.dport=8080",
            "--expect",
            "tcp.flags == SA",
            "--timeout",
            "1",
        )
        assert r.returncode == 0, r.stdout + r.stderr
        assert "1 sent, 1 answered, 0 unanswered" in r.stdout
        # to a closed port the same SYN gets RST-ACK, and the expectation says so
        r = send_in(
            lab,
            "tcp-syn",
            "--set",
            "tcp.dport=8081",
            "--expect",
            "tcp.flags == SA",
            "--timeout",
            "1",
        )
        assert r.returncode == 1
        assert "expect failed: tcp.flags == SA" in r.stderr and "RA" in r.stderr
    finally:
        server.kill()
        server.wait()


@pytest.mark.root
def test_unanswered_counted_and_expect_fails(lab: Lab) -> None:
    # an echo request to an address nobody has (the neighbour is given, so it is sent)
    r = send_in(
        lab,
        "icmp",
        "--set",
        "ipv4.dst=192.0.2.77",
        "--set",
        f"ether.dst={SERVER_MAC}",
        "-c",
        "3",
        "--interval",
        "0.01",
        "--timeout",
        "0.3",
        "--expect",
        "answered == sent",
    )
    assert r.returncode == 1
    assert "3 sent, 0 answered, 3 unanswered" in r.stdout
    assert "expect failed: answered == sent" in r.stderr


# -- pacing and Ctrl-C ---------------------------------------------------------


@pytest.mark.root
def test_rate_1000_for_3000_frames_takes_3_s(lab: Lab) -> None:
    start = time.monotonic()
    r = send_in(lab, "udp", "--rate", "1000", "--count", "3000", "--json", timeout=30)
    wall = time.monotonic() - start
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["frames"] == 3000
    assert 2.85 <= out["seconds"] <= 3.15, out
    assert wall >= 2.85


@pytest.mark.root
@pytest.mark.parametrize(("rate", "count"), [(100, 150), (100_000, 100_000)])
def test_rate_held_within_5_percent(lab: Lab, rate: int, count: int) -> None:
    r = send_in(lab, "udp", "--rate", str(rate), "--count", str(count), "--json", timeout=30)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["frames"] == count
    # the last frame is due at (count - 1) / rate
    assert (
        abs(out["fps"] - rate) / rate <= 0.05
        or abs(out["seconds"] - (count - 1) / rate) <= 0.05 * count / rate
    ), out


@pytest.mark.root
def test_ctrl_c_prints_summary_and_exits_130(lab: Lab) -> None:
    p = subprocess.Popen(
        [
            *CRAFT,
            "send",
            "--lab",
            "client",
            "--lab-name",
            lab.name,
            "udp",
            "--count",
            "0",
            "--rate",
            "2000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.5)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, err
    assert "Traceback" not in err
    line = out.strip().splitlines()[-1]
    assert line.endswith("(interrupted)") and " frames, " in line
    frames = int(line.split()[0])
    assert 500 < frames < 4000


# -- bad input -----------------------------------------------------------------


@pytest.mark.root
def test_bad_input_one_line_each(lab: Lab) -> None:
    def one_line(r: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
        assert r.returncode == code, r.stdout + r.stderr
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "Traceback" not in r.stderr
        for n in needles:
            assert n in r.stderr, r.stderr

    one_line(send_in(lab, "icmp", "-i", "nosuch0"), 2, "no interface 'nosuch0'", "eth0", "lo")
    lab.exec(
        "client", ["ip", "link", "add", "ct0", "type", "veth", "peer", "name", "ct1"], check=True
    )
    one_line(send_in(lab, "icmp", "-i", "ct0"), 1, "interface ct0 is down")
    lab.exec("client", ["ip", "link", "set", "ct0", "mtu", "68", "up"], check=True)
    lab.exec("client", ["ip", "addr", "add", "198.51.100.1/24", "dev", "ct0"], check=True)
    one_line(
        send_in(
            lab,
            "udp",
            "-i",
            "ct0",
            "--set",
            f"ether.dst={SERVER_MAC}",
            "--set",
            "payload.text=" + "x" * 60,
        ),
        2,
        "frames[0] (frame #0) is 102 bytes",
        "at most 82",
        "MTU 68",
    )
    one_line(
        send_in(lab, "icmp", "--var", "dst=192.0.2.99"), 1, "cannot resolve 192.0.2.99 on eth0"
    )
    one_line(send_in(lab, "icmp", "--rate", "10", "--interval", "1"), 2, "not both")
    one_line(send_in(lab, "icmp", "--expect", "tcp.nosuch == 1"), 2, "tcp has no field 'nosuch'")
    r = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            lab.namespace("client"),
            "setpriv",
            "--bounding-set=-net_raw",
            "--inh-caps=-net_raw",
            *CRAFT,
            "send",
            "icmp",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    one_line(r, 1, "craft send needs root or CAP_NET_RAW")


@pytest.mark.root
def test_dry_run_resolves_and_sends_nothing(lab: Lab, tmp_path: Path) -> None:
    require_root("tcpdump")
    quiet(lab)
    cap = Capture(lab, tmp_path / "dry.pcap")
    try:
        r = send_in(lab, "icmp", "--dry-run", "--format", "hex")
    finally:
        got = cap.stop()
    assert r.returncode == 0, r.stderr
    assert got == []
    want = craft("build", "icmp", "--format", "hex").stdout.split()
    assert r.stdout.split() == want


# -- offline: matching and --expect ------------------------------------------


def _frame(*layers: tuple[str, dict]) -> bytes:
    from craft.encode.struct_ import encode
    from craft.layers import LAYERS

    out = []
    for name, given in layers:
        v = LAYERS[name].HEADER.defaults()
        v.update(given)
        out.append(Layer(name, v, frozenset(given)))
    return encode(Frame(out))


A, B = socket.inet_aton("192.0.2.1"), socket.inet_aton("192.0.2.2")
ETH = ("ether", {})
ETH_BACK = ("ether", {"src": bytes.fromhex("020000000002"), "dst": bytes.fromhex("020000000001")})


def _syn(seq: int = 1000) -> bytes:
    return _frame(
        ETH,
        ("ipv4", {"src": A, "dst": B}),
        ("tcp", {"sport": 43210, "dport": 80, "seq": seq, "flags": 0x02}),
    )


def _synack(ack: int, flags: int = 0x12) -> bytes:
    return _frame(
        ETH_BACK,
        ("ipv4", {"src": B, "dst": A}),
        ("tcp", {"sport": 80, "dport": 43210, "ack": ack, "flags": flags}),
    )


def test_tcp_reply_needs_ack_seq_plus_one() -> None:
    from craft.live.replies import Matcher

    m = Matcher()
    m.sent(0, _syn(1000), 1.0)
    assert m.received(_synack(1000), 1.5) is None  # ack must be seq + 1
    a = m.received(_synack(1001, 0x14), 1.25)  # RST-ACK answers a SYN too
    assert a is not None and a.request.number == 0 and a.rtt == pytest.approx(0.25)
    assert (m.sent_count, m.answered, m.unanswered) == (1, 1, 0)
    assert m.received(_synack(1001), 2.0) is None  # answered once


def test_icmp_echo_and_port_unreachable_matching() -> None:
    from craft.live.replies import Matcher

    m = Matcher()
    for seq in (1, 2):
        m.sent(
            seq - 1,
            _frame(ETH, ("ipv4", {"src": A, "dst": B}), ("icmp", {"type": 8, "id": 7, "seq": seq})),
            10.0,
        )
    udp = _frame(
        ETH,
        ("ipv4", {"src": A, "dst": B}),
        ("udp", {"sport": 5000, "dport": 9}),
        ("payload", {"data": b"x"}),
    )
    m.sent(2, udp, 10.0)
    # seq 2 answered first; an echo reply with the wrong id is nobody's
    assert (
        m.received(
            _frame(
                ETH_BACK, ("ipv4", {"src": B, "dst": A}), ("icmp", {"type": 0, "id": 8, "seq": 2})
            ),
            10.1,
        )
        is None
    )
    a = m.received(
        _frame(ETH_BACK, ("ipv4", {"src": B, "dst": A}), ("icmp", {"type": 0, "id": 7, "seq": 2})),
        10.1,
    )
    assert a is not None and a.request.number == 1
    unreach = _frame(
        ETH_BACK,
        ("ipv4", {"src": B, "dst": A}),
        ("icmp", {"type": 3, "code": 3}),
        ("payload", {"data": udp[14:]}),
    )
    a = m.received(unreach, 10.2)
    assert a is not None and a.request.number == 2
    assert (m.answered, m.unanswered) == (2, 1)


def test_arp_and_nd_matching() -> None:
    from craft.live.replies import Matcher

    m = Matcher()
    m.sent(0, _frame(("ether", {"dst": b"\xff" * 6}), ("arp", {"op": 1, "spa": A, "tpa": B})), 0.0)
    other = _frame(ETH_BACK, ("arp", {"op": 2, "spa": socket.inet_aton("192.0.2.3"), "tpa": A}))
    assert m.received(other, 0.1) is None
    reply = _frame(
        ETH_BACK, ("arp", {"op": 2, "sha": bytes.fromhex("020000000002"), "spa": B, "tpa": A})
    )
    assert m.received(reply, 0.1) is not None


def test_expect_evaluator() -> None:
    from craft.live.replies import Matcher, evaluate

    m = Matcher()
    m.sent(0, _syn(1), 0.0)
    m.sent(1, _syn(2), 0.0)
    m.received(_synack(2), 0.001)
    assert evaluate("answered == 1 and unanswered == 1 and sent == 2", m)[0]
    assert not evaluate("answered == sent", m)[0]
    assert evaluate("tcp.flags == SA", m)[0]
    assert evaluate("tcp.flags == [syn,ack]".replace("[syn,ack]", "0x12"), m)[0]
    assert evaluate("tcp.flags != RA and (ipv4.src == 192.0.2.2 or answered > 5)", m)[0]
    assert evaluate("not tcp.flags == R", m)[0]
    assert evaluate("80 == tcp.sport and rtt < 100", m)[0]
    ok, why = evaluate("tcp.flags == RA", m)
    assert not ok and "frame #0" in why and "SA" in why
    ok, why = evaluate("icmp.type == echo-reply", m)
    assert not ok and "no reply has an icmp layer" in why
    for bad in (
        "answered ==",
        "answered = 1",
        "(answered == 1",
        "tcp.bogus == 1",
        "tcp.flags == SYNACK!",
        "answered == sent extra",
        "",
    ):
        with pytest.raises(UsageError):
            evaluate(bad, m)


def test_cycled_batches_replay_exactly() -> None:
    from craft.live.send import cycled_batches

    cycle = [bytes([i]) * 60 for i in range(5)]
    for count in (0, 3, 5, 257, 1000, 1001):
        got = [f for b in cycled_batches(cycle, count, size=16) for f in b.frames]
        assert got == [cycle[i % 5] for i in range(count)]


def test_frame_period_of_bundled_profiles() -> None:
    from craft.live.send import frame_period
    from craft.profile.load import load_profile

    assert frame_period(load_profile("udp")) == 1
    assert frame_period(load_profile("icmp")) is None  # seq counts up without end
    assert frame_period(load_profile("udp-sweep")) is None  # a random ipv4.id never repeats
    p = load_profile("udp", sets=["udp.sport={from: 1, to: 6}", "udp.dport={list: [1, 2, 3, 4]}"])
    assert frame_period(p) == 12
    built = [f for f in p.frames(count=24)]
    from craft.encode.struct_ import encode

    data = [encode(f) for f in built]
    assert data[:12] == data[12:]


def test_lab_name_checked_before_anything() -> None:
    r = craft("send", "icmp", "--lab", "router")
    assert r.returncode == 2 and "unknown lab node 'router'" in r.stderr


# -- the fast path: patched frames equal the model's ---------------------------

PATCH_CASES = [
    ("udp-sweep", []),
    (
        "tcp-syn",
        [
            "tcp.sport={from: 1000, to: 1100}",
            "tcp.seq={random: [0, 4294967295]}",
            "ipv4.ttl={list: [1, 64, 255]}",
        ],
    ),
    (
        "ipv6-echo",
        ["icmpv6.seq={from: 1, to: 65535}", "ipv6.src={from: 2001:db8::1, to: 2001:db8::ff}"],
    ),
    ("icmp", []),
    (
        "udp",
        [
            "ipv4.id={random: [0, 65535]}",
            "udp.dport={random: [1, 3]}",
            "ether.src={list: [02:00:00:00:00:01, 02:00:00:00:00:09]}",
        ],
    ),
]


@pytest.mark.parametrize(("name", "sets"), PATCH_CASES)
def test_patcher_frames_equal_the_model(name: str, sets: list[str]) -> None:
    from craft.encode.patcher import Patcher
    from craft.encode.struct_ import encode
    from craft.profile.load import load_profile
    from craft.profile.resolve import PlaceholderResolver

    p = load_profile(name, sets=sets)
    fast = list(Patcher(p, PlaceholderResolver(), seed=7).frames(3000))
    slow = [encode(f) for f in p.frames(count=3000, seed=7)]
    assert fast == slow


def test_patcher_declines_what_it_cannot_patch() -> None:
    from craft.encode.patcher import NotPatchable, Patcher
    from craft.profile.load import load_profile
    from craft.profile.resolve import PlaceholderResolver

    for name, sets in (
        ("vlan-udp", ["vlan[1].vid={from: 1, to: 4000}"]),  # 12-bit field
        ("udp", []),  # nothing varies
        ("textbook-raw", []),
    ):  # raw frames
        with pytest.raises(NotPatchable):
            Patcher(load_profile(name, sets=sets), PlaceholderResolver())


def test_forked_builder_keeps_order_and_count() -> None:
    from craft.encode.patcher import Patcher
    from craft.live.send import forked_batches
    from craft.profile.load import load_profile
    from craft.profile.resolve import PlaceholderResolver

    p = load_profile("udp-sweep")
    want = list(Patcher(p, PlaceholderResolver()).frames(5000))
    got = [
        f for b in forked_batches(Patcher(p, PlaceholderResolver()), 5000, 256) for f in b.frames
    ]
    assert got == want
    # stopping early ends the builder (no process left behind)
    gen = forked_batches(Patcher(p, PlaceholderResolver()), 10**9, 256)
    next(gen)
    gen.close()
