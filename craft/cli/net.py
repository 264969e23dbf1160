"""craft net commands: tcp-server, tcp-client, udp-server, udp-client.

The classic socket-lab programs: same bytes on the wire, same words at the
terminal. The library (craft.net) does the sockets; these commands map
options to it and print.
"""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import sys
from typing import Annotated

import typer

from craft.errors import ExitStatus, UsageError


def _ask_message() -> str:
    """Prompt as the classic clients do and read one line (terminal or pipe)."""
    sys.stdout.write("Please enter the message: ")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise UsageError("no message: standard input ended before a line was read")
    return line.rstrip("\r\n")


def _text(data: bytes) -> str:
    from craft.net.message import printable

    return printable(data.rstrip(b"\r\n"))


# Options both servers take.
BindOpt = Annotated[
    str | None,
    typer.Option("--bind", "-b", help="Listen on this address only (default: all, IPv4 and IPv6)."),
]
ShowPeerOpt = Annotated[
    bool, typer.Option("--show-peer", help=r"Prefix lines with \[ip:port] of the client.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per event on stdout.")]


def tcp_server(
    port: Annotated[
        int, typer.Argument(min=0, max=65535, help="TCP port (0: any free port).")
    ] = 5001,
    bind: BindOpt = None,
    reply: Annotated[str, typer.Option(help="Answer to each message.")] = "I got your message",
    echo: Annotated[bool, typer.Option("--echo", help="Answer with the message itself.")] = False,
    mode: Annotated[
        str,
        typer.Option(
            help="async (one event loop, scales best), fork (a process per connection, as the "
                 "classic server) or thread."
        ),
    ] = "async",
    max_clients: Annotated[
        int,
        typer.Option(min=0, help="Accept and close connections beyond N at once (0: no limit)."),
    ] = 0,
    idle_timeout: Annotated[
        float,
        typer.Option(min=0, help="Close a connection after S seconds without data (0: never)."),
    ] = 0.0,
    max_message: Annotated[
        int,
        typer.Option(
            min=1, help="Keep at most BYTES of a message; the rest is cut with a warning."
        ),
    ] = 65536,
    quiet_period: Annotated[
        float,
        typer.Option(
            min=0.001, help="A message without newline ends after S seconds with no new bytes."
        ),
    ] = 0.2,
    show_peer: ShowPeerOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """TCP server: print each message (`Here is the message: ...`) and answer it.

    A message ends at a newline, when the client half-closes, or after the
    quiet period. Listens on all addresses, IPv4 and IPv6, unless --bind."""
    from craft.net.events import EventPrinter
    from craft.net.tcp_server import MODES, TcpServerConfig, serve_tcp

    if mode not in MODES:
        raise typer.BadParameter(f"{mode!r} is not one of {', '.join(MODES)}", param_hint="--mode")
    config = TcpServerConfig(
        port=port,
        bind=bind,
        mode=mode,
        reply=reply.encode(),
        echo=echo,
        max_clients=max_clients,
        idle_timeout=idle_timeout,
        max_message=max_message,
        quiet_period=quiet_period,
    )
    serve_tcp(config, EventPrinter("craft tcp-server", as_json=as_json, show_peer=show_peer))


def tcp_client(
    host: Annotated[str, typer.Argument(help="Server name or address.")],
    port: Annotated[int, typer.Argument(min=1, max=65535, help="TCP port.")] = 5001,
    message: Annotated[
        str | None,
        typer.Option("--message", "-m", help="Send this (default: prompt and read a line)."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(min=0.001, help="Seconds to wait for the connection and for the answer."),
    ] = 10.0,
) -> None:
    """TCP client: send one line, print the server's answer."""
    from craft.net.tcp_client import tcp_exchange

    text = _ask_message() if message is None else message
    data = text.encode()
    if not data.endswith(b"\n"):
        data += b"\n"  # a line, as the classic client's fgets() sends it
    answer = tcp_exchange(host, port, data, timeout=timeout)
    print(_text(answer))


def udp_server(
    port: Annotated[
        int, typer.Argument(min=0, max=65535, help="UDP port (0: any free port).")
    ] = 5002,
    bind: BindOpt = None,
    reply: Annotated[str, typer.Option(help="Answer to each datagram.")] = "Got your message",
    echo: Annotated[bool, typer.Option("--echo", help="Answer with the datagram itself.")] = False,
    show_peer: ShowPeerOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """UDP server: print each datagram (`Received a datagram: ...`) and acknowledge it."""
    from craft.net.events import EventPrinter
    from craft.net.udp import UdpServerConfig, serve_udp

    config = UdpServerConfig(port=port, bind=bind, reply=reply.encode(), echo=echo)
    serve_udp(config, EventPrinter("craft udp-server", as_json=as_json, show_peer=show_peer))


def udp_client(
    host: Annotated[str, typer.Argument(help="Server name or address.")],
    port: Annotated[int, typer.Argument(min=1, max=65535, help="UDP port.")] = 5002,
    message: Annotated[
        str | None,
        typer.Option("--message", "-m", help="Send this (default: prompt and read a line)."),
    ] = None,
    count: Annotated[int, typer.Option(min=0, help="Datagrams to send (0: until Ctrl-C).")] = 1,
    interval: Annotated[float, typer.Option(min=0, help="Seconds between datagrams.")] = 0.5,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds to wait for each ack.")] = 2.0,
) -> None:
    """UDP client: send a datagram, print `Got an ack: ...`; exit 1 if any went unanswered."""
    from craft.net.addr import host_port_text
    from craft.net.udp import UdpTally, udp_exchange

    text = _ask_message() if message is None else message
    where = host_port_text(host, port)
    tally = UdpTally()

    def on_answer(n: int, data: bytes | None, why: str) -> None:
        if data is not None:
            print(f"Got an ack: {_text(data)}", flush=True)
        elif why == "refused":
            print(f"no answer from {where}: port unreachable (is a server running?)", flush=True)
        elif why == "timeout":
            print(f"no answer from {where} within {timeout:g} s", flush=True)
        else:
            print(f"no answer from {where}: {why}", flush=True)

    def summary() -> None:
        lost = tally.sent - tally.answered
        print(
            f"craft udp-client: {tally.sent} sent, {tally.answered} answered, {lost} unanswered",
            file=sys.stderr,
        )

    try:
        udp_exchange(
            host,
            port,
            text.encode(),
            on_answer,
            tally,
            count=count,
            interval=interval,
            timeout=timeout,
        )
    except KeyboardInterrupt:
        summary()
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    if count != 1:
        summary()
    if tally.answered < tally.sent:
        raise typer.Exit(int(ExitStatus.FAILURE))


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("tcp-server")(tcp_server)
    app.command("tcp-client")(tcp_client)
    app.command("udp-server")(udp_server)
    app.command("udp-client")(udp_client)
