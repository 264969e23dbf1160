"""craft run: a conversation script — send, wait for the answer, check it,
take fields from it, go on (docs/conversations.md)."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

from craft.cli.params import Argument, Exit, Option, for_typer
from craft.errors import ExitStatus, UsageError


def run_cmd(
    script: Annotated[Path, Argument(help="A conversation script (YAML) or a bundled name.",
                                           show_default=False)],
    iface: Annotated[str | None, Option(
        "--interface", "-i", help="Interface to speak on (with --source).",
        show_default=False)] = None,
    lab: Annotated[str | None, Option(
        "--lab", help="Run inside the lab node NODE (client or server) of the lab --lab-name.",
        show_default=False)] = None,
    lab_name: Annotated[str, Option("--lab-name", help="The lab --lab refers to.")] = "craft",
    source: Annotated[list[str] | None, Option(
        "--source", help="craft's own address on the link (repeatable: one IPv4, one IPv6); "
        "in the lab 192.0.2.101 and 2001:db8::101.", show_default=False)] = None,
    var: Annotated[list[str] | None, Option(
        "--var", help="Override a script variable: NAME=VALUE (repeatable).",
        show_default=False)] = None,
    timeout: Annotated[float | None, Option(
        "--timeout", help="Seconds each expectation waits (default: the script's, else 2).",
        show_default=False)] = None,
    json_: Annotated[bool, Option(
        "--json", help="One JSON object per frame and per step, then the verdict.")] = False,
    backend: Annotated[str, Option(
        "--backend", "-b", help="Encoder: struct, scapy, or both (cross-checked, as craft build)."
    )] = "struct",
) -> None:
    """Run a conversation: each step sends a frame, waits for the answer, checks it and saves
    fields of it; drawn as a ladder. Exit 0 when every expectation held, else 1."""
    from craft.live.run import LAB_SOURCE, Conversation, own_addresses
    from craft.profile.overrides import parse_vars
    from craft.profile.script import load_script

    path = _find(script)
    loaded = load_script(path, vars=parse_vars(var))
    if lab is None and iface is None:
        raise UsageError("say where to speak: --lab client (the lab) or -i IFACE --source ADDR")
    if lab is not None:
        from craft.live.lab import Lab, enter

        enter(Lab(lab_name).namespace(lab))
        iface = iface or "eth0"
        source = source or list(LAB_SOURCE)
    if not source:
        raise UsageError("give craft an address of its own on the link: --source ADDR (one no "
                         "host there uses; craft answers ARP for it while the run lasts)")
    from craft.io.rawsock import interface

    if backend not in ("struct", "scapy", "both"):
        raise UsageError(f"--backend {backend!r}: use struct, scapy or both")
    conv = Conversation(loaded, interface(iface), own_addresses(source), timeout=timeout,
                        backend=backend)
    report = conv.run()
    from craft.fmt import ladder

    if json_:
        for obj in ladder.events_json(report):
            print(json.dumps(obj))
    else:
        for line in ladder.lines(report, color=sys.stdout.isatty()):
            print(line)
        print(ladder.verdict(report))
    if not report.ok:
        raise Exit(ExitStatus.FAILURE)


def _find(script: Path) -> Path:
    """A script path, or a bundled script by name (profiles/conversations/NAME.yaml)."""
    if script.exists() or script.suffix in (".yaml", ".yml"):
        return script
    bundled = Path(__file__).resolve().parents[2] / "profiles" / "conversations" / \
        f"{script}.yaml"
    return bundled if bundled.exists() else script


def register(app: Any) -> None:
    app.command("run")(for_typer(run_cmd))


# run without typer when the command line is a plain one (craft/cli/params.py)
FAST = {"run": run_cmd}
