"""tcpdump's output flags, as the printers read them.

A module of its own, never compiled (setup.py): ``craft sniff`` extends
these options with its own, and a class compiled by mypyc cannot be
subclassed by interpreted code.
"""

from __future__ import annotations


class PrintOptions:
    """tcpdump's output flags: -e, -x/-xx (x=1/2), -X/-XX (X=1/2),
    -t/-tt/-ttt/-tttt (t=1..4; 0 prints the time of day), -v (count), -q,
    -A/-AA (A=1/2: the packet as text after its line; -AA: with the link
    header), -S (absolute TCP sequence numbers), -# (number: the packet's
    number before each line).

    A plain class, not a dataclass: ``craft read`` imports it before it
    starts its filter's scan, and dataclasses imports inspect, 8 ms of that
    start (issue 13)."""

    __slots__ = ("e", "x", "X", "t", "v", "q", "A", "S", "number")

    def __init__(self, *, e: bool = False, x: int = 0, X: int = 0, t: int = 0,  # noqa: N803
                 v: int = 0, q: bool = False, A: int = 0, S: bool = False,  # noqa: N803
                 number: bool = False) -> None:
        self.e, self.x, self.X, self.t, self.v = e, x, X, t, v
        self.q, self.A, self.S, self.number = q, A, S, number

    def __repr__(self) -> str:
        names = [n for c in reversed(type(self).__mro__) for n in getattr(c, "__slots__", ())]
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"
