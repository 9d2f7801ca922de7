"""Tables of targets flattened one cell per paragraph (issue 14), with real excerpts.

Every excerpt is copied from a development document of tests/realdocs/dev (its file
is named in the test); the held-out documents are never used here.
"""

from __future__ import annotations

from extract.parse.table_figures import cell_quantities
from tests.plan_text import figures as _figures
from tests.plan_text import parsed_plan as _plan

# bo-y-te-nien-giam-chi-tieu-muc-tieu.txt (lines 1-100): a yearbook's bilingual table,
# one cell per paragraph, blank lines between cells, " " for an empty cell; two
# columns report, two set targets; no unit column; decimal points.
YEARBOOK = (
    "User Yearbook User Yearbook\n\n1.1 - Chỉ tiêu mục tiêu\n\nTarget indicaters\n\n"
    "Tên chỉ tiêu - Name of Indicators\n\nThực hiện\nImplemented target 2019\n\n"
    "Thực hiện\nImplemented target 2020\n\nMục tiêu đến năm 2020\nTarget to 2020\n\n"
    "Mục tiêu đến năm 2025\nTarget to 2025**\n\n"
    "1. Số bác sỹ cho 10000 dân - Number of Medicine Doctors per 10000 persons\n\n"
    "9.06\n\n9.81\n\n9\n\n10\n\n"
    "2. Số dược sỹ ĐH 10000 dân  Number of  Pharmacists  per 10000 persons\n\n"
    "2.88\n\n2.85\n\n2.2\n\n2.8\n\n"
    "3. Tỷ lệ thôn bản có nhân viên y tế (%) Percentage of village having VHW\n\n"
    "98.6\n\n98.6\n\n>90\n\n \n\n"
    "6. Số giường bệnh bệnh viện trên 10000 dân Number of beds per 10000 inhabitants\n\n"
    "31.12\n\n30.73\n\n25\n\n30\n\n"
    "Trong đó: Số giường bệnh viện ngoài công lập In which: Private hospital:\n\n"
    "2.19\n\n2.16\n\n0.76\n\n10%\n\n"
    "7. Tỷ lệ % tiêm chủng đầy đủ cho trẻ em<1 tuổi Percentage of children <1 year were"
    " fully vaccinated\n\n94.3\n\n96.8\n\n>90\n\n>95\n\n"
    "14. Quy mô dân số - Populat"
)

# thua-thien-hue-thuc-hien-chi-tieu-2001-2005.txt (lines 1-32): results, not targets.
RESULTS = (
    "THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU PHÁT TRIỂN KINH TẾ XÃ HỘI NĂM 2001 – 2005\n  \n\n\n"
    "Chỉ tiêu\n\nĐơn vị tính\n\nChỉ tiêu\n\nThực hiện\n\nGhi chú\n\n"
    "1. Tốc độ tăng tổng sản phẩm trong tỉnh (bình quân)\n\n%\n\n8-9\n\n9,6\n\n"
    "Tốc độ tăng giá trị sản xuất (bình quân)\n\n+ Công nghiệp – Xây dựng\n\n%\n\n"
    "14 - 15\n\n16,1"
)


def test_a_table_of_blank_line_cells_reads_each_row_figure_from_its_latest_target_column() -> None:
    plan = _plan(YEARBOOK)
    assert [(target.line, target.number) for target in plan.targets] == [
        (21, 1),
        (31, 2),
        (41, 3),
        (51, 6),
        (71, 7),
        (81, 14),
    ]
    assert plan.targets[0].text.startswith("Số bác sỹ cho 10000 dân")
    assert [_figures(target) for target in plan.targets] == [
        [("=", 10.0, None)],  # "10000 dân" names the indicator; 9.06, 9.81 are results
        [("=", 2.8, None)],  # "2.8" is two point eight
        [(">", 90.0, None)],  # the 2025 cell is empty: the 2020 target stands
        [("=", 30.0, None), ("=", 10.0, "%")],  # "Trong đó:" details row 6
        [(">", 95.0, None)],  # "<1 tuổi" names the indicator
        [],  # cut inside its name
    ]
    assert plan.tasks == []


def test_a_table_of_results_is_no_table_of_targets() -> None:
    # Two "Chỉ tiêu" columns (the name and the level set) under a title of results.
    assert _plan(RESULTS).targets == []


def test_a_figure_cell_is_read_with_its_comparison_range_and_the_rows_unit() -> None:
    def read(cell: str, unit: str = "") -> list[tuple[str, float, float | None, str | None]]:
        return [(q.op, q.value, q.high, q.unit_printed) for q in cell_quantities(cell, unit)]

    assert read(">90") == [(">", 90.0, None, None)]
    assert read("0.76") == [("=", 0.76, None, None)]
    assert read("1.000", "người") == [("=", 1000.0, None, "người")]
    assert read("Khoảng 45-47", "%") == [("range", 45.0, 47.0, "%")]
    assert read("Trên 90", "%") == [(">", 90.0, None, "%")]
    assert read("1 - 1,5", "Điểm %") == [("range", 1.0, 1.5, "Điểm %")]
    assert read("150", "Xã, phường, thị trấn") == [("=", 150.0, None, "Xã, phường, thị trấn")]
    assert read("10%") == [("=", 10.0, None, "%")]
    assert read("Hoàn thành cơ bản") == []


def test_each_paragraph_is_named_once_however_many_rows_open_below_it(monkeypatch):
    # A plan written as short numbered paragraphs with a blank line between them ("1. ...",
    # "", "2. ..."): each is a row opener and a header cell of the next. Naming the whole
    # run above every opener again made 1,000 of them cost 50 s in extraction (quadratic).
    from extract.model import Line
    from extract.parse import flat_tables

    named: list[str] = []
    real_kind = flat_tables.column_kind

    def counted_kind(text: str) -> str | None:
        named.append(text)
        return real_kind(text)

    monkeypatch.setattr(flat_tables, "column_kind", counted_kind)
    texts = [text for n in range(300) for text in (f"{n % 90 + 1}. Nội dung số {n}", "")]
    lines = [Line(number=k + 1, raw=text, text=text) for k, text in enumerate(texts)]
    assert flat_tables.cells_from_blank_lines(lines) == lines
    assert len(named) <= 300


def test_a_header_without_a_row_under_it_is_no_table_and_reading_goes_on():
    # The first "row" holds running text in its second cell, so no row is read under the
    # header: the reader used to start again at the same paragraph, for ever.
    from extract.model import Line
    from extract.parse.flat_tables import cells_from_blank_lines

    texts = [
        "Tên chỉ tiêu", "", "Đơn vị tính", "", "Kế hoạch năm 2024", "",
        "1. Tốc độ tăng trưởng", "",
        "đây là một đoạn văn dài giải thích nội dung của chỉ tiêu này cho người đọc", "",
        "7,5",
    ]  # fmt: skip
    lines = [Line(number=k + 1, raw=text, text=text) for k, text in enumerate(texts)]
    assert cells_from_blank_lines(lines) == lines
