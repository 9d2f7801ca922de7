"""Chữ khôi phục chưa chắc chắn: cần đối chiếu với bản gốc.

Basis: text extracted from a PDF with broken fonts or a legacy encoding is
repaired before it is read; where repair was not confident, every figure, date
or name read from that place may be wrong, so a reviewer must look at the
original before relying on any finding about it.

Anti-pattern:
    Tỷ lệ lao động qua đào tạo trên 6 % (chữ số bị mất, khôi phục là “65%” với độ tin cậy thấp).

Best practice:
    Văn bản gốc có phông chữ Unicode đầy đủ, không phải khôi phục.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract.model import RepairNote
from rules.base import Rule, RuleContext
from rules.evidence import line_excerpt, make_finding, sentence_around
from rules.findings import Finding

CONFIDENCE = 0.9
SHOWN_PER_LINE = 3


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per font that could not be read, then one per line of uncertain repairs."""
    plan = context.child
    for reading in plan.unreadable_fonts:
        # The whole document: what the rules read from it may be wrong anywhere.
        yield make_finding(
            RULE,
            message=f"Không đọc được chữ một cách tin cậy: phông “{reading.font}” trong PDF "
            f"không có bảng mã Unicode (ToUnicode); chữ giải ra chỉ có "
            f"{reading.valid_share:.0%} từ là âm tiết tiếng Việt hợp lệ, độ chắc chắn trung "
            f"bình {reading.margin:.0%}. Văn bản chưa kiểm tra được.",
            hint="Xin bản PDF xuất từ Word có nhúng phông Unicode, hoặc tệp .docx, "
            "rồi rà soát lại.",
            confidence=CONFIDENCE,
            line=None,
            severity="error",
        )
    by_line: dict[int, list[RepairNote]] = {}
    for note in plan.repairs:
        if note.uncertain:
            by_line.setdefault(note.line, []).append(note)
    for line, notes in sorted(by_line.items()):
        if not 1 <= line <= len(plan.lines):
            continue
        changes = "; ".join(_change(note) for note in notes[:SHOWN_PER_LINE])
        more = len(notes) - SHOWN_PER_LINE
        if more > 0:
            changes += f" và {more} chỗ khác"
        original = plan.line(line).raw
        yield make_finding(
            RULE,
            message=f"Dòng {line} có chữ khôi phục chưa chắc chắn: {changes}.",
            hint="Đối chiếu với bản gốc trước khi dùng số liệu ở dòng này: "
            f"“{sentence_around(original, notes[0].start, notes[0].end)}”.",
            confidence=CONFIDENCE,
            line=line,
            child=line_excerpt(plan, line),
        )


def _change(note: RepairNote) -> str:
    before = note.before.strip() or "(khoảng trắng)"
    confidence = round(note.confidence * 100)
    if note.method == "ocr-uncertain":
        # Kept as the scan was read (a number, label or word the reader doubts): nothing changed.
        return f"“{before}” đọc từ bản quét chưa chắc chắn (độ tin cậy {confidence}%)"
    return f"“{before}” đọc thành “{note.after}” (độ tin cậy {confidence}%)"


RULE = Rule(
    code="S002",
    name="structure.uncertain-repair",
    severity="warning",
    scope="document",
    title="Chữ khôi phục chưa chắc chắn, cần đối chiếu bản gốc",
    rationale=(
        "Văn bản trích từ PDF lỗi phông hoặc dùng bảng mã cũ phải được khôi phục chữ trước "
        "khi đọc. Ở những chỗ việc khôi phục không chắc chắn, con số, ngày tháng hay tên cơ "
        "quan đọc được có thể sai; người rà soát cần xem bản gốc trước khi dựa vào bất kỳ "
        "phát hiện nào tại đó."
    ),
    example="“c a B n Th  n  v ” đọc thành “của Ban Thường vụ” (độ tin cậy 45%).",
    check=check,
)
