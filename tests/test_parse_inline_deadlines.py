from __future__ import annotations

import datetime as dt

import pytest

from extract.parse.inline_deadlines import find_inline_deadline
from tests.test_parse_targets import _plan


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [
        (
            "Phòng Nội vụ chủ trì tham mưu; thời gian hoàn thành trong quý II/2023.",
            "within",
            dt.date(2023, 6, 30),
        ),
        (
            "Các cơ quan gửi kế hoạch về Phòng Nội vụ trước ngày 30/4/2023.",
            "by",
            dt.date(2023, 4, 30),
        ),
        ("Báo cáo kết quả, thời gian thực hiện: hằng năm.", "recurring", None),
        ("Báo cáo chậm nhất 15/12/2023; sau đó tổng kết.", "by", dt.date(2023, 12, 15)),
    ],
)
def test_a_time_closing_the_sentence_is_its_deadline(text: str, kind: str, end: dt.date) -> None:
    deadline = find_inline_deadline(text)
    assert deadline is not None
    assert (deadline.kind, deadline.end) == (kind, end)


@pytest.mark.parametrize(
    "text",
    [
        "Trước hết, tập trung quán triệt các nghị quyết của Đảng.",
        "Trước mắt, rà soát các mô hình đã có.",
        "Thực hiện tốt quy chế dân chủ ở cơ sở.",
        "Thời gian tới, tiếp tục đổi mới nội dung.",
    ],
)
def test_no_deadline_without_a_time(text: str) -> None:
    assert find_inline_deadline(text) is None


def test_a_task_without_a_label_takes_its_inline_deadline_and_its_place() -> None:
    plan = _plan(
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Tăng cường công tác dân vận chính quyền\n"
        "a) Phòng Nội vụ chủ trì, phối hợp với các cơ quan tham mưu Ủy ban nhân dân huyện;\n"
        "thời gian hoàn thành trong quý II/2023.\n"
        "b) Các xã xây dựng kế hoạch.\n"
    )
    by_id = {task.id: task for task in plan.tasks}
    first = by_id["III.1.a"].deadline
    assert first is not None and first.kind == "within" and first.span is not None
    assert first.span.line == 4 and first.raw == "trong quý II/2023"
    assert by_id["III.1.b"].deadline is None


@pytest.mark.parametrize(
    "text",
    ["Hoàn thành xuất sắc nhiệm vụ năm 2023.", "Phấn đấu hoàn thành tốt nhiệm vụ được giao."],
)
def test_a_year_inside_a_goal_is_no_deadline(text: str) -> None:
    assert find_inline_deadline(text) is None


def test_a_date_right_after_a_time_word() -> None:
    deadline = find_inline_deadline("Tổng kết; tiến độ: 30/6/2023.")
    assert deadline is not None and deadline.end == dt.date(2023, 6, 30)
