"""A two-host lab on one Linux machine: network namespaces joined by a veth pair.

``Lab("craft").up()`` makes namespaces ``craft-client`` and ``craft-server``,
each holding one end of a veth pair named ``eth0``, with fixed MACs and
documentation addresses (RFC 5737, RFC 3849), loopback up and IPv6 duplicate
address detection off, so both address families work the moment ``up``
returns. ``up`` is idempotent; ``down`` removes everything ``up`` made.

Used as a context manager the lab is torn down on exit, whatever happened in
the body, which is what the test suite relies on.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType

from craft.errors import RuntimeFailure, UsageError

DEFAULT_NAME = "craft"
IFNAME = "eth0"
NODES = ("client", "server")
ROUTER_NODES = ("client", "router", "server")


@dataclass(frozen=True, slots=True)
class NodeSpec:
    mac: str
    ipv4: str  # with prefix length
    ipv6: str


SPECS: dict[str, NodeSpec] = {
    "client": NodeSpec("02:00:00:00:00:01", "192.0.2.1/24", "2001:db8::1/64"),
    "server": NodeSpec("02:00:00:00:00:02", "192.0.2.2/24", "2001:db8::2/64"),
}

# ``--router``: client — router — server on two documentation subnets, the
# router forwarding between them: (node, interface) -> its addresses, and
# each end's default gateway (the router's address on its subnet).
ROUTED: dict[tuple[str, str], NodeSpec] = {
    ("client", "eth0"): NodeSpec("02:00:00:00:00:01", "192.0.2.1/24", "2001:db8::1/64"),
    ("router", "eth0"): NodeSpec("02:00:00:00:00:fe", "192.0.2.254/24", "2001:db8::fe/64"),
    ("router", "eth1"): NodeSpec("02:00:00:00:01:fe", "198.51.100.254/24", "2001:db8:1::fe/64"),
    ("server", "eth0"): NodeSpec("02:00:00:00:00:02", "198.51.100.2/24", "2001:db8:1::2/64"),
}
GATEWAYS = {"client": ("192.0.2.254", "2001:db8::fe"),
            "server": ("198.51.100.254", "2001:db8:1::fe")}
# the veth pairs: (node, interface) joined to (node, interface)
ROUTED_LINKS = ((("client", "eth0"), ("router", "eth0")), (("router", "eth1"), ("server", "eth0")))

# A namespace name is a file name under /run/netns; keep it to plain words.
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$")


@dataclass(slots=True)
class NodeStatus:
    """What exists of one node: its namespace, interface, MAC and addresses."""

    node: str
    namespace: str
    exists: bool
    ifname: str | None = None
    mac: str | None = None
    state: str | None = None
    mtu: int | None = None
    addresses: list[str] = field(default_factory=list)
    peer: str | None = None  # namespace of the veth's other end, when it is the lab's


def check_name(name: str) -> str:
    if not _NAME_RE.match(name):
        raise UsageError(
            f"lab name {name!r} is not usable as a namespace name "
            "(letters, digits, '_', '.', '-'; at most 48 characters)"
        )
    return name


def preflight() -> None:
    """Raise RuntimeFailure naming what is missing for namespaces."""
    if shutil.which("ip") is None:
        raise RuntimeFailure("craft lab needs the 'ip' command (Debian package iproute2)")
    if not os.path.exists("/proc/self/ns/net"):
        raise RuntimeFailure(
            "craft lab needs network namespace support in the kernel (CONFIG_NET_NS)"
        )
    if not has_capability(CAP_SYS_ADMIN):
        raise RuntimeFailure(
            "craft lab needs root (CAP_SYS_ADMIN) to create network namespaces: run it with sudo"
        )


CAP_NET_RAW, CAP_SYS_ADMIN = 13, 21  # linux/capability.h


def has_capability(cap: int) -> bool:
    """Whether this process holds ``cap`` in its effective set."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> cap & 1)
    except OSError:
        pass
    return os.geteuid() == 0


def _run(args: Sequence[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(list(args), capture_output=True, text=True)
    if check and p.returncode != 0:
        msg = (p.stderr or p.stdout).strip().splitlines()
        raise RuntimeFailure(f"{' '.join(args)}: {msg[-1] if msg else 'failed'}")
    return p


def namespaces() -> set[str]:
    p = _run(["ip", "-j", "netns", "list"], check=False)
    if p.returncode != 0 or not p.stdout.strip():
        return set()
    return {n["name"] for n in json.loads(p.stdout)}


def _links(ns: str) -> list[dict]:
    p = _run(["ip", "-n", ns, "-j", "addr", "show"], check=False)
    if p.returncode != 0 or not p.stdout.strip():
        return []
    return json.loads(p.stdout)


class Lab:
    """The lab named ``name``: namespaces ``<name>-client`` and ``<name>-server``
    on one veth pair, or with ``router`` a ``<name>-router`` between them
    (found by itself when that namespace exists)."""

    def __init__(self, name: str = DEFAULT_NAME, *, router: bool | None = None) -> None:
        self.name = check_name(name)
        if router is None:
            router = f"{self.name}-router" in namespaces()
        self.router = router
        self.nodes = ROUTER_NODES if router else NODES

    def namespace(self, node: str) -> str:
        if node not in self.nodes:
            raise UsageError(f"unknown lab node {node!r}: use one of {', '.join(self.nodes)}")
        return f"{self.name}-{node}"

    @property
    def namespaces(self) -> tuple[str, ...]:
        return tuple(self.namespace(n) for n in self.nodes)

    # -- life cycle --------------------------------------------------------

    def up(self) -> list[NodeStatus]:
        """Create what is missing and set addresses; safe to run again."""
        preflight()
        existing = namespaces()
        if f"{self.name}-router" in existing and not self.router:
            raise UsageError(f"lab {self.name!r} is up with a router; take it down first "
                             "(craft lab down) or say --router")
        for ns in self.namespaces:
            if ns not in existing:
                _run(["ip", "netns", "add", ns])
            # Before the veth exists, so eth0 inherits the defaults: no DAD
            # (addresses usable at once) and no router solicitations (quiet wire).
            for key in ("all", "default"):
                _sysctl(ns, f"net.ipv6.conf.{key}.accept_dad", "0")
                _sysctl(ns, f"net.ipv6.conf.{key}.router_solicitations", "0")
            _run(["ip", "-n", ns, "link", "set", "lo", "up"])
        if self.router:
            return self._up_routed()
        client, server = self.namespaces
        if not (self._has_eth0(client) and self._peer_ok(client, server)):
            for ns in self.namespaces:
                if self._has_eth0(ns):
                    _run(["ip", "-n", ns, "link", "del", IFNAME], check=False)
            _run(
                [
                    "ip",
                    "link",
                    "add",
                    "name",
                    IFNAME,
                    "netns",
                    client,
                    "type",
                    "veth",
                    "peer",
                    "name",
                    IFNAME,
                    "netns",
                    server,
                ]
            )
        for node, ns in zip(NODES, self.namespaces, strict=True):
            spec = SPECS[node]
            _sysctl(ns, f"net.ipv6.conf.{IFNAME}.accept_dad", "0")
            _run(["ip", "-n", ns, "link", "set", IFNAME, "address", spec.mac])
            _run(["ip", "-n", ns, "addr", "replace", spec.ipv4, "dev", IFNAME])
            _run(["ip", "-n", ns, "addr", "replace", spec.ipv6, "dev", IFNAME, "nodad"])
            _run(["ip", "-n", ns, "link", "set", IFNAME, "up"])
        return self.status()

    def _up_routed(self) -> list[NodeStatus]:
        for (a, ia), (b, ib) in ROUTED_LINKS:
            na, nb = self.namespace(a), self.namespace(b)
            if not self._joined(na, ia, nb, ib):
                for ns, ifname in ((na, ia), (nb, ib)):
                    _run(["ip", "-n", ns, "link", "del", ifname], check=False)
                _run(["ip", "link", "add", "name", ia, "netns", na, "type", "veth", "peer",
                      "name", ib, "netns", nb])
        for (node, ifname), spec in ROUTED.items():
            ns = self.namespace(node)
            _sysctl(ns, f"net.ipv6.conf.{ifname}.accept_dad", "0")
            _run(["ip", "-n", ns, "link", "set", ifname, "address", spec.mac])
            _run(["ip", "-n", ns, "addr", "replace", spec.ipv4, "dev", ifname])
            _run(["ip", "-n", ns, "addr", "replace", spec.ipv6, "dev", ifname, "nodad"])
            _run(["ip", "-n", ns, "link", "set", ifname, "up"])
        router = self.namespace("router")
        _sysctl(router, "net.ipv4.ip_forward", "1")
        _sysctl(router, "net.ipv6.conf.all.forwarding", "1")
        for node in ("router", "server"):  # every probe of a trace or scan gets its answer
            _sysctl(self.namespace(node), "net.ipv4.icmp_ratelimit", "0")
            _sysctl(self.namespace(node), "net.ipv6.icmp.ratelimit", "0")
        for node, (gw4, gw6) in GATEWAYS.items():
            ns = self.namespace(node)
            _run(["ip", "-n", ns, "route", "replace", "default", "via", gw4])
            _run(["ip", "-n", ns, "-6", "route", "replace", "default", "via", gw6])
        return self.status()

    def _joined(self, na: str, ia: str, nb: str, ib: str) -> bool:
        """Whether ``na``'s ``ia`` and ``nb``'s ``ib`` are the two ends of one veth."""
        p = _run(["ip", "-n", na, "-j", "-d", "link", "show", ia], check=False)
        q = _run(["ip", "-n", nb, "-j", "-d", "link", "show", ib], check=False)
        if p.returncode or q.returncode:
            return False
        a, b = json.loads(p.stdout)[0], json.loads(q.stdout)[0]
        return ((a.get("linkinfo") or {}).get("info_kind") == "veth"
                and a.get("link_index") == b.get("ifindex")
                and b.get("link_index") == a.get("ifindex"))

    def down(self) -> list[str]:
        """Remove the namespaces (and with them the veth pairs); the names removed."""
        preflight()
        existing = namespaces()
        removed = []
        for ns in (self.namespace("client"), f"{self.name}-router", self.namespace("server")):
            if ns in existing:
                _run(["ip", "netns", "del", ns])
                removed.append(ns)
        return removed

    def exists(self) -> bool:
        return all(ns in namespaces() for ns in self.namespaces)

    def __enter__(self) -> Lab:
        try:
            self.up()
        except BaseException:
            self._quiet_down()
            raise
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._quiet_down()

    def _quiet_down(self) -> None:
        for ns in (self.namespace("client"), f"{self.name}-router", self.namespace("server")):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)

    # -- inspection --------------------------------------------------------

    def status(self) -> list[NodeStatus]:
        if self.router:
            return self._routed_status()
        existing = namespaces()
        out = []
        for node, ns in zip(NODES, self.namespaces, strict=True):
            st = NodeStatus(node, ns, ns in existing)
            if st.exists:
                for link in _links(ns):
                    if link.get("ifname") != IFNAME:
                        continue
                    st.ifname = IFNAME
                    st.mac = link.get("address")
                    st.mtu = link.get("mtu")
                    st.state = "up" if "UP" in link.get("flags", []) else "down"
                    st.addresses = [
                        f"{a['local']}/{a['prefixlen']}"
                        for a in link.get("addr_info", [])
                        if a.get("scope") != "link"
                    ]
                    peer = self.namespaces[1 - NODES.index(node)]
                    st.peer = peer if self._peer_ok(ns, peer) else None
            out.append(st)
        return out

    def _routed_status(self) -> list[NodeStatus]:
        existing = namespaces()
        out = []
        for (a, ia), (b, ib) in ROUTED_LINKS:
            for (node, ifname), (peer_node, peer_if) in (((a, ia), (b, ib)), ((b, ib), (a, ia))):
                ns = self.namespace(node)
                st = NodeStatus(node, ns, ns in existing)
                link = next((x for x in _links(ns) if x.get("ifname") == ifname), None) \
                    if st.exists else None
                if link is not None:
                    st.ifname, st.mac, st.mtu = ifname, link.get("address"), link.get("mtu")
                    st.state = "up" if "UP" in link.get("flags", []) else "down"
                    st.addresses = [f"{x['local']}/{x['prefixlen']}"
                                    for x in link.get("addr_info", [])
                                    if x.get("scope") != "link"]
                    peer = self.namespace(peer_node)
                    st.peer = peer if self._joined(ns, ifname, peer, peer_if) else None
                out.append(st)
        order = {("client", "eth0"): 0, ("router", "eth0"): 1, ("router", "eth1"): 2,
                 ("server", "eth0"): 3}
        unique = {(s.node, s.ifname or s.namespace): s for s in out}
        return sorted(unique.values(), key=lambda s: order.get((s.node, s.ifname or ""), 9))

    def _has_eth0(self, ns: str) -> bool:
        return any(link.get("ifname") == IFNAME for link in _links(ns))

    def _peer_ok(self, ns: str, peer: str) -> bool:
        """Whether ``ns``'s eth0 is a veth whose other end is ``peer``'s eth0."""
        p = _run(["ip", "-n", ns, "-j", "-d", "link", "show", IFNAME], check=False)
        q = _run(["ip", "-n", peer, "-j", "-d", "link", "show", IFNAME], check=False)
        if p.returncode or q.returncode:
            return False
        a, b = json.loads(p.stdout)[0], json.loads(q.stdout)[0]
        kind = (a.get("linkinfo") or {}).get("info_kind")
        return (
            kind == "veth"
            and a.get("link_index") == b.get("ifindex")
            and b.get("link_index") == a.get("ifindex")
        )

    # -- running things inside ---------------------------------------------

    def command(self, node: str, argv: Sequence[str]) -> list[str]:
        """The argv that runs ``argv`` inside ``node``'s namespace."""
        return ["ip", "netns", "exec", self.namespace(node), *argv]

    def exec(self, node: str, argv: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess:
        """Run ``argv`` in ``node``'s namespace (subprocess.run keyword arguments pass through)."""
        if not argv:
            raise UsageError("lab exec needs a command after --")
        ns = self.namespace(node)
        if ns not in namespaces():
            raise RuntimeFailure(f"lab {self.name!r} is not up ({ns} missing): run 'craft lab up'")
        return subprocess.run(self.command(node, argv), **kwargs)  # type: ignore[call-overload]

    def popen(self, node: str, argv: Sequence[str], **kwargs: object) -> subprocess.Popen:
        return subprocess.Popen(self.command(node, argv), **kwargs)  # type: ignore[call-overload]


def _sysctl(ns: str, key: str, value: str) -> None:
    _run(["ip", "netns", "exec", ns, "sysctl", "-q", "-w", f"{key}={value}"], check=False)


CLONE_NEWNET = 0x40000000


def enter(namespace: str) -> None:
    """Move this process (its calling thread, before any other starts) into a
    named network namespace, as ``ip netns exec`` does (without the /sys
    remount, which craft does not read)."""
    path = f"/var/run/netns/{namespace}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise RuntimeFailure(f"no network namespace {namespace!r}: run 'craft lab up'") from None
    except PermissionError:
        raise RuntimeFailure(f"entering {namespace!r} needs root") from None
    try:
        if hasattr(os, "setns"):  # Python 3.12+
            os.setns(fd, CLONE_NEWNET)
        else:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.setns(fd, CLONE_NEWNET) != 0:
                err = ctypes.get_errno()
                raise RuntimeFailure(f"setns({namespace}): {os.strerror(err)}")
    finally:
        os.close(fd)
