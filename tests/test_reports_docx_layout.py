"""The DOCX review note laid out alike in Word and LibreOffice, numbered, headed (issue 15.8).

python-docx wrote a grid of equal columns: LibreOffice, which lays a table out
from its grid, gave "STT" the width of "Nội dung" and 15 findings took 6 pages.
The note is rendered to PDF with Debian's LibreOffice Writer (libreoffice-writer-nogui,
installed by ``make test``) and read back.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

import reports
from reports.docx_report import COLUMN_WIDTHS_MM, FINDINGS_HEADER
from reports.model import Report
from tests.conftest import PLANS

SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def ward_report() -> Report:
    from extract import load_plan
    from rules import check_plan

    child = load_plan(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")
    parent = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    return reports.build_report(check_plan(child, parent), child, parent)


def _findings_table(document: docx.document.Document) -> docx.table.Table:
    return next(table for table in document.tables if table.rows[0].cells[0].text == "STT")


def test_table_grid_holds_the_column_widths(ward_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    reports.render_docx(ward_report, path)
    table = _findings_table(docx.Document(str(path)))
    grid = [int(column.get(qn("w:w"))) for column in table._tbl.tblGrid]
    assert grid == [Mm(width).twips for width in COLUMN_WIDTHS_MM]
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_office_and_date_head_the_note_when_known(ward_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "note.docx"
    reports.render_docx(ward_report, path, office="Ban Dân vận Thị ủy", date=dt.date(2026, 12, 7))
    letterhead = docx.Document(str(path)).tables[0].rows[0].cells
    assert letterhead[0].text.startswith("BAN DÂN VẬN THỊ ỦY")
    assert "ngày 07 tháng 12 năm 2026" in letterhead[1].text
    unknown = tmp_path / "blank.docx"
    reports.render_docx(ward_report, unknown)
    assert "ngày …… tháng" in docx.Document(str(unknown)).tables[0].rows[0].cells[1].text


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice Writer (make test installs it)")
def test_libreoffice_renders_a_short_readable_numbered_note(
    ward_report: Report, tmp_path: Path
) -> None:
    note = tmp_path / "note.docx"
    reports.render_docx(ward_report, note)
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(note),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with pdfplumber.open(tmp_path / "note.pdf") as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    findings = len(ward_report.findings)
    assert findings >= 10
    # Six findings a page or better once the heading is past (it was 15 on 6 pages).
    assert len(pages) <= 2 + findings // 6, len(pages)
    text = "\n".join(pages)
    for number, page in enumerate(pages, 1):
        assert f"Trang {number}/{len(pages)}" in page
    # Each column is wide enough for its words: header labels and severities are
    # whole, and words are not broken into letters.
    for label in ("STT", "Mục", "Nội dung", "Mức độ"):
        assert label in FINDINGS_HEADER and label in text
    warnings = sum(1 for finding in ward_report.findings if finding.severity == "warning")
    assert text.count("Cảnh báo") >= warnings
    tokens = re.findall(r"\w+", text)
    single = [token for token in tokens if len(token) == 1 and token.isalpha()]
    assert len(single) < 0.03 * len(tokens), single[:40]


def test_notes_are_copies_of_one_blank_note_and_do_not_share_it(
    ward_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-docx's template is read and the page set up once a process, not once a
    # note; each note is a copy, so what one note writes never shows in the next.
    from reports import docx_report

    opened: list[object] = []
    real = docx_report.Document

    def counted() -> docx.document.Document:
        opened.append(None)
        return real()

    monkeypatch.setattr(docx_report, "Document", counted)
    docx_report._page_template.cache_clear()
    docx_report._note_template.cache_clear()
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    reports.render_docx(ward_report, first, office="Ban Dân vận Thị ủy")
    reports.render_docx(ward_report, second)
    assert len(opened) == 1
    letterhead = docx.Document(str(second)).tables[0].rows[0].cells
    assert not letterhead[0].text.startswith("BAN DÂN VẬN THỊ ỦY")
    assert len(docx.Document(str(second)).tables) == len(docx.Document(str(first)).tables)


def test_the_letterhead_tables_and_signature_are_made_once_a_process(
    ward_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The letterhead (for an office and date), the findings table's header and row
    # form, and the signature are the same in every note: made through python-docx once
    # and copied (issue 18: a third of a note's time). Each note still holds its own.
    from docx.document import Document as DocumentObject

    made: list[int] = []
    real = DocumentObject.add_table

    def counted(self: DocumentObject, rows: int, cols: int, style: object = None) -> object:
        made.append(cols)
        return real(self, rows, cols, style)  # type: ignore[arg-type]

    reports.render_docx(ward_report, tmp_path / "warm.docx")
    monkeypatch.setattr(DocumentObject, "add_table", counted)
    notes = [tmp_path / "first.docx", tmp_path / "second.docx"]
    for note in notes:
        reports.render_docx(ward_report, note)
    assert made == []
    first, second = (docx.Document(str(note)) for note in notes)
    assert [len(table.rows) for table in first.tables] == [
        len(table.rows) for table in second.tables
    ]
    assert len(_findings_table(first).rows) == 1 + len(ward_report.findings)
    assert [paragraph.text for paragraph in first.paragraphs] == [
        paragraph.text for paragraph in second.paragraphs
    ]
    assert "PHIẾU RÀ SOÁT KẾ HOẠCH" in [paragraph.text for paragraph in first.paragraphs]
