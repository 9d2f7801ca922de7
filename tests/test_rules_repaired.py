"""A finding's confidence from what repair did to its lines, gathered once per check."""

from typing import Any

from rules import check_plan
from rules.base import RuleContext
from rules.repaired import RepairedLines
from tests.rules_fixtures import build_plan

IMPLEMENTS = "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"


def _note(line: int, *, uncertain: bool = False) -> dict[str, Any]:
    return {
        "line": line, "start": 0, "end": 3, "before": "Tỷ", "after": "Tỷ",
        "method": "dropped-glyph", "confidence": 0.4 if uncertain else 0.95,
        "uncertain": uncertain,
    }  # fmt: skip


def _child() -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}\n(5) Tỷ lệ lao động qua đào tạo 55%.",
            "meta": {"issuer": "Đảng ủy phường An Phú"},
            "targets": [
                {
                    "id": "2.1(5)",
                    "line": 3,
                    "text": "(5) Tỷ lệ lao động qua đào tạo 55%.",
                    "quantities": [{"op": "=", "value": 55, "unit": "%", "raw": "55%"}],
                }
            ],
        },
        name="ward.txt",
    )


def _parent(repairs: list[dict[str, Any]]) -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}\n(5) Tỷ lệ lao động qua đào tạo trên 65%.\n"
            "(10) Thôn, tổ dân phố đạt chuẩn văn hóa đạt tỷ lệ trên 90%.\n"
            "(11) 100% hộ gia đình đạt danh hiệu gia đình văn hóa.",
            "meta": {"issuer": "Ban Thường vụ Thị ủy"},
            "targets": [
                {"id": "2.1(5)", "line": 3, "text": "(5) Tỷ lệ lao động qua đào tạo trên 65%.",
                 "quantities": [{"op": ">", "value": 65, "unit": "%", "raw": "trên 65%"}]},
                {"id": "2.1(10)", "line": 4,
                 "text": "(10) Thôn, tổ dân phố đạt chuẩn văn hóa đạt tỷ lệ trên 90%."},
                {"id": "2.1(11)", "line": 5,
                 "text": "(11) 100% hộ gia đình đạt danh hiệu gia đình văn hóa."},
            ],
            "repairs": repairs,
        },
        name="town.txt",
    )  # fmt: skip


def test_a_repaired_line_lowers_the_confidence_and_an_unsure_repair_more() -> None:
    parent = _parent([_note(3), _note(4), _note(4, uncertain=True)])
    repaired = RuleContext(child=_child(), parent=parent).parent_repairs
    assert repaired.confidence(3, 0.9) == 0.72
    assert repaired.confidence(4, 0.9) == 0.54
    assert repaired.confidence(5, 0.9) == 0.9
    assert RuleContext(child=_child()).parent_repairs == RepairedLines(frozenset(), frozenset())


class _CountedNotes(list[Any]):
    """A plan's repair notes that count how often they are read through."""

    reads = 0

    def __iter__(self) -> Any:
        _CountedNotes.reads += 1
        return super().__iter__()


def test_the_parents_repair_notes_are_read_once_per_check_not_once_per_finding() -> None:
    # A garbled parent (the town plan: 1,900 notes) was walked note by note for each
    # finding quoting it, some twenty a child of an audit (issue 18).
    parent = _parent([_note(3), _note(4, uncertain=True), _note(5)])
    parent.__dict__["repairs"] = _CountedNotes(parent.repairs)
    _CountedNotes.reads = 0
    result = check_plan(_child(), parent)
    quoting_parent = [finding for finding in result.findings if finding.parent_line is not None]
    assert len(quoting_parent) >= 3
    assert _CountedNotes.reads == 1
    confidence = {finding.parent_line: finding.confidence for finding in quoting_parent}
    assert confidence[4] < confidence[3]
