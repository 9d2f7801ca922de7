"""Qualitative targets in the rules (issue 14, the lead's decision: they count).

A labelled item of a target section without a figure is a target with no
quantities. C001 names such a parent target the child lacks, by its text, like any
other; T001-T003 compare figures and stay silent on a target that has none, and
T004 says when the parent's matched target has a figure the child's dropped.
"""

from __future__ import annotations

from functools import cache

from rules import check_plan
from rules.findings import CheckResult
from tests.plan_text import parsed_plan

PARENT = (
    "HỘI ĐỒNG NHÂN DÂN\nXÃ ĐÔNG HÒA\nSố: 15/NQ-HĐND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nĐông Hòa, ngày 09 tháng 12 năm 2022\n\nNGHỊ QUYẾT\n"
    "Về nhiệm vụ năm 2023\n"
    "I. CHỈ TIÊU\n1. Tỷ lệ hộ nghèo giảm 2%.\n"
    "2. Xây dựng xã đạt chuẩn nông thôn mới nâng cao.\n"
    "3. Duy trì xã đạt chuẩn quốc gia về y tế.\n"
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền\n"
)
CHILD = (
    "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HÒA\nSố: 45/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nĐông Hòa, ngày 30 tháng 12 năm 2022\n\nKẾ HOẠCH\n"
    "Thực hiện nhiệm vụ năm 2023\n\n"
    "Thực hiện Nghị quyết số 15/NQ-HĐND ngày 09/12/2022 của Hội đồng nhân dân xã, Ủy ban "
    "nhân dân xã xây dựng kế hoạch như sau:\n"
    "I. CHỈ TIÊU\n1. Giảm tỷ lệ hộ nghèo trên địa bàn xã.\n"
    "2. Xây dựng xã đạt chuẩn nông thôn mới nâng cao.\n"
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền\n"
)


@cache
def _result() -> CheckResult:
    return check_plan(parsed_plan(CHILD), parsed_plan(PARENT))


def test_a_missing_qualitative_parent_target_is_named_by_its_text() -> None:
    result = _result()
    assert result.basis == "parent"
    (missing,) = [finding for finding in result.findings if finding.code == "C001"]
    assert missing.parent_target == "I(3)"
    assert missing.message == (
        "Thiếu chỉ tiêu I(3) của kế hoạch cấp trên: Duy trì xã đạt chuẩn quốc gia về y tế."
    )


def test_a_qualitative_target_matched_by_its_text_is_covered() -> None:
    result = _result()
    pairs = {
        (match.child_id, match.parent_id) for match in result.matches if match.kind == "target"
    }
    assert ("I(2)", "I(2)") in pairs


def test_figure_rules_stay_silent_on_a_target_without_a_figure_and_t004_names_it() -> None:
    # The child's I(1) states the parent's figured target without a figure: nothing
    # to compare, so no T001 (weaker), T002 (other unit) or T003 (impossible figure);
    # T004 says the figure is gone. I(2) has no figure on either side: no finding.
    result = _result()
    assert ("I(1)", "I(1)") in {(match.child_id, match.parent_id) for match in result.matches}
    codes = [finding.code for finding in result.findings if finding.code.startswith("T")]
    assert codes == ["T004"]
    (dropped,) = [finding for finding in result.findings if finding.code == "T004"]
    assert (dropped.target, dropped.parent_target, dropped.severity) == ("I(1)", "I(1)", "warning")
    assert dropped.message == (
        "Chỉ tiêu I(1) không nêu con số, trong khi chỉ tiêu I(1) của kế hoạch cấp trên "
        "đặt 2%: không so sánh, kiểm tra được."
    )

