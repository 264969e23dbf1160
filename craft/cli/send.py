"""craft send: a profile's frames onto an interface, with the replies matched."""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import json
import signal
import sys
import time
from pathlib import Path
from typing import Annotated, Any

from craft.cli.params import Argument, Exit, Option, for_typer
from craft.errors import ExitStatus, UsageError

ProfileArg = Annotated[
    Path,
    Argument(help="A profile (YAML) file or a bundled profile name.", show_default=False),
]


def _reply_printer(ethernet: bool):  # type: ignore[no-untyped-def]
    """A function: reply bytes, kernel time, layers -> a tcpdump -n style line
    (craft.fmt.tcpdump), or the layers' own summaries when it cannot say."""
    from craft.live.replies import summary_line

    try:
        from craft.fmt.tcpdump import Printer, PrintOptions

        printer = Printer(PrintOptions())
    except (ImportError, TypeError):
        printer = None
    linktype = 1 if ethernet else 101  # DLT_EN10MB, LINKTYPE_RAW

    def line(data: bytes, ts: float, layers: Any) -> str:
        sec = int(ts)
        if printer is not None:
            return printer.format(sec, int((ts - sec) * 1e9), data, len(data), linktype)
        stamp = time.strftime("%H:%M:%S", time.localtime(ts)) + f".{int(ts % 1 * 1e6):06d}"
        return f"{stamp} {summary_line(layers)}"

    return line


def _print_dry(fmt: str, frame: Any, data: bytes) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    names = " / ".join(layer.name for layer in frame.layers)
    title = f"{frame.label} #{frame.number}: {names} ({len(data)} bytes)"
    if fmt == "hex":
        print(data.hex())
    elif fmt == "explain":
        from craft.fmt.explain import explain_table

        console.print(explain_table(frame, title=title))
    else:
        from craft.encode.struct_ import encode_layers
        from craft.fmt.hexdump import hexdump

        try:
            spans = [(e.name, e.offset, e.offset + len(e.header)) for e in encode_layers(frame)]
        except Exception:  # noqa: BLE001 - colour spans are a nicety
            spans = []
        console.print(f"[bold]{title}[/bold]")
        console.print(hexdump(data, spans))


class _Progress:
    """A rich progress line on stderr, shown once a send has run ~1 s."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.bar: Any = None
        self.task: Any = None
        self.on = sys.stderr.isatty()

    def __call__(self, frames: int, nbytes: int, elapsed: float) -> None:
        if not self.on or elapsed < 1.0:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(
                TextColumn("{task.completed:,} frames"),
                BarColumn(),
                TextColumn("{task.fields[fps]:,.0f} frames/s"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("send", total=self.total, fps=0.0)
        self.bar.update(self.task, completed=frames, fps=frames / elapsed)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def send_cmd(
    profile: ProfileArg,
    iface: Annotated[
        str | None,
        Option(
            "--interface",
            "-i",
            help="Interface to send on (default: the one the kernel routes the first frame's "
                 "destination through).",
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int | None,
        Option(
            "--count",
            "-c",
            help="Frames to send (default: every frame of each stream once; 0: until Ctrl-C).",
            show_default=False,
        ),
    ] = None,
    interval: Annotated[
        float | None, Option("--interval", help="Seconds between frames.", show_default=False)
    ] = None,
    rate: Annotated[
        float | None,
        Option(
            "--rate",
            help="Frames per second (default: as fast as the interface takes them).",
            show_default=False,
        ),
    ] = None,
    var: Annotated[
        list[str] | None,
        Option(
            "--var",
            help="Override a profile variable: NAME=VALUE (repeatable).",
            show_default=False,
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        Option(
            "--set",
            help="Override one field: frames[0].ipv4.ttl=1 (repeatable).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, Option("--seed", help="Seed for random streams ({random: \\[min, max]}).")
    ] = 1,
    backend: Annotated[
        str,
        Option(
            "--backend", "-b", help="Encoder: struct or scapy (both send on the same raw socket)."
        ),
    ] = "struct",
    replies: Annotated[
        bool,
        Option(
            "--replies",
            "-r",
            help="Catch and print the replies matched to each request, with round-trip times.",
        ),
    ] = False,
    timeout: Annotated[
        float,
        Option(
            "--timeout", help="With --replies: seconds to wait for replies after the last frame."
        ),
    ] = 1.0,
    expect: Annotated[
        str | None,
        Option(
            "--expect",
            help="Exit 0 if this holds over the replies, else 1: e.g. 'answered == sent', "
                 "'tcp.flags == SA' (implies --replies).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, Option("--dry-run", help="Resolve and build, print the frames, send nothing.")
    ] = False,
    fmt: Annotated[
        str, Option("--format", "-f", help="--dry-run output: hexdump, hex or explain.")
    ] = "hexdump",
    as_json: Annotated[
        bool, Option("--json", help="Print the summary (and replies) as JSON.")
    ] = False,
    lab: Annotated[
        str | None,
        Option(
            "--lab",
            help="Run inside the lab node NODE (client or server) of the lab named by --lab-name.",
            show_default=False,
        ),
    ] = None,
    lab_name: Annotated[str, Option("--lab-name", help="The lab --lab refers to.")] = "craft",
) -> None:
    """Send a profile's frames on an interface; with --replies, print each reply matched to its
    request."""
    from craft.cli.build import load
    from craft.encode.build import encoder_for
    from craft.live.replies import Matcher, evaluate, parse_expect
    from craft.live.send import Pacing, Sender, choose_interface, first_destination, profile_batches

    if backend not in ("struct", "scapy"):
        raise UsageError(f"--backend {backend!r}: use struct or scapy")
    if count is not None and count < 0:
        raise UsageError(f"--count {count}: give 0 (until Ctrl-C) or more frames")
    if timeout < 0:
        raise UsageError(f"--timeout {timeout}: give 0 or more seconds")
    if fmt not in ("hexdump", "hex", "explain"):
        raise UsageError(f"--format {fmt!r}: use hexdump, hex or explain")
    pacing = Pacing.of(interval, rate)
    expr = parse_expect(expect) if expect is not None else None
    replies = replies or expr is not None
    if lab is not None:
        from craft.live.lab import Lab, enter

        enter(Lab(lab_name).namespace(lab))
    prof = load(profile, var, set_)
    n = prof.default_count() if count is None else (None if count == 0 else count)
    interface = choose_interface(iface, prof, seed)

    if dry_run:
        from craft.live.iface import InterfaceResolver
        from craft.live.send import wire_bytes

        dst = first_destination(prof, seed)
        resolver = InterfaceResolver(interface, hints=(dst,) if dst else ())
        encode, on_wire = encoder_for(backend), wire_bytes(interface)
        shown = prof.default_count() if n is None else n
        print(
            f"craft: dry run on {interface.name}: {shown} frame(s), nothing sent", file=sys.stderr
        )
        for frame in prof.frames(count=shown, seed=seed, resolver=resolver):
            _print_dry(fmt, frame, on_wire(frame, encode(frame)))
        return

    from craft.errors import RuntimeFailure
    from craft.live.lab import CAP_NET_RAW, has_capability

    if not has_capability(CAP_NET_RAW):
        raise RuntimeFailure("craft send needs root or CAP_NET_RAW")
    batches = profile_batches(prof, interface, count=n, seed=seed, backend=backend)
    matcher = Matcher() if replies else None
    answers_json: list[dict[str, Any]] = []
    line_of = _reply_printer(interface.ethernet)

    def on_answer(a: Any) -> None:
        text = (
            f"{line_of(a.data, a.received_at, a.layers)}  (frame #{a.request.number}, "
            f"rtt {a.rtt * 1000:.3f} ms)"
        )
        if as_json:
            answers_json.append(
                {"frame": a.request.number, "rtt_ms": round(a.rtt * 1000, 3), "reply": text}
            )
        else:
            print(text, flush=True)

    progress = _Progress(n) if not as_json else None
    sender = Sender(
        interface, pacing=pacing, matcher=matcher, on_answer=on_answer, on_progress=progress
    )
    old = signal.signal(signal.SIGINT, lambda *_: sender.stop())
    try:
        summary = sender.run(batches, timeout=timeout)
    finally:
        signal.signal(signal.SIGINT, old)
        if progress is not None:
            progress.close()
    summary.replies = answers_json
    verdict: tuple[bool, str] | None = None
    if expr is not None and matcher is not None and not summary.interrupted:
        verdict = evaluate(expr, matcher)
    if as_json:
        out = summary.as_json()
        if verdict is not None:
            out["expect"] = {"expression": expect, "holds": verdict[0], "reason": verdict[1]}
        print(json.dumps(out, indent=None, separators=(",", ":")))
    else:
        print(summary.line())
        if matcher is not None:
            print(
                f"{summary.sent} sent, {summary.answered} answered, {summary.unanswered} unanswered"
            )
    if summary.interrupted:
        raise Exit(ExitStatus.INTERRUPTED)
    if verdict is not None and not verdict[0]:
        print(f"craft: expect failed: {verdict[1]}", file=sys.stderr)
        raise Exit(ExitStatus.FAILURE)


def register(app: Any) -> None:
    """Add this group's commands to the app."""
    app.command("send")(for_typer(send_cmd))


# run without typer when the command line is a plain one (craft/cli/params.py)
FAST = {"send": send_cmd}
