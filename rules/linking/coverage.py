"""The coverage status of every parent item, as linking decides it, and its reason.

A paired parent item is 'fine', one the child names in its text without an item of its
own 'mentioned' (a reviewer decides), one with no counterpart 'missing', one that does
not apply to the child 'not_applicable'; a parent item no row speaks of (the two plans
were not compared, or the parent item was not matchable) is 'unchecked', never guessed.
Rules may still grade a paired item 'weaker' or 'missing' (``rules.engine``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from extract.model import Plan
from rules.findings import Coverage, CoverageStatus, Finding, Match
from rules.linking.matching import MENTIONED

# Which rules graded coverage before the check result carried it (schema 1.3 and older,
# when reports/vocabulary.yaml listed them): how a stored result of then is read now.
GRADING_BEFORE_1_4: dict[str, Literal["missing", "weaker"]] = {"C001": "missing", "T001": "weaker"}

UNCHECKED_REASON = "Mục này của kế hoạch cấp trên chưa được đối chiếu với kế hoạch được kiểm tra."


def parent_coverage(matches: list[Match], parent: Plan | None) -> list[Coverage]:
    """One entry per matching row that names a parent item, then the parent's other items.

    Args:
        matches: The matching table, in its order.
        parent: The parent plan, when one is given (compared or not).

    Returns:
        Coverage entries: the rows' in their order, then each parent target and task no
        row names, as 'unchecked', in the parent's order.
    """
    entries = [_of_row(match) for match in matches if match.parent_id is not None]
    if parent is not None:
        named = {(entry.kind, entry.parent_id) for entry in entries}
        items = [("target", target.id) for target in parent.targets]
        items += [("task", task.id) for task in parent.tasks]
        for kind, item_id in items:
            if (kind, item_id) not in named:
                entries.append(
                    Coverage(
                        kind="target" if kind == "target" else "task",
                        parent_id=item_id,
                        status="unchecked",
                        reason=UNCHECKED_REASON,
                    )
                )
    return entries


def graded(
    coverage: list[Coverage],
    findings: list[Finding],
    grading: Mapping[str, Literal["missing", "weaker"]],
) -> list[Coverage]:
    """The coverage with what the rules that grade it found on each compared item.

    An active finding of a code ``grading`` names, on the item's parent item or on its
    child item, sets the status ('missing' before 'weaker'); the codes of such findings,
    waived ones too, are kept with the item. Items not compared stay 'unchecked'.
    """
    result: list[Coverage] = []
    for item in coverage:
        if item.status == "unchecked":
            result.append(item)
            continue
        related = [
            finding
            for finding in findings
            if finding.code in grading
            and (
                (finding.parent_target is not None and finding.parent_target == item.parent_id)
                or (finding.target is not None and finding.target == item.child_id)
            )
        ]
        active = {grading[finding.code] for finding in related if not finding.waived}
        status = item.status
        for verdict in ("missing", "weaker"):
            if verdict in active:
                status = verdict
                break
        codes = sorted({finding.code for finding in related})
        result.append(item.model_copy(update={"status": status, "codes": codes}))
    return result


def coverage_before_1_4(data: Mapping[str, Any]) -> list[Coverage]:
    """The coverage of a check result stored before schema 1.4, from its matches and findings.

    Parent items without a row are left to the report (it shows them 'unchecked'): the
    stored result does not list the parent's items.
    """
    matches = [Match.model_validate(match) for match in data.get("matches", [])]
    findings = [Finding.model_validate(finding) for finding in data.get("findings", [])]
    return graded(parent_coverage(matches, None), findings, GRADING_BEFORE_1_4)


def _of_row(match: Match) -> Coverage:
    assert match.parent_id is not None  # only rows naming a parent item are passed
    return Coverage(
        kind=match.kind,
        parent_id=match.parent_id,
        child_id=match.child_id,
        canonical_id=match.canonical_id,
        status=coverage_status(match),
        reason=match.not_applicable_reason or match.explanation,
        not_applicable_reason=match.not_applicable_reason,
    )


def coverage_status(match: Match) -> CoverageStatus:
    """The status linking gives the parent item of a matching row (one with a parent id)."""
    if match.not_applicable_reason is not None:
        return "not_applicable"
    if match.method == MENTIONED:
        # Named in the child's text without an item: present, but not itemised.
        return "mentioned"
    return "missing" if match.child_id is None else "fine"
