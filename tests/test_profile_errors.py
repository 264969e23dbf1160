"""Bad input: every case of issue 2 gets FILE:LINE:COL, the path and a
message that says what is wrong and, where obvious, the fix."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from craft.errors import ProfileError
from craft.profile.load import load_profile

HEAD = "name: t\nframes:\n  - layers:\n"  # layers start on line 4


def fail(tmp_path: Path, text: str, mark_file: str | None = None, **kw: object) -> ProfileError:
    p = tmp_path / "p.yaml"
    p.write_text(text)
    with pytest.raises(ProfileError) as info:
        load_profile(p, **kw)  # type: ignore[arg-type]
    e = info.value
    assert e.mark is not None and e.mark.file == (mark_file or str(p))
    return e


def at(e: ProfileError) -> tuple[int, int, str]:
    assert e.mark is not None
    return e.mark.line, e.mark.col, e.path


# -- the document ------------------------------------------------------------

def test_yaml_syntax_error(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {ttl: 64\n")
    assert at(e) == (5, 1, "") and "YAML syntax error" in e.message
    assert "expected ',' or '}'" in e.message


def test_not_a_mapping(tmp_path: Path) -> None:
    e = fail(tmp_path, "- ether: {}\n- ipv4: {}\n")
    assert at(e) == (1, 1, "") and "not a mapping" in e.message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    e = fail(tmp_path, "name: t\nframe:\n  - hex: '00'\n")
    assert at(e) == (2, 1, "frame") and "did you mean 'frames'" in e.message


def test_no_frames(tmp_path: Path) -> None:
    assert "add frames:" in fail(tmp_path, "name: t\n").message
    e = fail(tmp_path, "name: t\nframes: []\n")
    assert at(e) == (2, 9, "frames") and "list of frames" in e.message


def test_python_object_tag(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    e = fail(tmp_path, f"name: !!python/object/apply:os.system ['touch {marker}']\nframes: []\n")
    assert at(e) == (1, 7, "") and "!!python/object/apply:os.system is not allowed" in e.message
    assert not marker.exists()


def test_duplicate_key(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4:\n          ttl: 1\n          ttl: 2\n")
    assert at(e)[:2] == (6, 11) and "duplicate key 'ttl'" in e.message and "line 5" in e.message


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ['vars:', '  l0: &l0 ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a"]']
    for i in range(1, 9):
        lines.append(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    start = time.perf_counter()
    e = fail(tmp_path, "\n".join(lines) + "\nframes: [{hex: '00'}]\n")
    assert time.perf_counter() - start < 5 and "alias bomb" in e.message


def test_deep_nesting(tmp_path: Path) -> None:
    start = time.perf_counter()
    e = fail(tmp_path, "frames: " + "[" * 1000 + "]" * 1000 + "\n")
    assert time.perf_counter() - start < 5
    assert at(e) == (1, 72, "") and "nesting deeper than 64" in e.message


# -- layers and fields -------------------------------------------------------

def test_unknown_layer(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ether: {}\n      - ipv5: {dst: 192.0.2.2}\n")
    assert at(e) == (5, 9, "frames[0].layers[1]")
    assert "unknown layer 'ipv5'" in e.message and "did you mean 'ipv" in e.message


def test_unknown_field(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {tll: 5}\n")
    assert at(e) == (4, 16, "frames[0].ipv4.tll")
    assert "unknown field 'tll'" in e.message and "did you mean 'ttl'" in e.message


def test_ttl_out_of_range(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4:\n          ttl: 300\n")
    assert at(e) == (5, 16, "frames[0].ipv4.ttl")
    assert "300 is out of range 0..255" in e.message


@pytest.mark.parametrize("field, value, words", [
    ("ipv4: {dst: ", "192.0.2.300", "malformed IPv4 address '192.0.2.300'"),
    ("ipv4: {dst: ", "192.0.2", "malformed IPv4 address"),
    ("ipv6: {dst: ", "2001:db8:::1", "malformed IPv6 address '2001:db8:::1'"),
    ("ether: {src: ", "02:00:00:00:00", "malformed MAC '02:00:00:00:00'"),
    ("ether: {src: ", "02:00:00:00:00:0g", "six hex pairs"),
])
def test_malformed_addresses(tmp_path: Path, field: str, value: str, words: str) -> None:
    line = f"      - {field}{value}}}\n"
    e = fail(tmp_path, HEAD + line)
    layer, name = field.split(":")[0], field.split("{")[1].rstrip(": ")
    assert at(e) == (4, len(line) - len(value) - 1, f"frames[0].{layer}.{name}")
    assert words in e.message


def test_bad_enum_name_lists_valid_names(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - icmp: {type: echo-requst}\n")
    assert at(e) == (4, 22, "frames[0].icmp.type")
    assert "unknown name 'echo-requst'" in e.message and "did you mean 'echo-request'" in e.message
    assert "echo-reply" in e.message and "time-exceeded" in e.message


def test_bad_arp_op(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ether: {}\n      - arp: {op: reqest}\n")
    assert at(e) == (5, 19, "frames[0].arp.op") and "did you mean 'request'" in e.message


def test_bad_tcp_flag(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - tcp: {flags: [syn, akc]}\n")
    assert at(e) == (4, 22, "frames[0].tcp.flags") and "unknown flag 'akc'" in e.message


@pytest.mark.parametrize("value, words", [
    ("064", "064 has a leading zero (YAML 1.1 reads octal); write 64 (decimal) or 0x40"),
    ("true", "true is a boolean, not a number"),
    ("1.5", "not a whole number"),
    ("sixty", "'sixty' is not a number"),
    ("[1, 2]", "expected a number 0..255, got a list"),
])
def test_number_traps(tmp_path: Path, value: str, words: str) -> None:
    e = fail(tmp_path, HEAD + f"      - ipv4: {{ttl: {value}}}\n")
    assert at(e) == (4, 21, "frames[0].ipv4.ttl") and words in e.message


@pytest.mark.parametrize("value, words", [
    ("3221225986", "3221225986 is not a IPv4 address; write it as text"),
    ("true", "true is not a IPv4 address"),
])
def test_number_or_boolean_where_an_address_is_expected(tmp_path: Path, value: str,
                                                        words: str) -> None:
    e = fail(tmp_path, HEAD + f"      - ipv4: {{dst: {value}}}\n")
    assert at(e) == (4, 21, "frames[0].ipv4.dst") and words in e.message


def test_leading_zero_in_a_quoted_number_is_refused_too(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - udp: {dport: '08080'}\n")
    assert at(e) == (4, 22, "frames[0].udp.dport") and "leading zero" in e.message


def test_auto_where_there_is_none(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {dst: auto}\n")
    assert at(e) == (4, 21, "frames[0].ipv4.dst") and "no automatic value" in e.message


def test_ether_dst_auto_needs_a_network_layer(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ether: {dst: auto}\n      - payload: {text: x}\n")
    assert at(e) == (4, 22, "frames[0].ether.dst") and "give a MAC" in e.message


def test_layer_entry_with_two_layers(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - {ether: {}, ipv4: {}}\n")
    assert at(e) == (4, 9, "frames[0].layers[0]") and "one layer per list item" in e.message


# -- streams -----------------------------------------------------------------

@pytest.mark.parametrize("stream, col, path, words", [
    ("{from: 1, to: 9, step: 0}", 45, ".step", "step 0 never moves"),
    ("{from: 9, to: 1}", 36, ".to", "from 9 > to 1: count down with a negative step"),
    ("{from: 1, to: 9, step: -1}", 36, ".to", "use a positive step"),
    ("{list: []}", 29, ".list", "give at least one value"),
    ("{random: [9, 1]}", 31, ".random", "random min 9 > max 1"),
    ("{random: [1]}", 31, ".random", "write [min, max]"),
    ("{form: 1}", 23, "", "did you mean 'from'"),
    ("{list: [1, 70000]}", 33, ".list[1]", "70000 is out of range 0..65535"),
    ("{to: 5}", 22, "", "needs from"),
])
def test_bad_stream_spec(tmp_path: Path, stream: str, col: int, path: str, words: str) -> None:
    e = fail(tmp_path, HEAD + f"      - udp: {{dport: {stream}}}\n")
    assert at(e) == (4, col, f"frames[0].udp.dport{path}") and words in e.message


def test_address_range_backwards(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {src: {from: 192.0.2.9, to: 192.0.2.1}}\n")
    assert at(e) == (4, 43, "frames[0].ipv4.src.to")
    assert "from 192.0.2.9 > to 192.0.2.1" in e.message


def test_stream_on_a_hex_field(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {options: {from: 1}}\n")
    assert at(e) == (4, 25, "frames[0].ipv4.options") and "streams are for" in e.message


# -- variables, --var, --set --------------------------------------------------

def test_undefined_var(tmp_path: Path) -> None:
    e = fail(tmp_path, "vars: {dst: 192.0.2.2}\n" + HEAD[8:] + "      - ipv4: {dst: '${dts}'}\n")
    assert at(e) == (4, 21, "frames[0].ipv4.dst")
    assert "undefined variable ${dts}" in e.message and "did you mean 'dst'" in e.message
    assert "--var dts=VALUE" in e.message


def test_unknown_var_override(tmp_path: Path) -> None:
    e = fail(tmp_path, "vars: {dst: 192.0.2.2}\nframes: [{hex: '00'}]\n", vars={"dts": "x"})
    assert e.path == "--var dts" and "no variable 'dts'" in e.message
    assert "did you mean 'dst'" in e.message


def test_var_value_is_checked_where_used(tmp_path: Path) -> None:
    text = "vars: {ttl: 64}\nframes:\n  - layers:\n      - ipv4: {ttl: '${ttl}'}\n"
    e = fail(tmp_path, text, vars={"ttl": "300"})
    assert at(e) == (4, 21, "frames[0].ipv4.ttl") and "300 is out of range" in e.message
    e = fail(tmp_path, text, vars={"ttl": "064"})
    assert "leading zero" in e.message


@pytest.mark.parametrize("item, path, words", [
    ("ipv4.ttl=300", "frames[0].ipv4.ttl", "300 is out of range 0..255"),
    ("ipv5.ttl=1", "ipv5.ttl", "no ipv5 layer (did you mean 'ipv4'?)"),
    ("ipv4[1].ttl=1", "ipv4[1].ttl", "1 ipv4 layer(s)"),
    ("frames[3].ipv4.ttl=1", "frames[3].ipv4.ttl", "1 frame(s)"),
    ("ipv4.tll=1", "frames[0].ipv4.tll", "did you mean 'ttl'"),
    ("ipv4.dst=192.0.2", "frames[0].ipv4.dst", "malformed IPv4"),
])
def test_bad_set(tmp_path: Path, item: str, path: str, words: str) -> None:
    e = fail(tmp_path, HEAD + "      - ipv4: {ttl: 5}\n", "--set", sets=[item])
    assert e.path == path and words in e.message
    assert str(e) == f"--set: {path}: {e.message}"


def test_set_needs_a_frame_index_on_multi_frame_profiles(tmp_path: Path) -> None:
    e = fail(tmp_path, "frames: [{hex: '00'}, {hex: '01'}]\n", "--set", sets=["ipv4.ttl=1"])
    assert "2 frames; say which, e.g. frames[0].ipv4.ttl" in e.message


def test_set_without_equals(tmp_path: Path) -> None:
    assert "write PATH=VALUE" in fail(tmp_path, HEAD + "      - ipv4: {}\n", "--set",
                                      sets=["ipv4.ttl"]).message


# -- payload, raw and size ----------------------------------------------------

def test_payload_file_missing(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - payload: {file: data/missing.bin}\n")
    assert at(e) == (4, 25, "frames[0].payload.file")
    assert "'data/missing.bin' not found" in e.message and str(tmp_path / "data") in e.message
    assert "relative to the profile file" in e.message


def test_frame_larger_than_65535(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - ether: {}\n      - ipv4: {}\n      - udp: {}\n"
             "      - payload: {size: 65500}\n")
    assert at(e) == (3, 5, "frames[0]") and "65542 bytes, larger than 65535" in e.message


def test_payload_size_out_of_range(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - payload: {size: 70000}\n")
    assert at(e) == (4, 25, "frames[0].payload.size") and "out of range 0..65535" in e.message


def test_hex_frame_too_big(tmp_path: Path) -> None:
    e = fail(tmp_path, "frames:\n  - hex: '" + "00" * 65536 + "'\n")
    assert at(e) == (2, 10, "frames[0].hex") and "larger than 65535" in e.message


@pytest.mark.parametrize("hexval, words", [
    ("'45 00 0'", "odd number of hex digits (5)"),
    ("'45 zz'", "'z' is not a hex digit"),
])
def test_bad_hex(tmp_path: Path, hexval: str, words: str) -> None:
    e = fail(tmp_path, f"frames:\n  - hex: {hexval}\n")
    assert at(e) == (2, 10, "frames[0].hex") and words in e.message


def test_payload_needs_exactly_one_source(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - payload: {text: a, hex: '00'}\n")
    assert at(e) == (4, 18, "frames[0].payload") and "exactly one of" in e.message
    e = fail(tmp_path, HEAD + "      - payload: {txt: a}\n")
    assert "did you mean 'text'" in e.message


# -- options -----------------------------------------------------------------

@pytest.mark.parametrize("options, col, path, words", [
    ("[{mss: 1460}, sackokk]", 38, "[1]", "did you mean 'sackok'"),
    ("[mss]", 25, "[0].mss", "mss needs a value: {mss: 1460}"),
    ("[{mss: 70000}]", 31, "[0].mss", "out of range 0..65535"),
    ("[{timestamp: [1]}]", 37, "[0].timestamp", "[tsval, tsecr]"),
    ("[{nop: 1}]", 31, "[0].nop", "takes no value"),
    ("[" + ", ".join(["{timestamp: [1, 2]}"] * 5) + "]", 24, "", "take 52 bytes; at most 40"),
])
def test_bad_tcp_options(tmp_path: Path, options: str, col: int, path: str, words: str) -> None:
    e = fail(tmp_path, HEAD + f"      - tcp: {{options: {options}}}\n")
    assert at(e) == (4, col, f"frames[0].tcp.options{path}") and words in e.message


def test_bad_icmpv6_lladdr(tmp_path: Path) -> None:
    e = fail(tmp_path, HEAD + "      - icmpv6: {options: [{src-lladdr: 02:00:00}]}\n")
    assert at(e) == (4, 41, "frames[0].icmpv6.options[0].src-lladdr")
    assert "malformed MAC" in e.message


# -- the command line: one line, exit 2, no traceback --------------------------

@pytest.mark.parametrize("text", [
    HEAD + "      - ipv4: {ttl: 300}\n",
    "a: !!python/object/apply:os.system ['true']\n",
    HEAD + "      - ipv4: {ttl: 1, ttl: 2}\n",
])
def test_cli_prints_one_line_and_exits_2(tmp_path: Path, text: str) -> None:
    p = tmp_path / "p.yaml"
    p.write_text(text)
    r = subprocess.run([sys.executable, "-m", "craft", "build", str(p), "--format", "hex",
                        "--backend", "struct"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{p}:") and "Traceback" not in r.stderr
