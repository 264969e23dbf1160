"""What a layer's encoder may know of its neighbours."""

from __future__ import annotations

from typing import Any, NamedTuple


class Context(NamedTuple):
    """``outer``: the enclosing layer's name and values; ``inner_name``: the
    next layer's name, for selectors such as ``ipv4.proto``; ``ip_name`` and
    ``ip``: the nearest enclosing layer that gives transport checksums their
    pseudo-header (IPv4 or IPv6, whatever lies between: RFC 768, RFC 8200
    §8.1), its addresses concrete.

    A NamedTuple (immutable, like the frozen dataclass it was) because one is
    made per layer per frame: it costs a fifth of a frozen dataclass."""

    outer_name: str | None = None
    outer: dict[str, Any] | None = None
    inner_name: str | None = None
    ip_name: str | None = None
    ip: dict[str, Any] | None = None
