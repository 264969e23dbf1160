"""The fast path (craft/cli/params.py): a plain command line of a command
that lists itself in its module's FAST runs without importing typer, and
prints, exits and errs exactly as typer's path does (CRAFT_NO_FAST=1 forces
typer's path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from craftcli import ROOT
from test_startup import loaded

from craft.cli.params import NotFast, parse
from craft.cli.run import run_cmd
from craft.cli.sniff import read_cmd

PCAP = Path(__file__).resolve().parents[2] / "shared/conformance/tcpdump/pcaps/802.1ad_QinQ.pcap"


def _craft(args: list[str], fast: bool) -> tuple[int, str, str]:
    env = dict(os.environ)
    env.pop("CRAFT_NO_FAST", None)
    if not fast:
        env["CRAFT_NO_FAST"] = "1"
    r = subprocess.run([sys.executable, "-m", "craft", *args], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=60)
    return r.returncode, r.stdout, r.stderr


@pytest.mark.parametrize("args", [
    ["read", "-n", str(PCAP)],
    ["read", "-nv", "-c", "2", str(PCAP)],
    ["read", "-vvv", "-e", str(PCAP), "icmp"],
    ["read", "--json", "-c1", str(PCAP)],
    ["read", "-q", "-tttt", str(PCAP), "not", "tcp"],
    ["read", "-c", "x", str(PCAP)],            # a value that is not a number: typer's error
    ["read", str(PCAP), "--", "not", "icmp"],
    ["read", "/nonexistent.pcap"],              # craft's error, exit 2
    ["read", "-Z", str(PCAP)],                  # an unknown option: typer's error
    ["read"],                                   # a missing argument: typer's error
    ["build", "profiles/icmp.yaml", "-f", "explain"],
    ["build", "profiles/udp-sweep.yaml", "--count", "3", "-f", "hex", "--seed", "3"],
    ["build", "icmp", "--backend", "both", "-f", "hexdump"],
    ["build", "profiles/icmp.yaml", "--format", "nope"],
    ["check", "profiles/textbook-raw.yaml"],
    ["send", "profiles/icmp.yaml", "-i", "no-such-if0"],
    ["run", "no-such-script"],
    ["run", "tcp-hello", "--var", "port"],      # a bad --var: craft's error
])
def test_the_fast_path_prints_and_exits_as_typers(args: list[str]) -> None:
    if not PCAP.exists():
        pytest.skip("needs ../shared/conformance beside the checkout")
    assert _craft(args, fast=True) == _craft(args, fast=False)


def test_a_plain_read_never_imports_typer() -> None:
    if not PCAP.exists():
        pytest.skip("needs ../shared/conformance beside the checkout")
    modules, out = loaded("read", "-nv", str(PCAP))
    assert "Request who-has 172.21.79.100" in out
    assert not {"typer", "click"} & modules
    modules, _ = loaded("read", "--help")  # help is typer's
    assert "typer" in modules


def test_the_parser_reads_options_as_typer_does() -> None:
    got = parse(read_cmd, ["-vv", "-nX", "-c5", "f.pcap", "tcp", "port", "80"])
    assert (got["v"], got["numeric"], got["X"], got["count"]) == (2, True, 1, 5)
    assert (got["file"], got["filter_words"]) == ("f.pcap", ["tcp", "port", "80"])
    got = parse(run_cmd, ["s.yaml", "--var", "a=1", "--var=b=2", "--timeout", "0.5", "--json"])
    assert (got["var"], got["timeout"], got["json_"]) == (["a=1", "b=2"], 0.5, True)
    assert got["lab_name"] == "craft" and got["source"] is None  # defaults
    for odd in (["--help"], ["-c"], ["f.pcap", "-Q"], ["--json=1", "f.pcap"]):
        with pytest.raises(NotFast):
            parse(read_cmd, odd)
