"""craft: packet crafting and capture from YAML profiles.

The public API (the same code the CLI calls) is re-exported here as it lands.
It is loaded on first use (PEP 562), so that ``import craft.cli`` — every
command's start — does not pay for the encoders, the layers and YAML.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if os.environ.get("CRAFT_PURE"):  # the source of what setup.py compiled (craft._pure)
    import craft._pure  # noqa: F401

__version__ = "0.1.0"

__all__ = ["build", "load_profile"]

# name → module that defines it
_LAZY = {
    "build": "craft.encode.build",
    "load_profile": "craft.profile.load",
}

if TYPE_CHECKING:
    from craft.encode.build import build
    from craft.profile.load import load_profile


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'craft' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
