"""craft lab: up, status, exec, down; idempotent up; nothing leaks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import require_root, unique_name

from craft.errors import UsageError
from craft.live.lab import Lab, namespaces

CRAFT = [sys.executable, "-c", "from craft.cli import main; main()"]


def craft(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CRAFT, *args], capture_output=True, text=True, timeout=60)


def _addrs(lab: Lab, node: str) -> set[str]:
    out = lab.exec(node, ["ip", "-j", "addr", "show", "eth0"], capture_output=True, text=True)
    info = json.loads(out.stdout)[0]
    return {f"{a['local']}/{a['prefixlen']}" for a in info["addr_info"] if a["scope"] != "link"}


@pytest.mark.root
def test_up_status_exec_down_by_cli() -> None:
    require_root()
    name = unique_name("ct-lab-")
    lab = Lab(name)
    try:
        r = craft("lab", "up", "--name", name)
        assert r.returncode == 0, r.stderr
        assert {f"{name}-client", f"{name}-server"} <= namespaces()
        r = craft("lab", "status", "--name", name)
        assert r.returncode == 0, r.stderr
        lines = r.stdout.splitlines()
        client = next(x for x in lines if x.startswith("client"))
        server = next(x for x in lines if x.startswith("server"))
        assert "eth0" in client and "02:00:00:00:00:01" in client and "up" in client
        assert "192.0.2.1/24" in client and "2001:db8::1/64" in client
        assert "02:00:00:00:00:02" in server and "192.0.2.2/24" in server
        assert "2001:db8::2/64" in server
        # exec runs inside the namespace: the client sees its own eth0 address
        r = craft(
            "lab", "exec", "--name", name, "server", "--", "ip", "-br", "addr", "show", "eth0"
        )
        assert r.returncode == 0, r.stderr
        assert "192.0.2.2/24" in r.stdout and "192.0.2.1" not in r.stdout
        r = craft("lab", "exec", "--name", name, "client", "--", "sh", "-c", "exit 7")
        assert r.returncode == 7
        r = craft("lab", "down", "--name", name)
        assert r.returncode == 0, r.stderr
        assert not {f"{name}-client", f"{name}-server"} & namespaces()
        r = craft("lab", "status", "--name", name)
        assert r.stdout.count("absent") == 2
    finally:
        lab._quiet_down()


@pytest.mark.root
def test_lab_links_both_families_at_once(lab: Lab) -> None:
    # IPv4 and IPv6 reach the other side right after up (no DAD wait):
    # a UDP datagram from the client lands on a socket in the server.
    for family, dst, bind in (("4", "192.0.2.2", "192.0.2.2"), ("6", "2001:db8::2", "2001:db8::2")):
        server = lab.popen(
            "server",
            [
                sys.executable,
                "-c",
                "import socket,sys;"
                f"s=socket.socket(socket.AF_INET{'6' if family == '6' else ''},socket.SOCK_DGRAM);"
                f"s.bind(({bind!r},9999));s.settimeout(5);print(s.recvfrom(100)[0].decode())",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            for _ in range(50):
                lab.exec(
                    "client",
                    [
                        sys.executable,
                        "-c",
                        "import socket;"
                        f"s=socket.socket(socket.AF_INET{'6' if family == '6' else ''},"
                        "socket.SOCK_DGRAM);"
                        f"s.sendto(b'hello{family}',({dst!r},9999))",
                    ],
                    check=True,
                )
                try:
                    out, _ = server.communicate(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    continue
            else:
                out = ""
            assert out.strip() == f"hello{family}"
        finally:
            server.kill()
            server.wait()


@pytest.mark.root
def test_up_is_idempotent_and_repairs(lab: Lab) -> None:
    first = lab.status()
    assert lab.up() == first
    # a half-broken lab (veth gone, address gone) is repaired by up
    lab.exec("server", ["ip", "addr", "del", "192.0.2.2/24", "dev", "eth0"], check=True)
    assert "192.0.2.2/24" not in _addrs(lab, "server")
    lab.up()
    assert _addrs(lab, "server") == {"192.0.2.2/24", "2001:db8::2/64"}
    lab.exec("client", ["ip", "link", "del", "eth0"], check=True)
    assert [s.ifname for s in lab.status()] == [None, None]
    assert lab.up() == first


@pytest.mark.root
def test_nothing_leaks_when_the_body_fails() -> None:
    require_root()
    name = unique_name("ct-lab-")
    with pytest.raises(RuntimeError, match="boom"), Lab(name) as lab:
        assert lab.exists()
        raise RuntimeError("boom")
    assert not {f"{name}-client", f"{name}-server"} & namespaces()
    assert Lab(name).down() == []


def test_bad_names_and_nodes() -> None:
    with pytest.raises(UsageError):
        Lab("../etc")
    with pytest.raises(UsageError):
        Lab("ok").namespace("router")


def test_without_privilege_one_line() -> None:
    # Without CAP_SYS_ADMIN (a plain user, or root with it dropped), up says
    # what is missing in one line.
    import os
    import shutil

    argv = [*CRAFT, "lab", "up", "--name", "ct-lab-nope"]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv (util-linux) to drop CAP_SYS_ADMIN")
        argv = ["setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin", *argv]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0
    assert "needs root (CAP_SYS_ADMIN)" in r.stderr
    assert "Traceback" not in r.stderr
    assert "ct-lab-nope-client" not in namespaces()
