"""802.2 LLC and SNAP, over Ethernet (802.3 length field) and inside Linux
cooked headers (SLL, SLL2 — what `craft sniff any` writes): craft read prints
what tcpdump -r prints, with tcpdump itself as the oracle."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from craftcli import run as run_craft

from craft.io.pcap import PcapWriter
from craft.layers.linktype import LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2

SRC, DST = bytes.fromhex("020000000001"), bytes.fromhex("0180c2000000")
ICMP_IP = bytes.fromhex("4500001c000100004001f6dcc0000201c0000202") + bytes.fromhex(
    "0800f7ff00000000"
)
ARP = struct.pack(
    "!HHBBH6s4s6s4s",
    1,
    0x0800,
    6,
    4,
    1,
    SRC,
    bytes([192, 0, 2, 1]),
    bytes(6),
    bytes([192, 0, 2, 2]),
)
STP = bytes.fromhex("0000000000800002000000000100000000800002000000000180010000140002000f00")

# LLC payloads (from the 802.2 header on): each a case tcpdump decodes and craft must too.
LLC = {
    "stp": bytes.fromhex("424203") + STP,
    "netbeui-ui": bytes.fromhex("f0f003") + bytes(20),
    "netbeui-test-response": bytes.fromhex("f0f1e3"),
    "supervisory": bytes.fromhex("12340100") + b"abc",
    "information": bytes.fromhex("12340402") + b"abc",
    "ip-sap": bytes.fromhex("060603") + ICMP_IP,
    "snap-ip": bytes.fromhex("aaaa03") + bytes.fromhex("0000000800") + ICMP_IP,
    "snap-arp": bytes.fromhex("aaaa03") + bytes.fromhex("0000000806") + ARP,
    "snap-unknown-ethertype": bytes.fromhex("aaaa03") + bytes.fromhex("00000088b5") + b"xyz" * 5,
    "snap-cisco-bridged": bytes.fromhex("aaaa03") + bytes.fromhex("0000f80800") + ICMP_IP,
    "snap-unknown-oui": bytes.fromhex("aaaa03") + bytes.fromhex("1234561234") + b"data",
    "snap-appletalk-other": bytes.fromhex("aaaa03") + bytes.fromhex("0800071234") + b"data",
    "snap-truncated": bytes.fromhex("aaaa03") + bytes.fromhex("0000"),
    "llc-truncated": bytes.fromhex("0606"),
    "llc-i-truncated": bytes.fromhex("123400"),
}


def _frames(linktype: int) -> list[bytes]:
    out = []
    for payload in LLC.values():
        if linktype == LINKTYPE_ETHERNET:
            frame = DST + SRC + struct.pack("!H", len(payload)) + payload
            out.append(frame + bytes(max(0, 60 - len(frame))))  # padded as on the wire
        elif linktype == LINKTYPE_LINUX_SLL:
            out.append(struct.pack("!HHH8sH", 0, 1, 6, SRC + b"\0\0", 4) + payload)
        else:
            out.append(struct.pack("!HHIHBB8s", 4, 0, 1, 1, 0, 6, SRC + b"\0\0") + payload)
    return out


@pytest.fixture(scope="module")
def pcaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("llc")
    out = {}
    for name, lt in (
        ("ether", LINKTYPE_ETHERNET),
        ("sll", LINKTYPE_LINUX_SLL),
        ("sll2", LINKTYPE_LINUX_SLL2),
    ):
        path = d / f"{name}.pcap"
        with open(path, "wb") as f:
            w = PcapWriter(f, lt)
            for i, frame in enumerate(_frames(lt)):
                w.write(1_700_000_000 + i, 0, frame, len(frame))
            w.flush()
        out[name] = path
    return out


@pytest.mark.parametrize("link", ["ether", "sll", "sll2"])
@pytest.mark.parametrize("flags", [[], ["-e"], ["-v"], ["-x"], ["-X"], ["-xx"], ["-q"]])
def test_llc_and_snap_print_as_tcpdump_prints_them(
    pcaps: dict[str, Path], link: str, flags: list[str]
) -> None:
    if shutil.which("tcpdump") is None:
        assert os.environ.get("CI") != "true", "tcpdump is needed (make installs it)"
        pytest.skip("tcpdump is not installed")
    env = {**os.environ, "TZ": "UTC"}
    theirs = subprocess.run(
        ["tcpdump", "-n", *flags, "-r", str(pcaps[link])],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    r = run_craft("read", "-n", *flags, str(pcaps[link]), env=env)
    assert r.returncode == 0, r.stderr
    ours = r.stdout
    assert len(ours.splitlines()) >= len(LLC)
    differ = [
        (name, a, b)
        for name, a, b in zip(LLC, _packets(ours), _packets(theirs), strict=True)
        if a != b
    ]
    assert not differ


def _packets(text: str) -> list[str]:
    """The output split per packet (a packet's line and its indented lines: -v, dumps)."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith(("\t", " ")) and out:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def test_snap_ip_is_decoded_not_dumped(pcaps: dict[str, Path]) -> None:
    """Without tcpdump at hand: the IP packet inside SNAP is printed as IP."""
    r = run_craft("read", "-n", "-t", str(pcaps["sll2"]))
    lines = _packets(r.stdout)
    snap_ip = lines[list(LLC).index("snap-ip")]
    assert snap_ip == "lo    In  IP 192.0.2.1 > 192.0.2.2: ICMP echo request, id 0, seq 0, length 8"
    unknown = lines[list(LLC).index("snap-unknown-oui")]
    assert unknown.startswith(
        "lo    In  SNAP, oui Unknown (0x123456), pid Unknown (0x1234), length 4: "
        "\n\t0x0000:  aaaa 0312 3456 1234 6461 7461"
    )


def test_reading_sll2_warns_about_interface_names_like_tcpdump(pcaps: dict[str, Path]) -> None:
    r = run_craft("read", str(pcaps["sll2"]))
    assert r.stderr.splitlines()[:2] == [
        f"reading from file {pcaps['sll2']}, link-type LINUX_SLL2 (Linux cooked v2), snapshot "
        "length 262144",
        "Warning: interface names might be incorrect",
    ]
    assert "Warning" not in run_craft("read", str(pcaps["sll"])).stderr
