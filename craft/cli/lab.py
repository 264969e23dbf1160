"""craft lab commands: a client and a server namespace joined by a veth pair."""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import os
import sys
from typing import Annotated

import typer

NameOpt = Annotated[
    str, typer.Option("--name", "-n", help="Lab name: namespaces are NAME-client and NAME-server.")
]

lab_app = typer.Typer(
    name="lab",
    help="A two-host lab (client, server) in network namespaces on this machine.",
    no_args_is_help=True,
)


def _table(statuses: list) -> None:
    rows = [("node", "namespace", "interface", "mac", "state", "mtu", "addresses")]
    for s in statuses:
        if not s.exists:
            rows.append((s.node, s.namespace, "-", "-", "absent", "-", "-"))
        else:
            rows.append((s.node, s.namespace, s.ifname or "-", s.mac or "-",
                         s.state or "no eth0", str(s.mtu or "-"), " ".join(s.addresses) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


@lab_app.command("up")
def up(
    name: NameOpt = "craft",
    router: Annotated[bool, typer.Option(
        "--router", help="Three nodes: client 192.0.2.1 — router (forwarding) — server "
        "198.51.100.2, on two subnets.")] = False,
) -> None:
    """Create the lab (idempotent): NAME-client 192.0.2.1, 2001:db8::1 and
    NAME-server 192.0.2.2, 2001:db8::2, each with eth0 on one veth pair."""
    from craft.live.lab import Lab

    _table(Lab(name, router=router).up())


@lab_app.command("down")
def down(name: NameOpt = "craft") -> None:
    """Remove the lab's namespaces and its veth pair."""
    from craft.live.lab import Lab

    removed = Lab(name).down()
    print(f"removed {', '.join(removed)}" if removed else f"lab {name!r} was not up")


@lab_app.command("status")
def status(name: NameOpt = "craft") -> None:
    """What exists: namespaces, interfaces, MACs, addresses."""
    from craft.live.lab import Lab

    _table(Lab(name).status())


@lab_app.command(
    "exec",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def exec_(
    node: Annotated[str, typer.Argument(help="client or server")],
    command: Annotated[list[str] | None, typer.Argument(help="the command, after --")] = None,
    name: NameOpt = "craft",
) -> None:
    """Run a command inside a node: craft lab exec client -- ping -c1 192.0.2.2"""
    from craft.errors import UsageError
    from craft.live.lab import Lab, namespaces, preflight

    argv = list(command or [])
    if not argv:
        raise UsageError("lab exec needs a command: craft lab exec NODE -- COMMAND...")
    lab = Lab(name)
    ns = lab.namespace(node)
    preflight()
    if ns not in namespaces():
        from craft.errors import RuntimeFailure

        raise RuntimeFailure(f"lab {name!r} is not up ({ns} missing): run 'craft lab up'")
    sys.stdout.flush()
    args = lab.command(node, argv)
    os.execvp(args[0], args)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.add_typer(lab_app)
