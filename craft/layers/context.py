"""What a layer's encoder may know of its neighbours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Context:
    """``outer``: the enclosing layer's name and values (its addresses are
    concrete, so transport checksums can build the pseudo-header);
    ``inner``: the next layer's name, for selectors such as ``ipv4.proto``."""

    outer_name: str | None = None
    outer: dict[str, Any] | None = None
    inner_name: str | None = None
