"""``auto`` addresses from a real interface (craft send): the Resolver of
craft/resolve.py against the kernel's view of one interface.

Own addresses: the interface's MAC; its IPv4/IPv6 address — the kernel's
preferred source for the route to a hint destination when one is known, else
the first global one. Neighbours: the next hop on that interface (the gateway
when the kernel routes the address through one), looked up in the neighbour
table, else asked for by ARP / neighbour solicitation. Every answer is cached,
since a stream asks once per frame.
"""

from __future__ import annotations

import ipaddress

from craft.errors import RuntimeFailure
from craft.io.rawsock import Interface, route_get
from craft.live import neighbor


class InterfaceResolver:
    placeholder = False

    def __init__(self, iface: Interface, *, timeout: float = 1.0,
                 hints: tuple[str, ...] = ()) -> None:
        self.iface = iface
        self.timeout = timeout
        self.hints = hints  # destinations the profile sends to, for source selection
        self._neigh: dict[bytes, bytes] = {}
        self._v4: bytes | None = None
        self._v6: bytes | None = None
        self.sockets: tuple | None = None  # (capture, send) to ask neighbours on, if open

    def mac(self) -> bytes:
        # Without a link header (tun) the Ethernet header is stripped before
        # sending: its addresses are never on the wire.
        return self.iface.mac if self.iface.ethernet else bytes(6)

    def _prefsrc(self, version: int) -> bytes | None:
        for hint in self.hints:
            try:
                addr = ipaddress.ip_address(hint)
                # only a unicast, global destination picks the source; else the primary address
                if addr.version != version or addr.is_multicast or addr.is_link_local:
                    continue
                r = route_get(hint)
            except (ValueError, RuntimeFailure):
                continue
            if r.dev == self.iface.name and r.prefsrc:
                return ipaddress.ip_address(r.prefsrc).packed
        return None

    def ipv4(self) -> bytes:
        if self._v4 is None:
            self._v4 = self._prefsrc(4)
            if self._v4 is None:
                if not self.iface.ipv4:
                    raise RuntimeFailure(f"ipv4.src auto: {self.iface.name} has no IPv4 address "
                                         "(give ipv4.src)")
                self._v4 = ipaddress.IPv4Address(self.iface.ipv4[0][0]).packed
        return self._v4

    def ipv6(self) -> bytes:
        if self._v6 is None:
            self._v6 = self._prefsrc(6)
            if self._v6 is None:
                ranked = sorted(self.iface.ipv6, key=lambda a: a[2] != "global")
                if not ranked:
                    raise RuntimeFailure(f"ipv6.src auto: {self.iface.name} has no IPv6 address "
                                         "(give ipv6.src)")
                self._v6 = ipaddress.IPv6Address(ranked[0][0]).packed
        return self._v6

    def _source_for(self, ip: bytes) -> bytes | None:
        try:
            return self.ipv4() if len(ip) == 4 else self._link_local_or_v6()
        except RuntimeFailure:
            return None

    def _link_local_or_v6(self) -> bytes:
        # RFC 4861 §7.2.2: any of the interface's addresses; link-local is the norm
        for addr, _plen, scope in self.iface.ipv6:
            if scope == "link":
                return ipaddress.IPv6Address(addr).packed
        return self.ipv6()

    def next_hop(self, ip: bytes) -> bytes:
        """The address whose MAC frames to ``ip`` go to: ``ip`` itself when
        on-link, or the gateway the kernel routes it through on this interface."""
        text = str(ipaddress.ip_address(ip))
        try:
            r = route_get(text)
        except RuntimeFailure:
            return ip
        if r.dev == self.iface.name and r.gateway:
            return ipaddress.ip_address(r.gateway).packed
        return ip

    def neighbour(self, ip: bytes) -> bytes:
        if not self.iface.ethernet:
            return bytes(6)
        mac = self._neigh.get(ip)
        if mac is None:
            hop = self.next_hop(ip)
            mac = neighbor.resolve(self.iface, hop, self._source_for(hop), timeout=self.timeout,
                                   sockets=self.sockets)
            self._neigh[ip] = mac
        return mac
