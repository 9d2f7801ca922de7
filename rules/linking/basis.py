"""What a plan says it carries out, and which document a reviewer must add to compare it.

A plan names its direct basis in its preamble ("Thực hiện Kế hoạch số 90-KH/BDVTU ngày
23/11/2022 của Ban Dân vận Tỉnh ủy ..."); extraction keeps it as ``meta.implements``.
When that document is not at hand the report must name it, as the plan cites it.
"""

from __future__ import annotations

from extract.model import Plan
from extract.model import Reference as Citation
from rules.reference import Level, Reference


def number_key(number: str) -> str:
    """A document number compared without spaces, case or the đ/d difference."""
    return "".join(number.split()).upper().replace("Đ", "D")


def carries_out(child: Plan, parent: Plan) -> bool:
    """Whether the child says it carries out this very document, by its number.

    "Thực hiện Nghị quyết số 15/2020/NQ-HĐND ngày 09/12/2020 ..." makes the resolution
    numbered 15/2020/NQ-HĐND the child's parent, whatever it is about.
    """
    implements = child.meta.implements
    cited = implements.reference if implements is not None else None
    if cited is None or not cited.number or not parent.meta.number:
        return False
    return number_key(cited.number) == number_key(parent.meta.number)


def direct_basis(child: Plan, reference: Reference) -> Citation | None:
    """The document the plan carries out directly, when it names one by number.

    The Đề án itself counts only when nothing nearer is cited: a ward plan that says
    "Thực hiện Kế hoạch số 12-KH/TU của Thị ủy ... về thực hiện Đề án 13" carries out
    the town's plan.
    """
    implements = child.meta.implements
    cited = implements.reference if implements is not None else None
    de_an = number_key(reference.identity.number)
    if cited is not None and cited.number and number_key(cited.number) != de_an:
        return cited
    relay = number_key(reference.relay.number)
    for citation in child.meta.references:
        if citation.number and number_key(citation.number) == relay:
            return citation
    return cited if cited is not None and cited.number else None


def carried_out_words(child: Plan) -> str | None:
    """The document the plan says it carries out, as it cites it, when cited by number.

    "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy ..., UBND tỉnh
    ban hành Kế hoạch thực hiện ..." gives "Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban
    Dân vận Tỉnh ủy": the document a reviewer must add to compare the plan with it.
    """
    implements = child.meta.implements
    cited = implements.reference if implements is not None else None
    if cited is None or not cited.number:
        return None
    return " ".join(cited.raw.split()).rstrip(" ,;.") or None


# Levels whose direct parent is a locality's own plan for the Đề án, not the Đề án: a
# ward or commune carries out the district's (town's) plan even when it cites the Đề án.
_LOCAL_PARENT: dict[Level, Level] = {"xa": "huyen", "phuong": "huyen"}


def missing_parent_words(child: Plan, reference: Reference, level: Level | None) -> str:
    """How a report names the document to add for a full comparison.

    As the plan cites its direct basis when that is not the Đề án; for a ward or commune
    that cites only the Đề án, the Đề án plan of the district level above it; otherwise
    the full text of the Đề án (the reference stores no figures).
    """
    citation = direct_basis(child, reference)
    de_an = number_key(reference.identity.number)
    if citation is not None and citation.number and number_key(citation.number) != de_an:
        return " ".join(citation.raw.split()).rstrip(" ,;.")
    identity = reference.identity
    de_an_words = (
        f"{identity.kind} số {identity.number} ngày {identity.date.strftime('%d/%m/%Y')} "
        f"của {identity.issuer}"
    )
    above = _LOCAL_PARENT.get(level) if level is not None else None
    if above is not None:
        return (
            f"kế hoạch thực hiện {de_an_words} của cấp ủy cấp trên trực tiếp — "
            f"{reference.levels[above]}"
        )
    return f"toàn văn {de_an_words} (có các con số chỉ tiêu)"
