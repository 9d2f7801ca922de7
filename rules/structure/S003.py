"""Có thể viết sai chính tả: một dấu thanh, dấu chữ hoặc phụ âm đầu bị gõ nhầm.

Basis: Nghị định 30/2020/NĐ-CP (Điều 7: văn bản viết đúng chính tả tiếng Việt);
a slip of one mark turns a standard phrase of plans into another word ("Phân đấu"
for "Phấn đấu", "phẩm quyền" for "thẩm quyền") that a reader may take literally.

Anti-pattern:
    (8) Phân đấu Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” đạt tỷ lệ 100%.

Best practice:
    (8) Phấn đấu Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” đạt tỷ lệ 100%.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.model import RepairNote
from rules.base import Rule, RuleContext
from rules.evidence import line_excerpt, make_finding
from rules.findings import Finding
from rules.structure.spelling import find_misspellings

# One change in a phrase that is not a word: likely a slip. Two changes, or a real
# phrase in the place the known one belongs: likely, but less sure.
# Repairs that map characters one to one (a legacy encoding table, Unicode
# normalisation): text they produce is what the author typed. Any other repair
# guesses letters, however sure it is.
EXACT_PREFIXES = ("legacy-", "nfc")
ONE_CHANGE_CONFIDENCE = 0.7
IN_CONTEXT_CONFIDENCE = 0.55


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per likely misspelt phrase."""
    plan = context.child
    guessed = {note.line for note in plan.repairs if not _exact(note)}
    for line in plan.lines:
        for found in find_misspellings(line.text):
            if line.number in guessed and found.written not in line.raw:
                continue  # repair guessed these letters: S002's business, not the author's slip
            expected = _like_case(found.written, found.expected)
            base = ONE_CHANGE_CONFIDENCE if found.changes == 1 else IN_CONTEXT_CONFIDENCE
            yield make_finding(
                RULE,
                message=f"Có thể viết sai chính tả: “{found.written}”, có lẽ là “{expected}”.",
                hint=f"Kiểm tra và sửa thành “{expected}” nếu đúng là lỗi gõ.",
                confidence=context.child_repairs.confidence(line.number, base),
                line=line.number,
                child=line_excerpt(plan, line.number, found.start, found.end),
            )


def _exact(note: RepairNote) -> bool:
    return note.method.startswith(EXACT_PREFIXES)


def _like_case(written: str, expected: str) -> str:
    """The known phrase capitalised as the text wrote it ('Phấn đấu' at a sentence start)."""
    if written[:1].isupper():
        return expected[:1].upper() + expected[1:]
    return expected


RULE = Rule(
    code="S003",
    name="structure.spelling",
    severity="info",
    scope="document",
    title="Có thể viết sai chính tả (sai một dấu hoặc phụ âm đầu)",
    rationale=(
        "Văn bản phải viết đúng chính tả tiếng Việt (Nghị định 30/2020/NĐ-CP). Gõ nhầm một "
        "dấu thanh, dấu chữ hoặc phụ âm đầu biến một cụm từ quen thuộc của kế hoạch thành "
        "từ khác (“Phân đấu”, “Phần đầu” thay cho “Phấn đấu”; “phẩm quyền” thay cho “thẩm "
        "quyền”), làm giảm tính nghiêm túc của văn bản và có thể làm sai nghĩa."
    ),
    example="(8) Phân đấu Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” đạt tỷ lệ 100%.",
    check=check,
)
