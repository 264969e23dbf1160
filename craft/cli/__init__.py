"""The command line: one small module per command group, composed here.

Commands are thin: options → library call → output. This module is the one
place that turns library errors into one-line messages and exit codes.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer
from typer.exceptions import Abort, Exit, TyperException

from craft.errors import CraftError, ExitStatus

app = typer.Typer(
    name="craft",
    help="Packet crafting and capture: YAML profiles to frames, send, sniff, compare with tcpdump.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """craft: YAML frame profiles to bytes, send, sniff and compare against tcpdump.

    Add --debug anywhere for a traceback on errors."""


# Command groups, each registering its commands on ``app``.
_GROUPS = ("build", "net", "lab", "send", "sniff", "compare", "run")

# Command → its group. A command line naming one of these registers that group
# alone (start-up, issue 13); anything else (--help, no command, a misspelt
# one) registers every group. tests/test_startup.py checks the table.
COMMANDS = {
    "build": "build",
    "check": "build",
    "profiles": "build",
    "schema": "build",
    "tcp-server": "net",
    "tcp-client": "net",
    "udp-server": "net",
    "udp-client": "net",
    "lab": "lab",
    "send": "send",
    "sniff": "sniff",
    "read": "sniff",
    "verify": "compare",
    "diff": "compare",
    "compare": "compare",
    "export": "compare",
    "import": "compare",
    "run": "run",
}

_registered: set[str] = set()


def _register(groups: tuple[str, ...] = _GROUPS) -> None:
    import importlib

    for name in groups:
        if name not in _registered:
            _registered.add(name)
            importlib.import_module(f"craft.cli.{name}").register(app)


def groups_for(args: list[str]) -> tuple[str, ...]:
    """The command groups a command line needs: the named command's, or all of them."""
    group = COMMANDS.get(args[0]) if args else None
    return (group,) if group else _GROUPS


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``craft`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:
        args.remove("--debug")
    from craft.cli.startup import install

    install()
    _register(groups_for(args))
    try:
        rv = app(args=args, prog_name="craft", standalone_mode=False)
        code = int(rv) if isinstance(rv, int) else 0
    except CraftError as e:
        if debug:
            traceback.print_exc()
        print(str(e) if e.mark else f"craft: {e}", file=sys.stderr)
        code = int(e.exit_status)
    except Exit as e:
        code = e.exit_code
    except TyperException as e:  # click's usage errors: exit_code 2
        if debug:
            traceback.print_exc()
        e.show()  # type: ignore[attr-defined]
        code = e.exit_code
    except (KeyboardInterrupt, Abort):
        code = ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # `craft read big.pcap | head`: stop quietly, as tcpdump does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitStatus.OK
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
