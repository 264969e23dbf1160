"""A conversation drawn as a ladder (``craft run``): the two hosts as
columns, one arrow per frame with the time and tcpdump's line for it, and
each step's expectation marked met (✓) or not (✗) under its answer."""

from __future__ import annotations

from typing import Any

from craft.fmt.tcpdump import Printer, PrintOptions
from craft.layers.linktype import LINKTYPE_ETHERNET

WIDTH = 11  # arrow shaft


def lines(report: Any, *, color: bool = False) -> list[str]:
    """The ladder of a craft.live.run.RunReport, one string per line."""
    printer = Printer(PrintOptions(t=2))  # -tt: the time is the ladder's own column
    left = " ".join(report.own) or "craft"
    out = [f"{'time':>10}  {left}", ""]
    by_answer = {id(r.answer): r for r in report.results if r.answer is not None}
    done: set[int] = set()
    for ev in report.events:
        text = printer.format(0, 0, ev.data, len(ev.data), LINKTYPE_ETHERNET).splitlines()[0]
        text = text.split(" ", 1)[1] if " " in text else text  # without tcpdump's time
        arrow = ("─" * WIDTH + "▶") if ev.out else ("◀" + "─" * WIDTH)
        note = f"  ({ev.note})" if ev.note else ""
        out.append(f"{ev.time:10.6f}  {arrow}  {text}{note}")
        r = by_answer.get(id(ev))
        if r is not None:
            out.append(_mark(r, color))
            done.add(id(r))
    for r in report.results:
        if id(r) not in done and (r.step.expect is not None or r.table or r.hops or not r.ok):
            out.append(_mark(r, color))
        if r.table:
            out += table(r.table)
        if r.hops:
            out += hops(r.hops)
    return out


def hops(rows: list[tuple[str, str, float | None]]) -> list[str]:
    """A trace as traceroute prints it: the hop limit, who answered, the
    round-trip time."""
    width = max(len(a) for _t, a, _r in rows)
    return [f"{'':12}{ttl:>2}  {addr:<{width}}  " + (f"{rtt:.3f} ms" if rtt is not None else "*")
            for ttl, addr, rtt in rows]


def table(rows: list[tuple[str, str]]) -> list[str]:
    """A scan's ports as nmap -sS prints them: the ports not in the most
    common state, then how many are not shown."""
    states = [s for _p, s in rows]
    common = max(dict.fromkeys(states), key=states.count)
    shown = [(p, s) for p, s in rows if s != common] if len(set(states)) > 1 else []
    width = max((len(p) for p, _s in shown), default=4) + 2
    out = [f"{'':12}{'PORT':<{width}}STATE"]
    out += [f"{'':12}{p:<{width}}{s}" for p, s in shown]
    out.append(f"{'':12}Not shown: {states.count(common)} {common} ports")
    return out


def _mark(result: Any, color: bool) -> str:
    sign = "✓" if result.ok else "✗"
    if color:
        sign = f"\x1b[32m{sign}\x1b[0m" if result.ok else f"\x1b[31m{sign}\x1b[0m"
    return f"{'':10}  {sign} {result.step.label}: {result.message}"


def verdict(report: Any) -> str:
    """The one line after the ladder."""
    steps = len(report.script.steps)
    if report.ok:
        return f"{report.script.name}: all {steps} steps held"
    failed = next((r for r in report.results if not r.ok), None)
    where = failed.step.label if failed is not None else "a step"
    return (f"{report.script.name}: FAILED at {where} of {steps}: "
            f"{failed.message if failed else 'did not run'}")


def events_json(report: Any) -> list[dict[str, Any]]:
    """One object per frame and per step (``craft run --json``)."""
    printer = Printer(PrintOptions(t=2))
    out: list[dict[str, Any]] = []
    for ev in report.events:
        text = printer.format(0, 0, ev.data, len(ev.data), LINKTYPE_ETHERNET).splitlines()[0]
        out.append({"type": "frame", "time": round(ev.time, 6),
                    "direction": "out" if ev.out else "in", "step": ev.step + 1,
                    "summary": text.split(" ", 1)[1] if " " in text else text,
                    "hex": ev.data.hex(), **({"note": ev.note} if ev.note else {})})
    for r in report.results:
        out.append({"type": "step", "step": r.step.index + 1, "name": r.step.name,
                    "ok": r.ok, "message": r.message,
                    **({"ports": dict(r.table)} if r.table else {}),
                    **({"hops": [{"ttl": int(t), "from": a, "rtt_ms": None if m is None
                                  else round(m, 3)} for t, a, m in r.hops]}
                       if r.hops else {})})
    out.append({"type": "verdict", "ok": report.ok, "vars": {
        k: v if isinstance(v, int | str | float) else str(v) for k, v in report.vars.items()}})
    return out
