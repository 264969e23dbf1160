"""yamlload: YAML 1.2 core scalars (no YAML 1.1 traps), plain data only,
1-based marks, and refusals that come quickly with bounded work."""

from __future__ import annotations

import time

import pytest
import yaml

from craft.errors import Mark, ProfileError
from craft.profile.yamlload import MAX_NODES, YList, YMap, load, load_value


def refuse(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load(text, "t.yaml")
    return info.value


@pytest.mark.parametrize("text, expected", [
    ("02:00:00:00:00:02", "02:00:00:00:00:02"),  # YAML 1.1: base-60 integer
    ("12:30", "12:30"),  # YAML 1.1: 750
    ("on", "on"), ("off", "off"), ("yes", "yes"), ("no", "no"), ("y", "y"), ("N", "N"),
    ("064", "064"),  # YAML 1.1: octal 52; YAML 1.2: 64; here: text, so the checker refuses it
    ("00", "00"),
    ("2001:db8::1", "2001:db8::1"),
    ("192.0.2.1", "192.0.2.1"),
    ("2001-12-14", "2001-12-14"),  # YAML 1.1: a date
    ("0b101", "0b101"),  # YAML 1.1 binary integer; not core
    ("1_000", "1_000"),
    ("<<", "<<"),  # no merge keys
    ("64", 64), ("-3", -3), ("0", 0), ("0x1F", 31), ("0o17", 15),
    ("1.5", 1.5), ("1e3", 1000.0),
    ("true", True), ("False", False),
    ("~", None), ("null", None),
])
def test_yaml12_core_scalars(text: str, expected: object) -> None:
    doc = load(f"v: {text}\n", "t.yaml")
    assert doc["v"] == expected
    assert type(doc["v"]) is type(expected)
    assert doc.texts["v"] == text  # the source text is kept for every scalar


def test_plain_pyyaml_would_have_read_these_differently() -> None:
    # the traps this module exists for: make sure they are real in this PyYAML
    d = yaml.safe_load("a: 12:00:00:00:00:02\nb: 064\nc: on\n")
    assert d == {"a": 12 * 60**5 + 2, "b": 52, "c": True}
    assert load("a: 12:00:00:00:00:02\n", "t.yaml")["a"] == "12:00:00:00:00:02"


def test_marks_are_one_based_for_keys_values_and_items() -> None:
    doc = load("name: x\nframes:\n  - hex: '00'\n  -   layers: []\n", "p.yaml")
    assert isinstance(doc, YMap) and doc.mark == Mark("p.yaml", 1, 1)
    assert doc.keys_at["frames"] == Mark("p.yaml", 2, 1)
    assert doc.values_at["name"] == Mark("p.yaml", 1, 7)
    frames = doc["frames"]
    assert isinstance(frames, YList)
    assert frames.items_at == [Mark("p.yaml", 3, 5), Mark("p.yaml", 4, 7)]
    assert frames[1].keys_at["layers"] == Mark("p.yaml", 4, 7)
    assert frames[0].texts["hex"] == "00"


@pytest.mark.parametrize("text, where, words", [
    ("a: !!python/object/apply:os.system ['true']\n", (1, 4), "!!python/object/apply:os.system"),
    ("a: !!python/name:os.system\n", (1, 4), "not allowed"),
    ("a: !!binary aGVsbG8=\n", (1, 4), "!!binary"),
    ("a: !!timestamp 2001-12-14\n", (1, 4), "!!timestamp"),
    ("a: !custom 1\n", (1, 4), "!custom"),
    ("a:\n  b: !!set {x, y}\n", (2, 6), "!!set"),
])
def test_non_core_tags_are_refused(text: str, where: tuple[int, int], words: str) -> None:
    e = refuse(text)
    assert (e.mark.line, e.mark.col) == where
    assert words in e.message and "plain data" in e.message


def test_duplicate_key_names_both_places() -> None:
    e = refuse("name: a\nframes: []\nname: b\n")
    assert e.mark == Mark("t.yaml", 3, 1)
    assert "duplicate key 'name'" in e.message and "line 1" in e.message


def test_duplicate_key_in_nested_flow_mapping() -> None:
    e = refuse("frames:\n  - layers:\n      - ipv4: {ttl: 1, ttl: 2}\n")
    assert (e.mark.line, e.mark.col) == (3, 24)
    assert "duplicate key 'ttl'" in e.message


def test_top_level_must_be_a_mapping() -> None:
    assert "top level is a list" in refuse("- a\n- b\n").message
    assert "top level is a single value" in refuse("just text\n").message
    e = refuse("")
    assert "empty" in e.message and e.mark.line == 1


def test_keys_must_be_text() -> None:
    e = refuse("frames:\n  - 64: x\n")
    assert (e.mark.line, e.mark.col) == (2, 5) and "key must be a name" in e.message
    assert "key must be a name" in refuse("? [a, b]\n: c\n").message


def test_syntax_error_has_problem_mark_one_based() -> None:
    e = refuse("name: x\nframes:\n  - layers: [ether\n")
    assert e.mark.file == "t.yaml" and e.mark.line == 4
    assert e.message.startswith("YAML syntax error")
    e = refuse("name: x\n  bad: indent\n")
    assert (e.mark.line, e.mark.col) == (2, 6)
    e = refuse('a: "unclosed\n')
    assert e.mark.line == 2 and "syntax" in e.message


def test_alias_bomb_is_refused_quickly() -> None:
    # the "billion laughs": 10 levels of 10 aliases each = 10**10 nodes expanded
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    start = time.perf_counter()
    e = refuse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    assert "alias bomb" in e.message and str(MAX_NODES) in e.message


def test_small_aliases_are_fine() -> None:
    doc = load("a: &x {ttl: 5}\nb: *x\n", "t.yaml")
    assert doc["b"] == {"ttl": 5}


def test_recursive_alias_is_refused() -> None:
    e = refuse("a: &a [1, *a]\n")
    assert "refers to itself" in e.message or "nesting" in e.message


@pytest.mark.parametrize("text", [
    "a: " + "[" * 1000 + "]" * 1000 + "\n",
    "a: " + "{b: " * 1000 + "1" + "}" * 1000 + "\n",
    "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000)),
])
def test_thousand_deep_nesting_is_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    e = refuse(text)
    assert time.perf_counter() - start < 5
    assert "nesting deeper than" in e.message
    assert e.mark.line >= 1 and e.mark.col >= 1


def test_load_value_uses_the_same_rules() -> None:
    assert load_value("1", "--set") == 1
    assert load_value("02:00:00:00:00:02", "--set") == "02:00:00:00:00:02"
    assert load_value("on", "--set") == "on"
    assert load_value("064", "--set") == "064"
    assert load_value("", "--set") == ""
    assert load_value("{from: 1, to: 3}", "--set") == {"from": 1, "to": 3}
    with pytest.raises(ProfileError, match="not allowed"):
        load_value("!!python/object/apply:os.system [x]", "--set")


def test_merge_keys_and_huge_numbers_are_refused_with_a_reason() -> None:
    e = refuse("base: &b {ttl: 1}\nipv4:\n  <<: *b\n")
    assert (e.mark.line, e.mark.col) == (3, 3) and "merge keys" in e.message
    assert load("'<<': 1\n", "t.yaml") == {"<<": 1}  # a quoted key is just text
    e = refuse("ttl: " + "9" * 5000 + "\n")
    assert "too long" in e.message and (e.mark.line, e.mark.col) == (1, 6)
