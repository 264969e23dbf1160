"""The house plan of docs/architecture.md, checked: no two modules of craft
import each other in a circle (imports inside functions count too), and no
module is longer than 800 lines unless the tcpdump source file it follows
is longer. The import direction between packages is import-linter's job
(the contracts in pyproject.toml, run by `make test`)."""

from __future__ import annotations

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 800
# Printers longer than 800 lines, each following one tcpdump source file
# that is longer still (tcpdump 4.99, about).
LONG_PRINTERS = {
    "craft/fmt/tcpdump/print_bgp.py": "print-bgp.c, 3,300 lines",
    "craft/fmt/tcpdump/print_isoclns.py": "print-isoclns.c (IS-IS included), 3,800 lines",
    "craft/fmt/tcpdump/print_isakmp.py": "print-isakmp.c, 3,100 lines",
    "craft/fmt/tcpdump/print_openflow_1_0.py": "print-openflow-1.0.c, 2,400 lines",
}


def _cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v) & modules:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for m in sorted(modules):
        if m not in index:
            visit(m)
    return out


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = grimp.build_graph("craft")
    # a package's __init__ importing its own submodules is how a package
    # presents them; circles between modules are what this looks for
    modules = {m for m in graph.modules if m.startswith("craft.")}
    for m in list(modules):
        if (ROOT / (m.replace(".", "/") + "/__init__.py")).exists():
            modules.discard(m)
    assert _cycles(graph, modules) == []


def test_the_cycle_check_can_fail() -> None:
    graph = grimp.ImportGraph()
    for m in ("a", "b", "c"):
        graph.add_module(m)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    assert _cycles(graph, {"a", "b", "c"}) == [["a", "b", "c"]]


def test_modules_stay_short() -> None:
    long = {}
    for path in sorted((ROOT / "craft").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and rel not in LONG_PRINTERS:
            long[rel] = lines
    assert long == {}
