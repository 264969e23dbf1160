"""tcpdump's hex dumps (-x, -X and its default dump of unknown payloads).

``hex_only``: ``<indent>0x0000:  4500 003c ...`` (8 groups of 2 bytes a line);
``hex_and_ascii``: the same padded to 40 columns, two spaces, then the bytes
as ASCII with anything outside 0x21..0x7e printed as '.' (terminal-safe);
``ascii_only`` (-A): the bytes as text on the lines after the packet's line.
"""

from __future__ import annotations

_ASCII = "".join(chr(c) if 0x21 <= c <= 0x7E else "." for c in range(256))


def _groups(chunk: bytes) -> str:
    h = chunk.hex()
    out = [" " + h[i:i + 4] for i in range(0, len(h) - len(h) % 4, 4)]
    if len(chunk) & 1:
        out.append(" " + h[-2:])
    return "".join(out)


def hex_only(data: bytes, indent: str = "\n\t", oset: int = 0) -> str:
    return "".join(
        f"{indent}0x{oset + i:04x}: {_groups(data[i:i + 16])}" for i in range(0, len(data), 16)
    )


def hex_and_ascii(data: bytes, indent: str = "\n\t", oset: int = 0) -> str:
    out = []
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        out.append(f"{indent}0x{oset + i:04x}: {_groups(chunk):<40}  "
                   f"{chunk.decode('latin-1').translate(_TRANS)}")
    return "".join(out)


_TRANS = {c: _ASCII[c] for c in range(256)}


# -A keeps tab, space and newline; anything else outside 0x21..0x7e is '.'.
_TEXT = {c: (chr(c) if 0x21 <= c <= 0x7E or c in (9, 10, 32) else ".") for c in range(256)}


def ascii_only(data: bytes) -> str:
    """tcpdump's ascii_print: a newline, then the bytes as text. A carriage
    return is dropped before a newline and at the very end, '.' elsewhere."""
    text = data.decode("latin-1")
    if "\r" in text:
        n = len(text)
        text = "".join(
            ("." if i < n - 2 and text[i + 1] != "\n" else "") if ch == "\r" else ch
            for i, ch in enumerate(text)
        )
    return "\n" + text.translate(_TEXT)
