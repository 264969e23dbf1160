"""Running the real ``craft`` command from tests, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))


def run(
    *args: str, timeout: float = 120, text: bool = True, **kw: Any
) -> subprocess.CompletedProcess:
    """``craft ARGS`` in the repository root, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "craft", *args],
        capture_output=True,
        text=text,
        cwd=ROOT,
        timeout=timeout,
        **kw,
    )
