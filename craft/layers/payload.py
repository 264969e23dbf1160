"""Application data: the bytes after the last header (profile: text, hex,
file, or size with fill; the loader turns each into ``data``)."""

from __future__ import annotations

from typing import Any

from craft.layers.base import BYTES, Field, Header
from craft.layers.context import Context

NAME = "payload"
TAKES_REST = True  # the decoder stops here

HEADER = Header(NAME, (
    Field("data", 0, b"", BYTES, doc="the bytes"),
))


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    return bytes(v["data"]), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """Takes everything from ``offset`` on."""
    rest = bytes(data[offset:])
    return {"data": rest}, len(rest)


def layout(v: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    return [("data", 0, 0, 8 * len(v.get("data") or b""))]


def summary(v: dict[str, Any]) -> str:
    return f"Raw {len(v['data'])} bytes"
