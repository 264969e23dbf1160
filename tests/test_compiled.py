"""The printers compiled by mypyc (setup.py) print what their Python source
prints, byte for byte.

Two processes print the same frames, one with the compiled modules and
one with ``CRAFT_PURE=1`` (craft._pure: the source only): every packet of
the tcpdump conformance captures and of the mixed bench traffic, and 30,000
mutated frames (cut short, lying lengths, random bytes), each with the
flag sets the conformance and robustness tests use. In CI (a C compiler
is there: make installs gcc) the compiled modules must be present, fresh,
and the ones imported.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "tcpdump" / "pcaps"


def _compiled_sources() -> list[Path]:
    """setup.py's COMPILED list, read as data (setup.py runs a build when imported)."""
    tree = ast.parse((ROOT / "setup.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            return [ROOT / p for p in ast.literal_eval(node.value)]
    raise AssertionError("setup.py has no COMPILED list")


def _built(src: Path) -> list[Path]:
    return sorted(src.parent.glob(src.stem + ".cpython-*.so"))


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def test_compiled_modules_are_built_and_fresh() -> None:
    """Each compiled module is there, and the library they share (the code
    itself; each module's own file only loads it) is newer than every
    source: an edited printer whose old build still loads would hide the
    edit (make rebuilds it)."""
    sources = _compiled_sources()
    assert len(sources) >= 10 and all(s.is_file() for s in sources)
    built = {s: _built(s) for s in sources}
    if not any(built.values()):
        if _in_ci():
            pytest.fail("no compiled printers: make should have built them (setup.py)")
        pytest.skip("printers not compiled here (no mypyc or no C compiler)")
    assert all(built.values()), [str(s) for s, b in built.items() if not b]
    group = sorted(ROOT.glob("craft__mypyc.cpython-*.so"))
    assert group, "the compiled modules' shared library is missing"
    stale = [str(s.relative_to(ROOT)) for s in sources
             if s.stat().st_mtime > group[0].stat().st_mtime]
    assert not stale, f"compiled before their source changed: {stale} (run make)"
    scan = ROOT / "craft" / "io" / "_pcapscan.c"
    assert all(so.stat().st_mtime >= scan.stat().st_mtime for so in _built(scan)), \
        "craft/io/_pcapscan.c changed after it was built (run make)"


def test_the_mode_asked_for_is_the_one_running() -> None:
    """Compiled by default; the source itself under CRAFT_PURE=1."""
    import craft.fmt.tcpdump.print_bgp as bgp  # never compiled
    import craft.fmt.tcpdump.print_tcp as tcp

    assert bgp.__file__.endswith(".py")
    if os.environ.get("CRAFT_PURE"):
        assert tcp.__file__.endswith(".py")
    elif _built(Path(tcp.__file__).with_suffix(".py")) or _in_ci():
        assert tcp.__file__.endswith(".so"), tcp.__file__


def test_no_range_over_a_name_the_loop_changes() -> None:
    """mypyc's compiled ``for _ in range(n)`` reads ``n`` anew on each pass
    (Python reads it once), so a loop whose body changes ``n`` must range
    over a copy (print_tcp's option loop printed one option too few)."""
    found = []
    for src in _compiled_sources():
        for node in ast.walk(ast.parse(src.read_text())):
            if not (isinstance(node, ast.For) and isinstance(node.iter, ast.Call)
                    and getattr(node.iter.func, "id", "") == "range"):
                continue
            bare = {a.id for a in node.iter.args if isinstance(a, ast.Name)}
            changed = {t.id for b in node.body for n in ast.walk(b)
                       if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                       for t0 in (n.targets if isinstance(n, ast.Assign) else [n.target])
                       for t in ast.walk(t0) if isinstance(t, ast.Name)}
            if bare & changed:
                found.append(f"{src.name}:{node.lineno} range({', '.join(sorted(bare & changed))})")
    assert not found, found


# Run in a child process, once compiled and once pure: every frame printed
# with every flag set; the first line says which print_tcp ran.
_PRINT_ALL = r"""
import random, sys
sys.path.insert(0, sys.argv[1])
from craft.fmt.tcpdump import Printer, PrintOptions
import craft.fmt.tcpdump.print_tcp as tcp
from craft.io.pcap import read_capture
from sniffdata import mixed_frame
from test_tcpdump_robust import BASE, _mutate

frames = []
from pathlib import Path
for path in sorted(Path(sys.argv[2]).glob("*.pcap*")):
    try:
        for rec in read_capture(path):
            frames.append((rec.ts_sec, rec.ts_nsec, rec.data, rec.wirelen, rec.linktype))
    except Exception:  # a damaged capture (tcpdump's own tests have some): what came before
        pass
frames += [(1_700_000_000 + i, i * 1000, mixed_frame(i), len(mixed_frame(i)), 1)
           for i in range(24)]
rng = random.Random(13)
for i in range(30_000):
    if i % 2:
        data, lt = BASE[i % len(BASE)]
    else:
        _, _, data, _, lt = frames[rng.randrange(len(frames))]
        data = data or bytes(1)
    frame = _mutate(rng, data[:2048], i)
    frames.append((i, i * 7919 % 10**9, frame, len(frame) + rng.choice((0, 0, 4, 70000)), lt))
flags = [PrintOptions(), PrintOptions(v=1), PrintOptions(v=3, e=True), PrintOptions(q=True, X=1),
         PrintOptions(x=2, v=2), PrintOptions(t=3, A=1), PrintOptions(S=True, t=2)]
out = sys.stdout
out.write(tcp.__file__.rsplit(".", 1)[1] + "\n")
for opts in flags:
    printer = Printer(opts)
    for ts_sec, ts_nsec, data, wirelen, lt in frames:
        out.write(printer.format(ts_sec, ts_nsec, data, wirelen, lt) + "\n")
    out.write(f"== {opts} fallbacks {printer.fallbacks}\n")
"""


def _print_all(pure: bool) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "CRAFT_PURE"}
    if pure:
        env["CRAFT_PURE"] = "1"
    env["TZ"] = "UTC"
    out = subprocess.run([sys.executable, "-c", _PRINT_ALL, str(TESTS), str(CONFORMANCE)],
                         env=env, capture_output=True, text=True, errors="surrogateescape",
                         timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.split("\n")


@pytest.mark.slow
def test_compiled_prints_what_the_source_prints() -> None:
    if not CONFORMANCE.is_dir():
        if _in_ci():
            pytest.fail(f"conformance captures not found in {CONFORMANCE}")
        pytest.skip(f"conformance captures not found in {CONFORMANCE}")
    import craft.fmt.tcpdump.print_tcp as tcp

    if not tcp.__file__.endswith(".so") and not _in_ci():
        pytest.skip("printers not compiled here")
    compiled, pure = _print_all(False), _print_all(True)
    assert compiled[0] == "so" and pure[0] == "py", (compiled[0], pure[0])
    assert len(compiled) > 200_000
    differ = [(i, c, p) for i, (c, p) in enumerate(zip(compiled, pure, strict=True))
              if c != p and i]
    assert not differ, f"{len(differ)} lines differ, first: {differ[:3]}"
    assert all(line.endswith("fallbacks 0") for line in compiled if line.startswith("== "))
