"""What a layer's encoder may know of its neighbours."""

from __future__ import annotations

from typing import Any, NamedTuple


class Context(NamedTuple):
    """``outer``: the enclosing layer's name and values (its addresses are
    concrete, so transport checksums can build the pseudo-header);
    ``inner``: the next layer's name, for selectors such as ``ipv4.proto``.

    A NamedTuple (immutable, like the frozen dataclass it was) because one is
    made per layer per frame: it costs a fifth of a frozen dataclass."""

    outer_name: str | None = None
    outer: dict[str, Any] | None = None
    inner_name: str | None = None
