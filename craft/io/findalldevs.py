"""The interfaces one can capture on, listed as ``tcpdump -D`` lists them.

libpcap's pcap_findalldevs on Linux, for the network interfaces (the other
"devices" it lists, such as nflog or dbus-system, are not network
interfaces and craft cannot capture on them): each interface's flags (Up,
Running, Loopback, Wireless) and connection status (ETHTOOL_GLINK), the
``any`` pseudo-device, and libpcap's order (get_figure_of_merit: running and
up first, then by instance number, disconnected and loopback later; ties in
the kernel's ifindex order).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
from dataclasses import dataclass

ANY = "any"
ANY_DESCRIPTION = "Pseudo-device that captures on all interfaces"

IFF_UP, IFF_LOOPBACK = 0x1, 0x8
SIOCETHTOOL, ETHTOOL_GLINK = 0x8946, 0x0000000A
# ARPHRD types for which connected/disconnected does not apply (libpcap's list):
# SLIP, CSLIP, SLIP6, CSLIP6, ADAPT, CAN, TUNNEL, TUNNEL6, LOOPBACK, SIT, IPGRE, IP6GRE, NONE
_NOT_APPLICABLE = {256, 257, 258, 259, 264, 280, 768, 769, 772, 776, 778, 823, 0xFFFE}


@dataclass(frozen=True, slots=True)
class Device:
    name: str
    up: bool
    running: bool
    loopback: bool = False
    wireless: bool = False
    connected: bool | None = None  # None: unknown or not applicable
    description: str = ""

    def merit(self) -> int:
        """libpcap's figure of merit: lower is listed first."""
        if self.name == ANY:
            n = 0x0FFFFFFF  # after every other running interface that is not loopback
        else:
            digits = len(self.name) - len(self.name.rstrip("0123456789"))
            n = int(self.name[-digits:]) + 1 if digits else 0
        if not self.running:
            n |= 0x80000000
        if not self.up:
            n |= 0x40000000
        if not self.wireless and self.connected is False:
            n |= 0x20000000
        if self.loopback:
            n |= 0x10000000
        return n

    def line(self, number: int) -> str:
        words = [w for w, on in (("Up", self.up), ("Running", self.running),
                                 ("Loopback", self.loopback), ("Wireless", self.wireless)) if on]
        text = ", ".join(words) or "none"
        if self.connected is not None:
            text += ", " + (("Associated" if self.connected else "Not associated") if self.wireless
                            else ("Connected" if self.connected else "Disconnected"))
        desc = f" ({self.description})" if self.description else ""
        return f"{number}.{self.name}{desc} [{text}]"


def _sys(name: str, attr: str) -> str | None:
    try:
        with open(f"/sys/class/net/{name}/{attr}") as f:
            return f.read().strip()
    except OSError:
        return None


def _link_up(sock: socket.socket, name: str) -> bool | None:
    """ETHTOOL_GLINK: whether the interface has a link; None when the driver
    cannot say (libpcap: connection status unknown)."""
    value = ctypes.create_string_buffer(struct.pack("=II", ETHTOOL_GLINK, 0), 8)
    ifreq = struct.pack("@16sP", name.encode()[:15], ctypes.addressof(value)).ljust(40, b"\0")
    try:
        fcntl.ioctl(sock.fileno(), SIOCETHTOOL, ifreq)
    except OSError:
        return None
    return struct.unpack("=II", value.raw)[1] != 0


def device(name: str, sock: socket.socket) -> Device:
    flags = int(_sys(name, "flags") or "0", 16)
    up = bool(flags & IFF_UP)
    running = up and _sys(name, "operstate") in ("up", "unknown")
    loopback = bool(flags & IFF_LOOPBACK)
    wireless = os.path.exists(f"/sys/class/net/{name}/wireless") or os.path.exists(
        f"/sys/class/net/{name}/phy80211")
    hatype = int(_sys(name, "type") or "-1")
    connected = None
    if not loopback and hatype not in _NOT_APPLICABLE:
        connected = _link_up(sock, name)
    return Device(name, up, running, loopback, wireless, connected)


def findalldevs() -> list[Device]:
    """The network interfaces and ``any``, in libpcap's order."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        devs = [device(name, sock) for _, name in sorted(socket.if_nameindex())]
    devs.append(Device(ANY, True, True, description=ANY_DESCRIPTION))
    return sorted(devs, key=Device.merit)  # stable: ties keep the ifindex order


def list_interfaces() -> list[str]:
    """``tcpdump -D`` lines: ``N.NAME [Up, Running, Connected]``."""
    return [dev.line(n) for n, dev in enumerate(findalldevs(), 1)]
