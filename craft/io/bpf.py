"""tcpdump filter expressions: compiled to classic BPF by libpcap (ctypes).

``compile_filter(expr, linktype, snaplen)`` asks libpcap to compile the
expression for a dead handle of the given link type, the way tcpdump does,
and copies the instructions out. The result can be attached to a socket in
the kernel (``Filter.attach``: SO_ATTACH_FILTER with a ``struct sock_fprog``)
or run on packets read from a file (``Filter.matcher``:
``pcap_offline_filter``), or read a capture file with libpcap keeping only
the packets it passes (``Filter.scan``: a dropped packet never reaches
Python). An expression libpcap rejects raises
``craft.errors.UsageError`` carrying libpcap's own message.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from craft.errors import RuntimeFailure, UsageError

if TYPE_CHECKING:
    import socket

try:  # compiled by setup.py when a C compiler is there (pure Python: None)
    from craft.io import _pcapscan
except ImportError:
    _pcapscan = None

SOL_SOCKET = 1  # <asm-generic/socket.h> (socket's own import costs craft read 3 ms)
SO_ATTACH_FILTER = 26  # <asm-generic/socket.h>
SO_DETACH_FILTER = 27
PCAP_NETMASK_UNKNOWN = 0xFFFFFFFF
BPF_RET_K = 0x06  # BPF_RET | BPF_K
BPF_LD, BPF_LDX = 0x00, 0x01  # instruction classes
BPF_ABS, BPF_IND, BPF_MSH = 0x20, 0x40, 0xA0  # packet-load modes
# The kernel's ancillary loads (SKF_AD_OFF + SKF_AD_*) for the SLL2 header's
# fields at offsets 0 (protocol), 4 (ifindex), 8 (hatype), 10 (packet type).
SKF_AD_OFF = 0xFFFFF000  # -0x1000 as an unsigned 32-bit k
_SLL2_ANCILLARY = {0: SKF_AD_OFF + 0, 4: SKF_AD_OFF + 8, 8: SKF_AD_OFF + 28, 10: SKF_AD_OFF + 4}


class _BpfInsn(ctypes.Structure):
    # struct bpf_insn (pcap/bpf.h) == struct sock_filter (linux/filter.h)
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint32),
    ]


class _BpfProgram(ctypes.Structure):
    _fields_ = [("bf_len", ctypes.c_uint), ("bf_insns", ctypes.POINTER(_BpfInsn))]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_BpfInsn))]


class _Timeval(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long)]


class _PcapPkthdr(ctypes.Structure):
    _fields_ = [("ts", _Timeval), ("caplen", ctypes.c_uint32), ("len", ctypes.c_uint32)]


@cache
def _libpcap() -> ctypes.CDLL:
    try:  # the soname Debian's libpcap0.8 installs first: find_library runs ldconfig
        lib = ctypes.CDLL("libpcap.so.0.8")
    except OSError:
        try:
            from ctypes.util import find_library

            lib = ctypes.CDLL(find_library("pcap") or "libpcap.so")
        except OSError as e:
            raise RuntimeFailure(
                f"libpcap is needed to compile filter expressions ({e}); install libpcap0.8"
            ) from e
    lib.pcap_open_dead.restype = ctypes.c_void_p
    lib.pcap_open_dead.argtypes = [ctypes.c_int, ctypes.c_int]
    lib.pcap_compile.restype = ctypes.c_int
    lib.pcap_compile.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(_BpfProgram),
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_uint32,
    ]
    lib.pcap_geterr.restype = ctypes.c_char_p
    lib.pcap_geterr.argtypes = [ctypes.c_void_p]
    lib.pcap_freecode.restype = None
    lib.pcap_freecode.argtypes = [ctypes.POINTER(_BpfProgram)]
    lib.pcap_close.restype = None
    lib.pcap_close.argtypes = [ctypes.c_void_p]
    lib.pcap_create.restype = ctypes.c_void_p
    lib.pcap_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.pcap_set_snaplen.restype = ctypes.c_int
    lib.pcap_set_snaplen.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.pcap_activate.restype = ctypes.c_int
    lib.pcap_activate.argtypes = [ctypes.c_void_p]
    lib.pcap_datalink.restype = ctypes.c_int
    lib.pcap_datalink.argtypes = [ctypes.c_void_p]
    lib.pcap_set_datalink.restype = ctypes.c_int
    lib.pcap_set_datalink.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.pcap_open_offline.restype = ctypes.c_void_p
    lib.pcap_open_offline.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.pcap_open_offline_with_tstamp_precision.restype = ctypes.c_void_p
    lib.pcap_open_offline_with_tstamp_precision.argtypes = [
        ctypes.c_char_p,
        ctypes.c_uint,
        ctypes.c_char_p,
    ]
    lib.pcap_setfilter.restype = ctypes.c_int
    lib.pcap_setfilter.argtypes = [ctypes.c_void_p, ctypes.POINTER(_BpfProgram)]
    lib.pcap_next_ex.restype = ctypes.c_int
    lib.pcap_next_ex.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.POINTER(_PcapPkthdr)),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
    ]
    lib.pcap_offline_filter.restype = ctypes.c_int
    lib.pcap_offline_filter.argtypes = [
        ctypes.POINTER(_BpfProgram),
        ctypes.POINTER(_PcapPkthdr),
        ctypes.c_char_p,
    ]
    return lib


Insn = tuple[int, int, int, int]  # (code, jt, jf, k)
PCAP_TSTAMP_PRECISION_NANO = 1


class ScanError(Exception):
    """libpcap could not read the file on (its message); the packets before were yielded."""


class Filter(NamedTuple):
    """A compiled classic BPF program. (A NamedTuple, not a dataclass:
    dataclasses imports inspect, 8 ms of craft read's start; issue 13.)"""

    expression: str
    insns: tuple[Insn, ...]

    def _array(self) -> ctypes.Array[_BpfInsn]:
        arr = (_BpfInsn * len(self.insns))()
        for i, (code, jt, jf, k) in enumerate(self.insns):
            arr[i].code, arr[i].jt, arr[i].jf, arr[i].k = code, jt, jf, k
        return arr

    def attach(self, sock: socket.socket) -> None:
        """Attach to ``sock`` in the kernel (replacing any filter there)."""
        arr = self._array()
        fprog = _SockFprog(len(self.insns), ctypes.cast(arr, ctypes.POINTER(_BpfInsn)))
        try:
            sock.setsockopt(SOL_SOCKET, SO_ATTACH_FILTER, bytes(fprog))
        except OSError as e:
            raise RuntimeFailure(f"cannot attach the filter: {e.strerror}") from e

    def matcher(self) -> Callable[[bytes, int], bool]:
        """A function ``(data, wirelen) -> bool`` running the program in userland."""
        lib = _libpcap()
        arr = self._array()
        prog = _BpfProgram(len(self.insns), ctypes.cast(arr, ctypes.POINTER(_BpfInsn)))
        hdr = _PcapPkthdr()
        run = lib.pcap_offline_filter
        prog_ref, hdr_ref = ctypes.byref(prog), ctypes.byref(hdr)

        def match(data: bytes, wirelen: int) -> bool:
            hdr.caplen = len(data)
            hdr.len = wirelen
            return run(prog_ref, hdr_ref, data) != 0

        match._keep = (arr, prog, hdr)  # type: ignore[attr-defined]  # keep ctypes memory alive
        return match

    def kept(self) -> Callable[[Any, int, bool, int, int, int], Any] | None:
        """The compiled scan of a mapped classic pcap file (craft/io/_pcapscan.c;
        None where it was not built): ``(buffer, start, swapped, snaplen,
        maxcap, window) -> Scan``, a thread that finds the offsets of the
        records this program keeps, a window at a time, while Python goes
        on (``Scan.wait``). The program runs in libpcap's own ``bpf_filter``,
        on both cores when there are two; no packet reaches Python unless it
        is kept (CaptureReader.kept_records reads them)."""
        if _pcapscan is None:
            return None
        run = ctypes.cast(_libpcap().bpf_filter, ctypes.c_void_p).value
        insns = bytes(self._array())
        jobs = min(2, os.cpu_count() or 1)
        scan = _pcapscan.Scan

        def kept(buffer: Any, start: int, swapped: bool, snaplen: int, maxcap: int,
                 window: int) -> Any:
            return scan(buffer, start, swapped, snaplen, maxcap, run, insns, jobs, window)

        return kept

    def scan(
        self, path: str, linktype: int, nano: bool = False
    ) -> Iterator[tuple[int, int, bytes, int, int]]:
        """(seconds, nanoseconds, bytes, wire length, ``linktype``) of each
        packet of the capture file ``path`` this program passes, read and
        filtered by libpcap, as tcpdump -r reads: the program runs in C on
        every packet and only the packets it keeps reach Python. ``nano``:
        the file's fractions are nanoseconds (read as they are, as craft's
        reader does, even when they are out of range). Raises ``ScanError``
        where libpcap stops on a damaged file."""
        lib = _libpcap()
        errbuf = ctypes.create_string_buffer(256)
        handle = lib.pcap_open_offline_with_tstamp_precision(
            path.encode(), PCAP_TSTAMP_PRECISION_NANO if nano else 0, errbuf
        )
        unit = 1 if nano else 1000
        if not handle:
            raise ScanError(errbuf.value.decode(errors="replace"))
        try:
            arr = self._array()
            prog = _BpfProgram(len(self.insns), ctypes.cast(arr, ctypes.POINTER(_BpfInsn)))
            if lib.pcap_setfilter(handle, ctypes.byref(prog)) != 0:
                raise ScanError((lib.pcap_geterr(handle) or b"").decode(errors="replace"))
            hdr_p = ctypes.POINTER(_PcapPkthdr)()
            data_p = ctypes.POINTER(ctypes.c_ubyte)()
            next_ex, string_at = lib.pcap_next_ex, ctypes.string_at
            hdr_ref, data_ref = ctypes.byref(hdr_p), ctypes.byref(data_p)
            while (rc := next_ex(handle, hdr_ref, data_ref)) == 1:
                h = hdr_p.contents
                # (the file's unsigned 32-bit fields, which libpcap sign-extends)
                sec, frac = h.ts.tv_sec & 0xFFFFFFFF, (h.ts.tv_usec & 0xFFFFFFFF) * unit
                yield sec, frac, string_at(data_p, h.caplen), h.len, linktype
            if rc != -2:  # -2: the end of the file
                raise ScanError((lib.pcap_geterr(handle) or b"").decode(errors="replace"))
        finally:
            lib.pcap_close(handle)

    def cooked(self, hdrlen: int = 20) -> Filter | None:
        """This program (compiled for LINUX_SLL2) rewritten for a cooked
        (SOCK_DGRAM) socket, which sees packets from the network header on:
        libpcap's fix_program. Loads past the 20-byte header move back by its
        length; loads of its protocol, ifindex, hatype and packet type become
        the kernel's ancillary loads. None when some load has no kernel
        equivalent (the link-layer address): then the filter runs in userland."""
        out = []
        for code, jt, jf, k in self.insns:
            if code & 0x07 in (BPF_LD, BPF_LDX) and code & 0xE0 in (BPF_ABS, BPF_IND, BPF_MSH):
                if k >= hdrlen:
                    k -= hdrlen
                elif k in _SLL2_ANCILLARY:
                    k = _SLL2_ANCILLARY[k]
                else:
                    return None
            out.append((code, jt, jf, k))
        return Filter(self.expression, tuple(out))

    def dump(self) -> str:
        """The program as ``tcpdump -ddd`` prints it (count, then code jt jf k)."""
        lines = [str(len(self.insns))]
        lines += [f"{c} {jt} {jf} {k}" for c, jt, jf, k in self.insns]
        return "\n".join(lines)


# Returns 0 for every packet: attached first, so nothing is queued before the real filter.
REJECT_ALL = Filter("(reject all)", ((BPF_RET_K, 0, 0, 0),))


def _live_handle(lib: ctypes.CDLL, ifname: str, snaplen: int) -> int | None:
    """An activated libpcap handle on ``ifname``, or None if it cannot be had."""
    errbuf = ctypes.create_string_buffer(256)
    handle = lib.pcap_create(ifname.encode(), errbuf)
    if not handle:
        return None
    lib.pcap_set_snaplen(handle, snaplen)
    if lib.pcap_activate(handle) < 0:
        lib.pcap_close(handle)
        return None
    return handle


def _file_handle(lib: ctypes.CDLL, path: str) -> int | None:
    """A libpcap handle reading ``path`` (only its header is read), or None."""
    errbuf = ctypes.create_string_buffer(256)
    return lib.pcap_open_offline(path.encode(), errbuf) or None


def compile_filter(
    expression: str,
    linktype: int = 1,
    snaplen: int = 262144,
    *,
    ifname: str | None = None,
    path: str | None = None,
) -> Filter:
    """Compile a tcpdump filter expression for ``linktype`` with libpcap.

    The empty expression compiles to ``ret #snaplen``: attaching it makes the
    kernel cut packets to the snapshot length, as libpcap does. With
    ``ifname`` (live capture) the program is compiled on a handle activated on
    that interface, as tcpdump -i does: on Linux libpcap then tests VLAN tags
    the NIC stripped through the kernel's ancillary data, which a program
    compiled for a file cannot see. With ``path`` (reading a file) it is
    compiled on a handle reading that file, as tcpdump -r does: for link
    types such as NULL the program depends on the file's byte order.
    """
    lib = _libpcap()
    handle = None
    if ifname:
        handle = _live_handle(lib, ifname, snaplen)
        if handle and lib.pcap_datalink(handle) != linktype:
            # "any": LINUX_SLL2 rather than libpcap's default SLL, as tcpdump asks
            lib.pcap_set_datalink(handle, linktype)
    elif path and path != "-":
        handle = _file_handle(lib, path)
    if not handle:
        handle = lib.pcap_open_dead(linktype, snaplen)
    if not handle:
        raise RuntimeFailure("libpcap could not open a dead handle")
    try:
        prog = _BpfProgram()
        rc = lib.pcap_compile(
            handle, ctypes.byref(prog), expression.encode(), 1, PCAP_NETMASK_UNKNOWN
        )
        if rc != 0:
            msg = (lib.pcap_geterr(handle) or b"syntax error").decode(errors="replace")
            raise UsageError(f"invalid filter expression {expression!r}: {msg}")
        try:
            insns = tuple(
                (p.code, p.jt, p.jf, p.k) for p in prog.bf_insns[: prog.bf_len]
            )
        finally:
            lib.pcap_freecode(ctypes.byref(prog))
    finally:
        lib.pcap_close(handle)
    return Filter(expression, insns)
