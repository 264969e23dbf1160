"""craft build, check, profiles, schema: profiles to bytes, cross-checked."""

# No `from __future__ import annotations`: typer reads these signatures on every start,
# and string annotations it would evaluate each time (issue 13).

import json
import sys
from pathlib import Path
from typing import Annotated, Any

from craft.cli.params import Argument, Exit, Option, for_typer
from craft.errors import UsageError

FORMATS = ("hexdump", "hex", "pcap", "raw", "json", "explain")

ProfileArg = Annotated[Path, Argument(help="A profile (YAML) file.", show_default=False)]
CountOpt = Annotated[
    int | None,
    Option(
        "--count",
        "-c",
        help="Frames to build (default: every frame of each stream once).",
        show_default=False,
    ),
]
VarOpt = Annotated[
    list[str] | None,
    Option(
        "--var", help="Override a profile variable: NAME=VALUE (repeatable).", show_default=False
    ),
]
SetOpt = Annotated[
    list[str] | None,
    Option(
        "--set",
        help="Override one field: frames[0].ipv4.ttl=1, or ipv4.ttl=1 for one-frame profiles "
             "(repeatable).",
        show_default=False,
    ),
]
SeedOpt = Annotated[int, Option("--seed", help="Seed for {random: [min, max]} streams.")]


def load(path: Path, var: list[str] | None, set_: list[str] | None):  # type: ignore[no-untyped-def]
    from craft.profile.load import load_profile
    from craft.profile.overrides import parse_vars

    return load_profile(path, vars=parse_vars(var), sets=list(set_ or ()))


def print_notes(frame, seen: set[str]) -> None:  # type: ignore[no-untyped-def]
    for note in frame.notes:
        if note not in seen:
            seen.add(note)
            print(f"craft: {note}", file=sys.stderr)


def build_cmd(
    profile: ProfileArg,
    count: CountOpt = None,
    var: VarOpt = None,
    set_: SetOpt = None,
    backend: Annotated[
        str,
        Option(
            "--backend", "-b", help="struct, scapy, or both (cross-checked byte for byte)."
        ),
    ] = "both",
    fmt: Annotated[
        str | None,
        Option(
            "--format",
            "-f",
            help="hexdump (default on a terminal), hex (default otherwise), pcap, raw, json or "
                 "explain.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        Option(
            "--output", "-o", help="Write to FILE instead of standard output.", show_default=False
        ),
    ] = None,
    seed: SeedOpt = 1,
) -> None:
    """Build a profile's frames: hexdump, hex, pcap, raw bytes, JSON or a field-by-field explain."""
    from craft.encode.build import BACKENDS, build

    if backend not in BACKENDS:
        raise UsageError(f"--backend {backend!r}: use struct, scapy or both")
    out_tty = output is None and sys.stdout.isatty()
    fmt = fmt or ("hexdump" if out_tty else "hex")
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt in ("pcap", "raw") and out_tty:
        raise UsageError(f"--format {fmt} writes binary: add -o FILE or redirect standard output")
    if count is not None and count < 0:
        raise UsageError(f"--count {count}: give 0 or more frames")
    prof = load(profile, var, set_)
    notes: set[str] = set()
    if fmt in ("pcap", "raw", "hex"):
        from craft.encode.build import build_data

        for frame in prof.frames(count=1, seed=seed):
            print_notes(frame, notes)
        write_frames(fmt, build_data(prof, count=count, backend=backend, seed=seed), output)
        return
    built = build(prof, count=count, backend=backend, seed=seed)
    from rich.console import Console

    stream = open(output, "w") if output else sys.stdout  # noqa: SIM115
    # Not a terminal: a wide page, so table rows never wrap mid-value.
    wide = None if (output is None and sys.stdout.isatty()) else 240
    console = Console(
        file=stream,
        highlight=False,
        soft_wrap=True,
        width=wide,
        force_terminal=None if output is None else False,
    )
    try:
        for b in built:
            print_notes(b.frame, notes)
            _print_frame(console, fmt, b)
    finally:
        if output:
            stream.close()


def _print_frame(console, fmt: str, b) -> None:  # type: ignore[no-untyped-def]
    frame, data = b.frame, b.data
    if fmt == "json":
        from craft.fmt.jsonfields import frame_json

        console.out(
            json.dumps(frame_json(data, frame.number), separators=(",", ":")), highlight=False
        )
        return
    from craft.encode.struct_ import encode_layers

    names = " / ".join(layer.name for layer in frame.layers)
    title = f"{frame.label} #{frame.number}: {names} ({len(data)} bytes)"
    if fmt == "explain":
        from craft.fmt.explain import explain_table

        console.print(explain_table(frame, title=title))
        console.print()
        return
    from craft.fmt.hexdump import hexdump

    layers = encode_layers(frame)
    spans = [(e.name, e.offset, e.offset + len(e.header)) for e in layers]
    console.print(f"[bold]{title}[/bold]")
    console.print(hexdump(data, spans))
    console.print()


def write_frames(fmt: str, frames, output: Path | None) -> None:  # type: ignore[no-untyped-def]
    """hex lines, raw bytes or a pcap, streamed: memory stays flat."""
    if fmt == "hex":
        stream = open(output, "w") if output else sys.stdout  # noqa: SIM115
        write = stream.write
        for data in frames:
            write(data.hex() + "\n")
    else:
        stream = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115
        if fmt == "raw":
            for data in frames:
                stream.write(data)
        else:
            from craft.io.pcap import PcapWriter

            writer = PcapWriter(stream)
            for i, data in enumerate(frames):
                # Frames built, not captured: timestamps one microsecond apart.
                writer.write(i // 1_000_000, (i % 1_000_000) * 1000, data)
    if output:
        stream.close()
    else:
        stream.flush()


def check_cmd(
    profiles: Annotated[
        list[Path], Argument(help="Profile files to check.", show_default=False)
    ],
    count: Annotated[
        int | None,
        Option(
            "--count",
            "-c",
            help="Frames per profile (default: every frame of each stream once, at least 100 for "
                 "streams).",
            show_default=False,
        ),
    ] = None,
    var: VarOpt = None,
    seed: SeedOpt = 1,
    strict: Annotated[
        bool,
        Option(
            "--strict", help="Also fail on wrong lengths or checksums found in raw-hex frames."
        ),
    ] = False,
) -> None:
    """Validate profiles and cross-check both encoders frame by frame; exit 0 only when all
    agree."""
    from craft.encode.check import check_profile
    from craft.profile.overrides import parse_vars

    failed = False
    for path in profiles:
        report = check_profile(path, count=count, vars=parse_vars(var), seed=seed, strict=strict)
        print(report.render())
        failed |= not report.ok
    if failed:
        raise Exit(1)


def profiles_cmd() -> None:
    """List the bundled profiles: name, file and description."""
    from rich.console import Console
    from rich.table import Table

    from craft.profile.load import bundled_profiles

    table = Table(show_edge=False, pad_edge=False)
    table.add_column("name", no_wrap=True)
    table.add_column("file", no_wrap=True)
    table.add_column("description")
    for name, file, description in bundled_profiles():
        table.add_row(name, str(file), description)
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


def schema_cmd(
    script: Annotated[bool, Option(
        "--script", help="The conversation script format (craft run) instead.")] = False,
) -> None:
    """Print the JSON Schema of the profile format (for editors)."""
    from craft.profile.schema import profile_schema, script_schema

    print(json.dumps(script_schema() if script else profile_schema(), indent=2))


def register(app: Any) -> None:
    """Add this group's commands to the app."""
    app.command("build")(for_typer(build_cmd))
    app.command("check")(for_typer(check_cmd))
    app.command("profiles")(for_typer(profiles_cmd))
    app.command("schema")(for_typer(schema_cmd))


# run without typer when the command line is a plain one (craft/cli/params.py)
FAST = {"build": build_cmd, "check": check_cmd, "profiles": profiles_cmd, "schema": schema_cmd}
