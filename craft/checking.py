"""``craft check``: load a profile, cross-check both encoders on its frames,
and audit raw-hex frames for wrong lengths and checksums."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from craft.audit import Finding, audit
from craft.crosscheck import crosscheck
from craft.errors import CrossCheckError

MAX_REPORTED = 5  # mismatches shown in full per profile


@dataclass
class CheckReport:
    path: Path
    name: str
    frames: int = 0
    mismatches: list[tuple[str, str]] = field(default_factory=list)  # (frame, report)
    findings: list[tuple[str, Finding]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def render(self) -> str:
        plural = "" if self.frames == 1 else "s"
        if self.ok:
            head = f"ok    {self.path} ({self.name}): {self.frames} frame{plural}, struct == scapy"
        else:
            head = (f"FAIL  {self.path} ({self.name}): {len(self.mismatches)} of {self.frames} "
                    f"frame{plural} differ between struct and scapy")
        lines = [head]
        for label, report in self.mismatches[:MAX_REPORTED]:
            lines.extend(f"      {label}: {line}" for line in report.splitlines())
        for label, finding in self.findings:
            lines.append(f"      {label}: {finding}")
        return "\n".join(lines)


def check_profile(path: Path | str, *, count: int | None = None,
                  vars: dict[str, str] | None = None, seed: int = 1) -> CheckReport:
    """Cross-check ``count`` frames (default: the profile's check count)."""
    from craft.profile import load_profile

    profile = load_profile(path, vars=vars or {})
    report = CheckReport(Path(path), profile.name)
    n = profile.check_count() if count is None else count
    for frame in profile.frames(count=n, seed=seed):
        report.frames += 1
        label = f"{frame.label} #{frame.number}"
        try:
            data = crosscheck(frame)
        except CrossCheckError as e:
            report.mismatches.append((label, e.message))
            continue
        if frame.layers and frame.layers[0].name == "raw":
            report.findings.extend((label, f) for f in audit(data))
    return report
