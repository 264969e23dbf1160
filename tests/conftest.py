"""Shared fixtures: root/netns gating and the lab.

A test that needs root and network namespaces is marked ``@pytest.mark.root``
and calls ``require_root()`` (the ``lab`` fixture does it): when it cannot run
it is skipped on a developer machine but FAILS in CI (CI=true), where it must run.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "lab_prefix(prefix): name prefix of the lab the `lab` fixture makes"
    )


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root"
    if shutil.which("ip") is None:
        return "needs iproute2 (ip)"
    if not os.path.exists("/proc/self/ns/net"):
        return "needs network namespaces"
    return None


def require_root(*tools: str) -> None:
    """Skip (fail when CI=true) unless we are root with netns and ``tools``."""
    why = _missing()
    if why is None:
        for tool in tools:
            if shutil.which(tool) is None:
                why = f"needs {tool}"
                break
    if why is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"root test cannot run in CI: {why}")
    pytest.skip(why)


def unique_name(prefix: str) -> str:
    """A lab/namespace name no parallel test or helper uses: prefix + random suffix."""
    return f"{prefix}{secrets.token_hex(3)}"


@pytest.fixture
def lab_factory() -> Iterator:
    """Make labs with a given name prefix; every one is torn down at the end."""
    from craft.live.lab import Lab

    made: list[Lab] = []

    def make(prefix: str = "ct-lab-") -> Lab:
        require_root()
        lab = Lab(unique_name(prefix))
        made.append(lab)
        lab.up()
        return lab

    try:
        yield make
    finally:
        for lab in made:
            lab._quiet_down()


@pytest.fixture
def lab(request: pytest.FixtureRequest, lab_factory) -> Iterator:
    """A lab that is up for the test and gone after it. The name prefix comes
    from ``@pytest.mark.lab_prefix("ct-xyz-")`` or defaults to ``ct-lab-``."""
    marker = request.node.get_closest_marker("lab_prefix")
    prefix = marker.args[0] if marker else "ct-lab-"
    yield lab_factory(prefix)
