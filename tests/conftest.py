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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    """The documentation examples (tests/test_docs.py), per file: how many ran, how
    many are marked not runnable here and why. Nothing is skipped without a line here."""
    import re
    from collections import defaultdict

    per_file: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reasons: list[str] = []
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            m = re.search(
                r"test_docs\.py::test_doc_block\[(.+?):\d+-", getattr(report, "nodeid", "")
            )
            if not m or (outcome != "skipped" and report.when != "call" and outcome != "error"):
                continue
            per_file[m[1]][outcome] += 1
            if outcome == "skipped":
                reasons.append(
                    str(report.longrepr[2])
                    if isinstance(report.longrepr, tuple)
                    else str(report.longrepr)
                )
    if not per_file:
        return
    write = terminalreporter.write_line
    terminalreporter.section("documentation examples")
    for doc, counts in sorted(per_file.items()):
        ran = counts["passed"] + counts["failed"] + counts["error"]
        write(
            f"{doc}: {ran} run ({counts['passed']} passed, {counts['failed'] + counts['error']} "
            f"failed), {counts['skipped']} not run"
        )
    for reason in reasons:
        write(f"  not run: {reason.removeprefix('Skipped: ')}")
