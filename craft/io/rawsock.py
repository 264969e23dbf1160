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


class _Iovec(ctypes.Structure):
    _fields_ = [("iov_base", ctypes.c_void_p), ("iov_len", ctypes.c_size_t)]


class _Msghdr(ctypes.Structure):
    _fields_ = [
        ("msg_name", ctypes.c_void_p), ("msg_namelen", ctypes.c_uint32),
        ("msg_iov", ctypes.POINTER(_Iovec)), ("msg_iovlen", ctypes.c_size_t),
        ("msg_control", ctypes.c_void_p), ("msg_controllen", ctypes.c_size_t),
        ("msg_flags", ctypes.c_int),
    ]


class _Mmsghdr(ctypes.Structure):
    _fields_ = [("msg_hdr", _Msghdr), ("msg_len", ctypes.c_uint)]


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
        _libc.sendmmsg.argtypes = [ctypes.c_int, ctypes.POINTER(_Mmsghdr), ctypes.c_uint,
                                   ctypes.c_int]
        _libc.sendmmsg.restype = ctypes.c_int
    return _libc.sendmmsg


class Batch:
    """Frames laid out once for sendmmsg(2): one contiguous buffer, one
    iovec and mmsghdr per frame. Built once, sent any number of times, so a
    repeating stream costs one system call per ``len(batch)`` frames."""

    def __init__(self, frames: Sequence[bytes], name: ctypes.Structure | None = None) -> None:
        n = len(frames)
        self.count = n
        self.nbytes = sum(map(len, frames))
        self._buf = ctypes.create_string_buffer(b"".join(frames), self.nbytes or 1)
        self._iov = (_Iovec * n)()
        self._msgs = (_Mmsghdr * n)()
        base = ctypes.addressof(self._buf)
        self._name = name
        name_ptr = ctypes.addressof(name) if name is not None else None
        name_len = ctypes.sizeof(name) if name is not None else 0
        off = 0
        for i, f in enumerate(frames):
            self._iov[i].iov_base = base + off
            self._iov[i].iov_len = len(f)
            h = self._msgs[i].msg_hdr
            h.msg_iov = ctypes.pointer(self._iov[i])
            h.msg_iovlen = 1
            h.msg_name = name_ptr
            h.msg_namelen = name_len
            off += len(f)
        self.lengths = [len(f) for f in frames]
        self.frames = list(frames)

    def __len__(self) -> int:
        return self.count


class SendSocket:
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
        msgs = batch._msgs
        i = start
        while i < end:
            n = self._sendmmsg(fd, ctypes.byref(msgs[i]) if i else msgs, end - i, 0)
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

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> SendSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CaptureSocket:
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

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> CaptureSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
