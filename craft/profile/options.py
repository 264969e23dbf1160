"""Named options in profiles (tcp, icmpv6, ipv4, the IPv6 option headers):
a list of names and ``{name: value}`` items, or hex. What each option's value
looks like is its layer module's ``OPTION_VALUES``: ``name -> (form, bits)``.

Forms (the internal value in brackets):

- ``none``: a bare name (None); ``mac``: a MAC or ``auto`` (bytes, None for auto)
- ``int``: a number of ``bits`` (int); ``int0``: the same, 0 when bare
- ``pair``: ``[a, b]`` (a tuple); ``blocks``: ``[[left, right], ...]`` (tuples)
- ``addr``: one address, IPv4 or IPv6 by ``bits`` (bytes)
- ``addrs``: a list of addresses, or a number of empty (0.0.0.0) slots (a tuple of bytes)
- ``tuple``: ``[a, b, ...]`` with ``bits`` a tuple of widths, one per number
- ``fields``: ``{sub-field: value, ...}`` with ``bits`` the sub-fields' table
  (``base.Field``s: kinds, defaults); a bare name takes every default
  (``(sub-field, value)`` pairs in table order)
- ``hex``: bytes as hex (bytes)
- ``field: one value read as ``bits``, a ``base.Field``, reads it: an
  enumeration by word or number, an address, a list (its internal form)
- ``codes``: a list of words or numbers of ``bits``, an enumeration
  ``base.Field``: a DHCP parameter request list (a tuple of int)
- ``text``: a string (str), sent as UTF-8 (CDP's device id, platform...); at most
  ``bits // 8`` bytes when ``bits`` is not 0 (LLDP's names)
- ``timestamp``: ``{flag: tsonly|tsandaddr|prespec|N, entries: N or [...]}``
  (``(flag, entries)``; entries are numbers for tsonly, ``[address, time]``
  pairs otherwise; a number N gives N empty entries)

Called by craft/profile/load.py's checker (``ck``), whose value readers
(integer, address, hexbytes) word the errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from craft.errors import Mark, ProfileError
from craft.layers import LAYERS
from craft.layers.base import ENUM, FLAGS, INT, IPV4, IPV6, MAC, Field
from craft.profile.yamlload import YList, YMap, did_you_mean, what

_EXAMPLES = {
    "int": "{mss: 1460}",
    "pair": "{timestamp: [12345, 0]}",
    "blocks": "{sack: [[1000, 2000]]}",
    "addr": "{home-address: 2001:db8::1}",
    "addrs": "{lsrr: [192.0.2.9, 198.51.100.1]}",
    "tuple": "{security: [0, 0, 0, 0]}",
    "timestamp": "{timestamp: {flag: tsonly, entries: 4}}",
    "hex": '{redirected: "60 00 00 00 00 08 3a 40"}',
    "text": "{platform: lab}",
    "field": "{message-type: discover}",
    "codes": "{param-req-list: [subnet-mask, router]}",
}
TIMESTAMP_FLAGS = {"tsonly": 0, "tsandaddr": 1, "prespec": 3}  # RFC 791 §3.1
_ZERO = {32: b"\0" * 4, 128: b"\0" * 16}
_STREAMABLE = (INT, ENUM, FLAGS, MAC, IPV4, IPV6)  # as load.STREAM_KINDS


def read_options(ck: Any, lname: str, value: Any, mark: Mark, text: str | None,
                 path: str, field: str = "options") -> tuple[Any, bool]:
    """The internal value of an options field and whether a link-layer
    address option in it is auto."""
    module = LAYERS[lname]
    limit = getattr(module, "MAX_OPTIONS", None)
    if isinstance(value, YMap):
        raise ProfileError(
            f"expected a list of options or hex, got {what(value)} (streams are for integer "
            "and address fields)", mark=mark, path=path,
        )
    if not isinstance(value, YList):
        return ck.hexbytes(value, text, mark, path), False  # the limit: in layer()
    # a field other than ``options`` may have its own vocabulary (icmpv6/igmp records)
    known: Mapping[str, tuple[str, Any]] = getattr(module, "OPTION_FIELDS", {}).get(field) \
        or module.OPTION_VALUES
    out: list[tuple[str, Any]] = []
    has_auto = False
    for k in range(len(value)):
        ipath = f"{path}[{k}]"
        item, imark, _ = ck.get(value, k, ipath)
        if isinstance(item, str):
            oname, ov, omark, otext, bare = item.strip(), None, imark, None, True
        elif isinstance(item, YMap) and len(item) == 1:
            (oname,) = item
            ov, omark, otext = ck.get(item, oname, f"{ipath}.{oname}")
            bare = False
        else:
            raise ProfileError(
                f"option {k} is {what(item)}; write a name (nop) or {{name: value}} (mss: 1460)",
                mark=imark,
                path=ipath,
            )
        if oname not in known:
            raise ProfileError(
                f"unknown {lname} option {oname!r}{did_you_mean(oname, known)}; "
                f"options: {', '.join(known)}",
                mark=imark,
                path=ipath,
            )
        opath = f"{ipath}.{oname}"
        form, bits = known[oname]
        ck.at_item = (field, k)  # a stream inside this item is kept at this place
        if form == "mac":  # a link-layer address option: a MAC or auto
            if bare or ov == "auto":
                has_auto = True
                out.append((oname, None))
            elif isinstance(ov, YMap):  # a stream of MACs
                out.append((oname, ck.item_stream(Field(oname, 48, None, MAC), ov, omark, opath,
                                                  None)))
            else:
                out.append((oname, ck.address(MAC, ov, otext, omark, opath)))
        else:
            out.append((oname, option(ck, oname, form, bits, ov, omark, otext, bare, opath)))
    ck.at_item = None
    opts = tuple(out)
    if limit is not None:
        size = len(module.options_bytes(opts))
        if size > limit:
            raise ProfileError(
                f"{lname} options take {size} bytes; at most {limit} fit", mark=mark, path=path
            )
    return opts, has_auto


def option(ck: Any, name: str, form: str, bits: Any, value: Any, mark: Mark,
           text: str | None, bare: bool, path: str) -> Any:
    """One option's value in its form (see the module docstring)."""
    if form == "none":
        if value is not None:
            raise ProfileError(
                f"{name} takes no value; write it as a bare name", mark=mark, path=path
            )
        return None
    if form == "fields":
        return fields(ck, name, bits, None if bare else value, mark, path)
    if form == "field" and not bare:
        if isinstance(value, YMap) and bits.kind in _STREAMABLE:  # a stream
            return ck.item_stream(bits, value, mark, path, None)
        return ck.value(bits, value, mark, text, path)
    if form == "codes" and not bare:
        return codes(ck, bits, value, mark, text, path)
    if bare:
        if form == "int0":
            return 0
        example = "{" + name + ":" + _EXAMPLES[form].split(":", 1)[1]
        raise ProfileError(f"{name} needs a value: {example}", mark=mark, path=path)
    if isinstance(value, YMap) and form in ("int", "int0", "addr"):  # a stream
        kind = INT if form != "addr" else IPV4 if bits == 32 else IPV6
        return ck.item_stream(Field(name, bits, 0, kind), value, mark, path, None)
    if form in ("int", "int0"):
        return ck.integer(value, text, mark, path, 0, (1 << bits) - 1)
    if form == "hex":
        return ck.hexbytes(value, text, mark, path)
    if form == "text":
        if isinstance(value, YMap | YList) or isinstance(value, bool):
            raise ProfileError(f"{name} is text, got {what(value)}", mark=mark, path=path)
        out = value if isinstance(value, str) else (text or str(value))
        if bits and len(out.encode()) > bits // 8:  # a fixed room (LLDP's 255)
            raise ProfileError(f"the text is {len(out.encode())} bytes in UTF-8; at most "
                               f"{bits // 8} fit", mark=mark, path=path)
        return out
    if form == "addr":
        return ck.address(IPV4 if bits == 32 else IPV6, value, text, mark, path)
    if form == "addrs":
        return addresses(ck, name, bits, value, mark, text, path)
    if form == "tuple":
        if not isinstance(value, YList) or len(value) != len(bits):
            raise ProfileError(
                f"{name} is a list of {len(bits)} numbers, got {what(value)}", mark=mark,
                path=path,
            )
        out = []
        for k, b in enumerate(bits):
            v, m, t = ck.get(value, k, f"{path}[{k}]")
            out.append(ck.integer(v, t, m, f"{path}[{k}]", 0, (1 << b) - 1))
        return tuple(out)
    if form == "timestamp":
        return timestamp(ck, name, value, mark, path)
    top = (1 << bits) - 1
    if form == "pair":
        if not isinstance(value, YList) or len(value) != 2:
            raise ProfileError(
                f"{name} is [tsval, tsecr], got {what(value)}", mark=mark, path=path
            )
        return numbers(ck, value, path, top)
    if not isinstance(value, YList) or not value:
        raise ProfileError(
            f"{name} is a list of [left, right] blocks, got {what(value)}", mark=mark, path=path
        )
    blocks = []
    for k, block in enumerate(value):
        bpath = f"{path}[{k}]"
        if not isinstance(block, YList) or len(block) != 2:
            raise ProfileError(
                f"a sack block is [left, right], got {what(block)}",
                mark=value.items_at[k],
                path=bpath,
            )
        blocks.append(numbers(ck, block, bpath, top))
    return tuple(blocks)


def fields(ck: Any, name: str, table: Any, value: Any, mark: Mark,
           path: str) -> tuple[tuple[str, Any], ...]:
    """A structured option value: each sub-field given or at its default."""
    by = {f.name: f for f in table}
    got = {f.name: f.default for f in table}
    if value is not None:
        if not isinstance(value, YMap):
            raise ProfileError(
                f"{name} is a mapping of {', '.join(by)}, got {what(value)}", mark=mark,
                path=path,
            )
        for key in value:
            f = by.get(key)
            if f is None:
                raise ProfileError(
                    f"unknown {name} field {key!r}{did_you_mean(key, by)}; its fields: "
                    f"{', '.join(by)}", mark=value.keys_at[key], path=f"{path}.{key}",
                )
            v, m, t = ck.get(value, key, f"{path}.{key}")
            if isinstance(v, YMap) and f.kind in _STREAMABLE:
                got[key] = ck.item_stream(f, v, m, f"{path}.{key}", key)
            else:
                got[key] = ck.value(f, v, m, t, f"{path}.{key}")
    return tuple((f.name, got[f.name]) for f in table)


def codes(ck: Any, code: Any, value: Any, mark: Mark, text: str | None,
          path: str) -> tuple[int, ...]:
    """A list of option codes, each a word or number of ``code`` (an
    enumeration ``base.Field``), or one alone: a DHCP parameter request list."""
    if not isinstance(value, YList):
        return (ck.value(code, value, mark, text, path),)
    out = []
    for k in range(len(value)):
        v, m, t = ck.get(value, k, f"{path}[{k}]")
        out.append(ck.value(code, v, m, t, f"{path}[{k}]"))
    return tuple(out)


def numbers(ck: Any, items: YList, path: str, top: int) -> tuple[int, ...]:
    out = []
    for k in range(len(items)):
        v, m, t = ck.get(items, k, f"{path}[{k}]")
        out.append(ck.integer(v, t, m, f"{path}[{k}]", 0, top))
    return tuple(out)


def addresses(ck: Any, name: str, bits: int, value: Any, mark: Mark, text: str | None,
              path: str) -> tuple[bytes, ...]:
    """A list of addresses, or a number of empty slots (record route)."""
    kind = IPV4 if bits == 32 else IPV6
    if not isinstance(value, YList):
        if isinstance(value, str) and not value.strip().isdigit():
            raise ProfileError(
                f"{name} is a list of addresses or a number of empty slots, got {value!r}",
                mark=mark, path=path,
            )
        return (_ZERO[bits],) * ck.integer(value, text, mark, path, 1, 255)
    out = []
    for k in range(len(value)):
        v, m, t = ck.get(value, k, f"{path}[{k}]")
        out.append(ck.address(kind, v, t, m, f"{path}[{k}]"))
    return tuple(out)


def timestamp(ck: Any, name: str, value: Any, mark: Mark, path: str) -> tuple[int, tuple]:
    if not isinstance(value, YMap) or set(value) - {"flag", "entries"}:
        raise ProfileError(
            f"{name} is {{flag: tsonly|tsandaddr|prespec, entries: N or [...]}}, got "
            f"{what(value)}", mark=mark, path=path,
        )
    flag = 0
    if "flag" in value:
        fv, fm, ft = ck.get(value, "flag", f"{path}.flag")
        if isinstance(fv, str) and fv.strip() in TIMESTAMP_FLAGS:
            flag = TIMESTAMP_FLAGS[fv.strip()]
        else:
            flag = ck.integer(fv, ft, fm, f"{path}.flag", 0, 15)
    entries: tuple = ()
    if "entries" in value:
        ev, em, et = ck.get(value, "entries", f"{path}.entries")
        epath = f"{path}.entries"
        if not isinstance(ev, YList):
            n = ck.integer(ev, et, em, epath, 0, 9)
            entries = (0,) * n if flag == 0 else ((_ZERO[32], 0),) * n
        elif flag == 0:
            entries = numbers(ck, ev, epath, 0xFFFFFFFF)
        else:
            pairs = []
            for k in range(len(ev)):
                item, im, _ = ck.get(ev, k, f"{epath}[{k}]")
                if not isinstance(item, YList) or len(item) != 2:
                    raise ProfileError(
                        f"with flag {flag} an entry is [address, time], got {what(item)}",
                        mark=im, path=f"{epath}[{k}]",
                    )
                a, am, at = ck.get(item, 0, f"{epath}[{k}][0]")
                t, tm, tt = ck.get(item, 1, f"{epath}[{k}][1]")
                pairs.append((ck.address(IPV4, a, at, am, f"{epath}[{k}][0]"),
                              ck.integer(t, tt, tm, f"{epath}[{k}][1]", 0, 0xFFFFFFFF)))
            entries = tuple(pairs)
    return flag, entries
