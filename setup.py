"""The build: craft is pure Python; the modules every printed packet runs
through are also compiled by mypyc when mypyc and a C compiler are at hand
(issue 13: about 1.4x faster printing). The ``.py`` files stay the source: a
compiled module is the same code, and an install that cannot compile it (no
compiler, a mypy that finds a type error) warns and runs the pure Python.

One module is C of its own: craft/io/_pcapscan.c, the scan that runs a BPF
program over a mapped capture file in a thread of its own, on both cores
while Python waits for it (`craft read FILE FILTER`);
without it libpcap reads and filters the file (craft.io.bpf).

``CRAFT_PURE=1`` at install compiles nothing; at run time it makes craft
ignore what was compiled (craft/__init__.py), which is how the tests hold
the two to the same output (docs/architecture.md, "Compiled printers").

One difference to write around: in compiled code, ``for _ in range(n)``
reads the variable ``n`` anew on each pass (mypyc 2.4), so a loop whose
body changes ``n`` ranges over a copy (tests/test_compiled.py checks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# What every packet of a mixed capture runs through (cProfile of `craft
# read`): the Printer, the bounds model, the link/IP/transport printers and
# their dispatch. PrintOptions stays interpreted (options.py): craft sniff
# subclasses it.
COMPILED = [
    "craft/fmt/tcpdump/netdissect.py",
    "craft/fmt/tcpdump/dispatch.py",
    "craft/fmt/tcpdump/addrtoname.py",
    "craft/fmt/tcpdump/util_print.py",
    "craft/fmt/tcpdump/print_ascii.py",
    "craft/fmt/tcpdump/print_.py",
    "craft/fmt/tcpdump/print_ether.py",
    "craft/fmt/tcpdump/print_arp.py",
    "craft/fmt/tcpdump/print_ip.py",
    "craft/fmt/tcpdump/print_ip6.py",
    "craft/fmt/tcpdump/print_ip_demux.py",
    "craft/fmt/tcpdump/print_icmp.py",
    "craft/fmt/tcpdump/print_icmp6.py",
    "craft/fmt/tcpdump/print_tcp.py",
    "craft/fmt/tcpdump/print_udp.py",
]


SCAN = "craft.io._pcapscan"


class OptionalBuildExt(build_ext):
    """Compiles what it can. When a module of the mypyc group fails, none of
    the group is kept (each needs the group's shared library) and the
    printers run as pure Python; the scan stands alone."""

    def run(self) -> None:
        # Always relinked: a source touched but unchanged (a checkout) leaves
        # mypyc's C as it was, which setuptools would call up to date, and the
        # build older than its source (tests/test_compiled.py).
        self.force = True
        self.failed: list[str] = []
        super().run()
        if any(name != SCAN for name in self.failed):
            for ext in self.extensions:
                if ext.name != SCAN:
                    for path in (self.get_ext_fullpath(ext.name), _inplace(ext.name, self)):
                        Path(path).unlink(missing_ok=True)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as e:  # noqa: BLE001 - a failed compile means pure Python
            self.failed.append(ext.name)
            print(f"craft: compiling {ext.name} failed ({e}); pure Python it is",
                  file=sys.stderr)


def _inplace(name: str, cmd: build_ext) -> str:
    return os.path.join(*name.split(".")[:-1], os.path.basename(cmd.get_ext_filename(name)))


def _ext_modules() -> list[Extension]:
    if os.environ.get("CRAFT_PURE"):
        return []
    scan = [Extension(SCAN, ["craft/io/_pcapscan.c"], extra_compile_args=["-O2", "-pthread"],
                      extra_link_args=["-pthread"])]
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("craft: mypyc not found; the printers are pure Python", file=sys.stderr)
        return scan
    try:
        # silent: errors in the modules the printers import (not compiled)
        # do not stop the build, wherever craft is found (installed or not)
        return [*mypycify(["--follow-imports=silent", *COMPILED], opt_level="3",
                          group_name="craft", verbose=False), *scan]
    except (Exception, SystemExit) as e:  # noqa: BLE001 - mypy's errors end in SystemExit
        print(f"craft: mypyc refused the printers ({e}); pure Python", file=sys.stderr)
        return scan


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
