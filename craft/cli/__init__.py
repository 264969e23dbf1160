"""The command line: one small module per command group, composed here.

Commands are thin: options → library call → output. This module is the one
place that turns library errors into one-line messages and exit codes.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from craft.cli.params import Exit as CommandExit
from craft.cli.params import NotFast, fast_call
from craft.errors import CraftError, ExitStatus

_APP: list[Any] = []


def app() -> Any:
    """The typer app, made on first need: a command line the fast path takes
    (craft/cli/params.py) never imports typer."""
    if not _APP:
        import typer

        made = typer.Typer(
            name="craft",
            help="Packet crafting and capture: YAML profiles to frames, send, sniff, compare "
                 "with tcpdump.",
            no_args_is_help=True,
            add_completion=False,
            context_settings={"help_option_names": ["-h", "--help"]},
            pretty_exceptions_enable=False,
        )
        made.callback()(_root)
        _APP.append(made)
    return _APP[0]


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
            importlib.import_module(f"craft.cli.{name}").register(app())


def _fast(args: list[str]) -> Any:
    """The command run without typer (craft/cli/params.py), or NotFast: the
    groups whose module lists its commands in ``FAST``."""
    import importlib

    group = COMMANDS.get(args[0]) if args else None
    if group is None:
        raise NotFast
    command = getattr(importlib.import_module(f"craft.cli.{group}"), "FAST", {}).get(args[0])
    if command is None or os.environ.get("CRAFT_NO_FAST"):
        raise NotFast
    return fast_call(command, args[1:])


def _typer(args: list[str]) -> Any:
    _register(groups_for(args))
    return app()(args=args, prog_name="craft", standalone_mode=False)


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
    try:
        try:
            rv = _fast(args)
        except NotFast:
            from craft.cli.startup import install

            install()
            rv = _typer(args)
        code = int(rv) if isinstance(rv, int) else 0
    except CommandExit as e:
        code = e.code
    except CraftError as e:
        if debug:
            _traceback()
        print(str(e) if e.mark else f"craft: {e}", file=sys.stderr)
        code = int(e.exit_status)
    except KeyboardInterrupt:
        code = ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # `craft read big.pcap | head`: stop quietly, as tcpdump does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitStatus.OK
    except Exception as e:  # typer's own: Exit, Abort and click's usage errors (exit code 2)
        code = _typer_error(e, debug)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


# Commands that close every file and wait for every child before they
# return: the console script ends them without the interpreter's teardown
# (``entry``).
NO_TEARDOWN = ("read",)


def entry() -> None:
    """The ``craft`` console script (and ``python -m craft``): ``main``; after
    a command of NO_TEARDOWN, the process ends at once, its output flushed,
    without the interpreter freeing every object and module one by one (7 to
    10 ms of a craft read, issue 13; tcpdump's exit() frees nothing either).
    Tests call ``main``, which ends with SystemExit as usual."""
    try:
        main()
    except SystemExit as e:
        code = e.code
        if sys.argv[1:2] and sys.argv[1] in NO_TEARDOWN and isinstance(code, int):
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):
                raise e from None  # the usual end reports it
            os._exit(code)
        raise


def _typer_error(e: Exception, debug: bool) -> int:
    """The exit status of typer's exceptions (typer is imported: they came
    from it); anything else goes on up."""
    from typer.exceptions import Abort, Exit, TyperException

    if isinstance(e, Exit):
        return e.exit_code
    if isinstance(e, Abort):
        return ExitStatus.INTERRUPTED
    if isinstance(e, TyperException):
        if debug:
            _traceback()
        e.show()  # type: ignore[attr-defined]
        return e.exit_code
    raise e


def _traceback() -> None:
    import traceback  # only with --debug: its import costs every start 3 ms

    traceback.print_exc()
