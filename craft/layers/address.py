"""Addresses as people write them: the one place craft turns address bytes
into text and back (MAC as tcpdump and scapy print it, IPv4 dotted quad, IPv6 in the
RFC 5952 form Python's ipaddress gives)."""

from __future__ import annotations

import ipaddress


def mac_text(b: bytes) -> str:
    return ":".join(f"{x:02x}" for x in b)


def ipv4_text(b: bytes) -> str:
    return ".".join(str(x) for x in b)


def ipv6_text(b: bytes) -> str:
    return str(ipaddress.IPv6Address(b))


def mac_bytes(text: str) -> bytes:
    return bytes.fromhex(text.replace(":", "").replace("-", ""))


def ipv4_bytes(text: str) -> bytes:
    return ipaddress.IPv4Address(text).packed


def ipv6_bytes(text: str) -> bytes:
    return ipaddress.IPv6Address(text).packed


def text(b: bytes) -> str:
    """An address of any of the three kinds, told apart by its length."""
    return {6: mac_text, 4: ipv4_text}.get(len(b), ipv6_text)(b)
