"""Waiving findings: the one step that marks accepted findings, wherever the waivers come from.

``check_plan`` applies the waivers of ``plancheck.toml`` and those its caller gives; the
web page applies an office's waivers with this same function when it stores a run
(a new upload's plan, and so which waivers hold for it, is known only after its check).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rules.config import Waiver
from rules.findings import Finding


def waive(findings: Iterable[Finding], waivers: Sequence[Waiver]) -> list[Finding]:
    """``findings`` with each one a waiver covers marked waived (the first such waiver's reason).

    A finding already waived is marked again by the first waiver that covers it, so
    applying the same waivers twice changes nothing.
    """
    return [_waived(finding, waivers) for finding in findings]


def _waived(finding: Finding, waivers: Sequence[Waiver]) -> Finding:
    for waiver in waivers:
        if waiver.applies_to(finding):
            return finding.model_copy(update={"waived": True, "waiver_reason": waiver.reason})
    return finding
