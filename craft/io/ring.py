"""Live capture: an AF_PACKET socket with a TPACKET_V3 memory-mapped RX ring.

This is how libpcap captures on Linux (pcap-linux.c): the kernel writes
packets into blocks of a ring shared with us, hands a block over when it is
full or its timeout expires (``tp_status`` gets ``TP_STATUS_USER``), and we
give it back by writing ``TP_STATUS_KERNEL``. No system call per packet.

Opening follows the order that lets no unwanted packet in (the filter race
libpcap closes the same way): the socket is created listening to no protocol,
a reject-all filter is attached, the ring is set up and the socket bound to
the interface, the ring is drained, and only then the real filter (which
also carries the snapshot length, ``ret #snaplen``) replaces the reject-all
one. Every packet after that point passes the real filter in the kernel.

Details from libpcap kept here: VLAN tags the NIC stripped are put back into
the frame; on the loopback device each packet is seen twice (outgoing and
incoming), so the outgoing copy is skipped; PACKET_STATISTICS counters reset
on each read, so they are accumulated.
"""

from __future__ import annotations

import errno
import mmap
import os
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass

from craft.errors import RuntimeFailure, UsageError
from craft.io.bpf import BPF_RET_K, REJECT_ALL, Filter, compile_filter
from craft.io.findalldevs import ANY  # the pseudo-device: every interface, cooked
from craft.io.pcap import DEFAULT_SNAPLEN
from craft.layers.linktype import LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW

# <linux/if_packet.h>, <linux/if_ether.h>, <linux/if_arp.h>
SOL_PACKET = 263
PACKET_ADD_MEMBERSHIP = 1
PACKET_RX_RING = 5
PACKET_STATISTICS = 6
PACKET_VERSION = 10
TPACKET_V3 = 2
PACKET_MR_PROMISC = 1
PACKET_OUTGOING = 4
ETH_P_ALL = 0x0003
TP_STATUS_KERNEL = 0
TP_STATUS_USER = 1
TP_STATUS_VLAN_VALID = 1 << 4
TP_STATUS_VLAN_TPID_VALID = 1 << 6
ETH_P_8021Q = 0x8100
ARPHRD_ETHER = 1
ARPHRD_LOOPBACK = 772
ARPHRD_NONE = 0xFFFE
ARPHRD_RAWIP = 519

# tpacket3_hdr: tp_next_offset, tp_sec, tp_nsec, tp_snaplen, tp_len, tp_status,
# tp_mac, tp_net, hv1.tp_rxhash, hv1.tp_vlan_tci, hv1.tp_vlan_tpid
_TP3_HDR = struct.Struct("=IIIIIIHHIIH")
# The sockaddr_ll follows at TPACKET_ALIGN(sizeof(tpacket3_hdr)) = 48;
# sll_pkttype is its byte 10.
_SLL_PKTTYPE_OFF = 48 + 10
# sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr
_SOCKADDR_LL = struct.Struct("=H2siHBB8s")
# The LINUX_SLL2 header libpcap puts before a cooked packet: protocol, reserved,
# ifindex, hatype, packet type, address length, address (8 bytes, zero padded).
_SLL2_HDR = struct.Struct("!2sHIHBB8s")
# tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1:
# block_status (8), num_pkts (12), offset_to_first_pkt (16), blk_len (20)
_BLOCK_STATUS_OFF = 8
_BLOCK_HDR = struct.Struct("=III")  # block_status, num_pkts, offset_to_first_pkt
_U32 = struct.Struct("=I")

# Each element of a ready block: (ts_sec, ts_nsec, data, wirelen)
Packet = tuple[int, int, bytes, int]


@dataclass(slots=True)
class Stats:
    """PACKET_STATISTICS, accumulated: the kernel zeroes them on every read."""

    received: int = 0  # passed the filter (tcpdump: "received by filter")
    dropped: int = 0  # the ring was full (tcpdump: "dropped by kernel")


def interface_linktype(ifname: str) -> int:
    """The pcap link type for an interface, from its ARPHRD type."""
    if ifname == ANY:
        return LINKTYPE_LINUX_SLL2
    try:
        with open(f"/sys/class/net/{ifname}/type") as f:
            hatype = int(f.read())
    except (OSError, ValueError) as e:
        raise UsageError(f"{ifname}: No such device exists") from e
    if hatype in (ARPHRD_ETHER, ARPHRD_LOOPBACK):
        return LINKTYPE_ETHERNET
    if hatype in (ARPHRD_NONE, ARPHRD_RAWIP):
        return LINKTYPE_RAW
    raise UsageError(
        f"{ifname}: link type ARPHRD {hatype} is not supported (Ethernet, loopback, raw IP)"
    )


def _hatype(ifname: str) -> int:
    """The interface's ARPHRD type (-1 when it cannot be read)."""
    try:
        with open(f"/sys/class/net/{ifname}/type") as f:
            return int(f.read())
    except (OSError, ValueError):
        return -1


class Ring:
    """An open capture on one interface. Use ``fileno`` with poll, then
    ``next_block`` until it returns None; ``close`` when done."""

    def __init__(
        self,
        ifname: str,
        *,
        filter_expr: str = "",
        snaplen: int = DEFAULT_SNAPLEN,
        promisc: bool = True,
        block_size: int = 1 << 20,
        block_nr: int = 32,
        timeout_ms: int = 50,
    ) -> None:
        self.ifname = ifname
        self.snaplen = snaplen
        self.linktype = interface_linktype(ifname)
        self.cooked = ifname == ANY
        # Compile before opening anything: a bad expression is a usage error.
        self.filter: Filter = compile_filter(filter_expr, self.linktype, snaplen, ifname=ifname)
        # The program the kernel runs, and the one left to run here (libpcap
        # punts to userland when a cooked socket cannot run the program).
        self._kernel_filter = self.filter
        self.match: Callable[[bytes, int], bool] | None = None
        if self.cooked:
            fixed = self.filter.cooked()
            if fixed is None:
                self._kernel_filter = Filter("", ((BPF_RET_K, 0, 0, snaplen),))
                self.match = self.filter.matcher()
            else:
                self._kernel_filter = fixed
        self.stats = Stats()
        self.block_size = block_size
        self.block_nr = block_nr
        self.timeout_ms = timeout_ms
        self._cur = 0
        self._mm: mmap.mmap | None = None
        self._lo_ifindex = -1  # "any" sees lo's packets twice too: skip the outgoing copy
        try:
            if self.cooked:
                ifindex = 0
                self._loopback = False
                self._lo_ifindex = next(
                    (i for i, name in socket.if_nameindex() if _hatype(name) == ARPHRD_LOOPBACK), -1
                )
            else:
                ifindex = socket.if_nametoindex(ifname)
                self._loopback = _hatype(ifname) == ARPHRD_LOOPBACK
        except OSError as e:
            raise UsageError(f"{ifname}: No such device exists") from e
        try:
            if self.cooked:
                # Unbound, with the protocol: every interface (libpcap's "any");
                # the reject-all filter goes on before anything is read.
                self.sock = socket.socket(
                    socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL)
                )
            else:
                # Protocol 0: the socket receives nothing until bound with ETH_P_ALL.
                self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        except PermissionError as e:
            raise RuntimeFailure(
                f"{ifname}: You don't have permission to capture on that device "
                f"(socket: {e.strerror}); run as root or with CAP_NET_RAW"
            ) from e
        try:
            self._open(ifindex, promisc, timeout_ms)
        except BaseException:
            self.close()
            raise

    def _open(self, ifindex: int, promisc: bool, timeout_ms: int) -> None:
        s = self.sock
        REJECT_ALL.attach(s)
        if self.cooked:  # queued before the reject-all filter held
            try:
                while s.recv(1, socket.MSG_DONTWAIT):
                    pass
            except BlockingIOError:
                pass
        try:
            s.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V3)
            frame_size = 2048  # V3 frames are variable-sized; this only sizes the request
            req = struct.pack(
                "=7I",
                self.block_size,
                self.block_nr,
                frame_size,
                self.block_size // frame_size * self.block_nr,
                timeout_ms,  # tp_retire_blk_tov: hand over a partly filled block after this
                0,  # tp_sizeof_priv
                0,  # tp_feature_req_word
            )
            s.setsockopt(SOL_PACKET, PACKET_RX_RING, req)
            self._mm = mmap.mmap(
                s.fileno(),
                self.block_size * self.block_nr,
                mmap.MAP_SHARED,
                mmap.PROT_READ | mmap.PROT_WRITE,
            )
            if not self.cooked:  # "any" has no promiscuous mode (libpcap ignores -p there)
                s.bind((self.ifname, ETH_P_ALL))
                if promisc:
                    mreq = struct.pack("=iHH8s", ifindex, PACKET_MR_PROMISC, 0, b"")
                    s.setsockopt(SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq)
        except OSError as e:
            raise RuntimeFailure(
                f"{self.ifname}: cannot set up the capture ring: {e.strerror}"
            ) from e
        # Drain whatever reached the ring before the reject-all filter held.
        while self.next_block() is not None:
            pass
        self.read_stats()
        self.stats = Stats()  # nothing before the real filter counts
        self._kernel_filter.attach(s)

    def fileno(self) -> int:
        return self.sock.fileno()

    def next_block(self) -> list[Packet] | None:
        """The packets of the next block the kernel handed over (the block is
        given back at once), or None when the kernel holds it."""
        mm = self._mm
        assert mm is not None
        base = self._cur * self.block_size
        status, num, first = _BLOCK_HDR.unpack_from(mm, base + _BLOCK_STATUS_OFF)
        if not status & TP_STATUS_USER:
            return None
        if self.cooked:
            return self._cooked_block(mm, base, num, first)
        out: list[Packet] = []
        append = out.append
        unpack_from = _TP3_HDR.unpack_from
        skip_outgoing = self._loopback
        snaplen = self.snaplen
        p = base + first
        for _ in range(num):
            nxt, sec, nsec, caplen, wirelen, tp_status, mac, _net, _h, tci, tpid = unpack_from(
                mm, p
            )
            if not (skip_outgoing and mm[p + _SLL_PKTTYPE_OFF] == PACKET_OUTGOING):
                start = p + mac
                if tci or tp_status & TP_STATUS_VLAN_VALID:
                    # The NIC stripped the 802.1Q tag; put it back as libpcap does.
                    if not tp_status & TP_STATUS_VLAN_TPID_VALID:
                        tpid = ETH_P_8021Q
                    data = b"".join(
                        (
                            mm[start : start + 12],
                            struct.pack("!HH", tpid, tci),
                            mm[start + 12 : start + caplen],
                        )
                    )
                    wirelen += 4
                    if len(data) > snaplen:
                        data = data[:snaplen]
                else:
                    data = mm[start : start + caplen]
                append((sec, nsec, data, wirelen))
            p += nxt
        _U32.pack_into(mm, base + _BLOCK_STATUS_OFF, TP_STATUS_KERNEL)
        self._cur = (self._cur + 1) % self.block_nr
        return out

    def _cooked_block(self, mm: mmap.mmap, base: int, num: int, first: int) -> list[Packet]:
        """A block of the "any" capture: each packet gets the LINUX_SLL2 header
        libpcap builds from its sockaddr_ll, and the userland filter if any."""
        out: list[Packet] = []
        unpack_from = _TP3_HDR.unpack_from
        sll_from = _SOCKADDR_LL.unpack_from
        pack = _SLL2_HDR.pack
        snaplen, lo, match = self.snaplen, self._lo_ifindex, self.match
        p = base + first
        for _ in range(num):
            nxt, sec, nsec, caplen, wirelen, *_rest = unpack_from(mm, p)
            _, proto, ifindex, hatype, pkttype, halen, addr = sll_from(mm, p + 48)
            if not (pkttype == PACKET_OUTGOING and ifindex == lo):
                start = p + _rest[1]  # tp_net: cooked packets start at the network header
                data = (
                    pack(proto, 0, ifindex, hatype, pkttype, halen, addr)
                    + mm[start : start + caplen]
                )
                if len(data) > snaplen:
                    data = data[:snaplen]
                if match is None or match(data, wirelen + 20):
                    out.append((sec, nsec, data, wirelen + 20))
            p += nxt
        _U32.pack_into(mm, base + _BLOCK_STATUS_OFF, TP_STATUS_KERNEL)
        self._cur = (self._cur + 1) % self.block_nr
        return out

    def check_error(self) -> None:
        """Raise the socket's pending error (ENETDOWN when the interface goes
        down, ENODEV... when it is deleted), as libpcap ends a capture."""
        errno_ = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if errno_ == errno.ENETDOWN:
            raise RuntimeFailure(f"{self.ifname}: The interface went down")
        if errno_:
            raise RuntimeFailure(f"{self.ifname}: {os.strerror(errno_)}")
        if self.cooked:
            return
        try:
            socket.if_nametoindex(self.ifname)
        except OSError:
            raise RuntimeFailure(f"{self.ifname}: The interface disappeared") from None

    def pending(self) -> int:
        """Packets the kernel has put in the block it is filling (not handed over yet)."""
        assert self._mm is not None
        status, num, _ = _BLOCK_HDR.unpack_from(
            self._mm, self._cur * self.block_size + _BLOCK_STATUS_OFF
        )
        return num

    def read_stats(self) -> Stats:
        """Read PACKET_STATISTICS and add it to the running totals."""
        try:
            raw = self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 12)
        except OSError:
            return self.stats
        packets, drops, _freeze = struct.unpack("=III", raw)
        # The kernel's tp_packets already includes tp_drops for TPACKET_V3.
        self.stats.received += packets
        self.stats.dropped += drops
        return self.stats

    def close(self) -> None:
        if self._mm is not None:
            self._mm.close()
            self._mm = None
        if getattr(self, "sock", None) is not None:
            self.sock.close()

    def __enter__(self) -> Ring:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
