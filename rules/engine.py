"""The check: match once, run every enabled rule, then grade, fingerprint, waive and sort.

Document rules run on every plan. Cross-plan rules (coverage, targets, deadlines against
the parent) run when the plan says it carries out Đề án 13 and a parent plan is given.
When it carries out Đề án 13 and no parent is given, the coverage rules run against the
Đề án 13 catalogue itself (``CheckResult.basis`` 'reference'), figures are not compared
and the note names the document to add. Otherwise ``CheckResult.scope_note`` tells the
reader, in Vietnamese, why they did not run.
"""

from __future__ import annotations

from extract.model import Plan
from rules.base import RuleContext
from rules.basis import carries_out, missing_parent_words
from rules.chain import chain_gaps
from rules.config import RuleConfig, Waiver
from rules.findings import Basis, CheckResult, Finding, Match, PlanSummary, finding_order
from rules.free_matching import match_free
from rules.hierarchy import (
    hierarchy_words,
    implements_de_an_13,
    is_coastal,
    parent_note,
    plan_level,
)
from rules.matching import Applicability, match_plans
from rules.reference import Reference, load_reference
from rules.reference_match import match_reference
from rules.registry import all_rules

NOT_DE_AN_13_NOTE = (
    "Kế hoạch này không nêu là thực hiện {name} ({number} ngày {date} của {issuer}), nên chỉ "
    "áp dụng các quy tắc về hình thức văn bản (ngày tháng, số hiệu, cấu trúc, chính tả); "
    "không so sánh chỉ tiêu, nhiệm vụ với kế hoạch cấp trên."
)
REFERENCE_ONLY_NOTE = (
    "THIẾU VĂN BẢN CẤP TRÊN: chưa có {missing}, nên CHƯA SO SÁNH ĐƯỢC CÁC CON SỐ CHỈ "
    "TIÊU với cấp trên. Kế hoạch mới được đối chiếu với danh mục chỉ tiêu, nhiệm vụ của "
    "{name} ({number} ngày {date} của {issuer}) áp dụng cho cấp của mình, cùng thời hạn, "
    "giai đoạn và trích dẫn. Cần bổ sung văn bản trên để đối chiếu đầy đủ."
)

UNRELATED_PARENT_NOTE = (
    "Kế hoạch được chọn làm cấp trên không thực hiện Đề án {number} (cũng không phải chính "
    "Đề án hay kế hoạch triển khai của Ban Dân vận Tỉnh ủy), nên không so sánh chỉ tiêu, "
    "nhiệm vụ với nó; chỉ áp dụng các quy tắc về hình thức văn bản."
)

LOWER_PARENT_NOTE = (
    "Kế hoạch được chọn làm cấp trên thuộc cấp thấp hơn kế hoạch được kiểm tra (có thể đã "
    "chọn ngược), nên không so sánh chỉ tiêu, nhiệm vụ; chỉ áp dụng các quy tắc về hình "
    "thức văn bản."
)


def check_plan(
    child: Plan,
    parent: Plan | None = None,
    *,
    config: RuleConfig | None = None,
    waivers: list[Waiver] | None = None,
    reference: Reference | None = None,
) -> CheckResult:
    """Check a plan, against its parent when one is given.

    Args:
        child: The plan under review.
        parent: The plan it implements, or None.
        config: Disabled rules, severity overrides, options and waivers.
        waivers: More waivers, on top of the configuration's.
        reference: The Đề án 13 reference model; the bundled one when None.

    Returns:
        Findings sorted by line, the matching table, both plans' summaries and, when
        cross-plan rules did not run, a note saying why.
    """
    config = config or RuleConfig()
    reference = reference or load_reference()
    implements = implements_de_an_13(child, reference)
    parent_fits = parent is not None and _parent_fits(child, parent, reference)
    # Any other document the child says it carries out, by number: its items are the
    # catalogue (issue 21).
    free = (
        parent is not None
        and not (implements and parent_fits)
        and carries_out(child, parent)
        and not is_below(parent, child)
    )
    cross = (implements and parent_fits) or free
    against_reference = implements and parent is None
    who = Applicability(level=plan_level(child), coastal=is_coastal(child))
    matches: list[Match] = []
    if free and parent is not None:
        matches = match_free(child, parent)
    elif cross and parent is not None:
        matches = match_plans(child, parent, reference, who)
        matches += chain_gaps(child, parent, reference, who)
    elif against_reference:
        matches = match_reference(child, reference, who)
    context = RuleContext(
        child=child,
        parent=parent if cross else None,
        matches=matches,
        implements_de_an_13=implements,
        reference=reference,
        options=config.options,
        against_reference=against_reference,
    )
    findings = run_rules(context, config, cross=cross or against_reference)
    # A waiver of plancheck.toml holds only for the plan it names (or for all, if it says so).
    given = [*config.waivers, *(waivers or [])]
    all_waivers = [waiver for waiver in given if waiver.holds_for(child)]
    return CheckResult(
        child=summarise(child),
        parent=summarise(parent) if parent is not None else None,
        implements_de_an_13=implements,
        scope_note=None if free else _scope_note(child, parent, parent_fits, reference),
        parent_note=parent_note(child, parent) if cross and parent is not None else None,
        basis=_basis(free=free, cross=cross, against_reference=against_reference),
        missing_parent=(
            missing_parent_words(child, reference, who.level) if against_reference else None
        ),
        unreadable_note=unreadable_note(child),
        findings=[_waive(finding, all_waivers) for finding in findings],
        matches=matches,
    )


def _basis(*, free: bool, cross: bool, against_reference: bool) -> Basis:
    if free:
        return "parent"
    if cross:
        return "chain"
    return "reference" if against_reference else "none"


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


def run_rules(context: RuleContext, config: RuleConfig, *, cross: bool) -> list[Finding]:
    """Run the enabled rules of the right scope; grade, fingerprint and sort the findings."""
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.code in config.disable or (rule.scope == "cross" and not cross):
            continue
        severity = config.severity.get(rule.code)
        for finding in rule.check(context):
            if severity is not None:
                finding = finding.model_copy(update={"severity": severity})
            findings.append(finding.with_fingerprint())
    return sorted(findings, key=finding_order)


def summarise(plan: Plan) -> PlanSummary:
    """What a report needs to name a plan."""
    return PlanSummary(
        path=plan.source.path,
        name=plan.source.name,
        sha256=plan.source.sha256,
        meta=plan.meta,
        level=plan_level(plan),
        coastal=is_coastal(plan),
    )


def _parent_fits(child: Plan, parent: Plan, reference: Reference) -> bool:
    return belongs_to_de_an_13(parent, reference) and not is_below(parent, child)


def is_below(parent: Plan, child: Plan) -> bool:
    """Whether the plan given as parent sits at a lower level than the child (given backwards)."""
    parent_level, child_level = plan_level(parent), plan_level(child)
    if parent_level is None or child_level is None:
        return False
    ranks = hierarchy_words().rank
    return ranks[parent_level] > ranks[child_level]


def belongs_to_de_an_13(plan: Plan, reference: Reference) -> bool:
    """Whether a plan can be a parent for Đề án 13: it implements it, is it, or relays it."""
    if implements_de_an_13(plan, reference):
        return True
    own = {_number_key(reference.identity.number), _number_key(reference.relay.number)}
    return plan.meta.number is not None and _number_key(plan.meta.number) in own


def _number_key(number: str) -> str:
    return "".join(number.split()).upper()


def _scope_note(
    child: Plan, parent: Plan | None, parent_fits: bool, reference: Reference
) -> str | None:
    implements = implements_de_an_13(child, reference)
    if not implements:
        identity = reference.identity
        return NOT_DE_AN_13_NOTE.format(
            name=identity.short_names[0] if identity.short_names else identity.kind,
            number=identity.number,
            date=identity.date.strftime("%d/%m/%Y"),
            issuer=identity.issuer,
        )
    if parent is None:
        identity = reference.identity
        return REFERENCE_ONLY_NOTE.format(
            missing=missing_parent_words(child, reference, plan_level(child)),
            name=identity.short_names[0] if identity.short_names else identity.kind,
            number=identity.number,
            date=identity.date.strftime("%d/%m/%Y"),
            issuer=identity.issuer,
        )
    if not parent_fits:
        if is_below(parent, child):
            return LOWER_PARENT_NOTE
        return UNRELATED_PARENT_NOTE.format(number=reference.identity.number)
    return None


def _waive(finding: Finding, waivers: list[Waiver]) -> Finding:
    for waiver in waivers:
        if waiver.applies_to(finding):
            return finding.model_copy(update={"waived": True, "waiver_reason": waiver.reason})
    return finding
