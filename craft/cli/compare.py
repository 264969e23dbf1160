"""craft verify, diff, compare, export, import: what the profile says against
what went on the wire, and craft's reading of it against tcpdump's."""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import sys
from pathlib import Path
from typing import Annotated, Any

from craft.cli.build import CountOpt, ProfileArg, SeedOpt, SetOpt, VarOpt, load
from craft.cli.params import Argument, Exit, Option, for_typer
from craft.errors import ExitStatus, UsageError

CaptureArg = Annotated[
    Path,
    Argument(
        help="A pcap or pcapng file (tcpdump -w, tshark -w, craft sniff -w).", show_default=False
    ),
]
QuietOpt = Annotated[
    bool, Option("--quiet", "-q", help="Print only what differs and the summary.")
]


def write_text(text: str, output: Path | None, what: str = "") -> bool:
    """``text`` to ``output``, or to standard output when there is none;
    True when it went to the file."""
    if output is None:
        sys.stdout.write(text)
        return False
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(
            f"{output}: cannot write{' ' + what if what else ''}: {e.strerror}"
        ) from None
    return True


def _fail(ok: bool) -> None:
    if not ok:
        raise Exit(ExitStatus.FAILURE)


def verify_cmd(
    profile: ProfileArg,
    capture: CaptureArg,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    seed: SeedOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Check that CAPTURE holds the profile's frames, in order; exit 0 only when all matched.

    Given and default fields must match by value, computed lengths and checksums must be
    correct, auto addresses are accepted and reported."""
    from craft.capture.pcapdiff import load_capture
    from craft.capture.verify import verify

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
    a: Annotated[Path, Argument(help="First capture (pcap/pcapng).", show_default=False)],
    b: Annotated[Path, Argument(help="Second capture.", show_default=False)],
    ignore: Annotated[
        list[str] | None,
        Option(
            "--ignore",
            "-I",
            help="Fields or layers to leave out, comma-separated or repeated: "
                 "ipv4.id,ipv4.checksum or padding.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Compare two captures packet by packet: equal, or the fields that differ. Exit 0 when all are
    equal."""
    from craft.capture.pcapdiff import (
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
            print(
                f"{'<' if p.status == ONLY_A else '>'}     packet {p.number} only in "
                f"{report.a if p.status == ONLY_A else report.b}"
            )
    print(report.summary())
    _fail(report.ok)


def import_cmd(
    capture: CaptureArg,
    filter_words: Annotated[
        list[str] | None,
        Argument(
            help="tcpdump filter expression: import only the packets it matches.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        Option(
            "--output",
            "-o",
            help="Write the profile to FILE (default: standard output).",
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int, Option("--count", "-c", help="Import at most COUNT packets (0: all).")
    ] = 0,
    name: Annotated[
        str | None,
        Option(
            "--name",
            help="The profile's name (default: the capture's file name).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn the packets of a capture into a profile that builds back to the same bytes.

    Decoded layers become fields; correct lengths and checksums are left to be computed."""
    from craft.capture.importer import import_packets, profile_yaml
    from craft.capture.pcapdiff import load_capture

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
    if not write_text(text, output, "the profile"):
        return
    kept = sum(1 for i in items if i.how != "fields")
    print(
        f"craft: {len(items)} frame(s) written to {output}"
        + (f" ({kept} with every field or as hex)" if kept else ""),
        file=sys.stderr,
    )


def export_cmd(
    profile: ProfileArg,
    to: Annotated[
        str, Option("--to", "-t", help="trafgen (a netsniff-ng configuration) or pcap.")
    ] = "trafgen",
    output: Annotated[
        Path | None,
        Option(
            "--output",
            "-o",
            help="Write to FILE (default: standard output; pcap needs -o or a redirect).",
            show_default=False,
        ),
    ] = None,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    seed: SeedOpt = 1,
    interface: Annotated[
        str | None,
        Option(
            "--interface",
            "-i",
            help="Resolve auto addresses from this interface (default: the lab's placeholder "
                 "addresses).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export a profile's frames as a trafgen configuration or a pcap.

    trafgen gets its own counters and checksum functions where they reproduce the frames,
    else every frame written out."""
    from craft.encode.build import build

    if to not in ("trafgen", "pcap"):
        raise UsageError(f"--to {to!r}: use trafgen or pcap")
    if count is not None and count < 1:
        raise UsageError(f"--count {count}: give 1 or more frames")
    if to == "pcap" and output is None and sys.stdout.isatty():
        raise UsageError("--to pcap writes binary: add -o FILE or redirect standard output")
    prof = load(profile, var, set_)
    resolver = None
    if interface is not None:
        from craft.live.iface import InterfaceResolver
        from craft.live.send import choose_interface, first_destination

        dst = first_destination(prof, seed)
        resolver = InterfaceResolver(
            choose_interface(interface, prof, seed), hints=(dst,) if dst else ()
        )
    built = build(prof, count=count, seed=seed, resolver=resolver)
    from craft.cli.build import print_notes, write_frames

    notes: set[str] = set()

    def noted(items):  # type: ignore[no-untyped-def]
        for b in items:
            print_notes(b.frame, notes)
            yield b

    if to == "pcap":
        write_frames("pcap", (b.data for b in noted(built)), output)
        return
    from craft.capture.export import trafgen_export

    text = trafgen_export(noted(built)).text(str(profile))
    write_text(text, output)


def compare_cmd(
    profile: ProfileArg,
    lab: Annotated[
        bool,
        Option(
            "--lab",
            help="Send from the lab's client, capture on its server (the lab is created, and "
                 "removed after, if it is not up).",
        ),
    ] = False,
    lab_name: Annotated[str, Option("--lab-name", help="The lab --lab uses.")] = "craft",
    interface: Annotated[
        str | None,
        Option(
            "--interface",
            "-i",
            help="Send and capture on this interface instead of a lab.",
            show_default=False,
        ),
    ] = None,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    seed: SeedOpt = 1,
    keep: Annotated[
        Path | None,
        Option(
            "--keep", help="Keep the captures and texts in this directory.", show_default=False
        ),
    ] = None,
) -> None:
    """Send a profile while tcpdump and craft sniff capture it; exit 0 when they agree.

    Both capture to a pcap and as text on the receiving side; the pcaps are diffed, the texts
    compared and both pcaps verified against the profile."""
    import tempfile

    from craft.live.compare import run_compare
    from craft.live.lab import Lab

    if lab == (interface is not None):
        raise UsageError("give --lab (the craft lab) or -i IFACE")
    if count is not None and count < 1:
        raise UsageError(f"--count {count}: give 1 or more frames")
    load(profile, var, set_)  # a bad profile fails before anything starts
    the_lab = Lab(lab_name) if lab else None
    created = False
    tmp = None
    try:
        if the_lab is not None and not the_lab.exists():
            print(
                f"craft: lab {lab_name!r} is not up: creating it (removed at the end)",
                file=sys.stderr,
            )
            created = True
            the_lab.up()
        if keep is None:
            tmp = tempfile.mkdtemp(prefix="craft-compare-")
        workdir = keep if keep is not None else Path(tmp)  # type: ignore[arg-type]
        result = run_compare(
            profile,
            workdir,
            lab=lab_name if lab else None,
            iface=interface,
            count=count,
            vars=var or (),
            sets=set_ or (),
            seed=seed,
        )
    finally:
        if created and the_lab is not None:
            the_lab.down()
        if tmp is not None:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    print_compare(result)
    _fail(result.ok)


def print_compare(r) -> None:  # type: ignore[no-untyped-def]
    """The send's output, the two texts side by side, and the checks."""
    from rich.console import Console
    from rich.table import Table

    from craft.live.compare import strip_times

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    if r.send_output:
        console.print("[bold]craft send[/bold]")
        console.out(r.send_output, highlight=False)
    side = Table(title="what each printed (timestamps aside)", show_lines=False)
    side.add_column("#", justify="right")
    side.add_column("tcpdump -n")
    side.add_column("craft sniff")
    side.add_column("", justify="center")
    t, c = strip_times(r.tcpdump_text), strip_times(r.craft_text)
    for i in range(max(len(t), len(c))):
        a = t[i] if i < len(t) else ""
        b = c[i] if i < len(c) else ""
        side.add_row(str(i + 1), a, b, "=" if a == b else "[red]≠[/red]")
    console.print(side)
    checks = Table(title="checks")
    checks.add_column("check")
    checks.add_column("tcpdump")
    checks.add_column("craft")
    checks.add_column("result")

    def verdict(ok: bool) -> str:
        return "[green]agree[/green]" if ok else "[red]DIFFER[/red]"

    d = r.pcap_diff
    checks.add_row(
        "packets captured (-w)", str(d.count_a), str(d.count_b), verdict(d.count_a == d.count_b)
    )
    differ = d.count("differ") + d.count("only-a") + d.count("only-b")
    checks.add_row(
        "pcap bytes, packet by packet",
        "",
        "",
        verdict(d.ok) + f" ({d.count('equal')} equal, {differ} differ)",
    )
    checks.add_row("printed lines", str(len(t)), str(len(c)), verdict(r.text_equal))
    vt, vc = r.verify_tcpdump, r.verify_craft
    checks.add_row(
        "verify against the profile",
        f"{vt.matched}/{len(vt.frames)} frames",
        f"{vc.matched}/{len(vc.frames)} frames",
        "[green]all matched[/green]" if vt.ok and vc.ok else "[red]FAIL[/red]",
    )
    console.print(checks)
    for name, v in (("tcpdump", vt), ("craft", vc)):
        for f in v.frames:
            if not f.matched:
                console.out(
                    f"verify ({name}'s capture): {f.label}: "
                    + "; ".join(str(m) for m in f.mismatches),
                    highlight=False,
                )
    for p in d.packets:
        if p.status not in ("equal", "ignored"):
            console.out(
                f"diff: packet {p.number}: {p.status} "
                + "; ".join(f"{x.name} {x.a} | {x.b}" for x in p.fields),
                highlight=False,
            )
    console.print(
        "[bold green]tcpdump and craft agree[/bold green]"
        if r.ok
        else "[bold red]tcpdump and craft disagree[/bold red]"
    )


def register(app: Any) -> None:
    """Add this group's commands to the app."""
    app.command("verify")(for_typer(verify_cmd))
    app.command("diff")(for_typer(diff_cmd))
    app.command("compare")(for_typer(compare_cmd))
    app.command("export")(for_typer(export_cmd))
    app.command("import")(for_typer(import_cmd))


# run without typer when the command line is a plain one (craft/cli/params.py)
FAST = {"verify": verify_cmd, "diff": diff_cmd, "compare": compare_cmd, "export": export_cmd,
        "import": import_cmd}
