"""craft sniff and craft read: capture or read packets and print them like tcpdump -n."""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import sys
from typing import Annotated, Any

from craft.cli.params import Argument, Option, for_typer
from craft.errors import UsageError

FilterArg = Annotated[
    list[str] | None,
    Argument(
        help="tcpdump filter expression (compiled by libpcap), e.g. icmp or 'tcp port 80'.",
        show_default=False,
        metavar="FILTER",
    ),
]
CountOpt = Annotated[
    int, Option("-c", metavar="COUNT", help="Exit after COUNT packets.", show_default=False)
]
WriteOpt = Annotated[
    str | None,
    Option(
        "-w",
        metavar="FILE",
        help="Write the packets to a pcap FILE ('-': standard output) instead of printing them.",
        show_default=False,
    ),
]
NumericOpt = Annotated[
    bool, Option("-n", help="Numeric addresses and ports (always; accepted for habit).")
]
LinkOpt = Annotated[bool, Option("-e", help="Print the link-level header.")]
HexOpt = Annotated[
    int,
    Option("-x", count=True, help="-x: hex of each packet; -xx: including the link header."),
]
AsciiOpt = Annotated[
    int, Option("-X", count=True, help="-X: hex and ASCII; -XX: including the link header.")
]
TimeOpt = Annotated[
    int,
    Option(
        "-t", count=True, help="-t: no timestamp; -tt: epoch; -ttt: delta; -tttt: date and time."
    ),
]
VerboseOpt = Annotated[int, Option("-v", count=True, help="More detail: -v, -vv, -vvv.")]
QuietOpt = Annotated[bool, Option("-q", help="Quiet: less protocol detail.")]
JsonOpt = Annotated[
    bool,
    Option(
        "--json", help="One JSON object per packet: timestamp, lengths, every field by layer."
    ),
]
TextOpt = Annotated[
    int,
    Option(
        "-A", count=True, help="-A: each packet as text (HTTP, SMTP...); -AA: with the link header."
    ),
]
AbsoluteOpt = Annotated[
    bool, Option("-S", help="Absolute TCP sequence numbers (not relative to the first).")
]
NumberOpt = Annotated[
    bool, Option("-#", "--number", help="Print each packet's number first.")
]
LineOpt = Annotated[
    bool, Option("-l", help="Line-buffered: write each packet's line at once (for pipes).")
]
NoDomainOpt = Annotated[
    bool,
    Option(
        "-N", help="Host names without domain (names are never looked up; accepted for habit)."
    ),
]


def _opts(
    e: bool,
    x: int,
    X: int,
    t: int,
    v: int,
    q: bool,
    json_: bool,
    A: int = 0,  # type: ignore[no-untyped-def]
    S: bool = False,
    number: bool = False,
    line: bool = False,
):
    from craft.live.sniff import SniffOptions

    if t > 4:
        raise UsageError(f"-{'t' * t}: give at most four t's (-tttt)")
    return SniffOptions(
        e=e,
        x=min(x, 2),
        X=min(X, 2),
        t=t,
        v=min(v, 3),
        q=q,
        A=min(A, 2),
        S=S,
        number=number,
        json=json_,
        line_buffered=line,
    )


def sniff_cmd(
    iface: Annotated[
        str | None,
        Argument(
            metavar="IFACE",
            help="Interface to capture on (see -D); any: all of them.",
            show_default=False,
        ),
    ] = None,
    filter_words: FilterArg = None,
    interface: Annotated[
        str | None,
        Option(
            "-i",
            metavar="IFACE",
            help="Interface (instead of the IFACE argument).",
            show_default=False,
        ),
    ] = None,
    count: CountOpt = 0,
    write: WriteOpt = None,
    numeric: NumericOpt = False,
    e: LinkOpt = False,
    x: HexOpt = 0,
    X: AsciiOpt = 0,
    t: TimeOpt = 0,
    v: VerboseOpt = 0,
    q: QuietOpt = False,
    A: TextOpt = 0,
    S: AbsoluteOpt = False,
    number: NumberOpt = False,
    line: LineOpt = False,
    no_domain: NoDomainOpt = False,
    snaplen: Annotated[
        int,
        Option(
            "-s", metavar="SNAPLEN", help="Snapshot length: bytes kept per packet (0: 262144)."
        ),
    ] = 262144,
    no_promisc: Annotated[
        bool, Option("-p", help="Do not put the interface in promiscuous mode.")
    ] = False,
    json_: JsonOpt = False,
    user: Annotated[
        str | None,
        Option(
            "-Z",
            metavar="USER",
            help="After opening the socket, drop privileges to USER (the -w file becomes theirs).",
            show_default=False,
        ),
    ] = None,
    list_ifaces: Annotated[bool, Option("-D", help="List the interfaces and exit.")] = False,
    buffer_kib: Annotated[
        int, Option("-B", metavar="KIB", help="Ring buffer size in KiB.")
    ] = 32768,
) -> None:
    """Capture on an interface (AF_PACKET mmap ring, kernel BPF filter) and print like tcpdump
    -n."""
    if list_ifaces:
        from craft.io.findalldevs import list_interfaces

        for line in list_interfaces():
            print(line)
        return
    words = list(filter_words or ())
    if interface is not None:
        if iface is not None:
            words.insert(0, iface)
        iface = interface
    if iface is None:
        raise UsageError(
            "name an interface: craft sniff IFACE [FILTER...] (craft sniff -D lists them)"
        )
    if count < 0:
        raise UsageError(f"-c {count}: give a positive count")
    if snaplen < 0:
        raise UsageError(f"-s {snaplen}: give a positive snapshot length (0 for the default)")
    if buffer_kib < 1024:
        raise UsageError(f"-B {buffer_kib}: give at least 1024 KiB")
    from craft.live.sniff import sniff

    opts = _opts(e, x, X, t, v, q, json_, A, S, number, line)
    sniff(
        iface,
        " ".join(words),
        opts,
        sys.stdout,
        sys.stderr,
        count=count,
        snaplen=snaplen,
        promisc=not no_promisc,
        write=write,
        user=user,
        buffer_kib=buffer_kib,
    )


def read_cmd(
    file: Annotated[
        str,
        Argument(
            metavar="FILE", help="A pcap or pcapng file ('-': standard input).", show_default=False
        ),
    ],
    filter_words: FilterArg = None,
    count: CountOpt = 0,
    write: WriteOpt = None,
    numeric: NumericOpt = False,
    e: LinkOpt = False,
    x: HexOpt = 0,
    X: AsciiOpt = 0,
    t: TimeOpt = 0,
    v: VerboseOpt = 0,
    q: QuietOpt = False,
    A: TextOpt = 0,
    S: AbsoluteOpt = False,
    number: NumberOpt = False,
    line: LineOpt = False,
    no_domain: NoDomainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Read a pcap/pcapng file and print its packets like tcpdump -n -r."""
    if count < 0:
        raise UsageError(f"-c {count}: give a positive count")
    from craft.live.sniff import read

    opts = _opts(e, x, X, t, v, q, json_, A, S, number, line)
    read(file, " ".join(filter_words or ()), opts, sys.stdout, sys.stderr, count=count, write=write)


def register(app: Any) -> None:
    """Add this group's commands to the app."""
    app.command("sniff")(for_typer(sniff_cmd))
    app.command("read")(for_typer(read_cmd))


# run without typer when the command line is a plain one (craft/cli/params.py)
FAST = {"sniff": sniff_cmd, "read": read_cmd}
