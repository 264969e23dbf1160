"""tcpdump's output flags, as the printers read them.

A module of its own, never compiled (setup.py): ``craft sniff`` extends
these options with its own, and a class compiled by mypyc cannot be
subclassed by interpreted code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PrintOptions:
    """tcpdump's output flags: -e, -x/-xx (x=1/2), -X/-XX (X=1/2),
    -t/-tt/-ttt/-tttt (t=1..4; 0 prints the time of day), -v (count), -q,
    -A/-AA, -S, -#."""

    e: bool = False
    x: int = 0
    X: int = 0
    t: int = 0
    v: int = 0
    q: bool = False
    A: int = 0  # -A: the packet as text after its line; -AA: with the link header
    S: bool = False  # absolute TCP sequence numbers
    number: bool = False  # -#: the packet's number before each line
