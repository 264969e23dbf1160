"""Capture files: what craft writes, tcpdump and tshark read; what they (and
hand-made files in every byte order and resolution) write, craft reads."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from sniffdata import mixed_records

from craft.errors import UsageError
from craft.io.pcap import (
    BadCapture,
    CaptureReader,
    NotACapture,
    PcapWriter,
    Record,
    TruncatedCapture,
    read_capture,
    write_pcap,
)

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]
N = 60


def craft(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CRAFT, *args], capture_output=True, text=True, timeout=timeout)


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        if __import__("os").environ.get("CI") == "true":
            pytest.fail(f"{tool} is needed")
        pytest.skip(f"needs {tool}")


def records(n: int = N, *, nano: bool = True) -> list[Record]:
    out = []
    for sec, nsec, data, wirelen in mixed_records(n):
        out.append(Record(sec, nsec if nano else nsec // 1000 * 1000, data, wirelen, 1))
    return out


def swap_pcap(data: bytes) -> bytes:
    """The same classic pcap file in the other byte order."""
    src, dst = (
        ("<", ">") if struct.unpack("<I", data[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else (">", "<")
    )
    out = [struct.pack(dst + "IHHiIII", *struct.unpack_from(src + "IHHiIII", data, 0))]
    pos = 24
    while pos < len(data):
        hdr = struct.unpack_from(src + "IIII", data, pos)
        out.append(struct.pack(dst + "IIII", *hdr) + data[pos + 16 : pos + 16 + hdr[2]])
        pos += 16 + hdr[2]
    return b"".join(out)


def pcapng(recs: list[Record], order: str, tsresol: int | None) -> bytes:
    """A hand-made pcapng file: SHB, one IDB (with if_tsresol), EPBs."""

    def block(btype: int, body: bytes) -> bytes:
        body += b"\0" * (-len(body) % 4)
        n = len(body) + 12
        return struct.pack(order + "II", btype, n) + body + struct.pack(order + "I", n)

    out = [block(0x0A0D0D0A, struct.pack(order + "IHHq", 0x1A2B3C4D, 1, 0, -1))]
    opts = b""
    if tsresol is not None:
        opts = struct.pack(order + "HHB3x", 9, 1, tsresol) + struct.pack(order + "HH", 0, 0)
    out.append(block(1, struct.pack(order + "HHI", 1, 0, 262144) + opts))
    out.append(block(5, struct.pack(order + "III", 0, 0, 0)))  # statistics: not a packet
    for r in recs:
        if tsresol is None or tsresol == 6:
            units = r.ts_sec * 10**6 + r.ts_nsec // 1000
        elif tsresol == 9:
            units = r.ts_sec * 10**9 + r.ts_nsec
        else:  # 0x80 | k: 2^-k
            k = tsresol & 0x7F
            units = (r.ts_sec << k) + (r.ts_nsec << k) // 10**9
        body = struct.pack(
            order + "IIIII", 0, units >> 32, units & 0xFFFFFFFF, len(r.data), r.wirelen
        )
        out.append(block(6, body + r.data))
    return b"".join(out)


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("nano", [False, True])
def test_write_then_read_gives_the_same_records(tmp_path: Path, nano: bool) -> None:
    recs = records(nano=nano)
    path = tmp_path / "rt.pcap"
    assert write_pcap(path, recs, nano=nano) == N
    with CaptureReader(path) as r:
        got = list(r)
        assert (r.format, r.linktype, r.snaplen, r.nano) == ("pcap", 1, 262144, nano)
    assert got == recs


def test_tcpdump_and_tshark_read_what_we_write(tmp_path: Path) -> None:
    need("tcpdump")
    need("tshark")
    recs = records(nano=True)
    for nano in (False, True):
        path = tmp_path / f"w{int(nano)}.pcap"
        write_pcap(path, recs, nano=nano)
        td = subprocess.run(
            [
                "tcpdump",
                "-n",
                "-tt",
                "--time-stamp-precision",
                "nano" if nano else "micro",
                "-r",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        stamps = [line.split()[0] for line in td.stdout.splitlines() if not line.startswith("\t")]
        want = [
            f"{r.ts_sec}.{r.ts_nsec:09d}" if nano else f"{r.ts_sec}.{r.ts_nsec // 1000:06d}"
            for r in recs
        ]
        assert stamps == want
        ts = subprocess.run(
            [
                "tshark",
                "-r",
                str(path),
                "-T",
                "fields",
                "-e",
                "frame.len",
                "-e",
                "frame.cap_len",
                "-e",
                "frame.time_epoch",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        rows = [line.split("\t") for line in ts.stdout.splitlines()]
        assert [(int(a), int(b)) for a, b, _ in rows] == [(r.wirelen, len(r.data)) for r in recs]
        assert [c.split(".")[0] for _, _, c in rows] == [str(r.ts_sec) for r in recs]
        # and the bytes: tshark's own rewrite of the file reads back to our records
        again = tmp_path / f"again{int(nano)}.pcap"
        subprocess.run(
            ["tshark", "-r", str(path), "-F", "nsecpcap" if nano else "pcap", "-w", str(again)],
            capture_output=True,
            check=True,
        )
        assert list(read_capture(again)) == list(read_capture(path))


def test_snaplen_clamps_and_keeps_the_wire_length(tmp_path: Path) -> None:
    path = tmp_path / "snap.pcap"
    with PcapWriter.open(path, snaplen=40) as w:
        w.write(1, 0, bytes(range(100)), 100)
    (rec,) = read_capture(path)
    assert rec.data == bytes(range(40)) and rec.wirelen == 100


def test_reads_tcpdump_written_nanosecond_pcap_via_editcap(tmp_path: Path) -> None:
    need("editcap")
    recs = records(nano=False)
    src, dst = tmp_path / "u.pcap", tmp_path / "n.pcap"
    write_pcap(src, recs)
    subprocess.run(
        ["editcap", "-F", "nsecpcap", str(src), str(dst)], check=True, capture_output=True
    )
    assert struct.unpack("<I", dst.read_bytes()[:4])[0] == 0xA1B23C4D
    assert list(read_capture(dst)) == recs


@pytest.mark.parametrize("nano", [False, True])
def test_reads_big_endian_pcap(tmp_path: Path, nano: bool) -> None:
    recs = records(nano=nano)
    little = tmp_path / "le.pcap"
    write_pcap(little, recs, nano=nano)
    big = tmp_path / "be.pcap"
    big.write_bytes(swap_pcap(little.read_bytes()))
    assert big.read_bytes()[:4] == (b"\xa1\xb2\x3c\x4d" if nano else b"\xa1\xb2\xc3\xd4")
    assert list(read_capture(big)) == recs
    need("tcpdump")  # tcpdump agrees the swapped file is the same capture
    a = subprocess.run(["tcpdump", "-n", "-r", str(little)], capture_output=True, text=True)
    b = subprocess.run(["tcpdump", "-n", "-r", str(big)], capture_output=True, text=True)
    assert a.stdout == b.stdout and len(a.stdout.splitlines()) >= N


def test_reads_pcapng_written_by_tshark(tmp_path: Path) -> None:
    need("tshark")
    recs = records(nano=False)
    src, ng = tmp_path / "src.pcap", tmp_path / "t.pcapng"
    write_pcap(src, recs)
    subprocess.run(
        ["tshark", "-r", str(src), "-F", "pcapng", "-w", str(ng)], check=True, capture_output=True
    )
    with CaptureReader(ng) as r:
        assert r.format == "pcapng" and r.linktype == 1
        assert list(r) == recs


@pytest.mark.parametrize("order", ["<", ">"])
@pytest.mark.parametrize("tsresol", [None, 6, 9, 0x80 | 30])
def test_reads_hand_made_pcapng_in_both_byte_orders_and_resolutions(
    tmp_path: Path, order: str, tsresol: int | None
) -> None:
    recs = records(nano=True)
    path = tmp_path / "h.pcapng"
    path.write_bytes(pcapng(recs, order, tsresol))
    got = list(read_capture(path))
    assert [(r.data, r.wirelen, r.ts_sec) for r in got] == [
        (r.data, r.wirelen, r.ts_sec) for r in recs
    ]
    for g, r in zip(got, recs, strict=True):
        if tsresol == 9:
            assert g.ts_nsec == r.ts_nsec
        elif tsresol in (None, 6):
            assert g.ts_nsec == r.ts_nsec // 1000 * 1000
        else:
            assert abs(g.ts_nsec - r.ts_nsec) <= 1


def test_tshark_reads_a_pcapng_we_made_by_hand_the_same(tmp_path: Path) -> None:
    """Cross-check the hand-made pcapng itself, so the test above tests the reader."""
    need("tshark")
    recs = records(nano=True)
    path = tmp_path / "h.pcapng"
    path.write_bytes(pcapng(recs, ">", 9))
    ts = subprocess.run(
        ["tshark", "-r", str(path), "-T", "fields", "-e", "frame.len", "-e", "frame.time_epoch"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("\t") for line in ts.stdout.splitlines()]
    assert [int(a) for a, _ in rows] == [r.wirelen for r in recs]
    assert [b.split(".")[1][:9] for _, b in rows] == [f"{r.ts_nsec:09d}" for r in recs]


# --------------------------------------------------------------------------- damaged files


def test_truncated_file_yields_every_whole_packet_then_raises(tmp_path: Path) -> None:
    recs = records(nano=False)
    path = tmp_path / "t.pcap"
    write_pcap(path, recs)
    whole = path.read_bytes()
    sizes = [16 + len(r.data) for r in recs]
    for keep, cut_in in ((10, 7), (10, 20), (0, 3)):  # inside a record header / data
        end = 24 + sum(sizes[:keep]) + cut_in
        path.write_bytes(whole[:end])
        got = []
        with pytest.raises(TruncatedCapture) as ei:
            for rec in read_capture(path):
                got.append(rec)
        assert got == recs[:keep]
        assert ei.value.packets_read == keep
        assert f"after {keep} whole packet" in str(ei.value)


def test_truncated_pcapng_block(tmp_path: Path) -> None:
    recs = records(nano=True)
    data = pcapng(recs, "<", 9)
    path = tmp_path / "t.pcapng"
    path.write_bytes(data[:-10])
    got = []
    with pytest.raises(TruncatedCapture):
        for rec in read_capture(path):
            got.append(rec)
    assert len(got) == N - 1


def test_cli_read_truncated_prints_whole_packets_then_says_truncated_exit_1(tmp_path: Path) -> None:
    recs = records(nano=False)
    path = tmp_path / "t.pcap"
    write_pcap(path, recs)
    whole = path.read_bytes()
    path.write_bytes(whole[: 24 + sum(16 + len(r.data) for r in recs[:7]) + 30])
    r = craft("read", str(path), "-n", "--json")
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 7
    assert "truncated" in r.stderr and "Traceback" not in r.stderr
    assert "truncated" in r.stderr.strip().splitlines()[-1]


def test_huge_caplen_is_an_error_not_an_allocation(tmp_path: Path) -> None:
    recs = records(4, nano=False)
    path = tmp_path / "h.pcap"
    write_pcap(path, recs)
    data = bytearray(path.read_bytes())
    pos = 24 + 16 + len(recs[0].data)  # second record header
    struct.pack_into("<I", data, pos + 8, 262144 * 4 + 1)
    path.write_bytes(bytes(data))
    got = []
    with pytest.raises(BadCapture) as ei:
        for rec in read_capture(path):
            got.append(rec)
    assert got == recs[:1] and "capture length" in str(ei.value)
    struct.pack_into("<I", data, pos + 8, 0xFFFFFFF0)
    path.write_bytes(bytes(data))
    r = craft("read", str(path), "--json")
    assert r.returncode == 1 and "capture length of 4294967280" in r.stderr
    assert len(r.stdout.splitlines()) == 1


def test_not_a_capture_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.pcap"
    path.write_bytes(b"GIF89a not a capture at all")
    with pytest.raises(NotACapture):
        CaptureReader(path)
    with pytest.raises(UsageError):
        CaptureReader(tmp_path / "missing.pcap")
    r = craft("read", str(path))
    assert r.returncode == 2 and "not a pcap" in r.stderr and len(r.stderr.splitlines()) == 1


def test_read_into_head_exits_at_once_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "big.pcap"
    write_pcap(path, (Record(*r, 1) for r in mixed_records(200_000)))
    cmd = " ".join([*CRAFT[:2], repr(CRAFT[2]), "read", str(path), "-n"])
    r = subprocess.run(f"{cmd} | head -5", shell=True, capture_output=True, text=True, timeout=20)
    assert len(r.stdout.splitlines()) == 5
    assert "Traceback" not in r.stderr and "Error" not in r.stderr


def test_reader_memory_stays_flat(tmp_path: Path) -> None:
    """Reading 200,000 packets keeps the read buffer at about one chunk."""
    path = tmp_path / "m.pcap"
    write_pcap(path, (Record(*r, 1) for r in mixed_records(200_000)))
    with CaptureReader(path) as r:
        biggest = 0
        for n, _ in enumerate(r):
            if n % 1000 == 0:
                biggest = max(biggest, len(r._b.buf))
    assert path.stat().st_size > 10 * (1 << 20) and biggest <= 2 << 20


def test_read_prints_what_tcpdump_prints_for_every_file_variant(tmp_path: Path) -> None:
    """micro/nano, both byte orders, pcapng: the same text as tcpdump -n -r."""
    need("tcpdump")
    recs = records(240, nano=True)
    micro, nano = tmp_path / "u.pcap", tmp_path / "n.pcap"
    write_pcap(micro, recs)
    write_pcap(nano, recs, nano=True)
    big = tmp_path / "be.pcap"
    big.write_bytes(swap_pcap(nano.read_bytes()))
    ng = tmp_path / "h.pcapng"
    ng.write_bytes(pcapng(recs, ">", 9))
    env = {**__import__("os").environ, "TZ": "UTC"}
    for path in (micro, nano, big, ng):
        for flags in ([], ["-tt", "-e", "-v"]):
            ours = subprocess.run(
                [*CRAFT, "read", str(path), "-n", *flags],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
            )
            theirs = subprocess.run(
                ["tcpdump", "-n", *flags, "-r", str(path)],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
            )
            assert ours.returncode == 0, ours.stderr
            assert ours.stdout.splitlines() == theirs.stdout.splitlines(), (path.name, flags)
            assert (
                ours.stderr.splitlines()[0] == theirs.stderr.splitlines()[0]
            )  # "reading from file"


@pytest.mark.parametrize(
    "flags",
    [
        ["-A"],
        ["-AA"],
        ["-S"],
        ["-#"],
        ["--number", "-e"],
        ["-l"],
        ["-N", "-nn"],
        ["-l", "-A", "-c", "30"],
    ],
)
def test_read_takes_tcpdumps_everyday_flags(tmp_path: Path, flags: list[str]) -> None:
    """-A (text), -S (absolute sequence numbers), -# (numbers), -l, -N: the
    same output as tcpdump; -l writes each line at once (one write each)."""
    need("tcpdump")
    path = tmp_path / "m.pcap"
    write_pcap(path, records(120))
    env = {**__import__("os").environ, "TZ": "UTC"}
    ours = subprocess.run(
        [*CRAFT, "read", str(path), *flags], capture_output=True, text=True, env=env, timeout=30
    )
    theirs = subprocess.run(
        ["tcpdump", "-n", *flags, "-r", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == theirs.stdout
    if "-l" in flags:
        code = (
            "import sys; from craft.live.sniff import read, SniffOptions\n"
            "class W:\n    n = 0\n    def write(self, s): W.n += 1\n    def flush(self): pass\n"
            "read(sys.argv[1], '', SniffOptions(line_buffered=True), W(), sys.stderr, count=30)\n"
            "print(W.n)"
        )
        writes = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
        )
        assert writes.stdout.strip() == "30", writes.stderr


def test_pcapng_with_a_second_link_type_is_refused_like_libpcap(tmp_path: Path) -> None:
    recs = records(3, nano=True)
    data = pcapng(recs, "<", 9)
    idb_raw = struct.pack("<II", 1, 20) + struct.pack("<HHI", 101, 0, 0) + struct.pack("<I", 20)
    path = tmp_path / "two.pcapng"
    path.write_bytes(
        data + idb_raw + data[-(12 + 20 + len(recs[0].data) + (-len(recs[0].data) % 4)) :]
    )
    got = []
    with pytest.raises(BadCapture) as ei:
        for rec in read_capture(path):
            got.append(rec)
    assert len(got) == 3 and "link type 101" in str(ei.value)


def test_file_snaplen_reported_like_libpcap(tmp_path: Path) -> None:
    path = tmp_path / "s.pcap"
    for header, shown in ((65535, 65535), (0, 262144), (1 << 30, 262144)):
        with PcapWriter.open(path, snaplen=header) as w:
            w.write(1, 0, b"\0" * 60)
        with CaptureReader(path) as r:
            assert r.snaplen == shown


def test_damaged_files_raise_typed_errors_only(tmp_path: Path) -> None:
    """Random damage to pcap and pcapng files: records or a typed error, never
    another exception, never a read past MAX_CAPLEN."""
    import random

    from craft.errors import CraftError
    from craft.io.pcap import MAX_CAPLEN

    rng = random.Random(4)
    recs = records(20, nano=True)
    little = tmp_path / "src.pcap"
    write_pcap(little, recs)
    sources = [little.read_bytes(), pcapng(recs, "<", 9), pcapng(recs, ">", None)]
    path = tmp_path / "d"
    outcomes = set()
    for i in range(1500):
        data = bytearray(sources[i % 3])
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[at] = rng.randrange(256)
            else:
                data[at : at + 4] = rng.randbytes(4)
        if rng.random() < 0.3:
            del data[rng.randrange(len(data)) :]
        path.write_bytes(bytes(data))
        try:
            for rec in read_capture(path):
                assert len(rec.data) <= MAX_CAPLEN
            outcomes.add("ok")
        except CraftError as e:
            outcomes.add(type(e).__name__)
    assert {"ok", "TruncatedCapture", "BadCapture"} <= outcomes


@pytest.mark.parametrize("btype", [1, 2, 3, 6])
def test_pcapng_blocks_shorter_than_their_fixed_part(tmp_path: Path, btype: int) -> None:
    recs = records(2, nano=True)
    good = pcapng(recs, "<", 9)
    shb_len = struct.unpack_from("<I", good, 4)[0]
    idb_len = struct.unpack_from("<I", good, shb_len + 4)[0]
    runt = struct.pack("<III", btype, 12, 12)  # a block with an empty body
    at = shb_len if btype == 1 else shb_len + idb_len
    path = tmp_path / "runt.pcapng"
    path.write_bytes(good[:at] + runt + good[at:])
    with pytest.raises(BadCapture) as ei:
        list(read_capture(path))
    assert "too short" in str(ei.value)
