"""Start-up (issue 13): each command imports only what it uses.

No timing here (bench/bench_startup.py times it): each case runs a command
in a fresh interpreter and lists the modules loaded when it ends, so an eager
import of scapy, rich, pydantic, YAML or another command's module fails here
whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from craftcli import ROOT, run

from craft.cli import _GROUPS

# Run main() as the console script does, then print the loaded modules.
PROBE = """
import json, sys
from craft.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

GROUPS = set(_GROUPS)


def loaded(*args: str) -> tuple[set[str], str]:
    """The modules ``craft ARGS`` has imported when it ends, and its standard output."""
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    marker = r.stderr.rindex("MODULES ")
    assert r.returncode == 0, r.stderr
    return set(json.loads(r.stderr[marker + len("MODULES ") :])), r.stdout


def under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


def cli_groups(modules: set[str]) -> set[str]:
    return {m.rsplit(".", 1)[1] for m in modules if m.rsplit(".", 1)[0] == "craft.cli"} & GROUPS


@pytest.fixture(scope="module")
def one_pcap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "one.pcap"
    r = run("build", "profiles/icmp.yaml", "-c", "1", "--format", "pcap", "-o", str(path))
    assert r.returncode == 0, r.stderr
    return path


def test_help_imports_no_command_code_and_only_the_rich_it_prints_with():
    modules, out = loaded("--help")
    assert "Usage: craft" in out and "read" in out
    assert cli_groups(modules) == GROUPS  # the help lists every command
    assert not under(modules, "scapy", "pydantic", "yaml", "markdown_it", "pygments")
    assert not under(modules, "rich.markdown", "rich.traceback", "rich.pretty")
    assert not under(modules, *(f"craft.{p}" for p in ("encode", "profile", "layers", "fmt")))
    assert not under(modules, "craft.live", "craft.capture", "craft.io", "craft.decode")


def test_read_imports_neither_rich_nor_scapy_nor_other_commands(one_pcap: Path):
    modules, out = loaded("read", str(one_pcap))
    assert "IP 192.0.2.1 > 192.0.2.2" in out
    assert cli_groups(modules) == {"sniff"}
    assert not under(modules, "scapy", "rich", "pydantic", "yaml", "typer.rich_utils")
    assert not under(modules, "craft.encode", "craft.profile", "craft.capture")
    # nor what only other commands, --debug or live capture need
    assert not under(modules, "pathlib", "traceback", "socket"), \
        sorted(m for m in modules if m in ("pathlib", "traceback", "socket"))
    # nor dataclasses and the inspect it imports (8 ms: the header tables are NamedTuples)
    assert not under(modules, "dataclasses", "inspect"), sorted(modules)
    # the tables of the headers it unpacks, not the forty layers' registry
    layers = {m.split(".")[2] for m in modules if m.startswith("craft.layers.")}
    assert {"ether", "ipv4"} <= layers
    assert not layers & {"dns", "sctp", "snmp", "dhcpv6", "lldp", "ospf", "rip"}, sorted(layers)


# Run read with a filter, noting the modules loaded when the compiled scan starts.
SCAN_PROBE = """
import json, sys
import craft.io.pcap as pcap
from craft.cli import main
start = pcap.CaptureReader.kept_records
seen = []
def kept_records(*a, **k):
    seen.append(sorted(sys.modules))
    return start(*a, **k)
pcap.CaptureReader.kept_records = kept_records
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("\\nSEEN " + json.dumps(seen), file=sys.stderr)
"""


def test_read_with_a_filter_starts_its_scan_before_the_printers_import(one_pcap: Path):
    """The scan runs in a thread of its own while the printers and the
    dataclasses and inspect they need import (issue 13: 1% filter)."""
    from craft.io import bpf

    if bpf._pcapscan is None:
        if os.environ.get("CI") == "true" and not os.environ.get("CRAFT_PURE"):
            pytest.fail("craft.io._pcapscan was not built (setup.py)")
        pytest.skip("no compiled scan (CRAFT_PURE=1, or not built here)")
    r = subprocess.run([sys.executable, "-c", SCAN_PROBE, "read", str(one_pcap), "icmp"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0 and "IP 192.0.2.1 > 192.0.2.2" in r.stdout, r.stderr
    seen = json.loads(r.stderr[r.stderr.rindex("SEEN ") + 5 :])
    assert len(seen) == 1  # the scan started once
    early = set(seen[0])
    assert "craft.io.bpf" in early  # the filter was compiled
    assert not under(early, "dataclasses", "inspect", "craft.fmt.tcpdump.print_",
                     "craft.layers.base"), sorted(early)


def test_struct_build_imports_neither_rich_nor_scapy():
    modules, out = loaded(
        "build", "profiles/icmp.yaml", "--backend", "struct", "-c", "1", "--format", "hex"
    )
    assert len(out.split()) == 1
    assert cli_groups(modules) == {"build"}
    assert not under(modules, "scapy", "rich", "pydantic", "typer.rich_utils")
    assert not under(modules, "craft.fmt", "craft.live", "craft.capture", "craft.encode.scapy_")


def test_cross_checked_build_imports_scapy_and_nothing_else_heavy():
    modules, out = loaded("build", "profiles/icmp.yaml", "-c", "1", "--format", "hex")
    assert len(out.split()) == 1
    assert "craft.encode.scapy_" in modules and under(modules, "scapy")
    assert cli_groups(modules) == {"build"}
    assert not under(modules, "rich", "pydantic", "typer.rich_utils", "craft.fmt", "craft.live")


def test_the_command_table_names_each_groups_commands():
    """``COMMANDS`` (command → group) is what the groups register, in their order."""
    import importlib

    import typer

    from craft.cli import _GROUPS, COMMANDS

    found: dict[str, str] = {}
    for group in _GROUPS:
        app = typer.Typer()
        importlib.import_module(f"craft.cli.{group}").register(app)
        names = [c.name for c in app.registered_commands]
        names += [g.typer_instance.info.name for g in app.registered_groups]
        for name in names:
            assert name not in found, name
            found[name] = group
    assert found == COMMANDS


def test_a_single_command_line_registers_its_group_only():
    from craft.cli import _GROUPS, groups_for

    assert groups_for(["read", "x.pcap"]) == ("sniff",)
    assert groups_for(["lab", "up"]) == ("lab",)
    for args in ([], ["--help"], ["-h"], ["reed"], ["--bogus", "read"]):
        assert groups_for(args) == _GROUPS


def test_import_craft_leaves_the_api_to_first_use():
    code = (
        "import sys, craft\n"
        "assert 'craft.encode.build' not in sys.modules and 'yaml' not in sys.modules\n"
        "from craft import build, load_profile\n"
        "import craft.encode.build, craft.profile.load\n"
        "assert build is craft.encode.build.build is craft.build\n"
        "assert load_profile is craft.profile.load.load_profile\n"
        "assert {'build', 'load_profile'} <= set(dir(craft))\n"
        "try:\n    craft.nope\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


# --- the plain value conversion agrees with typer's pydantic adapters ----------

VALUES = {
    int: ["0", "7", "-3", "12345678901234567890", "007", "+5", " 5", "1_000", "1.0", "x", "", "٣"],
    float: ["0", "0.5", "-2.25", "10", "1e3", ".5", "1.", "inf", "x", ""],
    str: ["", "a b", "-", "ü"],
    Path: ["a", "a/b", "a/", "./a", "a//b", "", ".", "/tmp", "nonexistent/x"],
}


def _outcome(rp, value):  # type: ignore[no-untyped-def]
    from typer._click.exceptions import BadParameter

    try:
        return "ok", rp._coerce_value(value, param=None, ctx=None)
    except BadParameter as e:
        return "error", e.format_message()


@pytest.mark.parametrize("kind", list(VALUES), ids=lambda k: k.__name__)
def test_plain_values_convert_as_typers_adapters_convert_them(kind):
    import typer
    import typer.core
    from typer._coercion import build_runtime_param, resolve_type_descriptor

    from craft.cli import startup

    startup.install_plain_values()
    assert typer.core.build_runtime_param is not build_runtime_param
    for annotation in (kind, list[kind]):
        for info in (typer.Option(), typer.Option(min=1) if kind in (int, float) else None):
            if info is None:
                continue
            d = resolve_type_descriptor(annotation, info)
            plain, stock = typer.core.build_runtime_param(d), build_runtime_param(d)
            for v in VALUES[kind]:
                value = [v, v] if annotation is not kind else v
                assert _outcome(plain, value) == _outcome(stock, value), (annotation, info, v)


def test_help_and_errors_read_as_before():
    """The hooks change no output: the help's frame and an adapter-worded error."""
    r = run("--help")
    assert r.returncode == 0 and "╭─ Commands ─" in r.stdout
    r = run("build", "profiles/icmp.yaml", "-c", "x")
    assert r.returncode == 2
    assert "Invalid value for '--count' / '-c'" in r.stderr
    assert "unable to parse string as an integer" in r.stderr
    r = run("build", "profiles/icmp.yaml", "-c", "1_0", "--backend", "struct", "--format", "hex")
    assert r.returncode == 0 and len(r.stdout.split()) == 10


ENTRY = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('TEARDOWN', file=sys.stderr))\n"
    "from craft.cli import entry\n"
    "entry()\n"
)


def test_read_ends_without_the_interpreters_teardown(one_pcap: Path, tmp_path: Path):
    """The console script ends a read at once (os._exit, after flushing its
    output): no atexit handler runs, every line and message is there, the
    exit status is the command's. Other commands end as usual."""
    def entry(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=120)

    r = entry("read", "-n", str(one_pcap))
    assert r.returncode == 0 and "IP 192.0.2.1 > 192.0.2.2" in r.stdout
    assert "reading from file" in r.stderr and "TEARDOWN" not in r.stderr
    r = entry("read", str(tmp_path / "none.pcap"))
    assert r.returncode == 2 and "No such file" in r.stderr and "TEARDOWN" not in r.stderr
    r = entry("profiles")
    assert r.returncode == 0 and "TEARDOWN" in r.stderr
