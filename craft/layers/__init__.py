"""One module per protocol: a field table, encode, decode and a summary.

``LAYERS`` is written out by hand (STYLE.md rule 4): adding a protocol means
adding its module here, its scapy mapping and its vectors.
"""

from __future__ import annotations

from types import ModuleType

from craft.layers import udp

LAYERS: dict[str, ModuleType] = {m.NAME: m for m in (udp,)}
