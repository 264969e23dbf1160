"""make demo: the whole tour in a lab exits 0 and leaves nothing behind,
also when it is interrupted; without root it says so and shows the build tour."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import require_root, unique_name

from craft.live.lab import namespaces

ROOT = Path(__file__).resolve().parents[1]
CRAFT = str(Path(sys.executable).parent / "craft")
ANSI = "\x1b["


def servers(name: str) -> set[int]:
    """The craft servers started by the tour run for lab `name` (they inherit CRAFT_DEMO_LAB),
    read from /proc, not ps; a process counts while it runs, not as a zombie."""
    mark = f"CRAFT_DEMO_LAB={name}".encode()
    found = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if mark not in (proc / "environ").read_bytes().split(b"\0"):
                continue
            args = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # it ended while we looked
            continue
        if state != "Z" and b"craft" in b" ".join(args[:2]) and (
                args[-3:-1] == [b"tcp-server", b"5001"] or args[-3:-1] == [b"udp-server", b"9000"]):
            found.add(int(proc.name))
    return found


def left(name: str) -> set[str]:
    return {ns for ns in namespaces() if ns.startswith(name)}


@pytest.mark.root
def test_the_tour_runs_and_cleans_up() -> None:
    require_root("tcpdump")
    name = unique_name("ct-cmp-demo")
    env = {**os.environ, "CRAFT_DEMO_LAB": name}
    try:
        r = subprocess.run(["bash", "scripts/demo.sh", CRAFT], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=180)
        out = r.stdout.replace(ANSI, "")
        assert r.returncode == 0, out[-3000:] + r.stderr[-2000:]
        for p in sorted((ROOT / "profiles").glob("*.yaml")):
            assert f"craft send profiles/{p.name}" in out, p.name
        assert "ICMP echo reply, id 4660, seq 1" in out
        assert "Flags [S.]" in out  # the tcp-server's SYN-ACK
        assert "tcpdump and craft agree" in out
        assert "2 of 2 frames matched" in out
        assert "Here is the message: hello over TCP" in out
        assert out.count("Got an ack: Got your message") == 2
        assert f"removed {name}-client, {name}-server" in out
        assert "failed" not in out
    finally:
        subprocess.run([CRAFT, "lab", "down", "--name", name], capture_output=True)
    assert not left(name)
    assert not servers(name)


@pytest.mark.root
def test_an_interrupted_tour_still_removes_the_lab_and_servers(tmp_path: Path) -> None:
    require_root("tcpdump")
    name = unique_name("ct-cmp-demo")
    env = {**os.environ, "CRAFT_DEMO_LAB": name}
    log = tmp_path / "out"
    with open(log, "w") as f:
        p = subprocess.Popen(["bash", "scripts/demo.sh", CRAFT], cwd=ROOT, env=env, stdout=f,
                             stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while "Each bundled profile sent" not in log.read_text():
            assert p.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        started = servers(name)
        while len(started) < 2 and time.monotonic() < deadline:  # each a real process, both up
            time.sleep(0.05)
            started = servers(name)
        assert len(started) == 2, log.read_text()
        os.killpg(p.pid, signal.SIGINT)  # Ctrl-C in the terminal
        p.wait(60)
        assert p.returncode != 0
        assert "Lab down" in log.read_text()
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        subprocess.run([CRAFT, "lab", "down", "--name", name], capture_output=True)
    assert not left(name)
    assert not servers(name)


def test_without_root_it_says_so_and_shows_the_build_tour(tmp_path: Path) -> None:
    # `id -u` answers 1000 here: the script takes the branch a student's account takes
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "id").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}",
           "CRAFT_DEMO_LAB": unique_name("ct-cmp-demo")}
    r = subprocess.run(["bash", "scripts/demo.sh", CRAFT], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=180)
    out = r.stdout.replace(ANSI, "")
    assert r.returncode == 0, out[-3000:] + r.stderr[-2000:]
    assert "Not root: the lab part of the tour needs root" in out
    assert "craft lab up" not in out and "craft send" not in out
    assert "icmp.checksum is 0xc1f8, should be 0xc1f7" in out
    assert "1 of 1 frame matched" in out
