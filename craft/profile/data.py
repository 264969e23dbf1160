"""The bytes of a ``payload``, ``raw`` or ``padding`` layer in a profile:
exactly one of ``text``, ``hex``, ``file`` or ``size`` (with ``fill``).

They may vary from frame to frame: ``size`` takes any stream (``{from, to,
step}``, ``{random: [min, max]}``, ``{list}``) and ``text`` and ``hex`` take
``{list: [...]}``; the result is then a ``Stream`` of bytes for the layer's
``data`` field, drawn per frame like any other stream.

Called by craft/profile/load.py's checker (``ck``), whose value readers
(get, integer, hexbytes, stream, check_size) word the errors.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from craft.errors import Mark, ProfileError
from craft.layers.base import INT, Field
from craft.profile.model import Stream
from craft.profile.yamlload import YList, YMap, known_keys, what

DATA_KEYS = ("text", "hex", "file", "size", "fill")
# a size as a stream's bounds: 16 bits, the most one frame may hold (65,535 bytes)
SIZE = Field("size", 16, 0, INT)


def read_data(ck: Any, body: YMap, lpath: str) -> tuple[bytes | Stream, dict[str, Mark]]:
    """The layer's bytes, or a stream of them, and the mark of where they
    were given (for errors found later)."""
    known_keys(body, DATA_KEYS, "give one of text, hex, file, or size (with fill)", lpath)
    kinds = [k for k in ("text", "hex", "file", "size") if k in body]
    if len(kinds) != 1:
        raise ProfileError(
            "give exactly one of text, hex, file or size (with fill)"
            + (f"; found {', '.join(kinds)}" if kinds else ""),
            mark=body.mark,
            path=lpath,
        )
    if "fill" in body and kinds != ["size"]:
        raise ProfileError("fill goes with size", mark=body.keys_at["fill"], path=f"{lpath}.fill")
    key = kinds[0]
    path = f"{lpath}.{key}"
    value, mark, text = ck.get(body, key, path)
    marks = {"data": mark}
    if isinstance(value, YMap) and key in ("text", "hex"):
        return _listed(ck, key, value, mark, path), marks
    if key == "hex":
        data = ck.hexbytes(value, text, mark, path)
    elif key in ("text", "file"):
        if isinstance(value, YMap | YList):
            hint = "; or a list stream: {list: [a, b]}" if key == "text" else ""
            raise ProfileError(f"{key} is {what(value)}; write text{hint}", mark=mark, path=path)
        s = value if isinstance(value, str) else ("" if value is None else (text or ""))
        data = s.encode() if key == "text" else read_file(ck, s, mark, path)
    else:
        fill = _fill(ck, body, lpath)
        if isinstance(value, YMap):
            return _sized(ck, ck.stream(SIZE, value, mark, path), fill, mark, path), marks
        size = ck.integer(value, text, mark, path, 0, SIZE.maximum)
        data = (fill * (size // len(fill) + 1))[:size]
    ck.check_size(len(data), mark, path)
    return data, marks


def longest(data: Stream) -> int:
    """The most bytes a stream of payloads gives (the frame size check)."""
    if data.kind == "list":
        return max(len(x) for x in data.items)
    return max(data.start, data.stop)


def _fill(ck: Any, body: YMap, lpath: str) -> bytes:
    """The byte pattern ``size`` repeats (``fill``; a zero byte by default)."""
    if "fill" not in body:
        return b"\0"
    path = f"{lpath}.fill"
    fv, fmark, ftext = ck.get(body, "fill", path)
    if isinstance(fv, int) and not isinstance(fv, bool):
        fill = bytes([ck.integer(fv, ftext, fmark, path, 0, 255)])
    elif isinstance(fv, str) and fv.strip()[:2].lower() == "0x":
        fill = ck.hexbytes(fv, ftext, fmark, path)
    elif isinstance(fv, str) and fv:
        fill = fv.encode()
    else:
        raise ProfileError(
            f"fill is {what(fv)}; write a byte (0x00), hex (0xdeadbeef) or text",
            mark=fmark,
            path=path,
        )
    if not fill:
        raise ProfileError("fill is empty", mark=fmark, path=path)
    return fill


def _sized(ck: Any, sizes: Stream, fill: bytes, mark: Mark, path: str) -> Stream:
    """A stream of sizes as a stream of ``fill`` patterns that long."""

    def make(n: int) -> bytes:
        return (fill * (n // len(fill) + 1))[:n]

    if sizes.kind == "list":
        out = replace(sizes, items=tuple(make(n) for n in sizes.items))
    else:
        out = replace(sizes, convert=make)
    ck.check_size(longest(out) if sizes.kind == "list" else max(sizes.start, sizes.stop),
                  mark, path)
    return out


def _listed(ck: Any, key: str, spec: YMap, mark: Mark, path: str) -> Stream:
    """``text: {list: [...]}`` / ``hex: {list: [...]}``: each item in turn."""
    if set(spec) != {"list"}:
        raise ProfileError(
            f"{key} takes a list stream, {{list: [a, b]}}; size takes ranges and random",
            mark=mark,
            path=path,
        )
    items, lmark, _ = ck.get(spec, "list", f"{path}.list")
    if not isinstance(items, YList) or not items:
        raise ProfileError(
            f"list is {'empty' if isinstance(items, YList) else what(items)}; give at least "
            "one value",
            mark=lmark,
            path=f"{path}.list",
        )
    out = []
    for k in range(len(items)):
        ipath = f"{path}.list[{k}]"
        item, imark, itext = ck.get(items, k, ipath)
        if key == "hex":
            data = ck.hexbytes(item, itext, imark, ipath)
        elif isinstance(item, YMap | YList):
            raise ProfileError(f"text is {what(item)}; write text", mark=imark, path=ipath)
        else:
            data = (item if isinstance(item, str) else
                    "" if item is None else (itext or "")).encode()
        ck.check_size(len(data), imark, ipath)
        out.append(data)
    return Stream("list", len(out), items=tuple(out), mark=mark)


def read_file(ck: Any, name: str, mark: Mark, path: str) -> bytes:
    """A payload file's bytes; its path is relative to the profile file."""
    p = ck.base_dir / name
    try:
        with open(p, "rb") as fh:
            data = fh.read(SIZE.maximum + 1)
    except FileNotFoundError:
        raise ProfileError(
            f"payload file {name!r} not found (looked for {p}); paths are "
            "relative to the profile file",
            mark=mark,
            path=path,
        ) from None
    except OSError as e:
        raise ProfileError(
            f"cannot read payload file {name!r}: {e.strerror}", mark=mark, path=path
        ) from None
    if len(data) > SIZE.maximum:
        raise ProfileError(
            f"payload file {name!r} is larger than {SIZE.maximum} bytes", mark=mark, path=path
        )
    return data
