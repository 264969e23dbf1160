"""The rest of the frame as given (profile: hex), e.g. a textbook frame
whose headers the user wrote by hand. Payload under another name: the same
encode, decode and layout."""

from __future__ import annotations

from typing import Any

from craft.layers.base import BYTES, Field, Header
from craft.layers.payload import decode, encode, layout

NAME = "raw"
TAKES_REST = True  # the decoder stops here

HEADER = Header(NAME, (
    Field("data", 0, b"", BYTES, doc="the bytes"),
))

__all__ = ["HEADER", "NAME", "TAKES_REST", "decode", "encode", "layout", "summary"]


def summary(v: dict[str, Any]) -> str:
    return f"Raw {len(v['data'])} bytes"
