"""craft verify, diff, compare, export, import: what the profile says against
what went on the wire, and craft's reading of it against tcpdump's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from craft.cli.build import CountOpt, ProfileArg, SeedOpt, SetOpt, VarOpt, load
from craft.errors import ExitStatus, UsageError

CaptureArg = Annotated[Path, typer.Argument(help="A pcap or pcapng file (tcpdump -w, tshark -w, craft sniff -w).", show_default=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only what differs and the summary.")]


def _fail(ok: bool) -> None:
    if not ok:
        raise typer.Exit(ExitStatus.FAILURE)


def verify_cmd(
    profile: ProfileArg,
    capture: CaptureArg,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    seed: SeedOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Does CAPTURE hold the profile's frames, in order? Given fields must match by value,
    computed ones must be correct, auto addresses are reported. Exit 0 only when every frame matched."""
    from craft.pcapdiff import load_capture
    from craft.verify import verify

    if count is not None and count < 1:
        raise UsageError(f"--count {count}: give 1 or more frames")
    prof = load(profile, var, set_)
    cap = load_capture(capture)
    report = verify(prof.frames(count=count, seed=seed), cap)
    print_verify(report, quiet)
    _fail(report.ok)


def print_verify(report, quiet: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The verify report as text: a line per frame, the differing fields under it."""
    for f in report.frames:
        if f.matched:
            if not quiet:
                print(f"ok    {f.label} = packet {f.packet}")
            continue
        where = f"packet {f.packet} (closest)" if f.packet else "no packet"
        print(f"FAIL  {f.label} not found; {where} differs:")
        for m in f.mismatches:
            print(f"        {m}")
    if report.auto_seen:
        print("auto addresses seen: " + ", ".join(f"{k}={v}" for k, v in report.auto_seen.items()))
    print(report.summary())


def diff_cmd(
    a: Annotated[Path, typer.Argument(help="First capture (pcap/pcapng).", show_default=False)],
    b: Annotated[Path, typer.Argument(help="Second capture.", show_default=False)],
    ignore: Annotated[list[str] | None, typer.Option("--ignore", "-I", help="Fields or layers to leave out, comma-separated or repeated: ipv4.id,ipv4.checksum or padding.", show_default=False)] = None,
    quiet: QuietOpt = False,
) -> None:
    """Compare two captures packet by packet: equal, or the fields that differ. Exit 0 when all are equal."""
    from craft.pcapdiff import (
        DIFFER,
        EQUAL,
        IGNORED,
        ONLY_A,
        ONLY_B,
        diff_captures,
        load_capture,
        parse_ignore,
    )

    ign = parse_ignore(ignore or ())
    report = diff_captures(load_capture(a), load_capture(b), ign)
    for p in report.packets:
        if p.status == EQUAL and not quiet:
            print(f"=     packet {p.number}")
        elif p.status == IGNORED and not quiet:
            names = ", ".join(sorted({d.name for d in p.fields}))
            print(f"~     packet {p.number} (differs only in ignored {names})")
        elif p.status == DIFFER:
            print(f"DIFF  packet {p.number}:")
            for d in p.fields:
                print(f"        {d.name}: {d.a} | {d.b}")
        elif p.status in (ONLY_A, ONLY_B):
            print(f"{'<' if p.status == ONLY_A else '>'}     packet {p.number} only in "
                  f"{report.a if p.status == ONLY_A else report.b}")
    print(report.summary())
    _fail(report.ok)


def import_cmd(
    capture: CaptureArg,
    filter_words: Annotated[list[str] | None, typer.Argument(help="tcpdump filter expression: import only the packets it matches.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the profile to FILE (default: standard output).", show_default=False)] = None,
    count: Annotated[int, typer.Option("--count", "-c", help="Import at most COUNT packets (0: all).")] = 0,
    name: Annotated[str | None, typer.Option("--name", help="The profile's name (default: the capture's file name).", show_default=False)] = None,
) -> None:
    """Turn the packets of a capture into a profile: decoded layers as fields, correct lengths and
    checksums left to be computed. Building the profile gives the captured bytes again."""
    from craft.importer import import_packets, profile_yaml
    from craft.pcapdiff import load_capture

    if count < 0:
        raise UsageError(f"--count {count}: give 0 (all) or more packets")
    cap = load_capture(capture)
    match = None
    expr = " ".join(filter_words or ())
    if expr:
        from craft.io.bpf import compile_filter

        match = compile_filter(expr, cap.linktype, 262144).matcher()
    items = import_packets(cap, count=count, match=match)
    if not items:
        raise UsageError(f"{capture}: " + (f"no packets match {expr!r}" if expr else "no packets"))
    text = profile_yaml(items, name or capture.stem, capture.name)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"{output}: cannot write the profile: {e.strerror}") from None
    kept = sum(1 for i in items if i.how != "fields")
    print(f"craft: {len(items)} frame(s) written to {output}"
          + (f" ({kept} with every field or as hex)" if kept else ""), file=sys.stderr)


def export_cmd(
    profile: ProfileArg,
    to: Annotated[str, typer.Option("--to", "-t", help="trafgen (a netsniff-ng configuration) or pcap.")] = "trafgen",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (default: standard output; pcap needs -o or a redirect).", show_default=False)] = None,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    seed: SeedOpt = 1,
    interface: Annotated[str | None, typer.Option("--interface", "-i", help="Resolve auto addresses from this interface (default: the lab's placeholder addresses).", show_default=False)] = None,
) -> None:
    """Export a profile's frames: a trafgen configuration (trafgen's counters and checksum
    functions where they reproduce the frames, else every frame written out) or a pcap."""
    from craft.builder import build

    if to not in ("trafgen", "pcap"):
        raise UsageError(f"--to {to!r}: use trafgen or pcap")
    if count is not None and count < 1:
        raise UsageError(f"--count {count}: give 1 or more frames")
    if to == "pcap" and output is None and sys.stdout.isatty():
        raise UsageError("--to pcap writes binary: add -o FILE or redirect standard output")
    prof = load(profile, var, set_)
    resolver = None
    if interface is not None:
        from craft.iface_resolver import InterfaceResolver
        from craft.send import choose_interface, first_destination

        dst = first_destination(prof, seed)
        resolver = InterfaceResolver(choose_interface(interface, prof, seed),
                                     hints=(dst,) if dst else ())
    built = build(prof, count=count, seed=seed, resolver=resolver)
    notes: set[str] = set()

    def noted(items):  # type: ignore[no-untyped-def]
        for b in items:
            for note in b.frame.notes:
                if note not in notes:
                    notes.add(note)
                    print(f"craft: {note}", file=sys.stderr)
            yield b

    if to == "pcap":
        from craft.io.pcap import PcapWriter

        stream = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115
        try:
            writer = PcapWriter(stream)
            for i, b in enumerate(noted(built)):
                writer.write(0, i * 1000, b.data)
            writer.flush()
        finally:
            if output:
                stream.close()
        return
    from craft.export import trafgen_export

    text = trafgen_export(noted(built)).text(str(profile))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"{output}: cannot write: {e.strerror}") from None


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("verify")(verify_cmd)
    app.command("diff")(diff_cmd)
    app.command("export")(export_cmd)
    app.command("import")(import_cmd)
