"""Bytes → layers: the layer modules' ``decode`` walked along the binding
table (DESIGN.md: the decoder is the struct encoder's mirror).

Lenient by contract: ``decode`` never raises, whatever the bytes. A header cut
short or malformed ends the walk with a marked part; lengths that lie are
flagged, never trusted past the captured bytes; the walk stops after
``MAX_LAYERS`` parts (IP in IP in IP ...).

Like tcpdump, an IPv4 total length, IPv6 payload length or UDP length bounds
the data of the layers inside it; captured bytes beyond the outermost bound
(Ethernet padding to 60 bytes, trailer) are a final ``padding`` part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from craft.errors import Truncated
from craft.layers.frame import Frame, Layer
from craft.layers import LAYERS
from craft.layers.base import Malformed
from craft.layers.bindings import INNER

MAX_LAYERS = 16  # parts per frame, padding included


@dataclass(slots=True)
class Decoded:
    """One part of a decoded frame.

    ``name`` is a layer name, or ``padding`` for captured bytes past the IP/UDP
    length (``values == {"data": bytes}``, like ``payload``).
    ``offset``/``length``: where the part lies in the frame (for a header:
    header bytes only; payload and padding: their bytes).
    ``truncated``: with empty ``values``, the header itself was cut short
    (tcpdump's ``[|tcp]``); with values, the length the header claims runs past
    the captured bytes (``error`` says by how much).
    ``error``: why the walk stopped or what is wrong (``bad-hlen``, ``bad-len``,
    ``too many layers``), else None.
    """

    name: str
    values: dict[str, Any]
    offset: int
    length: int
    truncated: bool = False
    error: str | None = None


def decode(frame: bytes, first: str = "ether") -> list[Decoded]:
    """The parts of ``frame``, outermost first; never raises."""
    data = frame if type(frame) is bytes else bytes(frame)
    size = len(data)
    end = size  # where the current layer's data ends (IP/UDP lengths shrink it)
    view = data
    out: list[Decoded] = []
    offset = 0
    name: str | None = first if first in _WALK else "payload"
    room = MAX_LAYERS - 1  # one left for padding
    prev: Decoded | None = None
    while offset < end and name is not None:
        if not room:
            out.append(Decoded("payload", {"data": data[offset:end]}, offset, end - offset,
                               False, "too many layers"))
            offset = end
            break
        unpack, step = _WALK[name]
        if len(view) != end:
            view = data[:end]
        try:
            values, hlen = unpack(view, offset)
        except Truncated as e:
            out.append(Decoded(name, {}, offset, end - offset, True, str(e)))
            offset = end
            break
        except Malformed as e:
            out.append(Decoded(name, {}, offset, end - offset, False, str(e)))
            offset = end
            break
        except Exception as e:  # noqa: BLE001 - the contract is "never raises"
            out.append(Decoded(name, {}, offset, end - offset, False,
                               f"{name}: internal decoder error: {e!r}"))
            offset = end
            break
        part = Decoded(name, values, offset, hlen)
        out.append(part)
        room -= 1
        offset += hlen
        if step is None:  # payload, raw: took the rest
            break
        name, end = step(values, part, prev, offset, end)
        prev = part
    if offset < size:
        out.append(Decoded("padding", {"data": data[offset:]}, offset, size - offset))
    return out


# Each step: (values, part, the part before, offset after the header, end)
# -> (next name, new end).
# A next name of None ends the walk (the rest becomes padding).


def _ether(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    # a type of 1500 or less is an 802.3 length: LLC follows, which we do not name
    return INNER.get((part.name, v["type"]), "payload"), end


def _ipv4(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    if v["ihl"] < 5:
        part.error = f"bad-hlen {v['ihl'] * 4}"
        return "payload", end
    total = v["len"]
    if total < part.length:
        part.error = f"bad-len {total}"
        return "payload", end
    bound = part.offset + total
    if bound > end:
        part.truncated = True
        part.error = f"truncated-ip - {bound - end} bytes missing"
    else:
        end = bound
    if v["frag"]:  # a later fragment: no transport header here
        return "payload", end
    return INNER.get(("ipv4", v["proto"]), "payload"), end


def _ipv6(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    plen = v["plen"]
    if plen:  # 0: a jumbogram or a GSO packet: the capture is the bound, as tcpdump
        bound = offset + plen
        if bound > end:
            part.truncated = True
            part.error = f"truncated-ipv6 - {bound - end} bytes missing"
        else:
            end = bound
    return INNER.get(("ipv6", v["nh"]), "payload"), end


def _tcp(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    if v["dataofs"] < 5:
        part.error = f"bad-hlen {v['dataofs'] * 4}"
    return "payload", end


def _udp(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    length = v["len"]
    if length < 8:
        part.error = f"bad-len {length}"
        return "payload", end
    bound = part.offset + length
    if bound > end:
        if prev is not None and prev.name == "ipv4" and prev.values["flags"] & 1:
            return "payload", end  # a first fragment: the datagram continues elsewhere
        part.truncated = True
        part.error = f"truncated-udp - {bound - end} bytes missing"
    else:
        end = bound
    return "payload", end


def _rest(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    return "payload", end


def _arp(
    v: dict[str, Any], part: Decoded, prev: Decoded | None, offset: int,
    end: int,
) -> tuple[str | None, int]:
    return None, offset  # what follows an ARP packet is Ethernet padding


_NEXT = {
    "ether": _ether,
    "vlan": _ether,
    "arp": _arp,
    "ipv4": _ipv4,
    "ipv6": _ipv6,
    "icmp": _rest,
    "icmpv6": _rest,
    "tcp": _tcp,
    "udp": _udp,
}
# name -> (the layer's decode, the step after it); None: the layer takes the rest
_WALK = {name: (mod.decode, _NEXT.get(name)) for name, mod in LAYERS.items()}


def frame_of(frame: bytes, parts: list[Decoded]) -> Frame:
    """A concrete ``Frame`` (every decoded value given) that the struct encoder
    turns back into ``frame``: undecodable parts and padding become ``raw``."""
    layers = []
    for p in parts:
        if p.values and p.name != "padding":
            layers.append(Layer(p.name, dict(p.values), frozenset(p.values)))
        else:
            chunk = frame[p.offset:p.offset + p.length]
            layers.append(Layer("raw", {"data": chunk}, frozenset({"data"})))
    return Frame(layers)
