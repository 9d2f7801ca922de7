"""Issue 14: a header field the tool could not read shows in every report, with the lines.

The target reads: "A header field the tool could not read is shown in every report as
'không xác định được' with the lines it looked at, never silently missing; no finding
(D002, M001...) is raised on a field the tool failed to read while the text has it."
Here one plan without any header goes through ``plancheck check`` in each format, and
a real page whose number the reader misses goes through the rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extract import load_plan
from reports.vocabulary import vocabulary
from rules.engine import check_plan
from tests.rules_fixtures import build_plan

UNREAD = "không xác định được (đã xem dòng"
DEV = Path(__file__).resolve().parent / "realdocs" / "dev"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "plans"
# A plan copied without its header: the body starts at once.
NO_HEADER = (
    "Triển khai thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"
    " về công tác dân vận, đơn vị xây dựng kế hoạch như sau:\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Tổ chức quán triệt Đề án đến cán bộ, đảng viên.\n"
    "II. CHỈ TIÊU\n1. Phấn đấu 100% cán bộ được quán triệt Đề án.\n"
)
FIELDS = ("doc_type", "number", "issuer", "place", "issue_date")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("unread")
    plan = folder / "khong-co-phan-dau.txt"
    plan.write_text(NO_HEADER, encoding="utf-8")
    written = {}
    for form in ("json", "html", "docx", "xlsx"):
        path = folder / f"report.{form}"
        arguments = ["check", str(plan), "--corpus", str(CORPUS), "-f", form, "-o", str(path)]
        result = CliRunner().invoke(app, [*arguments, "-q"])
        assert result.exit_code in (0, 1), result.output
        written[form] = path
    return written


def labels() -> list[str]:
    return [vocabulary().header_fields[name] for name in FIELDS]


def test_json_names_every_unread_field_and_the_lines_looked_at(outputs):
    child = json.loads(outputs["json"].read_text(encoding="utf-8"))["child"]
    assert child["unread_fields"] == list(FIELDS)
    assert child["header_lines"]


def test_html_shows_every_unread_field_with_the_lines(outputs):
    html = outputs["html"].read_text(encoding="utf-8")
    assert html.count(UNREAD) >= len(FIELDS)
    for label in labels():
        assert label in html


def test_docx_shows_every_unread_field_with_the_lines(outputs):
    import docx

    document = docx.Document(str(outputs["docx"]))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    note = next(text for text in texts if UNREAD in text)
    assert all(label in note for label in labels())


def test_xlsx_shows_every_unread_field_with_the_lines(outputs):
    import openpyxl

    sheet = openpyxl.load_workbook(outputs["xlsx"])["Tổng hợp"]
    heads = [cell.value for cell in sheet[1]]
    row = dict(zip(heads, [cell.value for cell in sheet[2]], strict=True))
    for label in ("Cơ quan ban hành", "Số, ký hiệu", "Ngày ban hành"):
        assert str(row[label]).startswith(UNREAD)
    # The type and the place have no column: the note says they were not read.
    note = str(row["Ghi chú"])
    assert "Loại văn bản" in note and "Địa danh" in note and UNREAD in note


def test_no_number_finding_when_the_text_prints_a_number_the_reader_missed():
    # tra-vinh-ubnd-qd05-2019-nuoi-tom-nuoc-lo as the header reader got it before the
    # layout restoring (oneline21): the PDF text runs the header onto one line and the
    # repair put a word into its gap ("Hạnh phúc xã Số: 05/2019/QĐUBND"); the number is
    # not read, and M001 must not say there is none.
    page = (DEV / "tra-vinh-ubnd-qd05-2019-nuoi-tom-nuoc-lo.txt").read_text(encoding="utf-8")
    header_line = next(line for line in page.split("\n") if "Số: 05/2019" in line)
    run_together = header_line.replace("Hạnh phúc    Số:", "Hạnh phúc xã Số:")
    plan = build_plan({"lines": f"Quyết định số 05/2019/QĐ-UBND\n\n{run_together}", "parse": True})
    assert plan.meta.number is None
    assert plan.meta.number_line is not None and not plan.meta.number_line.blank
    assert "M001" not in {finding.code for finding in check_plan(plan).findings}


def test_a_header_without_any_number_still_gets_the_note():
    plan = load_plan(DEV / "ha-noi-dang-uy-khoi-truong-dh-cd-kh-dai-hoi-dang-2020.txt")
    codes = {finding.code: finding for finding in check_plan(plan).findings}
    assert codes["M001"].severity == "info"
