"""Spelling helpers for vector tables (tests/vectors.py and the
tests/vectors_*.py files it gathers): addresses and hex written readably,
turned into the internal values (craft/layers/base.py)."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address
from typing import Any


def mac(text: str) -> bytes:
    return bytes.fromhex(text.replace(":", ""))


def ip4(text: str) -> bytes:
    return IPv4Address(text).packed


def ip6(text: str) -> bytes:
    return IPv6Address(text).packed


def h(text: str) -> bytes:
    return bytes.fromhex(text)


Case = tuple[str, list[tuple[str, dict[str, Any]]], str | tuple[str, ...]]
