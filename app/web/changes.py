"""What changed since the last check of the same plan, by finding fingerprint."""

from __future__ import annotations

from dataclasses import dataclass, field

from rules.findings import CheckResult, Finding


@dataclass(frozen=True)
class Changes:
    """Findings of the earlier check that are gone, ones that appeared, ones still there."""

    fixed: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    still_open: list[Finding] = field(default_factory=list)


def compare(previous: CheckResult, current: CheckResult) -> Changes:
    """Compare two checks of versions of one plan.

    A fingerprint ignores line numbers, so a finding that only moved is still open;
    an accepted (waived) finding counts as still open, shown with its waiver.
    """
    before = {finding.fingerprint: finding for finding in previous.findings}
    after = {finding.fingerprint: finding for finding in current.findings}
    return Changes(
        fixed=[finding for key, finding in before.items() if key not in after],
        new=[finding for key, finding in after.items() if key not in before],
        still_open=[finding for key, finding in after.items() if key in before],
    )
