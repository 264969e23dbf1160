"""Capture files: classic pcap (write and read) and pcapng (read).

Classic pcap: a 24-byte file header whose magic number says the byte order
and the timestamp unit (micro- or nanoseconds), then records of a 16-byte
header and ``caplen`` bytes. pcapng (draft-ietf-opsawg-pcapng): blocks of
``type, total_length, body, total_length``; we read Section Header,
Interface Description (with ``if_tsresol``), Enhanced Packet, Simple Packet
and the obsolete Packet block, in either byte order, and skip the rest.

Readers stream: a fixed-size read buffer, one record at a time, so memory
stays flat whatever the file length. Every record is checked before it is
trusted: a caplen past ``MAX_CAPLEN`` is an error, not an allocation, and a
file that ends inside a record raises ``TruncatedCapture`` after every whole
packet has been yielded.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple

from craft.errors import Mark, RuntimeFailure, UsageError
from craft.layers.linktype import LINKTYPE_ETHERNET

DEFAULT_SNAPLEN = 262144  # tcpdump's and libpcap's default since 4.99
# libpcap refuses records larger than its maximum snapshot length; so do we,
# with headroom for files written with bigger snaplens (e.g. D-Bus, USB).
MAX_CAPLEN = DEFAULT_SNAPLEN * 4

# Classic pcap magic numbers (as read in the file's own byte order)
# -> timestamp fraction unit in nanoseconds.
_MAGIC_USEC = 0xA1B2C3D4
_MAGIC_NSEC = 0xA1B23C4D
_PCAP_MAGICS = {_MAGIC_USEC: 1000, _MAGIC_NSEC: 1}

# pcapng block types.
_NG_SHB = 0x0A0D0D0A
_NG_IDB = 0x00000001
_NG_PB = 0x00000002  # obsolete Packet Block
_NG_SPB = 0x00000003
_NG_EPB = 0x00000006
_NG_BYTE_ORDER_MAGIC = 0x1A2B3C4D
_NG_OPT_IF_TSRESOL = 9
_NG_MIN_BODY = {0x0A0D0D0A: 12, 1: 8, 2: 20, 3: 4, 6: 20}  # fixed part of each block's body
_NG_MAX_BLOCK = 16 + MAX_CAPLEN + 65536 * 4  # a packet block plus generous options

_READ_CHUNK = 1 << 20


class Record(NamedTuple):
    """One captured packet."""

    ts_sec: int
    ts_nsec: int
    data: bytes  # the captured bytes (len(data) is the caplen)
    wirelen: int  # the packet's length on the wire
    linktype: int


class NotACapture(UsageError):
    """The file is not a pcap or pcapng file we can read. Exit 2."""


class BadCapture(RuntimeFailure):
    """The file is damaged partway through. Exit 1.

    ``packets_read`` counts the whole packets yielded before the damage."""

    def __init__(self, message: str, *, packets_read: int, mark: Mark | None = None) -> None:
        super().__init__(message, mark=mark)
        self.packets_read = packets_read


class TruncatedCapture(BadCapture):
    """The file ends in the middle of a record (a capture that was cut short)."""


# --------------------------------------------------------------------------- writer


class PcapWriter:
    """Writes classic pcap in host byte order (what tcpdump -w writes).

    ``fileobj`` is any binary file; the writer does not close it unless it
    opened it (``PcapWriter.open``). Records are clamped to ``snaplen``.
    """

    def __init__(
        self,
        fileobj: BinaryIO,
        linktype: int = LINKTYPE_ETHERNET,
        snaplen: int = DEFAULT_SNAPLEN,
        *,
        nano: bool = False,
    ) -> None:
        self.file = fileobj
        self.linktype = linktype
        self.snaplen = snaplen
        self.nano = nano
        self.count = 0
        self._owned = False
        magic = _MAGIC_NSEC if nano else _MAGIC_USEC
        self._rec = struct.Struct("=IIII")
        fileobj.write(struct.pack("=IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype))

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        linktype: int = LINKTYPE_ETHERNET,
        snaplen: int = DEFAULT_SNAPLEN,
        *,
        nano: bool = False,
    ) -> PcapWriter:
        """Create (truncate) ``path`` and write the file header; ``-`` is
        standard output, as for tcpdump -w."""
        if str(path) == "-":
            return cls(sys.stdout.buffer, linktype, snaplen, nano=nano)
        try:
            f = open(path, "wb", buffering=_READ_CHUNK)  # noqa: SIM115 - owned by the writer
        except OSError as e:
            raise UsageError(
                f"cannot write capture file: {e.strerror}", mark=Mark(str(path))
            ) from e
        w = cls(f, linktype, snaplen, nano=nano)
        w._owned = True
        return w

    def write(self, ts_sec: int, ts_nsec: int, data: bytes, wirelen: int | None = None) -> None:
        """Append one record. ``wirelen`` defaults to ``len(data)``."""
        if wirelen is None:
            wirelen = len(data)
        if 0 < self.snaplen < len(data):
            data = data[: self.snaplen]
        frac = ts_nsec if self.nano else ts_nsec // 1000
        self.file.write(self._rec.pack(ts_sec, frac, len(data), wirelen) + data)
        self.count += 1

    def flush(self) -> None:
        self.file.flush()

    def close(self) -> None:
        self.file.flush()
        if self._owned:
            self.file.close()

    def __enter__(self) -> PcapWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_pcap(
    path: str | os.PathLike[str],
    records: list[Record] | Iterator[Record],
    linktype: int = LINKTYPE_ETHERNET,
    snaplen: int = DEFAULT_SNAPLEN,
    *,
    nano: bool = False,
) -> int:
    """Write ``records`` to ``path``; returns how many were written."""
    with PcapWriter.open(path, linktype, snaplen, nano=nano) as w:
        for r in records:
            w.write(r.ts_sec, r.ts_nsec, r.data, r.wirelen)
        return w.count


# --------------------------------------------------------------------------- readers


class _Buffer:
    """A sliding window over a binary stream: ``need(n)`` makes ``n`` bytes
    available from ``pos`` (reading more, keeping memory at about one chunk
    plus the largest record). ``base`` is the file offset of ``buf[0]``."""

    __slots__ = ("file", "buf", "pos", "eof", "base")

    def __init__(self, file: BinaryIO, initial: bytes = b"", base: int = 0) -> None:
        self.file = file
        self.buf = initial
        self.pos = 0
        self.eof = False
        self.base = base

    def need(self, n: int) -> bool:
        """True when ``n`` bytes are available at ``pos``; False at end of file."""
        avail = len(self.buf) - self.pos
        if avail >= n:
            return True
        if self.eof:
            return False
        parts = [self.buf[self.pos :]]
        while avail < n:
            chunk = self.file.read(max(_READ_CHUNK, n - avail))
            if not chunk:
                self.eof = True
                break
            parts.append(chunk)
            avail += len(chunk)
        self.buf = b"".join(parts)
        self.base += self.pos
        self.pos = 0
        return avail >= n

    def remaining(self) -> int:
        return len(self.buf) - self.pos


class CaptureReader:
    """Iterate the packets of a pcap or pcapng file as ``Record``s.

    ``linktype`` and ``snaplen`` describe the (first) interface once the
    header is read, which the constructor does. Use as a context manager or
    call ``close``.

    A classic pcap file can be read in parts (craft.live.sniff reads a large
    file with two processes): ``start`` is the file offset of the first
    record to read (after the header is read as usual), and ``stop_at``
    ends the iteration before the record at a given offset.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, start: int | None = None, plain: bool = False
    ) -> None:
        self.path = str(path)
        # plain: classic pcap records as plain tuples, in Record's order (a
        # third of the reader's time per record goes to making a NamedTuple)
        self.plain = plain
        self.mark = Mark(self.path)
        self._owned = self.path != "-"  # "-": standard input, as for tcpdump -r
        try:
            self._file: BinaryIO = (
                open(path, "rb", buffering=0) if self._owned else sys.stdin.buffer  # noqa: SIM115
            )
        except OSError as e:
            raise UsageError(f"cannot read capture file: {e.strerror}", mark=self.mark) from e
        self.packets_read = 0
        self._b = _Buffer(self._file)
        if not self._b.need(4):
            self.close()
            raise NotACapture("not a capture file (empty or shorter than a header)", mark=self.mark)
        head = self._b.buf[:4]
        (magic_le,) = struct.unpack("<I", head)
        self.format: str
        self.nano = False
        if magic_le == _NG_SHB:
            self.format = "pcapng"
            self._iter: Iterator[Record] = self._pcapng()
            # Read the SHB and first IDB now so linktype/snaplen are known.
            self._ng_ifaces: list[tuple[int, int, int, int]] = []
            self._ng_linktype: int | None = None
            try:
                self._first = self._ng_prime()
            except Exception:
                self.close()
                raise
        else:
            self.format = "pcap"
            self._pcap_header()
            self._iter = self._pcap()
            self._first = None
        self._stop: int | None = None
        self.stopped = False  # the iteration ended at the stop_at offset
        if start is not None:
            if self.format != "pcap" or not self._owned:
                self.close()
                raise ValueError("start: classic pcap files only")
            self._file.seek(start)
            self._b = _Buffer(self._file, base=start)

    def stop_at(self, offset: int | None) -> None:
        """End the iteration before the record that starts at file offset
        ``offset`` (then ``stopped`` is True, and ``resume`` reads on). When no
        record starts there (the offset was a guess), nothing stops. Classic
        pcap, before the iteration starts."""
        if self.format != "pcap":
            raise ValueError("stop_at: classic pcap files only")
        self._stop = offset

    def resume(self) -> None:
        """Read on past the stop: the records after it, as if there had been none."""
        self._stop = None
        self.stopped = False
        self._iter = self._pcap()

    # -- classic pcap ------------------------------------------------------

    def _pcap_header(self) -> None:
        b = self._b
        (magic_le,) = struct.unpack_from("<I", b.buf, 0)
        (magic_be,) = struct.unpack_from(">I", b.buf, 0)
        if magic_le in _PCAP_MAGICS:
            self._order, unit = "<", _PCAP_MAGICS[magic_le]
        elif magic_be in _PCAP_MAGICS:
            self._order, unit = ">", _PCAP_MAGICS[magic_be]
        else:
            self.close()
            raise NotACapture(
                f"not a pcap or pcapng file (magic number 0x{magic_le:08x})", mark=self.mark
            )
        self._unit = unit
        self.nano = unit == 1
        if not b.need(24):
            self.close()
            raise TruncatedCapture(
                "truncated: file ends inside the pcap file header", packets_read=0, mark=self.mark
            )
        _, self.version_major, self.version_minor, _, _, snaplen, linktype = struct.unpack_from(
            self._order + "IHHiIII", b.buf, b.pos
        )
        b.pos += 24
        # The top bits of the link-type word can carry an FCS length (pcap spec).
        self.linktype = linktype & 0x0FFFFFFF
        self.snaplen = _file_snaplen(snaplen)

    def _pcap(self) -> Iterator[Record]:
        b = self._b
        hdr = struct.Struct(self._order + "IIII")
        unpack_from = hdr.unpack_from
        unit = self._unit
        linktype = self.linktype
        limit = MAX_CAPLEN  # whatever the header's snaplen claims
        snaplen = self.snaplen
        stop = self._stop
        plain = self.plain
        while True:
            buf, pos = b.buf, b.pos
            if stop is not None and b.base + pos >= stop:
                if b.base + pos == stop:
                    self.stopped = True
                    return
                stop = self._stop = None  # no record starts there: read on
            if len(buf) - pos < 16:
                if not b.need(16):
                    if b.remaining():
                        raise self._truncated("a record header")
                    return
                buf, pos = b.buf, b.pos
            ts_sec, frac, caplen, wirelen = unpack_from(buf, pos)
            if caplen > limit:
                raise BadCapture(
                    f"record {self.packets_read + 1} claims a capture length of {caplen} bytes, "
                    f"more than the maximum {limit}: the file is damaged",
                    packets_read=self.packets_read,
                    mark=self.mark,
                )
            end = pos + 16 + caplen
            if end > len(buf):
                if not b.need(16 + caplen):
                    raise self._truncated("a packet")
                buf, pos = b.buf, b.pos
                end = pos + 16 + caplen
            b.pos = end
            self.packets_read += 1
            if caplen > snaplen:  # libpcap reads the record, then cuts it to the file's snaplen
                end = pos + 16 + snaplen
            if plain:
                yield (ts_sec, frac * unit, buf[pos + 16 : end], wirelen, linktype)
            else:
                yield Record(ts_sec, frac * unit, buf[pos + 16 : end], wirelen, linktype)

    def kept_records(self, kept: Callable[[Any, int, bool, int, int, int], Any]) -> KeptRecords:
        """The records of this classic pcap file whose offsets ``kept`` picks
        (craft.io.bpf.Filter.kept: a BPF program run in C over the mapped
        file, by a thread of its own, a window of the file at a time; see
        craft/io/_pcapscan.c). The scan starts here and goes on in the
        background: the records are read as they are iterated, as the scan
        finds them. A file, before iterating."""
        with open(self.path, "rb") as f:
            m = mmap.mmap(f.fileno(), 0, mmap.MAP_SHARED, mmap.PROT_READ)
        swapped = self._order != ("<" if sys.byteorder == "little" else ">")
        try:
            scan = kept(m, 24, swapped, self.snaplen, MAX_CAPLEN, SCAN_WINDOW)
        except BaseException:
            m.close()
            raise
        return KeptRecords(self, m, scan)

    def _truncated(self, where: str) -> TruncatedCapture:
        n = self.packets_read
        return TruncatedCapture(
            f"truncated: file ends inside {where} after {n} whole packet{'s' if n != 1 else ''}",
            packets_read=n,
            mark=self.mark,
        )

    # -- pcapng ------------------------------------------------------------

    def _ng_block(self) -> tuple[int, bytes] | None:
        """The next block as (type, body); None at a clean end of file."""
        b = self._b
        if not b.need(8):
            if b.remaining():
                raise self._truncated("a block header")
            return None
        (btype_le,) = struct.unpack_from("<I", b.buf, b.pos)
        if btype_le == _NG_SHB:
            # The byte order is in the SHB body; a new section may change it.
            if not b.need(12):
                raise self._truncated("a section header")
            (bom,) = struct.unpack_from("<I", b.buf, b.pos + 8)
            if bom == _NG_BYTE_ORDER_MAGIC:
                self._order = "<"
            elif bom == struct.unpack("<I", struct.pack(">I", _NG_BYTE_ORDER_MAGIC))[0]:
                self._order = ">"
            else:
                raise NotACapture(
                    f"pcapng section header with a bad byte-order magic 0x{bom:08x}",
                    mark=self.mark,
                )
        btype, blen = struct.unpack_from(self._order + "II", b.buf, b.pos)
        if blen < 12 or blen % 4 or blen > _NG_MAX_BLOCK:
            raise BadCapture(
                f"pcapng block of type 0x{btype:08x} claims a length of {blen} bytes: "
                f"the file is damaged",
                packets_read=self.packets_read,
                mark=self.mark,
            )
        if not b.need(blen):
            raise self._truncated("a block")
        body = b.buf[b.pos + 8 : b.pos + blen - 4]
        b.pos += blen
        return btype, body

    def _ng_idb(self, body: bytes) -> tuple[int, int, int, int]:
        """(linktype, snaplen, tsresol-base, tsresol-exponent) of an IDB."""
        o = self._order
        linktype, _, snaplen = struct.unpack_from(o + "HHI", body, 0)
        base, exp = 10, 6  # default resolution: microseconds
        pos = 8
        while pos + 4 <= len(body):
            code, olen = struct.unpack_from(o + "HH", body, pos)
            if code == 0:
                break
            if code == _NG_OPT_IF_TSRESOL and olen >= 1 and pos + 5 <= len(body):
                v = body[pos + 4]
                base, exp = (2, v & 0x7F) if v & 0x80 else (10, v)
            pos += 4 + ((olen + 3) & ~3)
        return linktype, snaplen, base, exp

    def _ng_prime(self) -> Record | None:
        """Read blocks up to the first packet, so the first interface is known."""
        self.linktype, self.snaplen = LINKTYPE_ETHERNET, DEFAULT_SNAPLEN
        rec = None
        while rec is None:
            blk = self._ng_block()
            if blk is None:
                break
            rec = self._ng_handle(*blk)
        if self._ng_ifaces:
            self.linktype = self._ng_ifaces[0][0]
            self.snaplen = _file_snaplen(self._ng_ifaces[0][1])
        return rec

    def _ng_handle(self, btype: int, body: bytes) -> Record | None:
        o = self._order
        if len(body) < _NG_MIN_BODY.get(btype, 0):
            raise BadCapture(
                f"pcapng block of type {btype} is too short ({len(body)} bytes of body)",
                packets_read=self.packets_read,
                mark=self.mark,
            )
        if btype == _NG_SHB:
            self._ng_ifaces = []
            return None
        if btype == _NG_IDB:
            idb = self._ng_idb(body)
            if self._ng_linktype is None:
                self._ng_linktype = idb[0]
            elif idb[0] != self._ng_linktype:
                # As libpcap: one link type per file, so one filter program fits all.
                raise BadCapture(
                    f"an interface has link type {idb[0]}, different from the first "
                    f"interface's {self._ng_linktype}",
                    packets_read=self.packets_read,
                    mark=self.mark,
                )
            self._ng_ifaces.append(idb)
            return None
        if btype == _NG_EPB or btype == _NG_PB:
            if btype == _NG_EPB:
                ifid, ts_hi, ts_lo, caplen, wirelen = struct.unpack_from(o + "IIIII", body, 0)
            else:
                ifid, _, ts_hi, ts_lo, caplen, wirelen = struct.unpack_from(o + "HHIIII", body, 0)
            if caplen > len(body) - 20:
                raise BadCapture(
                    f"packet {self.packets_read + 1}: capture length {caplen} runs past its block",
                    packets_read=self.packets_read,
                    mark=self.mark,
                )
            if ifid >= len(self._ng_ifaces):
                raise BadCapture(
                    f"packet {self.packets_read + 1} names interface {ifid}, which is not "
                    "described",
                    packets_read=self.packets_read,
                    mark=self.mark,
                )
            linktype, _, base, exp = self._ng_ifaces[ifid]
            sec, nsec = _ng_time((ts_hi << 32) | ts_lo, base, exp)
            self.packets_read += 1
            caplen = min(caplen, self.snaplen)  # as libpcap: cut to the file's snaplen
            return Record(sec, nsec, body[20 : 20 + caplen], wirelen, linktype)
        if btype == _NG_SPB:
            if not self._ng_ifaces:
                raise BadCapture(
                    "simple packet block before any interface description",
                    packets_read=self.packets_read,
                    mark=self.mark,
                )
            linktype, snaplen, _, _ = self._ng_ifaces[0]
            (wirelen,) = struct.unpack_from(o + "I", body, 0)
            caplen = min(wirelen, len(body) - 4)
            if snaplen:
                caplen = min(caplen, snaplen)
            self.packets_read += 1
            return Record(0, 0, body[4 : 4 + caplen], wirelen, linktype)
        return None  # name resolution, statistics, custom blocks: not packets

    def _pcapng(self) -> Iterator[Record]:
        if self._first is not None:
            yield self._first
            self._first = None
        while True:
            blk = self._ng_block()
            if blk is None:
                return
            rec = self._ng_handle(*blk)
            if rec is not None:
                yield rec

    # -- common ------------------------------------------------------------

    def __iter__(self) -> Iterator[Record]:
        return self._iter

    def close(self) -> None:
        if self._owned:
            self._file.close()

    def __enter__(self) -> CaptureReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The compiled scan's window: it reads one in at once, filters it, and lets
# its pages go (craft/io/_pcapscan.c).
SCAN_WINDOW = 4 << 20


def _madvise(m: Any, option: int, start: int, length: int) -> None:
    if length > 0:
        try:
            m.madvise(option, start, length)
        except OSError:
            pass


class KeptRecords:
    """The records a compiled scan keeps (``CaptureReader.kept_records``), as
    the plain reader yields them, while the scan goes on in the background:
    all of them (``iter``: where the scan stopped short of the end, at a
    record cut short or damaged, the reader then reads on from there, so the
    error raised is its own), or a part (``part``: craft.live.sniff prints
    the records found while the scan runs, then a second process prints the
    second half of the rest)."""

    def __init__(self, reader: CaptureReader, m: Any, scan: Any) -> None:
        self.reader, self.map, self.scan = reader, m, scan
        self.offsets: list[int] = []  # of the records kept, found so far
        self.walked = 0  # records the scan went through
        self.end = 24  # where it is
        self.done = False  # it has ended (at the end of the file, or at damage)

    def found(self, have: int) -> int:
        """How many records the scan has found: at once when it has found
        more than ``have``, else after waiting until it does or ends."""
        if not self.done:
            got, self.walked, self.end, self.done = self.scan.wait(
                len(self.offsets), len(self.offsets) <= have)
            self.offsets += got
        return len(self.offsets)

    def share(self, least: int) -> float:
        """The share of the records walked that the filter keeps, once the
        scan has walked at least ``least`` (or ended)."""
        while not self.done and self.walked < least:
            self.found(len(self.offsets))
        return len(self.offsets) / self.walked if self.walked else 0.0

    def _ended(self) -> None:
        """Wait for the scan to end."""
        while not self.done:
            self.found(len(self.offsets))

    @property
    def whole(self) -> bool:
        """The scan has ended at the end of the file (not at damage)."""
        self._ended()
        return self.end >= len(self.map)

    def __len__(self) -> int:
        self._ended()
        return len(self.offsets)

    def part(self, start: int,
             stop: int | None = None) -> Iterator[tuple[int, int, bytes, int, int]]:
        """Records ``start`` to ``stop`` (to the last the scan keeps: None),
        each as soon as the scan has found it."""
        r, m = self.reader, self.map
        hdr = struct.Struct(r._order + "IIII").unpack_from
        unit, snaplen, linktype = r._unit, r.snaplen, r.linktype
        page, window = mmap.PAGESIZE, SCAN_WINDOW
        done = 0  # the pages before this are let go of, a window at a time
        i = start
        while True:
            offsets = self.offsets
            upto = len(offsets) if stop is None else min(stop, len(offsets))
            for off in offsets[i:upto]:
                ts_sec, frac, caplen, wirelen = hdr(m, off)
                data = m[off + 16 : off + 16 + min(caplen, snaplen)]
                yield ts_sec, frac * unit, data, wirelen, linktype
                if off - done >= window:  # (the kernel maps the pages around each record read)
                    upto_page = off // page * page
                    _madvise(m, mmap.MADV_DONTNEED, done, upto_page - done)
                    done = upto_page
            i = max(i, upto)
            if (stop is not None and i >= stop) or (self.done and i >= len(self.offsets)):
                return
            self.found(i)

    def rest(self, start: int) -> Iterator[tuple[int, int, bytes, int, int]]:
        """The records from ``start`` on, then the reader's error where the
        scan stopped at damage."""
        yield from self.part(start)
        r = self.reader
        r.packets_read = self.walked
        if not self.whole:  # the reader's own error for the damage there
            r._file.seek(self.end)
            r._b = _Buffer(r._file, base=self.end)
            for _ in r._pcap():
                pass

    def __iter__(self) -> Iterator[tuple[int, int, bytes, int, int]]:
        return self.rest(0)

    def close(self) -> None:
        self.scan.close()  # (stops the scan and lets the map go)
        self.map.close()


def record_boundary(path: str | os.PathLike[str], near: int, *, chain: int = 32,
                    window: int = 1 << 18) -> int | None:
    """A guess at a file offset at or after ``near`` where a record of the
    classic pcap file ``path`` starts: the first offset from which ``chain``
    record headers follow one another plausibly (a fraction of a second under
    one second, a capture length no more than the wire length, timestamps
    within a day of each other), or None. A guess only: a reader that stops
    there checks that its own records land on it (``CaptureReader.stop_at``)."""
    with open(path, "rb") as f:
        head = f.read(24)
        if len(head) < 24 or near < 24:
            return None
        (magic,) = struct.unpack_from("<I", head)
        order = "<" if magic in _PCAP_MAGICS else ">"
        unit = _PCAP_MAGICS.get(struct.unpack_from(order + "I", head)[0])
        if unit is None:
            return None
        f.seek(near)
        buf = f.read(window)
    frac_max = 1_000_000_000 // unit
    unpack_from = struct.Struct(order + "IIII").unpack_from
    end = len(buf) - 16
    for i in range(max(0, end)):
        pos, seen, prev = i, 0, -1
        while seen < chain and pos <= end:
            sec, frac, cap, wire = unpack_from(buf, pos)
            if frac >= frac_max or cap > wire or cap > MAX_CAPLEN or (
                prev >= 0 and abs(sec - prev) > 86400
            ):
                break
            prev = sec
            seen += 1
            pos += 16 + cap
        else:
            if seen >= min(chain, 4):
                return near + i
    return None


def _file_snaplen(snaplen: int) -> int:
    """The snapshot length libpcap reports for a file: 0 or more than the
    maximum means the maximum."""
    return snaplen if 0 < snaplen <= DEFAULT_SNAPLEN else DEFAULT_SNAPLEN


def _ng_time(units: int, base: int, exp: int) -> tuple[int, int]:
    if base == 10:
        scale = 10**exp
        sec, frac = divmod(units, scale)
        nsec = frac * 10 ** (9 - exp) if exp <= 9 else frac // 10 ** (exp - 9)
    else:
        sec = units >> exp
        nsec = ((units & ((1 << exp) - 1)) * 1_000_000_000) >> exp
    return sec, nsec


def read_capture(path: str | os.PathLike[str]) -> Iterator[Record]:
    """Yield every packet of a pcap/pcapng file (see ``CaptureReader``)."""
    with CaptureReader(path) as r:
        yield from r
