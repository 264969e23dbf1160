"""AF_PACKET sockets for sending and for catching replies, and what the
kernel knows of an interface (index, MAC, MTU, flags, link type, addresses)
and of routes.

Interface facts come from ioctls (fast, no root needed) and addresses from
``ip -j addr``; route lookups ask the kernel through ``ip -j route get``, so
craft picks the interface the kernel itself would use.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import socket
import struct
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from craft.errors import RuntimeFailure, UsageError

# linux/if_arp.h hardware types
ARPHRD_ETHER = 1
ARPHRD_LOOPBACK = 772
ARPHRD_NONE = 0xFFFE  # tun, WireGuard: no link header
ARPHRD_IPGRE = 778
ARPHRD_TUNNEL = 768
ARPHRD_SIT = 776
ARPHRD_TUNNEL6 = 769
ARPHRD_RAWIP = 519
ARPHRD_PPP = 512
ARPHRD_NAMES = {
    ARPHRD_ETHER: "ether", ARPHRD_LOOPBACK: "loopback", ARPHRD_NONE: "none",
    ARPHRD_IPGRE: "gre", ARPHRD_TUNNEL: "ipip", ARPHRD_SIT: "sit", ARPHRD_TUNNEL6: "ip6tnl",
    ARPHRD_RAWIP: "rawip", ARPHRD_PPP: "ppp", 24: "ieee1394", 32: "infiniband",
}
# Link types whose frames start with a 14-byte Ethernet header.
ETHERNET_LIKE = frozenset({ARPHRD_ETHER, ARPHRD_LOOPBACK})
ETH_HLEN = 14

# linux/sockios.h, linux/if.h
SIOCGIFFLAGS = 0x8913
SIOCGIFMTU = 0x8921
SIOCGIFHWADDR = 0x8927
SIOCGIFINDEX = 0x8933
IFF_UP = 0x1
IFF_RUNNING = 0x40
IFF_LOOPBACK = 0x8
IFF_NOARP = 0x80

# linux/if_packet.h
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP = 1
PACKET_MR_PROMISC = 1
PACKET_STATISTICS = 6
PACKET_QDISC_BYPASS = 20
PACKET_IGNORE_OUTGOING = 23
PACKET_OUTGOING = 4
ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35


@dataclass(slots=True)
class Interface:
    """What craft needs to know of an interface to send on it."""

    name: str
    index: int
    mac: bytes
    mtu: int
    flags: int
    arphrd: int
    ipv4: list[tuple[str, int]] = field(default_factory=list)  # (address, prefix length)
    ipv6: list[tuple[str, int, str]] = field(default_factory=list)  # (address, prefix, scope)

    @property
    def up(self) -> bool:
        return bool(self.flags & IFF_UP)

    @property
    def link_type(self) -> str:
        return ARPHRD_NAMES.get(self.arphrd, f"arphrd-{self.arphrd}")

    @property
    def ethernet(self) -> bool:
        """Whether frames on this interface carry an Ethernet header."""
        return self.arphrd in ETHERNET_LIKE

    @property
    def link_header(self) -> int:
        return ETH_HLEN if self.ethernet else 0

    @property
    def max_frame(self) -> int:
        """The largest frame the interface sends: MTU plus its link header."""
        return self.mtu + self.link_header


def interface_names() -> list[str]:
    return [name for _i, name in socket.if_nameindex()]


def _ifreq(sock: socket.socket, request: int, name: str) -> bytes:
    return fcntl.ioctl(sock.fileno(), request, struct.pack("16s16x", name.encode()))


def interface(name: str, *, addresses: bool = True) -> Interface:
    """The interface ``name``; UsageError (listing the ones that exist) if unknown."""
    if not name or len(name.encode()) > 15 or "/" in name:
        raise UsageError(_unknown(name))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            index = struct.unpack_from("i", _ifreq(s, SIOCGIFINDEX, name), 16)[0]
        except OSError as e:
            if e.errno in (errno.ENODEV, errno.ENXIO):
                raise UsageError(_unknown(name)) from None
            raise RuntimeFailure(f"interface {name}: {e.strerror}") from None
        flags = struct.unpack_from("H", _ifreq(s, SIOCGIFFLAGS, name), 16)[0]
        mtu = struct.unpack_from("i", _ifreq(s, SIOCGIFMTU, name), 16)[0]
        hw = _ifreq(s, SIOCGIFHWADDR, name)
        arphrd = struct.unpack_from("H", hw, 16)[0]
        mac = hw[18:24]
    info = Interface(name, index, mac, mtu, flags, arphrd)
    if addresses:
        info.ipv4, info.ipv6 = _addresses(name)
    return info


def _unknown(name: str) -> str:
    return f"no interface {name!r} (interfaces here: {', '.join(interface_names()) or 'none'})"


def _ip_json(args: Sequence[str]) -> list[dict]:
    try:
        p = subprocess.run(["ip", "-j", *args], capture_output=True, text=True, timeout=10)
    except FileNotFoundError:
        raise RuntimeFailure("craft needs the 'ip' command (Debian package iproute2)") from None
    if p.returncode != 0:
        msg = (p.stderr or "").strip().splitlines()
        raise RuntimeFailure(f"ip {' '.join(args)}: {msg[-1] if msg else 'failed'}")
    return json.loads(p.stdout) if p.stdout.strip() else []


def _addresses(name: str) -> tuple[list[tuple[str, int]], list[tuple[str, int, str]]]:
    v4: list[tuple[str, int]] = []
    v6: list[tuple[str, int, str]] = []
    for link in _ip_json(["addr", "show", "dev", name]):
        for a in link.get("addr_info", []):
            if a.get("family") == "inet":
                v4.append((a["local"], int(a["prefixlen"])))
            elif a.get("family") == "inet6" and "tentative" not in a:
                v6.append((a["local"], int(a["prefixlen"]), a.get("scope", "global")))
    return v4, v6


@dataclass(frozen=True, slots=True)
class Route:
    dst: str
    dev: str
    gateway: str | None = None
    prefsrc: str | None = None
    type: str = "unicast"


def route_get(dst: str) -> Route:
    """The route the kernel would use to ``dst`` (``ip route get``)."""
    try:
        rows = _ip_json(["route", "get", dst])
    except RuntimeFailure as e:
        raise RuntimeFailure(f"no route to {dst}: {e.message.split(': ', 1)[-1]}") from None
    if not rows:
        raise RuntimeFailure(f"no route to {dst}")
    r = rows[0]
    return Route(r.get("dst", dst), r.get("dev", ""), r.get("gateway"), r.get("prefsrc"),
                 r.get("type", "unicast"))


# -- sockets ---------------------------------------------------------------


def _raw_socket(kind: int, proto: int) -> socket.socket:
    try:
        return socket.socket(socket.AF_PACKET, kind, socket.htons(proto))
    except PermissionError:
        raise RuntimeFailure("craft send needs root or CAP_NET_RAW") from None


class _SockaddrLL(ctypes.Structure):
    _fields_ = [
        ("sll_family", ctypes.c_ushort), ("sll_protocol", ctypes.c_ushort),
        ("sll_ifindex", ctypes.c_int), ("sll_hatype", ctypes.c_ushort),
        ("sll_pkttype", ctypes.c_ubyte), ("sll_halen", ctypes.c_ubyte),
        ("sll_addr", ctypes.c_ubyte * 8),
    ]


_libc: ctypes.CDLL | None = None


def _sendmmsg_fn():  # type: ignore[no-untyped-def]
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.sendmmsg.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_uint, ctypes.c_int]
        _libc.sendmmsg.restype = ctypes.c_int
    return _libc.sendmmsg


# struct iovec is 2 and struct mmsghdr 8 machine words on 64-bit Linux:
# msg_name, msg_namelen, msg_iov, msg_iovlen, msg_control, msg_controllen,
# msg_flags, msg_len (the 32-bit ones padded to a word).
_WORD = "Q"
_MMSG_WORDS = 8


class Batch:
    """Frames laid out once for sendmmsg(2): one contiguous buffer, one
    iovec and one mmsghdr per frame, built with array slicing (no per-frame
    Python work). Built once, sent any number of times, so a repeating
    stream costs one system call per ``len(batch)`` frames.

    Give ``frames`` (a list of bytes), or ``buffer`` holding ``count``
    frames of ``size`` bytes back to back from ``offset`` (any writable
    buffer: a bytearray, or a shared mmap another process fills)."""

    def __init__(self, frames: Sequence[bytes] | None = None, name: ctypes.Structure | None = None,
                 *, buffer: Any = None, size: int = 0, count: int = 0,
                 offset: int = 0) -> None:
        from array import array
        from itertools import accumulate

        if ctypes.sizeof(ctypes.c_void_p) != 8:
            raise RuntimeFailure("craft send's batch path needs a 64-bit system")
        if buffer is None:
            frames = list(frames or ())
            self.lengths = [len(f) for f in frames]
            self._frames: list[bytes] | None = frames
            buffer = bytearray(b"".join(frames))
            offsets: Sequence[int] = [0, *accumulate(self.lengths)][:-1]
        else:
            self.lengths = [size] * count
            self._frames = None
            offsets = range(0, size * count, size)
        n = self.count = len(self.lengths)
        self.nbytes = sum(self.lengths)
        self.buffer = buffer if len(buffer) else bytearray(1)
        self.offset = offset
        span = max(1, self.nbytes)
        self._cbuf = (ctypes.c_char * span).from_buffer(self.buffer, offset)
        base = ctypes.addressof(self._cbuf)
        iov = array(_WORD, bytes(16 * n))
        starts = range(base, base + size * n, size) if isinstance(offsets, range) \
            else [base + o for o in offsets]
        iov[0::2] = array(_WORD, starts)
        iov[1::2] = array(_WORD, self.lengths)
        self._iov = iov
        iov_addr = iov.buffer_info()[0]
        msgs = array(_WORD, bytes(8 * _MMSG_WORDS * n))
        if name is not None:
            msgs[0::_MMSG_WORDS] = array(_WORD, [ctypes.addressof(name)]) * n
            msgs[1::_MMSG_WORDS] = array(_WORD, [ctypes.sizeof(name)]) * n
        msgs[2::_MMSG_WORDS] = array(_WORD, range(iov_addr, iov_addr + 16 * n, 16))
        msgs[3::_MMSG_WORDS] = array(_WORD, [1]) * n
        self._msgs = msgs
        self._name = name
        self.address = msgs.buffer_info()[0]

    @property
    def frames(self) -> list[bytes]:
        if self._frames is not None:
            return self._frames
        # read afresh each time: another process may have refilled the buffer
        b, size, o = self.buffer, self.lengths[0] if self.lengths else 0, self.offset
        return [bytes(b[o + k * size:o + (k + 1) * size]) for k in range(self.count)]

    def __len__(self) -> int:
        return self.count


class _Socket:
    """A packet socket (``self.sock``) closed on ``close`` or at the end of a
    ``with`` block."""

    sock: socket.socket

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SendSocket(_Socket):
    """An AF_PACKET socket bound to one interface, for sending only.

    On Ethernet-like links (ether, loopback) frames go out whole (SOCK_RAW).
    On links without a link header (tun, WireGuard) give ``proto`` (the
    ethertype of what is sent) and frames start at the IP header (SOCK_DGRAM).
    The socket binds with protocol 0 so the kernel queues nothing to it.
    """

    def __init__(self, iface: Interface, *, proto: int | None = None,
                 qdisc_bypass: bool = True) -> None:
        self.iface = iface
        self.dgram = not iface.ethernet
        if self.dgram and proto is None:
            raise UsageError(f"{iface.name} has no link header ({iface.link_type}): "
                             "say which ethertype is sent")
        self.sock = _raw_socket(socket.SOCK_DGRAM if self.dgram else socket.SOCK_RAW, 0)
        self._name: _SockaddrLL | None = None
        try:
            self.sock.bind((iface.name, 0))
            if self.dgram:
                self._name = _SockaddrLL(socket.AF_PACKET, socket.htons(proto or 0), iface.index)
                self._addr = (iface.name, proto or 0)
            if qdisc_bypass:
                # Straight to the driver, as trafgen does; veth and lo have no qdisc anyway.
                try:
                    self.sock.setsockopt(SOL_PACKET, PACKET_QDISC_BYPASS, 1)
                except OSError:
                    pass
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        except BaseException:
            self.sock.close()
            raise
        self._sendmmsg = _sendmmsg_fn()

    def send(self, frame: bytes) -> int:
        while True:
            try:
                if self.dgram:
                    return self.sock.sendto(frame, self._addr)
                return self.sock.send(frame)
            except BlockingIOError:
                continue
            except OSError as e:
                if e.errno == errno.ENOBUFS:  # device queue full: yield and retry
                    os.sched_yield()
                    continue
                raise self._failure(e) from None

    def send_to(self, frame: bytes, proto: int) -> int:
        """Send one frame with its own link protocol (SOCK_DGRAM sockets)."""
        while True:
            try:
                return self.sock.sendto(frame, (self.iface.name, proto))
            except OSError as e:
                if e.errno == errno.ENOBUFS:
                    os.sched_yield()
                    continue
                raise self._failure(e) from None

    def batch(self, frames: Sequence[bytes]) -> Batch:
        return Batch(frames, self._name)

    def send_batch(self, batch: Batch, start: int = 0, count: int | None = None) -> int:
        """Send frames ``start``..``start+count`` of ``batch``; returns how many went."""
        end = batch.count if count is None else min(batch.count, start + count)
        fd = self.sock.fileno()
        addr = batch.address
        step = 8 * _MMSG_WORDS
        i = start
        while i < end:
            n = self._sendmmsg(fd, addr + step * i, end - i, 0)
            if n < 0:
                err = ctypes.get_errno()
                if err in (errno.ENOBUFS, errno.EAGAIN, errno.EINTR):
                    os.sched_yield()
                    continue
                raise self._failure(OSError(err, os.strerror(err)))
            i += n
        return i - start

    def _failure(self, e: OSError) -> RuntimeFailure:
        if e.errno == errno.EMSGSIZE:
            return RuntimeFailure(f"{self.iface.name}: frame larger than MTU {self.iface.mtu} "
                                  f"plus link header")
        if e.errno == errno.ENETDOWN:
            return RuntimeFailure(f"interface {self.iface.name} is down")
        if e.errno == errno.ENXIO or e.errno == errno.ENODEV:
            return RuntimeFailure(f"interface {self.iface.name} went away")
        return RuntimeFailure(f"send on {self.iface.name}: {e.strerror}")



class CaptureSocket(_Socket):
    """A second AF_PACKET socket on the same interface, catching what comes in
    (never what we send) with kernel receive timestamps.

    Opened before the first frame goes out, so a reply that comes back at once
    waits in the socket buffer until ``poll`` reads it.
    """

    def __init__(self, iface: Interface, *, bufsize: int = 8 << 20) -> None:
        self.iface = iface
        self.sock = _raw_socket(socket.SOCK_RAW if iface.ethernet else socket.SOCK_DGRAM,
                                ETH_P_ALL)
        try:
            self.sock.bind((iface.name, ETH_P_ALL))
            try:
                self.sock.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
            except OSError:
                pass  # before Linux 4.20: outgoing frames are filtered by pkttype below
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, bufsize)
            self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
            self.sock.setblocking(False)
        except BaseException:
            self.sock.close()
            raise

    def poll(self, timeout: float = 0.0) -> list[tuple[float, bytes, int]]:
        """What arrived: (kernel receive time, frame, link protocol) tuples.
        Waits up to ``timeout`` seconds for the first one."""
        import select

        out: list[tuple[float, bytes, int]] = []
        if timeout > 0:
            r, _w, _x = select.select([self.sock], [], [], timeout)
            if not r:
                return out
        while True:
            try:
                data, anc, _flags, addr = self.sock.recvmsg(65536, 64)
            except (BlockingIOError, InterruptedError):
                return out
            if addr[2] == PACKET_OUTGOING:
                continue
            ts = 0.0
            for level, kind, value in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", value[:16])
                    ts = sec + nsec / 1e9
            out.append((ts, data, addr[1]))

