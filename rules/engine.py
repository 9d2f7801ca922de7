"""The check: link once, run every enabled rule, then grade, fingerprint, waive and sort.

Linking (``rules.linking.link_plans``) decides what the plan is compared with and pairs
the items; the rules read its result and never link again.

Document rules run on every plan. Cross-plan rules (coverage, targets, deadlines against
the parent) run when the plan says it carries out Đề án 13 and a parent plan is given.
When it carries out Đề án 13 and no parent is given, the coverage rules run against the
Đề án 13 catalogue itself (``CheckResult.basis`` 'reference'), figures are not compared
and the note names the document to add. Otherwise ``CheckResult.scope_note`` tells the
reader, in Vietnamese, why they did not run.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Plan
from rules.base import Rule, RuleContext
from rules.config import RuleConfig, Waiver
from rules.findings import CheckResult, Coverage, Finding, PlanSummary, finding_order
from rules.linking import Links, link_plans
from rules.linking.coverage import graded
from rules.reference import Reference, load_reference
from rules.registry import all_rules
from rules.waivers import waive


def check_plan(
    child: Plan,
    parent: Plan | None = None,
    *,
    links: Links | None = None,
    config: RuleConfig | None = None,
    waivers: list[Waiver] | None = None,
    reference: Reference | None = None,
) -> CheckResult:
    """Check a plan, against its parent when one is given.

    Args:
        child: The plan under review.
        parent: The plan it implements, or None.
        links: The linking of the two (``rules.linking.link_plans``); linked here when None.
        config: Disabled rules, severity overrides, options and waivers.
        waivers: More waivers, on top of the configuration's.
        reference: The Đề án 13 reference model; the bundled one when None.

    Returns:
        Findings sorted by line, the matching table, every parent item's coverage, both
        plans' summaries and, when cross-plan rules did not run, a note saying why.
    """
    config = config or RuleConfig()
    reference = reference or load_reference()
    if links is None:
        links = link_plans(child, parent, reference=reference)
    context = RuleContext(
        child=child,
        parent=parent if links.compares_parent else None,
        links=links,
        reference=reference,
        options=config.options,
    )
    rules = all_rules()
    findings = run_rules(context, config, cross=links.basis != "none", rules=rules)
    # A waiver of plancheck.toml holds only for the plan it names (or for all, if it says so).
    given = [*config.waivers, *(waivers or [])]
    all_waivers = [waiver for waiver in given if waiver.holds_for(child)]
    findings = waive(findings, all_waivers)
    return CheckResult(
        child=summarise(child, links.child_level, links.child_coastal),
        parent=(
            summarise(parent, links.parent_level, links.parent_coastal)
            if parent is not None
            else None
        ),
        implements_de_an_13=links.implements_de_an_13,
        scope_note=links.scope_note,
        parent_note=links.parent_note,
        basis=links.basis,
        missing_parent=links.missing_parent,
        unreadable_note=unreadable_note(child),
        findings=findings,
        matches=links.matches,
        coverage=grade_coverage(links.coverage, findings, rules),
    )


def grade_coverage(
    coverage: list[Coverage], findings: list[Finding], rules: Sequence[Rule]
) -> list[Coverage]:
    """Linking's coverage, with what the rules that grade coverage (``Rule.coverage``) found."""
    grading = {rule.code: rule.coverage for rule in rules if rule.coverage is not None}
    return graded(coverage, findings, grading)


def unreadable_note(child: Plan) -> str | None:
    """Why the plan is not checked: fonts whose text could not be read (issue 22)."""
    fonts = child.unreadable_fonts
    if not fonts:
        return None
    names = ", ".join(f"“{reading.font}”" for reading in fonts)
    return (
        f"Chưa kiểm tra được: không đọc được chữ một cách tin cậy (phông {names} trong PDF "
        "không có bảng mã Unicode). Kết quả rà soát không dùng được; cần bản có phông Unicode."
    )


def run_rules(
    context: RuleContext, config: RuleConfig, *, cross: bool, rules: Sequence[Rule] | None = None
) -> list[Finding]:
    """Run the enabled rules of the right scope; grade, fingerprint and sort the findings."""
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        if rule.code in config.disable or (rule.scope == "cross" and not cross):
            continue
        severity = config.severity.get(rule.code)
        for finding in rule.check(context):
            if severity is not None:
                finding = finding.model_copy(update={"severity": severity})
            findings.append(finding.with_fingerprint())
    return sorted(findings, key=finding_order)


def summarise(plan: Plan, level: str | None, coastal: bool | None) -> PlanSummary:
    """What a report needs to name a plan, with its level and coast as linking found them."""
    return PlanSummary(
        path=plan.source.path,
        name=plan.source.name,
        sha256=plan.source.sha256,
        meta=plan.meta,
        level=level,
        coastal=coastal,
    )
