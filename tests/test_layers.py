"""Layer modules: the shared vector table in both directions (docs/architecture.md, rule 3),
then the edges of lengths, checksums, options and flags."""

from __future__ import annotations

import struct
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vectors import IDS, VECTORS, Case, expected_bytes, frame_of, ip4, ip6, mac

from craft.decode.walk import decode
from craft.decode.walk import frame_of as decoded_frame
from craft.encode.struct_ import encode, encode_layers
from craft.layers import LAYERS, icmpv6, ipv4, tcp
from craft.layers.base import (
    FLAGS,
    IPV4,
    IPV6,
    MAC,
    flags_text,
    flags_value,
    inet_checksum,
    pseudo_ip,
    value_text,
)
from craft.layers.context import Context
from craft.layers.frame import Frame, Layer

# --- the vector table --------------------------------------------------------


def test_every_layer_has_a_vector() -> None:
    used = {name for _id, layers, _hex in VECTORS for name, _v in layers}
    assert used == set(LAYERS)


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_struct_encoder_gives_expected_bytes(case: Case) -> None:
    assert encode(frame_of(case)).hex() == expected_bytes(case).hex()


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_decode_gives_the_given_values(case: Case) -> None:
    data = expected_bytes(case)
    parts = decode(data, first=case[1][0][0])
    assert [p.name for p in parts] == [name for name, _v in case[1]]
    for part, (name, given_values) in zip(parts, case[1], strict=True):
        assert not part.truncated, part
        got = {k: part.values[k] for k in given_values}
        assert got == given_values, name


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_decode_then_reencode_is_identity(case: Case) -> None:
    data = expected_bytes(case)
    assert encode(decoded_frame(data, decode(data, first=case[1][0][0]))) == data


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_encode_does_not_mutate_values(case: Case) -> None:
    frame = frame_of(case)
    before = [dict(layer.values) for layer in frame.layers]
    encode(frame)
    assert [layer.values for layer in frame.layers] == before


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_layout_covers_each_header_exactly(case: Case) -> None:
    """``layout`` (what explain prints) tiles the header bytes without gaps."""
    for enc in encode_layers(frame_of(case)):
        rows = LAYERS[enc.name].layout(enc.values)
        bit = 0
        for _name, byte, bit_in_byte, width in rows:
            assert byte * 8 + bit_in_byte == bit
            bit += width
        assert bit == 8 * len(enc.header), enc.name


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_summary_is_one_line(case: Case) -> None:
    for enc in encode_layers(frame_of(case)):
        line = LAYERS[enc.name].summary(enc.values)
        assert line and "\n" not in line


@pytest.mark.parametrize("case", VECTORS, ids=IDS)
def test_transport_checksums_verify(case: Case) -> None:
    """A computed checksum sums to zero with the data it covers (RFC 1071 §1)."""
    encs = encode_layers(frame_of(case))
    data = expected_bytes(case)
    for i, enc in enumerate(encs):
        if enc.name not in ("tcp", "udp", "icmpv6", "icmp", "ipv4"):
            continue
        if "checksum" in dict(case[1][i][1]):
            continue  # given as captured
        if enc.name == "ipv4":
            covered = enc.header
        else:
            end = (
                encs[i - 1].offset + encs[i - 1].values.get("len", 0)
                if encs[i - 1].name == "ipv4"
                else len(data)
            )
            seg = data[enc.offset : end]
            proto = {"tcp": 6, "udp": 17, "icmpv6": 58, "icmp": 1}[enc.name]
            # the nearest enclosing IP layer, a routing header's final
            # destination or a home address put in (RFC 8200 §8.1, RFC 6275)
            ip_name, ip_values = pseudo_ip(encs)[i]
            pseudo = (
                LAYERS[ip_name].pseudo_header(ip_values, proto, len(seg))
                if ip_name is not None
                else b""
            )
            covered = seg if enc.name == "icmp" else pseudo + seg
        assert inet_checksum(covered) == 0, enc.name


# --- checksums -----------------------------------------------------------------


def test_inet_checksum_rfc1071_example() -> None:
    # RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (with carries)
    assert inet_checksum(bytes.fromhex("0001f203f4f5f6f7")) == ~0xDDF2 & 0xFFFF


def test_inet_checksum_odd_length_pads_with_zero() -> None:
    assert inet_checksum(b"\x12\x34\x56") == inet_checksum(b"\x12\x34\x56\x00")


def test_inet_checksum_of_zeros_and_of_all_ones() -> None:
    assert inet_checksum(b"") == 0xFFFF
    assert inet_checksum(b"\0\0\0\0") == 0xFFFF
    assert inet_checksum(b"\xff\xff") == 0


def _values(name: str, **given: Any) -> dict[str, Any]:
    v = LAYERS[name].HEADER.defaults()
    v.update(given)
    return v


def _frame(*layers: tuple[str, dict[str, Any]]) -> Frame:
    return Frame([Layer(n, _values(n, **g)) for n, g in layers])


def _zero_sum_payload(transport: str) -> bytes:
    """Two payload bytes that make the computed one's complement sum zero."""
    probe = encode_layers(_frame(("ipv4", {}), (transport, {}), ("payload", {"data": b"\0\0"})))
    c = probe[1].values["checksum"]
    return struct.pack("!H", c)


def test_udp_computed_zero_checksum_is_sent_as_ffff() -> None:
    data = _zero_sum_payload("udp")
    encs = encode_layers(_frame(("ipv4", {}), ("udp", {}), ("payload", {"data": data})))
    assert encs[1].values["checksum"] == 0xFFFF  # RFC 768: zero means "none"


def test_tcp_computed_zero_checksum_stays_zero() -> None:
    data = _zero_sum_payload("tcp")
    encs = encode_layers(_frame(("ipv4", {}), ("tcp", {}), ("payload", {"data": data})))
    assert encs[1].values["checksum"] == 0


@pytest.mark.parametrize("name", ["ipv4", "icmp", "icmpv6", "udp", "tcp"])
def test_given_checksum_is_used_as_is(name: str) -> None:
    outer = "ipv6" if name == "icmpv6" else "ipv4"
    layers = (
        [(outer, {}), (name, {"checksum": 0xBEEF})]
        if name != "ipv4"
        else [("ipv4", {"checksum": 0xBEEF}), ("udp", {})]
    )
    encs = encode_layers(_frame(*layers))
    target = encs[1] if name != "ipv4" else encs[0]
    assert target.values["checksum"] == 0xBEEF
    off = {"ipv4": 10, "icmp": 2, "icmpv6": 2, "udp": 6, "tcp": 16}[name]
    assert target.header[off : off + 2] == b"\xbe\xef"


def test_transport_checksum_without_ip_layer_has_no_pseudo_header() -> None:
    header, v = LAYERS["udp"].encode(_values("udp"), b"ab", Context())
    zeroed = header[:6] + b"\0\0"
    assert v["checksum"] == inet_checksum(zeroed + b"ab")


# --- lengths ---------------------------------------------------------------------


def test_given_lengths_are_used_as_is() -> None:
    encs = encode_layers(
        _frame(("ipv4", {"ihl": 7, "len": 3}), ("udp", {"len": 2}), ("payload", {"data": b"xyz"}))
    )
    assert encs[0].header[0] == 0x47 and encs[0].header[2:4] == b"\x00\x03"
    assert len(encs[0].header) == 20  # ihl given: no options appear from nowhere
    assert encs[1].header[4:6] == b"\x00\x02"
    encs = encode_layers(_frame(("ipv6", {"plen": 1000, "nh": 253}), ("tcp", {"dataofs": 2})))
    assert encs[0].header[4:7] == b"\x03\xe8\xfd"
    assert encs[1].header[12] >> 4 == 2


def test_computed_lengths() -> None:
    encs = encode_layers(
        _frame(("ether", {}), ("ipv6", {}), ("udp", {}), ("payload", {"data": b"x" * 10}))
    )
    assert encs[0].values["type"] == 0x86DD
    assert encs[1].values["plen"] == 18 and encs[1].values["nh"] == 17
    assert encs[2].values["len"] == 18


@pytest.mark.parametrize(
    ("options", "padded"),
    [
        (b"\x01", b"\x01\0\0\0"),
        (b"\x94\x04\x00\x00", b"\x94\x04\x00\x00"),
        (b"\x07\x07\x04" + b"\0" * 4, b"\x07\x07\x04" + b"\0" * 5),
    ],
)
def test_ipv4_options_are_padded_with_eol(options: bytes, padded: bytes) -> None:
    header, v = ipv4.encode(_values("ipv4", options=options), b"", Context(inner_name=None))
    assert header[20:] == padded
    assert v["ihl"] == 5 + len(padded) // 4 and v["len"] == 20 + len(padded)
    assert v["proto"] == 0  # nothing bound follows: scapy's default


def test_selectors_when_nothing_bound_follows() -> None:
    encs = encode_layers(
        _frame(("ether", {}), ("vlan", {}), ("ipv6", {}), ("payload", {"data": b"?"}))
    )
    assert encs[0].values["type"] == 0x8100
    assert encs[1].values["type"] == 0x86DD
    assert encs[2].values["nh"] == 59
    encs = encode_layers(_frame(("ether", {}), ("raw", {"data": b"?"})))
    assert encs[0].values["type"] == 0x9000


# --- tcp options ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "wire"),
    [
        ((("mss", 1460),), "020405b4"),
        ((("wscale", 14),), "03030e00"),
        ((("sackok", None),), "04020000"),
        ((("timestamp", (1, 2)),), "080a00000001000000020000"),
        ((("nop", None), ("eol", None)), "01000000"),
        ((("sack", ((1, 2),)),), "050a00000001000000020000"),
        (b"\x22\x02", "22020000"),
        ((), ""),
    ],
)
def test_tcp_options_bytes(options: Any, wire: str) -> None:
    assert tcp.options_bytes(options).hex() == wire


def test_tcp_unknown_option_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown tcp option"):
        tcp.options_bytes((("fastopen", b""),))


@pytest.mark.parametrize(
    "raw",
    [
        "02000000",  # mss with length 0
        "02010000",  # length 1
        "02ff0000",  # length past the end
        "0204",  # odd size
        "fe04f989",  # unknown kind
        "0000000000000000",  # more zeros than scapy's padding
        "00010000",  # something after EOL
        "0303",
    ],
)
def test_tcp_options_that_cannot_be_named_stay_bytes(raw: str) -> None:
    assert tcp.parse_options(bytes.fromhex(raw)) == bytes.fromhex(raw)


@given(
    st.lists(
        st.sampled_from(
            [
                b"\x00",
                b"\x01",
                b"\x02\x04\x05\xb4",
                b"\x03\x03\x07",
                b"\x04\x02",
                b"\x08\x0a" + b"\x01" * 8,
                b"\x05\x0a" + b"\x02" * 8,
                b"\x05\x02",
                b"\x1e\x03\x01",
                b"\x02\x00",
                b"\x02\x01",
                b"\xff",
            ]
        ),
        max_size=8,
    ),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_tcp_parse_options_round_trips(chunks: list[bytes], pad: bool) -> None:
    raw = b"".join(chunks)
    if pad:
        raw += b"\0" * (-len(raw) % 4)
    parsed = tcp.parse_options(raw)
    if isinstance(parsed, tuple):
        assert tcp.options_bytes(parsed) == raw
    else:
        assert parsed == raw


def test_tcp_iter_options_marks_malformed_and_stops() -> None:
    assert list(tcp.iter_options(bytes.fromhex("0101020405b40800"))) == [
        (1, None),
        (1, None),
        (2, b"\x05\xb4"),
        (-1, b"\x08\x00"),
    ]
    assert list(tcp.iter_options(b"\x00\x02\x04")) == [(0, None)]


# --- icmpv6 layout by type --------------------------------------------------------------


def test_icmpv6_neighbor_advert_flags_and_reserved_share_a_word() -> None:
    v = _values("icmpv6", type=136, flags=0b101, reserved=0x1FFFFFFF, options=())
    header, _ = icmpv6.encode(
        v, b"", Context("ipv6", _values("ipv6"), ip_name="ipv6", ip=_values("ipv6"))
    )
    assert header[4:8] == b"\xbf\xff\xff\xff"
    back, n = icmpv6.decode(header)
    assert n == 24 and back["flags"] == 0b101 and back["reserved"] == 0x1FFFFFFF


def test_icmpv6_router_solicit_has_no_target() -> None:
    v = _values("icmpv6", type=133, options=(("src-lladdr", mac("02:00:00:00:00:01")),))
    header, _ = icmpv6.encode(
        v, b"", Context("ipv6", _values("ipv6"), ip_name="ipv6", ip=_values("ipv6"))
    )
    assert len(header) == 16 and header[8:10] == b"\x01\x01"
    back, n = icmpv6.decode(header)
    assert n == 16 and back["options"] == v["options"]


@pytest.mark.parametrize(
    "raw", ["0100020000000001", "0101020000", "0900000000000000", "0102" + "00" * 14]
)
def test_icmpv6_options_that_cannot_be_named_stay_bytes(raw: str) -> None:
    assert icmpv6.parse_options(bytes.fromhex(raw)) == bytes.fromhex(raw)


# --- field tables ----------------------------------------------------------------------


def test_fixed_fields_round_trip_through_pack_and_unpack() -> None:
    for name, mod in LAYERS.items():
        header = mod.HEADER
        if not header.fixed:
            continue
        v = {}
        for i, f in enumerate(header.fixed):
            if f.kind in (MAC, IPV4, IPV6):
                v[f.name] = bytes((i + j) % 256 for j in range(f.bits // 8))
            else:
                v[f.name] = (0x5A5A5A5A5A5A + i) & f.maximum
        assert header.unpack(header.pack(v)) == v, name


def test_defaults_documented_and_kinds_consistent() -> None:
    for name, mod in LAYERS.items():
        assert mod.NAME == name
        for f in mod.HEADER.fields:
            assert f.doc, f"{name}.{f.name} has no doc"
            if f.default is None:
                assert f.computed, f"{name}.{f.name}"
            if f.kind == FLAGS:
                assert f.letters or f.names


def test_contract_field_names() -> None:
    """Issue 2's field names per layer (other fields may be added)."""
    contract = {
        "ether": "dst src type",
        "vlan": "pcp dei vid type",
        "arp": "htype ptype hlen plen op sha spa tha tpa",
        "ipv4": "version ihl tos len id flags frag ttl proto checksum src dst options",
        "ipv6": "version tc fl plen nh hlim src dst",
        "icmp": "type code checksum id seq",
        "icmpv6": "type code checksum id seq target options",
        "udp": "sport dport len checksum",
        "tcp": "sport dport seq ack dataofs flags window checksum urgptr options",
        "payload": "data",
        "raw": "data",
    }
    for name, fields in contract.items():
        assert set(fields.split()) <= set(LAYERS[name].HEADER.by_name), name


@pytest.mark.parametrize(
    ("layer", "field", "given", "number"),
    [
        ("tcp", "flags", "SA", 0x12),
        ("tcp", "flags", "sa", 0x12),
        ("tcp", "flags", ["syn", "ack"], 0x12),
        ("tcp", "flags", "FSRPAUEC", 0xFF),
        ("tcp", "flags", "ack", 0x10),
        ("tcp", "flags", 0x29, 0x29),
        ("ipv4", "flags", "DF", 2),
        ("ipv4", "flags", ["DF", "MF"], 3),
        ("ipv4", "flags", "df,mf", 3),
        ("ipv4", "flags", "evil", 4),
        ("icmpv6", "flags", "SO", 3),
        ("icmpv6", "flags", ["router", "override"], 5),
    ],
)
def test_flags_value(layer: str, field: str, given: Any, number: int) -> None:
    assert flags_value(LAYERS[layer].HEADER.by_name[field], given) == number


@pytest.mark.parametrize(
    ("layer", "given"),
    [
        ("tcp", "SX"),
        ("tcp", ["syn", "bogus"]),
        ("tcp", 256),
        ("tcp", True),
        ("ipv4", "XF"),
        ("ipv4", 8),
    ],
)
def test_flags_value_rejects(layer: str, given: Any) -> None:
    with pytest.raises(ValueError):
        flags_value(LAYERS[layer].HEADER.by_name["flags"], given)


def test_flags_and_enum_text() -> None:
    assert flags_text(tcp.HEADER.by_name["flags"], 0x12) == "AS"
    assert flags_text(ipv4.HEADER.by_name["flags"], 3) == "DF,MF"
    assert value_text(icmpv6.HEADER.by_name["type"], 135) == "neighbor-solicit"
    assert value_text(LAYERS["icmp"].HEADER.by_name["type"], 8) == "echo-request"
    assert value_text(LAYERS["arp"].HEADER.by_name["op"], 2) == "reply"
    assert value_text(ipv4.HEADER.by_name["src"], ip4("192.0.2.1")) == "192.0.2.1"
    assert value_text(LAYERS["ipv6"].HEADER.by_name["dst"], ip6("2001:db8::2")) == "2001:db8::2"
    opts = (("mss", 1460), ("sackok", None), ("timestamp", (1, 0)), ("sack", ((1, 2),)))
    assert (
        value_text(tcp.HEADER.by_name["options"], opts) == "mss=1460,sackok,timestamp=1:0,sack=1-2"
    )
