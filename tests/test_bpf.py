"""Filter expressions: libpcap compiles them for us exactly as for tcpdump;
bad ones are one line with libpcap's message; read FILTER matches tcpdump."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sniffdata import mixed_records

from craft.errors import UsageError
from craft.io.bpf import REJECT_ALL, compile_filter
from craft.io.pcap import Record, read_capture, write_pcap

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]
EXPRESSIONS = [
    "icmp",
    "udp",
    "tcp[tcpflags] & tcp-syn != 0",
    "arp",
    "ip6",
    "icmp6",
    "vlan",
    "host 192.0.2.2 and not icmp",
    "ether proto 0x88b5",
    "udp port 40053 or tcp port 44444",
    "greater 80",
    "ip[8] == 64",
    "",
]


def tcpdump() -> str:
    path = shutil.which("tcpdump")
    if path is None:
        import os

        if os.environ.get("CI") == "true":
            pytest.fail("tcpdump is needed")
        pytest.skip("needs tcpdump")
    return path


@pytest.fixture(scope="module")
def mixed_pcap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bpf") / "mixed.pcap"
    write_pcap(path, (Record(*r, 1) for r in mixed_records(600)))
    return path


@pytest.mark.parametrize("expr", [e for e in EXPRESSIONS if e])
def test_program_is_what_tcpdump_compiles(expr: str) -> None:
    out = subprocess.run(
        [tcpdump(), "-ddd", "-y", "EN10MB", expr], capture_output=True, text=True, check=True
    )
    assert compile_filter(expr).dump() == out.stdout.strip()


def test_snaplen_is_the_accept_return_value() -> None:
    assert compile_filter("", snaplen=96).insns == ((6, 0, 0, 96),)
    assert compile_filter("icmp", snaplen=100).insns[-2] == (6, 0, 0, 100)
    assert REJECT_ALL.insns == ((6, 0, 0, 0),)


@pytest.mark.parametrize("expr", ["icmp and", "host 999.1.1.1", "tcp port http-nope", "frobnicate"])
def test_invalid_expression_carries_libpcaps_message(expr: str) -> None:
    with pytest.raises(UsageError) as ei:
        compile_filter(expr)
    td = subprocess.run([tcpdump(), "-d", expr], capture_output=True, text=True)
    assert td.returncode != 0
    libpcap_msg = td.stderr.strip().splitlines()[-1].removeprefix("tcpdump: ")
    assert libpcap_msg in str(ei.value)


def test_cli_invalid_filter_is_one_line_exit_2(mixed_pcap: Path) -> None:
    r = subprocess.run(
        [*CRAFT, "read", str(mixed_pcap), "icmp", "and"], capture_output=True, text=True
    )
    assert r.returncode == 2
    assert r.stdout == ""
    assert len(r.stderr.splitlines()) == 1 and "syntax error" in r.stderr


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_matcher_agrees_with_tcpdump(mixed_pcap: Path, expr: str) -> None:
    match = compile_filter(expr).matcher()
    ours = sum(match(r.data, r.wirelen) for r in read_capture(mixed_pcap))
    out = subprocess.run(
        [tcpdump(), "-n", "-r", str(mixed_pcap), "-w", "-", *([expr] if expr else [])],
        capture_output=True,
        check=True,
    )
    theirs = subprocess.run([tcpdump(), "-n", "-r", "-"], input=out.stdout, capture_output=True)
    n_theirs = sum(1 for line in theirs.stdout.splitlines() if not line.startswith(b"\t"))
    assert 0 < ours <= 600 or expr == ""  # the mix has something for every expression
    assert ours == n_theirs


def test_cli_read_with_filter_writes_what_tcpdump_selects(mixed_pcap: Path, tmp_path: Path) -> None:
    expr = ["udp", "or", "arp"]
    ours = tmp_path / "ours.pcap"
    r = subprocess.run(
        [*CRAFT, "read", str(mixed_pcap), *expr, "-w", str(ours)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    theirs = tmp_path / "theirs.pcap"
    subprocess.run(
        [tcpdump(), "-r", str(mixed_pcap), "-w", str(theirs), *expr],
        capture_output=True,
        check=True,
    )
    a, b = list(read_capture(ours)), list(read_capture(theirs))
    assert len(a) == 200 and a == b  # kinds 2, 6, 7, 8 of 12 (the VLAN one needs "vlan and udp")


@pytest.mark.parametrize("order", ["<", ">"])
def test_read_filter_is_compiled_for_the_file_like_tcpdump_r(tmp_path: Path, order: str) -> None:
    """BSD loopback (DLT_NULL) holds the address family in the capturing
    host's byte order: the program must come from the file, as with tcpdump -r."""
    import struct

    from sniffdata import V6, ipv6, udp

    c6, s6 = V6
    pkt = ipv6(c6, s6, 17, udp(c6, s6, 50000, 4242, b"null"))
    recs = [struct.pack(order + "I", af) + pkt for af in (28, 30, 24, 2)]  # BSD AF_INET6s, AF_INET
    path = tmp_path / "null.pcap"
    out = [struct.pack(order + "IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 0)]
    for i, data in enumerate(recs):
        out.append(struct.pack(order + "IIII", i, 0, len(data), len(data)) + data)
    path.write_bytes(b"".join(out))
    r = subprocess.run(
        [*CRAFT, "read", str(path), "ip6", "-w", str(tmp_path / "sel.pcap")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    td = subprocess.run(
        [tcpdump(), "-r", str(path), "-w", str(tmp_path / "td.pcap"), "ip6"], capture_output=True
    )
    assert td.returncode == 0
    ours, theirs = (
        list(read_capture(tmp_path / "sel.pcap")),
        list(read_capture(tmp_path / "td.pcap")),
    )
    assert len(ours) == 3 and ours == theirs
