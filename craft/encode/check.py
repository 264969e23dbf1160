"""``craft check``: load a profile, cross-check both encoders on its frames
(craft.encode.crosscheck.check_frames), and audit raw-hex frames for wrong lengths
and checksums."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from craft.encode.audit import Finding, audit
from craft.encode.crosscheck import CheckReport, check_frames
from craft.encode.struct_ import encode
from craft.layers.frame import Frame

MAX_REPORTED = 5  # mismatches shown in full per profile


@dataclass
class ProfileCheck:
    path: Path
    name: str
    checked: CheckReport
    findings: list[tuple[str, Finding]] = field(default_factory=list)
    strict: bool = False  # wrong lengths or checksums in raw-hex frames fail the check

    @property
    def ok(self) -> bool:
        return self.checked.ok and not (self.strict and self.findings)

    def render(self) -> str:
        frames = self.checked.frames
        plural = "" if frames == 1 else "s"
        wrong = len(self.findings)
        found = (f"; {wrong} wrong length{'' if wrong == 1 else 's'} or checksum"
                 f"{'' if wrong == 1 else 's'} in raw-hex frames" if wrong else "")
        if self.ok:
            head = (f"ok    {self.path} ({self.name}): {frames} frame{plural}, struct == scapy"
                    f"{found}{' (--strict fails on them)' if found else ''}")
        elif self.checked.ok:
            head = (f"FAIL  {self.path} ({self.name}): {frames} frame{plural}, "
                    f"struct == scapy{found}")
        else:
            head = (f"FAIL  {self.path} ({self.name}): {self.checked.disagreed} of {frames} "
                    f"frame{plural} differ between struct and scapy")
        reports = [(m.label, m.report()) for m in self.checked.disagreements]
        lines = [head]
        for label, report in [*reports, *self.checked.errors][:MAX_REPORTED]:
            lines.extend(f"      {label}: {line}" for line in report.splitlines())
        for label, finding in self.findings:
            lines.append(f"      {label}: {finding}")
        return "\n".join(lines)


def check_profile(path: Path | str, *, count: int | None = None,
                  vars: dict[str, str] | None = None, seed: int = 1,
                  strict: bool = False) -> ProfileCheck:
    """Cross-check ``count`` frames (default: the profile's check count);
    ``strict``: the audit's findings fail the check too."""
    from craft.profile.load import load_profile

    profile = load_profile(path, vars=vars or {})
    findings: list[tuple[str, Finding]] = []

    def audited(frames: Iterator[Frame]) -> Iterator[Frame]:
        for frame in frames:
            if frame.layers and frame.layers[0].name == "raw":
                label = f"{frame.label} #{frame.number}"
                findings.extend((label, f) for f in audit(encode(frame)))
            yield frame

    n = profile.check_count() if count is None else count
    checked = check_frames(audited(profile.frames(count=n, seed=seed)), keep=MAX_REPORTED)
    return ProfileCheck(Path(path), profile.name, checked, findings, strict)
