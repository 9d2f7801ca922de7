"""Tables of targets told by their columns and rows, whatever their text column says (issue 14)."""

from __future__ import annotations

from extract.parse import level_tables
from extract.parse.level_tables import level_columns, sets_levels
from tests.plan_text import parsed_plan


def _bar_table(header: list[str], rows: list[list[str]]) -> str:
    """A table flattened one cell per line with "|" lines between cells, as a library shows it."""
    cells = [*header, *(cell for row in rows for cell in row)]
    return "\n|\n".join(cells) + "\n|"


ROWS = [
    ["1", "Tỷ lệ hộ dân dùng nước sạch", "%", "85", "95"],
    ["2", "Số xã đạt chuẩn nông thôn mới", "xã", "10", "14"],
    ["3", "Tỷ lệ lao động qua đào tạo", "%", "60", "70"],
]


def test_a_table_with_a_column_of_a_later_year_than_its_results_lists_targets() -> None:
    text = _bar_table(["STT", "Nội dung", "Đơn vị tính", "Thực hiện 2020", "Năm 2025"], ROWS)
    plan = parsed_plan(text)
    assert [target.number for target in plan.targets] == [1, 2, 3]
    assert [target.quantities[0].value for target in plan.targets] == [95, 14, 70]
    assert plan.tasks == []


def test_a_table_of_results_only_lists_no_target() -> None:
    text = _bar_table(["STT", "Nội dung", "Đơn vị tính", "Thực hiện 2019", "Thực hiện 2020"], ROWS)
    assert parsed_plan(text).targets == []


def test_a_table_naming_tasks_or_deadlines_lists_no_target() -> None:
    header = ["STT", "Nhiệm vụ", "Đơn vị tính", "Thực hiện 2020", "Năm 2025"]
    assert parsed_plan(_bar_table(header, ROWS)).targets == []
    header = ["STT", "Nội dung", "Thời gian", "Thực hiện 2020", "Năm 2025"]
    assert parsed_plan(_bar_table(header, ROWS)).targets == []


def test_a_column_of_money_for_a_year_sets_no_level() -> None:
    header = ["STT", "Nội dung", "Đơn vị tính", "Thực hiện 2020", "Kinh phí năm 2025"]
    assert parsed_plan(_bar_table(header, ROWS)).targets == []


def test_a_year_column_looks_forward_by_the_plans_year_its_words_or_later_results() -> None:
    kinds = {1: "content", 2: "value"}
    headers = {1: "Nội dung", 2: "Năm 2025"}
    assert level_columns(headers, kinds, 2024) == [2]
    assert level_columns(headers, kinds, 2026) == []  # a plan of 2026: the figures of 2025 are past
    assert level_columns(headers, kinds, None) == []  # no year, no results, no forward word
    assert level_columns({1: "Nội dung", 2: "Đến năm 2025"}, kinds, None) == [2]
    assert level_columns({1: "Nội dung", 2: "KH 2024"}, kinds, None) == [2]
    assert level_columns({1: "Nội dung", 2: "Chỉ tiêu cụ thể"}, kinds, None) == [2]


def test_a_table_needs_two_rows_giving_a_level_half_of_its_written_rows() -> None:
    kinds = {0: "number", 1: "content", 2: "value"}
    headers = {0: "STT", 1: "Nội dung", 2: "Đến năm 2025"}
    one = [{0: "1", 1: "Tỷ lệ hộ nghèo", 2: "2"}, {0: "2", 1: "Số trường chuẩn", 2: "x"}]
    assert not sets_levels(headers, kinds, one, None)
    group = {0: "I", 1: "Về kinh tế", 2: ""}  # a group row is no written row
    two = [group, {0: "1", 1: "Tỷ lệ hộ nghèo", 2: "2"}, {0: "2", 1: "Số trường", 2: "12"}]
    assert sets_levels(headers, kinds, two, None)
    tasks = [{0: str(n), 1: f"Việc {n}", 2: "x"} for n in range(1, 6)]
    assert not sets_levels(headers, kinds, [*two, *tasks], None)


def test_a_long_generated_table_is_judged_in_one_pass_over_its_rows(monkeypatch) -> None:
    calls = 0
    real = level_tables._has_figure

    def counted(text: str) -> bool:
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(level_tables, "_has_figure", counted)
    rows = [
        [str(n), f"Chỉ số thứ {n} của xã", "%", str(n % 90), str(n % 90 + 5)]
        for n in range(1, 2001)
    ]
    text = _bar_table(["STT", "Nội dung", "ĐVT", "Thực hiện 2020", "Năm 2025"], rows)
    plan = parsed_plan(text)
    assert len(plan.targets) == 2000
    assert calls <= 2 * 2000  # each row's level cells read once per table judged
