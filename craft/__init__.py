"""craft: packet crafting and capture from YAML profiles.

The public API (the same code the CLI calls) is re-exported here as it lands.
"""

__version__ = "0.1.0"

from craft.encode.build import build  # noqa: E402
from craft.profile.load import load_profile  # noqa: E402

__all__ = ["build", "load_profile"]
