"""Concrete frames: what both encoders take, and what the decoder gives back.

A ``Frame`` is an ordered list of ``Layer``s whose values are internal values
(see layers/base.py); ``None`` means the encoder computes the field. Streams,
variables and ``auto`` addresses are already resolved here: the profile model
(profile.py, model.py) expands a profile into these, lazily.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Layer:
    name: str  # "ether", "ipv4", ... "payload", "raw"
    values: dict[str, Any]
    given: frozenset[str] = frozenset()  # fields the profile set (explain: given)
    auto: frozenset[str] = frozenset()  # fields the profile left "auto" and we resolved


@dataclass(slots=True)
class Frame:
    layers: list[Layer]
    index: int = 0  # the frame's place in the profile's frames list
    number: int = 0  # the frame's place in the generated sequence (0-based)
    notes: list[str] = field(default_factory=list)  # e.g. placeholder addresses used
    # one fragment of the datagram the layers make (fragmenting.FragmentOf), or None
    fragment: Any = None
    # the layers' names, when the profile model knows them already (every frame
    # of a spec has the same): what the encoder's per-stack plan is found by
    shape: tuple[str, ...] | None = None

    @property
    def label(self) -> str:
        if self.fragment is not None:
            return f"frames[{self.index}] fragment {self.fragment.k + 1}/{self.fragment.n}"
        return f"frames[{self.index}]"


@dataclass(slots=True)
class Decoded:
    """One part of a decoded frame.

    ``name`` is a layer name, or ``padding`` for captured bytes past the IP/UDP
    length (``values == {"data": bytes}``, like ``payload``).
    ``offset``/``length``: where the part lies in the frame (for a header:
    header bytes only; payload and padding: their bytes).
    ``truncated``: with empty ``values``, the header itself was cut short
    (tcpdump's ``[|tcp]``); with values, the length the header claims runs past
    the captured bytes (``error`` says by how much).
    ``error``: why the walk stopped or what is wrong (``bad-hlen``, ``bad-len``,
    ``too many layers``), else None.
    ``partial``: the layer's data goes on in another fragment (UDP in a first
    fragment), so its length and checksum cover bytes this frame lacks.
    """

    name: str
    values: dict[str, Any]
    offset: int
    length: int
    truncated: bool = False
    error: str | None = None
    partial: bool = False
