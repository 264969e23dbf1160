"""Profiles: YAML → validated model, every error with ``file:line:col``.

``load_profile`` reads a profile (yamlload.py: YAML 1.2 scalars, plain data
only), applies ``--set`` overrides and ``--var`` values, substitutes
``${name}`` and converts every value to its internal form using the layer
field tables (craft/layers/*.py) as the one source of names, kinds, ranges
and enumeration words. The result is a ``craft.profile.model.Profile`` whose
``frames()`` expands lazily. See docs/profiles.md for the format.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from craft.errors import Mark, ProfileError
from craft.layers import LAYERS
from craft.layers.base import (
    BYTES,
    ENUM,
    FLAGS,
    INT,
    INTS,
    IP,
    IPV4,
    IPV4S,
    IPV6,
    IPV6S,
    MAC,
    NAMES,
    OPTIONS,
    TEXT,
    Field,
    flags_value,
)
from craft.layers.bindings import PORTS
from craft.profile.carried import check_carried, read_items
from craft.profile.data import DATA_KEYS, longest, read_data
from craft.profile.fragspec import read_fragment
from craft.profile.model import FrameSpec, LayerSpec, Profile, Stream
from craft.profile.options import read_options
from craft.profile.overrides import DATA_LAYERS, apply_set, declared_vars
from craft.profile.resolve import LINK_DST, LLADDR_OPTIONS, auto_fields, auto_source, network_index
from craft.profile.yamlload import YList, YMap, did_you_mean, known_keys, load, what

__all__ = [
    "load_profile",
    "load_profile_text",
    "bundled_profiles",
    "find_profile",
    "BundledProfile",
    "PROFILES_DIR",
    "MAX_FRAME",
    "DATA_KEYS",  # craft.profile.data's, where the payload keys are read
]

PROFILES_DIR = Path(__file__).resolve().parents[2] / "profiles"
MAX_FRAME = 65535  # the IPv4 total length / pcap snaplen limit on one frame

PROFILE_KEYS = ("name", "description", "vars", "frames")
FRAME_KEYS = ("layers", "hex", "fragment")
STREAM_KEYS = ("from", "to", "step", "list", "random", "key")
STREAM_KINDS = (INT, ENUM, FLAGS, MAC, IPV4, IPV6)
ADDRESS_BYTES = {MAC: 6, IPV4: 4, IPV6: 16}


_VAR_RE = re.compile(r"\$\$|\$\{([^}]*)\}")
_DEC_RE = re.compile(r"^[-+]?[0-9]+$")
_NUM_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$")
_MAC_RE = re.compile(r"^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(?:\1[0-9a-fA-F]{2}){4}$")


class BundledProfile(NamedTuple):
    name: str
    file: Path
    description: str


def bundled_profiles() -> list[BundledProfile]:
    """The profiles shipped in profiles/: (name, file, description), by file."""
    out = []
    for file in sorted(PROFILES_DIR.glob("*.yaml")):
        doc = load(file.read_text(encoding="utf-8"), str(file))
        name = doc.get("name")
        out.append(
            BundledProfile(
                name if isinstance(name, str) else file.stem,
                file,
                str(doc.get("description") or ""),
            )
        )
    return out


def find_profile(arg: str | os.PathLike[str]) -> Path:
    """``arg`` as a path when it exists, else a bundled profile whose file
    stem or name is ``arg`` (``craft build icmp``), else the path as given."""
    p = Path(arg)
    if p.exists() or os.sep in str(arg) or str(arg).endswith((".yaml", ".yml")):
        return p
    for b in bundled_profiles():
        if str(arg) in (b.file.stem, b.name):
            return b.file
    return p


def load_profile(
    path: str | os.PathLike[str],
    *,
    vars: Mapping[str, Any] | None = None,
    sets: Sequence[str] | None = None,
) -> Profile:
    """Load and validate a profile file (or a bundled profile by name).

    ``vars`` override the profile's ``vars`` (a text value is read as a YAML
    scalar: ``"5"`` is the number 5); naming a variable the profile does not
    declare is an error. ``sets`` are ``PATH=VALUE`` overrides such as
    ``frames[0].ipv4.ttl=1``, ``ipv4.ttl=1`` (one-frame profiles) or
    ``vlan[1].vid=5``. Raises ProfileError with file:line:col and path."""
    p = find_profile(path)
    file = str(path) if Path(path) == p else str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(
            "no such profile file; give a path or a bundled name (craft profiles lists them)",
            mark=Mark(file),
        ) from None
    except UnicodeDecodeError as e:
        raise ProfileError(
            f"not UTF-8 text ({e.reason} at byte {e.start}); a profile is YAML text",
            mark=Mark(file),
        ) from None
    except OSError as e:
        raise ProfileError(f"cannot read the profile: {e.strerror}", mark=Mark(file)) from None
    return load_profile_text(text, file, base_dir=p.parent, vars=vars, sets=sets, path=p)


def load_profile_text(
    text: str,
    file: str = "<profile>",
    *,
    base_dir: Path | None = None,
    vars: Mapping[str, Any] | None = None,
    sets: Sequence[str] | None = None,
    path: Path | None = None,
) -> Profile:
    """``load_profile`` for text in hand; payload files are relative to
    ``base_dir`` (default: the current directory)."""
    root = load(text, file)
    known_keys(root, PROFILE_KEYS, f"a profile has {', '.join(PROFILE_KEYS)}")
    for item in sets or ():
        apply_set(root, item)
    checker = _Checker(file, base_dir or Path.cwd(), declared_vars(root, vars or {}, file))
    return checker.profile(root, path)


def load_document(root: YMap, file: str, *, base_dir: Path | None = None) -> Profile:
    """A profile from a document already read (a conversation step's frame:
    craft.profile.script), checked as a profile file would be."""
    return _Checker(file, base_dir or Path.cwd(), {}).profile(root, None)


def _get(box: YMap | YList, key: Any) -> tuple[Any, Mark, str | None]:
    if isinstance(box, YMap):
        return box[key], box.values_at[key], box.texts.get(key)
    return box[key], box.items_at[key], box.texts[key]


class _Checker:
    """Turns the document into frame specs: one method per level."""

    def __init__(self, file: str, base_dir: Path, vars: dict[str, Any]) -> None:
        self.file = file
        self.base_dir = base_dir
        self.vars = vars
        self.expanding: set[str] = set()
        # streams inside list fields of the layer being read: key -> Stream;
        # ``at_item`` is the (field, index) of the list item being read
        self.nested: dict[str, Stream] = {}
        self.at_item: tuple[str, int] | None = None

    def item_stream(self, f: Field, spec: YMap, mark: Mark, path: str,
                    sub: str | None) -> Any:
        """A stream given for a value inside a list item (an option, a
        record): kept for the layer, its first value returned in its place."""
        if self.at_item is None:
            raise ProfileError("a stream is not allowed here", mark=mark, path=path)
        at = (*self.at_item, sub)
        s = self.stream(f, spec, mark, path)
        s = Stream(s.kind, s.length, s.start, s.stop, s.step, s.items, s.convert, s.mark,
                   s.key, at)
        self.nested[f"{at[0]}[{at[1]}]" + (f".{sub}" if sub else "")] = s
        return s.first()

    # -- variables ------------------------------------------------------

    def get(self, box: YMap | YList, key: Any, path: str) -> tuple[Any, Mark, str | None]:
        """A value with ``${name}`` substituted; its mark and source text."""
        value, mark, text = _get(box, key)
        if isinstance(value, str) and "$" in value:
            value = self.subst(value, mark, path)
            text = (
                None
                if isinstance(value, YMap | YList)
                else (str(value).lower() if isinstance(value, bool) else str(value))
            )
        return value, mark, text

    def subst(self, s: str, mark: Mark, path: str) -> Any:
        whole = _VAR_RE.fullmatch(s)
        if whole and whole.group(1) is not None:
            return self.var(whole.group(1), mark, path)  # keeps the variable's type

        def one(m: re.Match[str]) -> str:
            if m.group(0) == "$$":
                return "$"
            value = self.var(m.group(1), mark, path)
            if isinstance(value, YMap | YList):
                raise ProfileError(
                    f"${{{m.group(1)}}} is {what(value)}; only a whole value can "
                    "be a list or mapping",
                    mark=mark,
                    path=path,
                )
            return str(value).lower() if isinstance(value, bool) else str(value)

        return _VAR_RE.sub(one, s)

    def var(self, name: str, mark: Mark, path: str) -> Any:
        name = name.strip()
        if name not in self.vars:
            raise ProfileError(
                f"undefined variable ${{{name}}}{did_you_mean(name, self.vars)}; define it "
                f"under vars: or pass --var {name}=VALUE",
                mark=mark,
                path=path,
            )
        value = self.vars[name]
        if isinstance(value, str) and "$" in value:  # a variable made of variables
            if name in self.expanding:
                raise ProfileError(f"variable ${{{name}}} refers to itself", mark=mark, path=path)
            self.expanding.add(name)
            try:
                value = self.subst(value, mark, path)
            finally:
                self.expanding.discard(name)
        return value

    # -- profile and frames --------------------------------------------

    def profile(self, root: YMap, path: Path | None) -> Profile:
        name = self.text(root, "name", "name") if "name" in root else Path(self.file).stem
        description = self.text(root, "description", "description") if "description" in root else ""
        if "frames" not in root:
            raise ProfileError("no frames; add frames: with at least one frame", mark=root.mark)
        frames = root["frames"]
        if not isinstance(frames, YList) or not frames:
            raise ProfileError(
                f"frames is {what(frames)}; write a list of frames, each "
                "{layers: [...]} or {hex: ...}",
                mark=root.values_at["frames"],
                path="frames",
            )
        specs = [self.frame(frames, i) for i in range(len(frames))]
        return Profile(name, description, path, specs, dict(self.vars))

    def text(self, box: YMap, key: str, path: str) -> str:
        value, mark, text = self.get(box, key, path)
        if isinstance(value, YMap | YList):
            raise ProfileError(f"{key} is {what(value)}; write text", mark=mark, path=path)
        return "" if value is None else (value if isinstance(value, str) else str(text))

    def frame(self, frames: YList, i: int) -> FrameSpec:
        path = f"frames[{i}]"
        item, mark, _ = _get(frames, i)
        if not isinstance(item, YMap):
            raise ProfileError(
                f"a frame is a mapping {{layers: [...]}} or {{hex: ...}}, not {what(item)}",
                mark=mark,
                path=path,
            )
        known_keys(item, FRAME_KEYS, "a frame has layers (and fragment) or hex", path)
        fragment = read_fragment(self, item, path) if "fragment" in item else None
        if "hex" in item and "layers" in item:
            raise ProfileError("give layers or hex, not both", mark=item.keys_at["hex"], path=path)
        if "hex" in item:
            value, vmark, text = self.get(item, "hex", f"{path}.hex")
            data = self.hexbytes(value, text, vmark, f"{path}.hex")
            if not data:
                raise ProfileError("the hex frame is empty", mark=vmark, path=f"{path}.hex")
            self.check_size(len(data), vmark, f"{path}.hex")
            layer = LayerSpec(
                "raw",
                {**LAYERS["raw"].HEADER.defaults(), "data": data},
                frozenset({"data"}),
                marks={"data": vmark},
                mark=vmark,
            )
            return FrameSpec(i, [layer], mark, raw=True)
        if "layers" not in item:
            raise ProfileError("a frame needs layers: [...] or hex: ...", mark=mark, path=path)
        layers, lmark, _ = _get(item, "layers")
        if not isinstance(layers, YList) or not layers:
            raise ProfileError(
                f"layers is {what(layers)}; write a list such as "
                "[{ether: {}}, {ipv4: {dst: 192.0.2.2}}]",
                mark=lmark,
                path=f"{path}.layers",
            )
        names = []
        for j, entry in enumerate(layers):
            emark = layers.items_at[j]
            if not isinstance(entry, YMap) or len(entry) != 1:
                kind = (
                    f"a mapping with {len(entry)} keys" if isinstance(entry, YMap) else what(entry)
                )
                raise ProfileError(
                    f"layer {j} is {kind}; write one layer per list item: - ipv4: {{ttl: 64}}",
                    mark=emark,
                    path=f"{path}.layers[{j}]",
                )
            (lname,) = entry
            if lname not in LAYERS:
                raise ProfileError(
                    f"unknown layer {lname!r}{did_you_mean(lname, LAYERS)}; layers: "
                    f"{', '.join(LAYERS)}",
                    mark=entry.keys_at[lname],
                    path=f"{path}.layers[{j}]",
                )
            names.append(lname)
        for j, lname in enumerate(names):
            if getattr(LAYERS[lname], "TRAILER", False) and not all(
                    getattr(LAYERS[n], "TRAILER", False) for n in names[j:]):
                raise ProfileError(
                    f"{lname} is bytes after the datagram, so it is the last layer; move it "
                    "to the end (a header craft has no layer for is raw)",
                    mark=layers[j].keys_at[lname],
                    path=f"{path}.layers[{j}]",
                )
        seen: dict[str, int] = {}
        specs = []
        for j, entry in enumerate(layers):
            lname = names[j]
            k = seen[lname] = seen.get(lname, -1) + 1
            lpath = f"{path}.{lname}[{k}]" if names.count(lname) > 1 else f"{path}.{lname}"
            specs.append(self.layer(lname, entry, lpath))
        _fill_ports(specs)
        spec = FrameSpec(i, specs, mark, fragment=fragment)
        self.check_frame(spec, path)
        return spec

    def check_frame(self, spec: FrameSpec, path: str) -> None:
        size = 0
        for j, ls in enumerate(spec.layers):
            header = LAYERS[ls.name].HEADER
            size += header.size
            for f in header.variable:
                value = ls.values.get(f.name)
                if f.bits:
                    size += f.bits // 8
                elif isinstance(value, bytes | bytearray):
                    size += len(value)
                elif f.name in ls.streams and ls.name in DATA_LAYERS:
                    size += longest(ls.streams[f.name])
                elif isinstance(value, tuple) and value:
                    size += 40  # options: at most 40 bytes, checked where given
            for fname in ls.auto:
                if (
                    auto_source(ls.name, fname) == LINK_DST
                    and network_index([x.name for x in spec.layers], j) is None
                ):
                    raise ProfileError(
                        f"{ls.name}.{fname} auto needs an arp, ipv4 or ipv6 layer after "
                        f"{ls.name} (past vlan tags) to find the neighbour; give a MAC",
                        mark=ls.marks[fname],
                        path=f"{path}.{ls.name}.{fname}",
                    )
        self.check_size(size, spec.mark, path)

    def check_size(self, size: int, mark: Mark | None, path: str) -> None:
        if size > MAX_FRAME:
            raise ProfileError(
                f"the frame is {size} bytes, larger than {MAX_FRAME}; make the payload smaller",
                mark=mark,
                path=path,
            )

    # -- layers and fields ---------------------------------------------

    def layer(self, lname: str, entry: YMap, lpath: str) -> LayerSpec:
        body, bmark, _ = _get(entry, lname)
        header = LAYERS[lname].HEADER
        values = header.defaults()
        if body is None:
            return LayerSpec(lname, values, mark=bmark)
        if not isinstance(body, YMap):
            raise ProfileError(
                f"{lname} is {what(body)}; its fields are a mapping such as "
                f"{{{header.fields[0].name}: ...}} (or nothing for the defaults)",
                mark=bmark,
                path=lpath,
            )
        if lname in DATA_LAYERS:
            data, marks = read_data(self, body, lpath)
            if isinstance(data, Stream):  # a size or payload per frame
                values["data"] = None
                return LayerSpec(lname, values, frozenset({"data"}), streams={"data": data},
                                 marks=marks, mark=bmark)
            values["data"] = data
            return LayerSpec(lname, values, frozenset({"data"}), marks=marks, mark=bmark)
        given: set[str] = set()
        auto: set[str] = set()
        streams: dict[str, Stream] = {}
        marks: dict[str, Mark] = {}
        self.nested = {}
        for fname in body:
            fpath = f"{lpath}.{fname}"
            f = header.by_name.get(fname)
            if f is None:
                raise ProfileError(
                    f"unknown field {fname!r} for {lname}{did_you_mean(fname, header.by_name)}; "
                    "its fields: "
                    f"{', '.join(header.by_name)}",
                    mark=body.keys_at[fname],
                    path=fpath,
                )
            value, mark, text = self.get(body, fname, fpath)
            marks[fname] = mark
            if value == "auto":
                if auto_source(lname, fname) is not None and f.kind != OPTIONS:
                    values[fname] = None
                    auto.add(fname)
                    continue
                if f.default is None:  # computed anyway: auto says so explicitly
                    values[fname] = None
                    continue
                can = [a for a in auto_fields() if auto_source(*a.split(".")) != LLADDR_OPTIONS]
                raise ProfileError(
                    f"{lname}.{fname} has no automatic value; give one (auto works for "
                    f"{', '.join(can)}, the icmpv6 lladdr options and computed fields)",
                    mark=mark,
                    path=fpath,
                )
            given.add(fname)
            if isinstance(value, YMap) and f.kind in STREAM_KINDS:
                streams[fname] = self.stream(f, value, mark, fpath)
                values[fname] = None  # drawn per frame
            elif f.kind == OPTIONS:
                values[fname], has_auto = read_options(self, lname, value, mark, text, fpath,
                                                       fname)
                if has_auto:
                    auto.add(fname)
            else:
                values[fname] = self.value(f, value, mark, text, fpath)
        limit = getattr(LAYERS[lname], "MAX_OPTIONS", None)
        if (
            limit is not None
            and isinstance(values.get("options"), bytes)
            and len(values["options"]) > limit
        ):
            raise ProfileError(
                f"{lname} options are {len(values['options'])} bytes; at most {limit} fit",
                mark=marks["options"],
                path=f"{lpath}.options",
            )
        streams.update(self.nested)
        check_carried(lname, values, given, streams, body, lpath)
        return LayerSpec(lname, values, frozenset(given), frozenset(auto), streams, marks, bmark)

    def value(self, f: Field, value: Any, mark: Mark, text: str | None, path: str) -> Any:
        """A static value of field ``f`` in its internal form."""
        kind = f.kind
        if kind in (IPV4S, IPV6S, NAMES, INTS):  # lists of addresses, domain names, numbers
            return read_items(self, kind, value, mark, text, path)
        if isinstance(value, YMap | YList) and not (kind == FLAGS and isinstance(value, YList)):
            hint = (
                " (streams are for integer and address fields)" if isinstance(value, YMap) else ""
            )
            raise ProfileError(
                f"expected {_expect(f)}, got {what(value)}{hint}", mark=mark, path=path
            )
        if kind == INT:
            return self.integer(value, text, mark, path, 0, f.maximum)
        if kind == ENUM:
            return self.enum(f, value, text, mark, path)
        if kind == FLAGS:
            return self.flags(f, value, text, mark, path)
        if kind in ADDRESS_BYTES:
            return self.address(f.kind, value, text, mark, path)
        if kind == IP:  # IPv4 or IPv6, by its text
            return self.address(IPV6 if ":" in str(value) else IPV4, value, text, mark, path)
        if kind == BYTES:
            data = self.hexbytes(value, text, mark, path)
            if f.bits and 8 * len(data) > f.bits:  # a field of fixed size (bootp.sname)
                raise ProfileError(f"{len(data)} bytes do not fit: {f.name} holds at most "
                                   f"{f.bits // 8}", mark=mark, path=path)
            return data
        if kind == TEXT:  # YAML's own reading of 10 or true is not the text: the source's
            data = (text if text is not None else str(value)).encode()
            if f.bits and 8 * len(data) > f.bits:  # a fixed room (a RIP password)
                raise ProfileError(f"the text is {len(data)} bytes; at most {f.bits // 8} fit",
                                   mark=mark, path=path)
            return data
        raise ProfileError(f"no way to read a {kind} value", mark=mark, path=path)

    def integer(self, value: Any, text: str | None, mark: Mark, path: str, lo: int, hi: int) -> int:
        shown = text if text is not None else repr(value)
        if isinstance(value, bool):
            raise ProfileError(
                f"{shown} is a boolean, not a number; write 1 or 0", mark=mark, path=path
            )
        if isinstance(value, float):
            raise ProfileError(f"{shown} is not a whole number", mark=mark, path=path)
        if isinstance(value, str):
            value = _int_text(value.strip(), mark, path)
        if not isinstance(value, int):
            raise ProfileError(f"expected a number, got {what(value)}", mark=mark, path=path)
        if not lo <= value <= hi:
            raise ProfileError(f"{value} is out of range {lo}..{hi}", mark=mark, path=path)
        return value

    def enum(self, f: Field, value: Any, text: str | None, mark: Mark, path: str) -> int:
        if (
            isinstance(value, str)
            and not _DEC_RE.match(value.strip())
            and not _NUM_RE.match(value.strip())
        ):
            word = value.strip()
            folded = {k.lower().replace("_", "-"): n for k, n in f.names.items()}
            number = folded.get(word.lower().replace("_", "-"))
            if number is None:
                raise ProfileError(
                    f"unknown name {word!r}{did_you_mean(word, f.names)}; valid: "
                    f"{', '.join(f.names)} or a number 0..{f.maximum}",
                    mark=mark,
                    path=path,
                )
            return number
        return self.integer(value, text, mark, path, 0, f.maximum)

    def flags(self, f: Field, value: Any, text: str | None, mark: Mark, path: str) -> int:
        if isinstance(value, str) and _NUM_RE.match(value.strip()):
            return self.integer(value, text, mark, path, 0, f.maximum)
        if isinstance(value, YList):
            value = [self.get(value, k, f"{path}[{k}]")[0] for k in range(len(value))]
        if isinstance(value, bool) or value is None:
            raise ProfileError(
                f"{text} is not a flags value; write letters, words or a number",
                mark=mark,
                path=path,
            )
        try:
            return flags_value(f, value)
        except ValueError as e:
            raise ProfileError(str(e), mark=mark, path=path) from None

    def address(self, kind: str, value: Any, text: str | None, mark: Mark, path: str) -> bytes:
        example = {MAC: "02:00:00:00:00:01", IPV4: "192.0.2.1", IPV6: "2001:db8::1"}[kind]
        noun = {MAC: "MAC", IPV4: "IPv4 address", IPV6: "IPv6 address"}[kind]
        if not isinstance(value, str):
            shown = text if text is not None else what(value)
            raise ProfileError(
                f"{shown} is not a {noun}; write it as text, e.g. {example}", mark=mark, path=path
            )
        s = value.strip()
        if kind == MAC:
            if not _MAC_RE.match(s):
                raise ProfileError(
                    f"malformed MAC {s!r}; write six hex pairs, e.g. {example}",
                    mark=mark,
                    path=path,
                )
            return bytes.fromhex(s.replace(s[2], ""))
        try:
            if kind == IPV4:
                return ipaddress.IPv4Address(s).packed
            return ipaddress.IPv6Address(s).packed
        except ValueError as e:
            raise ProfileError(
                f"malformed {noun} {s!r} ({e}); write e.g. {example}", mark=mark, path=path
            ) from None

    def hexbytes(self, value: Any, text: str | None, mark: Mark, path: str) -> bytes:
        if value is None:
            return b""
        if isinstance(value, YMap | YList) or isinstance(value, bool):
            raise ProfileError(
                f'expected hex text such as "45 00 00 1c", got {what(value)}', mark=mark, path=path
            )
        s = value if isinstance(value, str) else (text or str(value))
        # textbook style: "45 00", "45:00", "0x45, 0x00", "4500" are all the same bytes
        digits = "".join(t[2:] if t[:2] in ("0x", "0X") else t for t in re.split(r"[\s:,.\-]+", s))
        bad = re.search(r"[^0-9a-fA-F]", digits)
        if bad:
            raise ProfileError(
                f"{bad.group(0)!r} is not a hex digit; write bytes as hex pairs "
                "(spaces, colons, commas and 0x allowed)",
                mark=mark,
                path=path,
            )
        if len(digits) % 2:
            raise ProfileError(
                f"odd number of hex digits ({len(digits)}); each byte is two", mark=mark, path=path
            )
        return bytes.fromhex(digits)

    # -- streams ---------------------------------------------------------

    def stream(self, f: Field, spec: YMap, mark: Mark, path: str) -> Stream:
        keys = set(spec)
        forms = "{from: A, to: B, step: S}, {list: [...]} or {random: [min, max], key: K}"
        key = None
        if "key" in keys:
            kv, kmark, _ = self.get(spec, "key", f"{path}.key")
            if "random" not in keys or not isinstance(kv, str | int) or isinstance(kv, bool):
                raise ProfileError(
                    "key names a random stream's sequence: {random: [min, max], key: mac}; "
                    "random streams with the same key and bounds draw the same values",
                    mark=kmark, path=f"{path}.key",
                )
            key = f"key:{kv}"
            keys.discard("key")
        odd = keys - set(STREAM_KEYS)
        if odd or not keys or ("list" in keys or "random" in keys) and len(keys) > 1:
            key = sorted(odd)[0] if odd else sorted(keys)[0] if keys else ""
            raise ProfileError(
                f"not a stream: a stream is {forms}"
                + (f"; {key!r} is not one of those{did_you_mean(key, STREAM_KEYS)}" if odd else ""),
                mark=spec.keys_at.get(key, mark),
                path=path,
            )
        address = f.kind in ADDRESS_BYTES
        convert = _to_bytes(ADDRESS_BYTES[f.kind]) if address else None
        if "list" in keys:
            items, lmark, _ = self.get(spec, "list", f"{path}.list")
            if not isinstance(items, YList) or not items:
                raise ProfileError(
                    f"list is {what(items)}; give at least one value",
                    mark=lmark,
                    path=f"{path}.list",
                )
            values = tuple(
                self.value(f, *self.get(items, k, f"{path}.list[{k}]"), f"{path}.list[{k}]")
                for k in range(len(items))
            )
            return Stream("list", len(values), items=values, mark=mark)
        if "random" in keys:
            bounds, rmark, _ = self.get(spec, "random", f"{path}.random")
            if not isinstance(bounds, YList) or len(bounds) != 2:
                raise ProfileError(
                    f"random is {what(bounds)}; write [min, max]", mark=rmark, path=f"{path}.random"
                )
            lo, hi = (self.bound(f, bounds, k, f"{path}.random[{k}]") for k in (0, 1))
            if lo > hi:
                raise ProfileError(
                    f"random min {_show(f, lo)} > max {_show(f, hi)}; write [min, max]",
                    mark=rmark,
                    path=f"{path}.random",
                )
            return Stream("random", None, lo, hi, convert=convert, mark=mark, key=key)
        if "from" not in keys:
            raise ProfileError(f"a range stream needs from: ({forms})", mark=mark, path=path)
        start = self.bound(f, spec, "from", f"{path}.from")
        step = 1
        if "step" in keys:
            sv, smark, stext = self.get(spec, "step", f"{path}.step")
            step = self.integer(sv, stext, smark, f"{path}.step", -f.maximum, f.maximum)
            if step == 0:
                raise ProfileError(
                    "step 0 never moves; use 1, or -1 to count down",
                    mark=smark,
                    path=f"{path}.step",
                )
        if "to" in keys:
            stop = self.bound(f, spec, "to", f"{path}.to")
            if (stop - start) * step < 0:
                tmark = spec.values_at["to"]
                if step > 0:
                    raise ProfileError(
                        f"from {_show(f, start)} > to {_show(f, stop)}: count down with a "
                        f"negative step (step: -{step}) or swap from and to",
                        mark=tmark,
                        path=f"{path}.to",
                    )
                raise ProfileError(
                    f"from {_show(f, start)} < to {_show(f, stop)} with step {step}: use a "
                    f"positive step (step: {-step}) or swap from and to",
                    mark=tmark,
                    path=f"{path}.to",
                )
            length: int | None = (stop - start) // step + 1
        else:
            stop, length = (f.maximum if step > 0 else 0), None  # open-ended: wraps at the range
        last = start + ((stop - start) // step) * step
        return Stream("range", length, start, last, step, convert=convert, mark=mark)

    def bound(self, f: Field, box: YMap | YList, key: Any, path: str) -> int:
        """A stream bound as an integer (addresses as their number)."""
        value, mark, text = self.get(box, key, path)
        if isinstance(value, YMap | YList):
            raise ProfileError(f"expected {_expect(f)}, got {what(value)}", mark=mark, path=path)
        v = self.value(f, value, mark, text, path)
        return int.from_bytes(v, "big") if isinstance(v, bytes) else int(v)

    # -- payload / raw and options --------------------------------------



def _int_text(s: str, mark: Mark, path: str) -> int:
    """An integer written as text: decimal, 0x, 0o or 0b; no leading zeros."""
    if len(s) > 64:
        raise ProfileError(f"a number with {len(s)} digits is too long", mark=mark, path=path)
    if _NUM_RE.match(s):
        return int(s, 0)
    if _DEC_RE.match(s):  # a leading zero: YAML 1.1 would have read octal
        n = int(s, 10)
        raise ProfileError(
            f"{s} has a leading zero (YAML 1.1 reads octal); write {n} (decimal) or {n:#x} (hex)",
            mark=mark,
            path=path,
        )
    raise ProfileError(
        f"{s!r} is not a number; write decimal (64) or hex (0x40)", mark=mark, path=path
    )


def _to_bytes(n: int) -> Any:
    def convert(x: int) -> bytes:
        return x.to_bytes(n, "big")

    return convert


def _show(f: Field, n: int) -> str:
    if f.kind == IPV4:
        return str(ipaddress.IPv4Address(n))
    if f.kind == IPV6:
        return str(ipaddress.IPv6Address(n))
    if f.kind == MAC:
        return ":".join(f"{b:02x}" for b in n.to_bytes(6, "big"))
    return str(n)


def _expect(f: Field) -> str:
    return {
        INT: f"a number 0..{f.maximum}",
        ENUM: "a name or number",
        FLAGS: "flags",
        MAC: "a MAC",
        IPV4: "an IPv4 address",
        IPV6: "an IPv6 address",
        IP: "an IPv4 or IPv6 address",
        TEXT: "text",
        BYTES: "hex text",
        OPTIONS: "a list of options or hex",
    }.get(f.kind, f.kind)


def _fill_ports(specs: list[LayerSpec]) -> None:
    """A transport's ports not given, in front of a layer bound to a port
    (udp in front of dns: 53 to 53; of bootp: 68 to 67), as scapy's
    bind_layers fills them (craft/layers/bindings.py ``on_port``)."""
    for outer, inner in zip(specs, specs[1:], strict=False):
        ports = PORTS.get((outer.name, inner.name))
        if ports is None:
            continue
        for fname, number in zip(("sport", "dport"), ports, strict=True):
            if fname not in outer.given and fname not in outer.streams:
                outer.values[fname] = number
