"""Tables whose text column is headed in words never met, told by its place (issue 14, lists23).

Real excerpts are copied from development documents of tests/realdocs/dev (each names its
file and lines), their text column's header replaced by a word the reader does not know
("Chỉ số"); the held-out documents are never used here. Each positive test also reads a
shape the rule must leave alone.
"""

from __future__ import annotations

from extract.parse.level_tables import unnamed_text_column
from tests.plan_text import parsed_plan


def _bar_table(header: list[str], rows: list[list[str]]) -> str:
    """A table flattened one cell per line with "|" lines between cells, as a library shows it."""
    cells = [*header, *(cell for row in rows for cell in row)]
    return "\n|\n".join(cells) + "\n|"


# ninh-binh-xa-gia-phong-chi-tieu-chuyen-doi-so.txt, lines 1-49 (the long cells cut), the
# header "Tên chỉ tiêu" replaced by "Chỉ số".
HEADER = ["STT", "Chỉ số", "Giải thích chỉ số", "Đơn vị tính", "Chỉ tiêu cụ thể"]
ROWS = [
    ["I", "Đào tạo, chuyển đổi nhận thức (02 chỉ tiêu)"],
    [
        "1",
        "Tỷ lệ cán bộ, công chức được đào tạo, tập huấn, bồi dưỡng nâng cao nhận thức",
        "Số cán bộ, công chức tại xã được bồi dưỡng/tổng số cán bộ, công chức hiện có của xã",
        "%",
        "100",
    ],
    [
        "2",
        "Tỷ lệ người dân trưởng thành, các doanh nghiệp được thông tin, tuyên truyền",
        "Số người dân ở độ tuổi trưởng thành được thông tin/tổng số người dân",
        "%",
        "100",
    ],
]


def test_a_text_column_headed_in_unknown_words_is_told_by_its_place() -> None:
    plan = parsed_plan(_bar_table(HEADER, ROWS))
    assert [(target.number, target.text[:20]) for target in plan.targets] == [
        (1, "Tỷ lệ cán bộ, công c"),
        (2, "Tỷ lệ người dân trưở"),
    ]
    assert [target.quantities[0].value for target in plan.targets] == [100, 100]


def test_such_a_table_is_read_only_when_it_sets_levels() -> None:
    results = [*HEADER[:4], "Thực hiện 2020"]
    plan = parsed_plan(_bar_table(results, ROWS))
    assert plan.targets == []
    assert plan.tasks == []


def test_the_text_column_stands_first_or_after_the_number_before_the_figures() -> None:
    kinds = {0: "number", 3: "unit", 4: "value"}
    headers = dict(enumerate(HEADER))
    assert unnamed_text_column(headers, kinds) == 1
    assert unnamed_text_column(headers, {**kinds, 1: "content"}) is None  # named already
    assert unnamed_text_column(headers, {0: "number", 3: "unit"}) is None  # no figures
    figures_first = {0: "Năm 2025", 1: "Chỉ số"}
    assert unnamed_text_column(figures_first, {0: "value"}) is None


# bo-y-te-nien-giam-chi-tieu-muc-tieu.txt, lines 7-60: a yearbook's table given as blank-line
# paragraphs, one a cell, "Tên chỉ tiêu" replaced by "Chỉ số"; the rows' spacing tells the
# width.
BLANK_LINE_TABLE = (
    "Chỉ số - Name of Indicators\n\n"
    "Thực hiện\nImplemented target 2019\n\n"
    "Thực hiện\nImplemented target 2020\n\n"
    "Mục tiêu đến năm 2020\nTarget to 2020\n\n"
    "Mục tiêu đến năm 2025\nTarget to 2025**\n\n"
    "1. Số bác sỹ cho 10000 dân - Number of Medicine Doctors per 10000 persons\n\n"
    "9.06\n\n9.81\n\n9\n\n10\n\n"
    "2. Số dược sỹ ĐH 10000 dân  Number of  Pharmacists  per 10000 persons\n\n"
    "2.88\n\n2.85\n\n2.2\n\n2.8\n\n"
    "3. Tỷ lệ thôn bản có nhân viên y tế (%) Percentage of village having VHW\n\n"
    "98.6\n\n98.6\n\n>90\n\n \n\n"
    "4. Tỷ lệ TYT xã có bác sỹ (%)  Percentage of TYT having Medicine Doctor\n\n"
    "89.2\n\n87.7\n\n90\n\n \n"
)


def test_a_blank_line_table_without_a_named_text_column_is_read_by_its_rows() -> None:
    plan = parsed_plan(BLANK_LINE_TABLE)
    assert [target.number for target in plan.targets] == [1, 2, 3, 4]
    assert plan.targets[0].text.startswith("Số bác sỹ cho 10000 dân")
    # Its figures only results: no table of targets.
    results = BLANK_LINE_TABLE.replace("Mục tiêu đến năm", "Thực hiện năm")
    assert parsed_plan(results).targets == []


def test_a_long_generated_table_is_read_row_by_row() -> None:
    # Generated: 1,000 rows of blank-line cells (6,009 lines), each row a numbered name; the
    # next row is looked for within a bounded number of paragraphs, so the work is linear
    # (measured: 250 rows 0.16 s, 1,000 rows 0.46 s CPU for the whole parse).
    header = "Chỉ số\n\nThực hiện năm 2019\n\nMục tiêu đến năm 2025\n\n"
    rows = "".join(
        f"{n}. Số bác sỹ nhóm {n}\n\n{n % 7}.5\n\n{n % 9 + 1}\n\n" for n in range(1, 1001)
    )
    plan = parsed_plan(header + rows)
    assert len(plan.targets) == 1000
