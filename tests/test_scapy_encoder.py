"""The scapy encoder against the shared vector table (docs/architecture.md, rule 3), and
scapy's dissection against craft's decoder on the same bytes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from craft.decode.walk import decode
from craft.encode import scapy_, struct_
from craft.layers import LAYERS
from craft.layers.frame import Frame, Layer
from tests.vectors import IDS, VECTORS, Case, expected_bytes, frame_of


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_scapy_encoder_gives_expected_bytes(case: Case) -> None:
    assert scapy_.encode(frame_of(case)).hex() == expected_bytes(case).hex()


@pytest.mark.parametrize("case", [c for c in VECTORS if c[1][0][0] == "ether"],
                         ids=[c[0] for c in VECTORS if c[1][0][0] == "ether"])
def test_scapy_dissection_agrees_with_craft_decoder(case: Case) -> None:
    data = expected_bytes(case)
    ours = decode(data)
    theirs = scapy_.dissect(data)
    assert [p.name for p in ours] == [name for name, _ in theirs]
    for part, (name, values) in zip(ours, theirs, strict=True):
        assert {k: part.values.get(k) for k in values} == values, name


def _layer(name: str, **given: object) -> Layer:
    values = LAYERS[name].HEADER.defaults()
    values.update(given)
    return Layer(name, values, frozenset(given))


def _both(*layers: Layer) -> tuple[bytes, bytes]:
    frame = Frame(list(layers))
    return struct_.encode(frame), scapy_.encode(frame)


def test_importing_the_scapy_encoder_does_not_import_scapy() -> None:
    code = ("import sys, craft.encode.scapy_, craft.encode.crosscheck; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scapy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# craft's contract for a selector in front of payload (layer modules' docs)
@pytest.mark.parametrize(("outer", "offset", "width", "contract"), [
    ("ether", 12, 2, 0x9000),
    ("vlan", 2, 2, 0),
    ("ipv4", 9, 1, 0),
    ("ipv6", 6, 1, 59),
])
def test_selector_in_front_of_payload_is_the_contract_value(
        outer: str, offset: int, width: int, contract: int) -> None:
    ours, theirs = _both(_layer(outer), _layer("payload", data=b"xyz"))
    assert theirs == ours
    assert int.from_bytes(theirs[offset:offset + width], "big") == contract


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_given_wrong_ipv4_len_leaves_transport_checksum_over_real_length(
        transport: str) -> None:
    layers = (_layer("ether"), _layer("ipv4", len=999), _layer(transport),
              _layer("payload", data=b"hello"))
    ours, theirs = _both(*layers)
    right, _ = _both(_layer("ether"), _layer("ipv4"), _layer(transport),
                     _layer("payload", data=b"hello"))
    at = 14 + 20 + (6 if transport == "udp" else 16)
    assert theirs == ours
    assert theirs[16:18] == (999).to_bytes(2, "big")
    assert theirs[at:at + 2] == right[at:at + 2]


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_transport_without_ip_outside_sums_without_pseudo_header(transport: str) -> None:
    ours, theirs = _both(_layer("ether"), _layer(transport), _layer("payload", data=b"ab"))
    assert theirs == ours
    at = 14 + (6 if transport == "udp" else 16)
    assert theirs[at:at + 2] != b"\0\0"


def test_raw_tcp_options_and_ns_bit() -> None:
    # kind 254 (RFC 6994 experimental) is not in scapy's option names
    tcp = _layer("tcp", options=bytes.fromhex("fe0612340102"), reserved=1, flags=0x12)
    ours, theirs = _both(_layer("ether"), _layer("ipv6"), tcp)
    assert theirs == ours
    assert theirs[14 + 40 + 12] == 0x71  # dataofs 7, reserved bits 0001


def test_dissect_stops_at_craft_boundaries() -> None:
    import scapy.layers.dns  # noqa: F401  (so scapy reads UDP 53 as DNS, as a sniffer would)

    # UDP 53 makes scapy read DNS; ICMP errors make it read the quoted IP;
    # craft's view is a payload in both cases, then the Ethernet padding.
    dns_query = bytes.fromhex("123401000001000000000000" "0377777700" "00010001")  # www A IN
    udp = (_layer("ether"), _layer("ipv4"), _layer("udp", sport=53, dport=53),
           _layer("payload", data=dns_query))
    icmp = (_layer("ether"), _layer("ipv4"), _layer("icmp", type=3, code=3),
            _layer("payload", data=struct_.encode(Frame([_layer("ipv4"), _layer("udp")]))))
    for layers in (udp, icmp):
        data = struct_.encode(Frame(list(layers))) + b"\0" * 6
        names = [name for name, _ in scapy_.dissect(data)]
        assert names == [x.name for x in layers] + ["padding"]
        assert scapy_.dissect(data)[-2][1]["data"] == layers[-1].values["data"]
        assert scapy_.dissect(data)[-1][1]["data"] == b"\0" * 6


@pytest.mark.parametrize("cut", [0, 5, 14, 14 + 11, 14 + 20 + 3])
def test_dissect_of_a_cut_frame_names_the_parts_craft_names(cut: int) -> None:
    data = struct_.encode(Frame([_layer("ether"), _layer("ipv4"), _layer("udp"),
                                 _layer("payload", data=b"hello")]))[:cut]
    theirs = scapy_.dissect(data)
    assert [name for name, _ in theirs] == [p.name for p in decode(data)]
    if 14 < cut < 34:
        assert theirs[-1] == ("ipv4", {})  # the header cut short, as craft's truncated part


def test_dissect_of_an_802_3_frame_is_ether_llc_and_stp() -> None:
    # a type field below 0x600 is a length (scapy: Dot3); LLC follows, then STP on SAP 0x42
    data = bytes.fromhex("0180c2000000" "020000000001" "0026") + bytes.fromhex("424203") + bytes(35)
    theirs = scapy_.dissect(data)
    assert [name for name, _ in theirs] == ["ether", "llc", "stp"]
    assert theirs[0][1] == {"dst": bytes.fromhex("0180c2000000"),
                            "src": bytes.fromhex("020000000001"), "type": 0x26}
    ours = decode(data)
    assert [p.name for p in ours] == ["ether", "llc", "stp"]
    for part, (_name, values) in zip(ours, theirs, strict=True):
        assert {k: part.values[k] for k in values} == values
