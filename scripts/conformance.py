#!/usr/bin/env python3
"""Run craft's tcpdump-style printer over the tcpdump conformance cases and
print, per case, how many lines are identical to tcpdump 4.99.3's output.

    python scripts/conformance.py [--dir DIR] [--diff NAME]

DIR defaults to $CRAFT_CONFORMANCE or ../shared/conformance/tcpdump next to
the checkout. ``--diff NAME`` shows the differing lines of one case.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from craft.fmt.tcpdump import Printer, PrintOptions
from craft.io.pcap import CaptureReader

MAX_SNAPLEN = 262144  # libpcap's largest snapshot for most link types

ROOT = Path(__file__).resolve().parent.parent


def default_dir() -> Path:
    env = os.environ.get("CRAFT_CONFORMANCE")
    if env:
        return Path(env)
    for cand in (ROOT.parent / "shared" / "conformance" / "tcpdump",
                 Path("/work/shared/conformance/tcpdump")):
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared" / "conformance" / "tcpdump"


@dataclass
class Case:
    name: str
    pcap: str
    flags: str
    protocols: str
    packets: int
    notes: str


@dataclass
class Result:
    case: Case
    identical: int
    total: int
    got: list[str]
    expected: list[str]
    fallbacks: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.got == self.expected


def load_manifest(d: Path) -> list[Case]:
    rows = (d / "MANIFEST.tsv").read_text().splitlines()
    cases = []
    for line in rows[1:]:
        if not line.strip():
            continue
        cols = (line.split("\t") + [""] * 6)[:6]
        cases.append(Case(cols[0], cols[1], cols[2], cols[3], int(cols[4] or 0), cols[5]))
    return cases


def parse_flags(flags: str) -> PrintOptions:
    """tcpdump's short flags as the manifest writes them ("-e -v", "-vv", "-XX")."""
    o = PrintOptions()
    for word in flags.split():
        if not word.startswith("-"):
            raise ValueError(f"unexpected flag word {word!r}")
        for c in word[1:]:
            if c == "e":
                o.e = True
            elif c == "x":
                o.x += 1
            elif c == "X":
                o.X += 1
            elif c == "t":
                o.t += 1
            elif c == "v":
                o.v += 1
            elif c == "q":
                o.q = True
            elif c == "n":
                pass
            else:
                raise ValueError(f"unsupported flag -{c}")
    return o


def format_case(d: Path, case: Case) -> tuple[list[str], Printer]:
    printer = Printer(parse_flags(case.flags))
    out: list[str] = []
    with CaptureReader(d / "pcaps" / case.pcap) as reader:
        snap = reader.snaplen if 0 < reader.snaplen <= MAX_SNAPLEN else MAX_SNAPLEN
        for rec in reader:
            # libpcap cuts a record longer than the file's snapshot length to it
            data = rec.data[:snap] if len(rec.data) > snap else rec.data
            out.extend(printer.format(rec.ts_sec, rec.ts_nsec, data, rec.wirelen,
                                      rec.linktype).split("\n"))
    return out, printer


def run_case(d: Path, case: Case) -> Result:
    expected = (d / "expected" / f"{case.name}.out").read_text().split("\n")
    if expected and expected[-1] == "":
        expected.pop()
    got, printer = format_case(d, case)
    same = sum(1 for a, b in zip(got, expected, strict=False) if a == b)
    return Result(case, same, len(expected), got, expected, printer.fallbacks, printer.errors)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=default_dir())
    ap.add_argument("--diff", metavar="NAME", help="show the differing lines of one case")
    args = ap.parse_args(argv)
    cases = load_manifest(args.dir)
    if args.diff:
        case = next((c for c in cases if c.name == args.diff), None)
        if case is None:
            print(f"no case {args.diff!r}", file=sys.stderr)
            return 2
        r = run_case(args.dir, case)
        n = max(len(r.got), len(r.expected))
        for i in range(n):
            g = r.got[i] if i < len(r.got) else "<missing>"
            e = r.expected[i] if i < len(r.expected) else "<missing>"
            if g != e:
                print(f"line {i + 1}\n  tcpdump: {e!r}\n  craft:   {g!r}")
        for err in r.errors:
            print(f"fallback: {err}")
        return 0
    width = max(len(c.name) for c in cases)
    tot_same = tot_lines = exact = 0
    print(f"{'case':<{width}}  identical/total  status")
    for case in cases:
        r = run_case(args.dir, case)
        tot_same += r.identical
        tot_lines += r.total
        exact += r.exact
        status = "exact" if r.exact else ("extra lines" if r.identical == r.total else "differs")
        if r.fallbacks:
            status += f" ({r.fallbacks} fallback{'s' if r.fallbacks > 1 else ''})"
        print(f"{case.name:<{width}}  {r.identical:>5}/{r.total:<5}    {status}")
    print(f"{'TOTAL':<{width}}  {tot_same:>5}/{tot_lines:<5}    {exact}/{len(cases)} cases exact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
