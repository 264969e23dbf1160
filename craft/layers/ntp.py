"""NTP — RFC 5905 §7.3 (NTPv4; the same 48-byte header as NTPv3, RFC 1305).

The header only: leap, version, mode, stratum, poll, precision, root delay
and dispersion, reference ID and the four timestamps. What follows it
(extension fields, a key ID and MAC) is the next layer (``payload``).
Control (mode 6) and private (mode 7) messages have other formats: decoding
refuses them (``Malformed``), so the decoder keeps them as payload.

Notation in profiles (each field's ``parse``/``show``):

- ``poll`` and ``precision`` are signed (log2 seconds): ``-20``.
- ``rootdelay`` and ``rootdisp`` are NTP short format (16.16 fixed point,
  seconds): a number with a decimal point is seconds (``0.0125``, ``1.0``),
  a whole number is the raw 32-bit value (``65536`` is one second).
- ``refid`` is 4 bytes: an IPv4 address (``192.0.2.1``: a stratum 2+
  server's upstream) or up to 4 ASCII letters (``GPS``: a stratum 1
  source, or a stratum 0 kiss code such as ``RATE``), NUL-padded.
- ``reftime``, ``org``, ``rec`` and ``xmt`` are NTP timestamps (32.32 fixed
  point, seconds since 1900): ISO 8601 UTC text (``2026-12-06T03:00:00Z``,
  fractions to 10 digits), ``now`` (the time the profile is read), or the
  raw 64-bit number (``0``: not set). Times are read into era 0 or 1 by
  RFC 4330 §3's rule (top bit clear: 2036-2104).

Choices: the defaults are scapy's NTPHeader's (version 4, client, stratum
2, poll 10, reference ID 127.0.0.1) except the origin and transmit
timestamps, which scapy fills with the current time: craft sends 0 unless
the profile says ``now`` or a time, so a profile builds the same bytes on
every run.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from ipaddress import IPv4Address
from typing import Any

from craft.layers import bindings
from craft.layers.base import ENUM, INT, IPV4, Field, Header, Malformed, as_signed, signed
from craft.layers.context import Context

NAME = "ntp"
PORT = 123
BOUND = bindings.on_port(PORT)
KEY_FIELDS = ("mode",)  # written by craft import even at its default

LEAPS = {"no-warning": 0, "add-second": 1, "del-second": 2, "unsynchronized": 3}
MODES = {"reserved": 0, "symmetric-active": 1, "symmetric-passive": 2, "client": 3,
         "server": 4, "broadcast": 5, "control": 6, "private": 7}
CONTROL, PRIVATE = 6, 7
UNIX_EPOCH = 2208988800  # NTP seconds at 1970-01-01 (RFC 5905 §6)
_ERA = 1 << 32
_TIME_RE = re.compile(
    r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$", re.IGNORECASE)


def _number(value: Any, what: str, example: str) -> int | None:
    """A whole number given as a number or as decimal/hex text; None for other text."""
    if isinstance(value, bool):
        raise ValueError(f"{value} is not {what}; write e.g. {example}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip(), 0)
        except ValueError:
            return None
    return None


def parse_time(value: Any) -> int:
    """An NTP timestamp from ISO 8601 UTC text, ``now`` or the raw number."""
    example = "2026-12-06T03:00:00Z, now or 0"
    raw = _number(value, "an NTP time", example)
    if raw is not None:
        if not 0 <= raw < 1 << 64:
            raise ValueError(f"{raw} is out of range 0..{(1 << 64) - 1} (a 64-bit timestamp)")
        return raw
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an NTP time; write e.g. {example}")
    text = value.strip()
    if text.lower() == "now":
        ns = time.time_ns()
        secs, frac = divmod(ns, 10**9)
        return ((secs + UNIX_EPOCH) % _ERA) << 32 | (frac << 32) // 10**9
    m = _TIME_RE.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not an NTP time; write e.g. {example}")
    zone = m.group(3) or "Z"
    zone = "+00:00" if zone.upper() == "Z" else zone
    try:
        when = datetime.fromisoformat(m.group(1).replace(" ", "T") + zone)
    except ValueError as e:
        raise ValueError(f"{text!r} is not a valid time ({e})") from None
    secs = int(when.timestamp()) + UNIX_EPOCH
    frac = round(Decimal("0" + (m.group(2) or ".0")) * _ERA)
    if frac == _ERA:  # .99999999999 rounds up to the next second
        secs, frac = secs + 1, 0
    return (secs % _ERA) << 32 | frac


def show_time(value: int) -> str:
    """ISO 8601 UTC with as many fraction digits as tell the value apart
    (10 at most); 0 stays 0."""
    if not value:
        return "0"
    secs, frac = value >> 32, value & (_ERA - 1)
    unix = secs - UNIX_EPOCH + (0 if secs >> 31 else _ERA)  # RFC 4330 §3 eras
    text = datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        digits = f"{Decimal(frac) / _ERA:.10f}"[1:].rstrip("0")
        text += digits
    return text + "Z"


def parse_short(value: Any) -> int:
    """NTP short format: seconds with a decimal point, or the raw number."""
    example = "0.0125 (seconds) or 819 (raw 16.16)"
    raw = _number(value, "an NTP short time", example)
    if raw is None:
        try:
            seconds = Decimal(str(value).strip().rstrip("sS"))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a time in seconds; write e.g. {example}") from None
        if not seconds.is_finite():
            raise ValueError(f"{value!r} is not a time in seconds; write e.g. {example}")
        raw = round(seconds * 65536)
    if not 0 <= raw <= 0xFFFFFFFF:
        raise ValueError(f"{value} is out of range 0..65535.99998 seconds (raw 0..4294967295)")
    return raw


def show_short(value: int) -> str:
    """Seconds, always with a decimal point (6 digits tell 16.16 values apart)."""
    text = f"{Decimal(value) / 65536:.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def parse_refid(value: Any) -> bytes:
    """An IPv4 address, or up to 4 ASCII letters NUL-padded."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a reference ID; write an IPv4 address or letters "
                         "such as GPS")
    text = value.strip()
    try:
        return IPv4Address(text).packed
    except ValueError:
        pass
    if not 1 <= len(text) <= 4 or not text.isascii() or not text.isprintable():
        raise ValueError(f"{text!r} is not a reference ID; write an IPv4 address "
                         "(192.0.2.1) or 1 to 4 ASCII letters (GPS, RATE)")
    return text.encode().ljust(4, b"\0")


def show_refid(value: bytes) -> str:
    """Letters when the 4 bytes are ASCII letters (NUL-padded), else an address."""
    text = value.rstrip(b"\0")
    if text and text[:1].isalpha() and b"\0" not in text and all(
            0x20 <= c < 0x7F for c in text) and text == text.strip():
        return text.decode()
    return str(IPv4Address(value))


_SIGNED8 = signed(8)
_TIMES = ("reftime", "org", "rec", "xmt")

HEADER = Header(NAME, (
    Field("leap", 2, 0, ENUM, names=LEAPS,
          doc="leap indicator: no-warning, add-second, del-second, unsynchronized"),
    Field("version", 3, 4, doc="version number; 4 as scapy (3 for NTPv3)"),
    Field("mode", 3, 3, ENUM, names=MODES, doc="association mode; client as scapy"),
    Field("stratum", 8, 2, doc="0 unspecified/kiss, 1 primary, 2-15 secondary; 2 as scapy"),
    Field("poll", 8, 10, INT, parse=_SIGNED8,
          doc="maximum poll interval, log2 seconds, signed; 10 as scapy"),
    Field("precision", 8, 0, INT, parse=_SIGNED8,
          doc="clock precision, log2 seconds, signed (-20: about a microsecond); 0 as scapy"),
    Field("rootdelay", 32, 0, INT, parse=parse_short, show=show_short,
          doc="root delay, NTP short format: seconds with a point (0.0125) or raw 16.16"),
    Field("rootdisp", 32, 0, INT, parse=parse_short, show=show_short,
          doc="root dispersion, NTP short format: seconds with a point or raw 16.16"),
    Field("refid", 32, IPv4Address("127.0.0.1").packed, IPV4, parse=parse_refid,
          show=show_refid,
          doc="reference ID: an IPv4 address (stratum 2+) or ASCII letters such as GPS "
              "(stratum 1) or a kiss code (stratum 0); 127.0.0.1 as scapy"),
    Field("reftime", 64, 0, INT, parse=parse_time, show=show_time,
          doc="reference timestamp: ISO 8601 UTC, now, or raw 64-bit; 0"),
    Field("org", 64, 0, INT, parse=parse_time, show=show_time,
          doc="origin timestamp; 0 (scapy: the current time)"),
    Field("rec", 64, 0, INT, parse=parse_time, show=show_time,
          doc="receive timestamp; 0"),
    Field("xmt", 64, 0, INT, parse=parse_time, show=show_time,
          doc="transmit timestamp; 0 (scapy: the current time): give a time or now"),
))

_pack = HEADER.pack
_unpack = HEADER.unpack
layout = HEADER.fixed_layout


def encode(v: dict[str, Any], payload: bytes, ctx: Context) -> tuple[bytes, dict[str, Any]]:
    """The 48-byte header; nothing is computed."""
    return _pack(v), v


def decode(data: bytes, offset: int = 0) -> tuple[dict[str, Any], int]:
    """The header (poll and precision signed); control and private messages
    are refused (another format)."""
    v = _unpack(data, offset)
    if v["mode"] in (CONTROL, PRIVATE):
        word = "control" if v["mode"] == CONTROL else "private"
        raise Malformed(f"ntp: mode {v['mode']} ({word}) is not the time-message header")
    v["poll"] = as_signed(v["poll"], 8)
    v["precision"] = as_signed(v["precision"], 8)
    return v, HEADER.size


def summary(v: dict[str, Any]) -> str:
    mode = next((w for w, n in MODES.items() if n == v["mode"]), str(v["mode"]))
    return f"NTPv{v['version']} {mode} stratum={v['stratum']} xmt={show_time(v['xmt'])}"
