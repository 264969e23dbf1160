"""Hexdumps whose bytes are coloured by the layer they belong to."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from craft.fmt.tcpdump.util_print import safe

# One colour per layer, in order, cycling; the legend line names them.
LAYER_STYLES = ("bold cyan", "bold green", "bold yellow", "bold magenta", "bold blue",
                "bold red", "cyan", "green", "yellow", "magenta")




def hexdump(data: bytes, spans: Sequence[tuple[str, int, int]] = (), width: int = 16) -> Text:
    """``data`` as offset, hex and ASCII columns; ``spans`` are (layer name,
    start, end) byte ranges, each drawn in its own colour after a legend."""
    style_at: list[str] = [""] * len(data)
    legend = Text()
    for i, (name, start, end) in enumerate(spans):
        style = LAYER_STYLES[i % len(LAYER_STYLES)]
        for j in range(max(start, 0), min(end, len(data))):
            style_at[j] = style
        if i:
            legend.append(" ")
        legend.append(f"{name}[{start}:{end}]", style=style)
    out = Text()
    if spans:
        out.append(legend)
        out.append("\n")
    for row in range(0, len(data), width):
        chunk = data[row:row + width]
        out.append(f"{row:04x}  ")
        for k, b in enumerate(chunk):
            out.append(f"{b:02x}", style=style_at[row + k])
            out.append("  " if k == 7 else " ")
        out.append("   " * (width - len(chunk)) + (" " if len(chunk) <= 7 else ""))
        out.append(" ")
        for k, b in enumerate(chunk):
            out.append(safe(bytes((b,))), style=style_at[row + k])
        if row + width < len(data):
            out.append("\n")
    return out


def hex_line(data: bytes) -> str:
    """The frame as one line of hex (``--format hex``)."""
    return data.hex()
