"""Trích dẫn Đề án 13 sai số hiệu, ngày hoặc cơ quan ban hành.

Basis: Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy Quảng Ngãi is
the document every plan in scope carries out; Hướng dẫn 36-HD/VPTW (mục 1.4)
asks that a cited document be named by its type, number, date and issuer. A
citation that gets one of them wrong points at another document.

Anti-pattern:
    Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2021 của Ban Thường vụ Tỉnh ủy.

Best practice:
    Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Plan, Reference
from extract.resources import data_file, load_yaml
from extract.text import fold_text
from rules.base import Rule, RuleContext
from rules.de_an import Identity, de_an_13_identity, vietnamese_date
from rules.evidence import make_finding
from rules.findings import Finding
from rules.metadata.common import fold_number

DATA_FILE = data_file("rules", "citations.yaml")
CONFIDENCE = 0.9


class CitationVocabulary(BaseModel):
    """How issuers are compared (rules/data/citations.yaml)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    abbreviations: dict[str, str]
    equivalent_issuers: list[list[str]]
    province_prefixes: list[str]


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per citation of Đề án 13 whose number, date or issuer is wrong."""
    identity = de_an_13_identity(context)
    if identity is None:
        return
    plan = context.child
    for reference, declared in cited_de_an(plan):
        wrong = disagreements(reference, identity, declared)
        if not wrong:
            continue
        canonical = (
            f"số {identity.number} ngày {vietnamese_date(identity.date)} của {identity.issuer}"
        )
        yield make_finding(
            RULE,
            message=f"Trích dẫn Đề án 13 ghi sai {', '.join(wrong)}: Đề án 13 là Đề án "
            f"{canonical}.",
            hint="Sửa trích dẫn theo đúng số, ngày và cơ quan ban hành của Đề án.",
            confidence=context.child_repairs.confidence(reference.line, CONFIDENCE),
            line=reference.line,
            child=" ".join(reference.raw.split()),
        )


def cited_de_an(plan: Plan) -> list[tuple[Reference, bool]]:
    """Each cited Đề án, with whether extraction says the plan carries it out."""
    cited: list[tuple[Reference, bool]] = []
    implements = plan.meta.implements
    if implements is not None and implements.reference is not None:
        if _is_de_an(implements.reference):
            cited.append((implements.reference, implements.is_de_an_13))
    for reference in plan.meta.references:
        already = any(
            (reference.line, reference.raw) == (known.line, known.raw) for known, _ in cited
        )
        if _is_de_an(reference) and not already:
            cited.append((reference, False))
    return cited


def disagreements(reference: Reference, identity: Identity, declared: bool) -> list[str]:
    """Vietnamese names of the parts that disagree; empty when it is another Đề án."""
    number = _number_agrees(reference.number, identity.number)
    date = None if reference.date is None else reference.date == identity.date
    issuer = None if reference.issuer is None else issuers_agree(reference.issuer, identity)
    # Without the plan declaring it, a citation is taken for Đề án 13 only when the
    # number agrees with the date or the issuer, or the date and the issuer agree:
    # another province's (or term's) "13-ĐA/TU" is not a wrong citation.
    if not declared and not ((number and (date or issuer)) or (date and issuer)):
        return []
    wrong: list[str] = []
    if number is False:
        wrong.append(f"số hiệu ({reference.number})")
    if date is False and reference.date is not None:
        wrong.append(f"ngày ban hành ({vietnamese_date(reference.date)})")
    if issuer is False:
        wrong.append(f"cơ quan ban hành ({reference.issuer})")
    return wrong


def issuers_agree(issuer: str, identity: Identity) -> bool:
    """Whether a cited issuer names the Đề án's issuer, abbreviations and province aside."""
    words = vocabulary()
    groups = [
        {_fold_issuer(name, identity) for name in group} for group in words.equivalent_issuers
    ]
    cited = _fold_issuer(issuer, identity)
    expected = _fold_issuer(identity.issuer, identity)
    if cited == expected:
        return True
    return any(cited in group and expected in group for group in groups)


@cache
def vocabulary() -> CitationVocabulary:
    """The validated citation vocabulary."""
    return CitationVocabulary.model_validate(load_yaml(DATA_FILE))


def _fold_issuer(issuer: str, identity: Identity) -> str:
    words = vocabulary()
    # "Ban Thường vụ Tỉnh ủy về đổi mới ..." — the subject is not part of the issuer.
    named = fold_text(issuer).split(" ve ")[0]
    folded = " ".join(words.abbreviations.get(word, word) for word in named.split())
    province = fold_text(identity.province or "")
    if province and folded.endswith(f" {province}"):
        folded = folded[: -len(province)].strip()
        for prefix in words.province_prefixes:
            if folded.endswith(f" {prefix}"):
                folded = folded[: -len(prefix)].strip()
    return folded


def _number_agrees(cited: str | None, expected: str) -> bool | None:
    if cited is None:
        return None
    if not any(char.isalpha() for char in cited):
        # "Đề án số 13" names the number alone; only its digits can disagree.
        return cited.strip() == expected.split("-")[0].strip()
    return fold_number(cited) == fold_number(expected)


def _is_de_an(reference: Reference) -> bool:
    kind = fold_text(reference.kind or reference.raw[:8])
    return kind.startswith("de an")


RULE = Rule(
    code="M002",
    name="metadata.de-an-13-citation",
    severity="error",
    scope="document",
    title="Trích dẫn Đề án 13 sai số hiệu, ngày hoặc cơ quan ban hành",
    rationale=(
        "Kế hoạch thực hiện phải dẫn đúng văn bản mình thực hiện: Đề án số 13-ĐA/TU ngày "
        "10/10/2022 của Ban Thường vụ Tỉnh ủy. Trích dẫn sai số, ngày hoặc cơ quan ban hành "
        "là dẫn tới một văn bản khác, làm người đọc và cơ quan kiểm tra không đối chiếu "
        "được và có thể làm sai căn cứ pháp lý của kế hoạch."
    ),
    example="Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2021 của Ban Thường vụ Tỉnh ủy.",
    check=check,
)
