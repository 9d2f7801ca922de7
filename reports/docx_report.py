"""The review note as a Word document a reviewer can edit, sign and forward.

Page and type follow Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành
chính): A4, top and bottom margins 20–25 mm, left 30–35 mm, right 15–20 mm,
Times New Roman 13–14 pt body text.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import IO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from lxml import etree

from reports.cells import xml_safe
from reports.docx_layout import fix_columns, page_numbers
from reports.docx_package import SharedPart, save_package
from reports.model import Report
from reports.plan_names import unread_note
from reports.view import FindingView, ReportView, build_view
from reports.vocabulary import vocabulary

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(11)
FINDINGS_HEADER = (
    "STT",
    "Mục",
    "Nội dung",
    "Kế hoạch cấp trên",
    "Kế hoạch được rà soát",
    "Mức độ",
)
# Column widths in mm; they add up to the text width of an A4 page with
# 30 mm left and 15 mm right margins (210 - 45 = 165 mm).
COLUMN_WIDTHS_MM = (12, 17, 44, 34, 34, 24)
LETTERHEAD_WIDTHS_MM = (70, 95)
FOOTER_SIZE = Pt(10)
_RUN_BREAKS = re.compile(r"([\t\r\n])")
_TEXT, _TAB, _BREAK, _SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")


def render_docx(
    report: Report,
    path: Path | IO[bytes],
    *,
    office: str | None = None,
    date: dt.date | None = None,
) -> None:
    """Write the review note for one report to ``path`` (.docx) or a binary stream.

    Args:
        report: The report to write.
        path: A file path or a binary stream.
        office: The reviewing body, when known (the web knows the reviewer's
            office); else a dotted line to fill in.
        date: The date of the note, when known; else dotted blanks.
    """
    document = note_document(report, office, date)
    if isinstance(path, Path):
        with path.open("wb") as stream:
            save_package(document.part.package, stream)
    else:
        save_package(document.part.package, path)


def note_document(
    report: Report, office: str | None = None, date: dt.date | None = None
) -> DocumentObject:
    """The review note of ``report`` as a python-docx document, not yet saved."""
    view = build_view(report)
    document = _blank_note(office, date)
    _heading(document, view)
    _findings_table(document, view)
    _summary(document, view)
    _signature(document)
    document.core_properties.title = xml_safe(f"Phiếu rà soát: {view.title}")
    document.core_properties.author = "plancheck"
    return document


def _blank_note(office: str | None, date: dt.date | None) -> DocumentObject:
    """A new note with its page, type and letterhead set: a copy of one made once.

    ``Document()`` reads and parses python-docx's template each time (about 8 ms), the
    page set-up adds 2 more and the letterhead's table 4, the same for every note of an
    office and date; a deep copy of the set-up note (its package, parts and XML) is the
    same document for a fraction of the time.
    """
    return copy.deepcopy(_note_template(office, date))


@lru_cache(maxsize=8)
def _note_template(office: str | None, date: dt.date | None) -> DocumentObject:
    document = _scratch()
    _letterhead(document, office, date)
    _share_unchanging_parts(document)
    # python-docx keeps the body's wrapper once asked for it; a deep copy would copy
    # that wrapper's element apart from the copied document, and the note would be
    # written into a body no part holds. Forgotten here, each copy makes its own.
    document._Document__body = None  # type: ignore[attr-defined]
    return document


def _share_unchanging_parts(document: DocumentObject) -> None:
    """Hold the parts beside the text (styles, settings, fonts, theme, numbering, footer) as bytes.

    A note writes only its body (the document part) and its title (the core properties,
    not related from the document part). A part with relationships of its own is left
    as it is, so that nothing it refers to is lost. The document's styles can no longer
    be looked up by name afterwards: tables are formatted in a scratch note (``_scratch``).
    """
    relationships = document.part.rels
    for key, relationship in list(relationships.items()):
        if relationship.is_external:
            continue
        part = relationship.target_part
        if part.rels:
            continue
        shared = SharedPart(part.partname, part.content_type, part.blob, part.package)
        relationships.add_relationship(relationship.reltype, shared, key)  # same rId, replaced


def _scratch() -> DocumentObject:
    """A note with its page and type set and nothing written yet."""
    return copy.deepcopy(_page_template())


@cache
def _page_template() -> DocumentObject:
    document = Document()
    _set_up_page(document)
    return document


def _append_table(document: DocumentObject, made: CT_Tbl) -> CT_Tbl:
    """Put a copy of a table made once (in a scratch note) at the end of ``document``."""
    table = copy.deepcopy(made)
    document.element.body._insert_tbl(table)
    return table


def _set_up_page(document: DocumentObject) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        page_numbers(section, FOOTER_SIZE)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    # Word reads East Asian and complex-script fonts from rFonts; set them all so
    # Vietnamese diacritics never fall back to another face.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(6)


def _paragraph(
    document: DocumentObject, text: str, *, bold: bool = False, centre: bool = False
) -> None:
    paragraph = copy.deepcopy(_paragraph_template(bold, centre))
    _set_text(paragraph.r_lst[0], xml_safe(text))
    document.element.body._insert_p(paragraph)


@cache
def _paragraph_template(bold: bool, centre: bool) -> CT_P:
    """An empty paragraph of one run, made once through python-docx and copied for each use.

    Its run's bold and its alignment set through python-docx for every paragraph were
    a tenth of a note (issue 18); the text goes in after the run's properties, where
    python-docx puts it too.
    """
    paragraph = _scratch().add_paragraph()
    run = paragraph.add_run()
    run.bold = bold
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph._p


def _letterhead(document: DocumentObject, office: str | None, date: dt.date | None) -> None:
    """Top of the note: the reviewing body left, the national title and the date right.

    The body's name is written in capitals, as Hướng dẫn 36-HD/VPTW sets the
    issuing body's name; what is not known stays a dotted line to fill in.
    """
    words = vocabulary().review_note
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    body = office.upper() if office else words.body_placeholder
    _cell_lines(left, [(body, True, False), ("*", False, False)])
    title_lines = [(line, True, False) for line in words.national_title]
    place_date = (
        words.dated.format(day=date.day, month=date.month, year=date.year)
        if date is not None
        else words.place_date
    )
    _cell_lines(right, [*title_lines, (place_date, False, True)])
    fix_columns(table, LETTERHEAD_WIDTHS_MM)


def _cell_lines(cell: _Cell, lines: list[tuple[str, bool, bool]]) -> None:
    """Fill a cell with centred lines given as (text, bold, italic)."""
    cell.text = ""
    for index, (text, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(xml_safe(text))
        run.bold, run.italic = bold, italic


def _signature(document: DocumentObject) -> None:
    _append_table(document, _signature_table())


@cache
def _signature_table() -> CT_Tbl:
    words = vocabulary().review_note
    table = _scratch().add_table(rows=1, cols=2)
    _cell_lines(
        table.rows[0].cells[1], [(words.signer, True, False), (words.signer_hint, False, True)]
    )
    fix_columns(table, LETTERHEAD_WIDTHS_MM)
    return table._tbl


def _heading(document: DocumentObject, view: ReportView) -> None:
    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run()
    _set_text(run._r, "PHIẾU RÀ SOÁT KẾ HOẠCH")
    run.bold = True
    run.font.size = Pt(14)
    _paragraph(document, view.title, bold=True, centre=True)
    _paragraph(document, f"Kế hoạch được rà soát: {view.title} (tệp {view.report.child.name}).")
    unread = unread_note(view.report.child)
    if unread is not None:
        _paragraph(document, f"Phần đầu văn bản — {unread}.")
    if view.parent_title is not None and view.report.parent is not None:
        parent = f"{view.parent_title} (tệp {view.report.parent.name})"
        _paragraph(document, f"Kế hoạch cấp trên dùng để đối chiếu: {parent}.")
    else:
        _paragraph(document, "Kế hoạch cấp trên: không xác định được.")
    for note in (view.report.scope_note, view.report.parent_note):
        if note:
            _paragraph(document, note)


def _findings_table(document: DocumentObject, view: ReportView) -> None:
    _paragraph(document, "I. CÁC NỘI DUNG CẦN XEM XÉT", bold=True)
    if not view.findings:
        _paragraph(document, "Không phát hiện nội dung cần xem xét.")
        return
    # Every finding row has the same form: one formatted row is made through
    # python-docx and copied for each finding, whose text is then put in. Formatting
    # each row's cells through python-docx cost most of a note (60 ms for 15 rows).
    # The table with its header and that row is made once, and copied for each note.
    table = _append_table(document, _findings_skeleton())
    template = table.tr_lst[-1]
    for item in view.findings:
        row = copy.deepcopy(template)
        for cell, value in zip(row.tc_lst, _finding_cells(item), strict=True):
            _set_text(cell.p_lst[0].r_lst[0], xml_safe(value))
        template.addprevious(row)
    table.remove(template)


@cache
def _findings_skeleton() -> CT_Tbl:
    """The findings table with its header row and one formatted empty row, made once."""
    table = _scratch().add_table(rows=1, cols=len(FINDINGS_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, FINDINGS_HEADER, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table)
    template = table.add_row()
    for cell in template.cells:
        cell.text = ""
    _format_table(table)
    return table._tbl


def _finding_cells(item: FindingView) -> tuple[str, ...]:
    """The six cells of a finding's row: number, item, content, parent, child, severity."""
    finding = item.finding
    content = f"{finding.code}: {finding.message}"
    if finding.hint:
        content += f"\nĐề xuất: {finding.hint}"
    if finding.waived:
        content += f"\nĐã chấp nhận: {finding.waiver_reason or ''}".rstrip()
    return (
        str(item.number),
        finding.section_id or finding.target or "Chung",
        content,
        finding.parent_text or "",
        finding.child_text or "",
        item.severity_label,
    )


def _set_text(run: CT_R, text: str) -> None:
    """Put ``text`` in an empty run as ``Run.text`` would, without its per-letter loop.

    A tab becomes ``w:tab``, a line break or carriage return ``w:br``, and each
    stretch between them one ``w:t`` (kept with its spaces when it starts or ends
    with one). The elements are appended with lxml itself: python-docx's ``add_t``
    makes each through its element factory and looks for where the run's schema puts
    it, and a run holds nothing else yet, so its place is the end (the same XML; a
    fifth of a note's time, issue 18).
    """
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(run, _TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(run, _BREAK)
        elif piece:
            element = etree.SubElement(run, _TEXT)
            element.text = piece
            if len(piece.strip()) < len(piece):
                element.set(_SPACE, "preserve")


def _repeat_header(table: Table) -> None:
    # A long table continues over pages; Word repeats a row marked tblHeader.
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(header)


def _format_table(table: Table) -> None:
    fix_columns(table, COLUMN_WIDTHS_MM)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = TABLE_SIZE


def _summary(document: DocumentObject, view: ReportView) -> None:
    _paragraph(document, "II. NHẬN XÉT CHUNG", bold=True)
    counts = ", ".join(f"{item.count} {item.label.lower()}" for item in view.severities)
    total = sum(item.count for item in view.severities)
    sentence = (
        f"Qua rà soát, có {total} nội dung cần xem xét ({counts}). "
        if total
        else "Qua rà soát, chưa phát hiện nội dung cần xem xét. "
    )
    coverage = view.coverage
    if coverage:
        fine = sum(1 for row in coverage if row.entry.status == "fine")
        sentence += f"Kế hoạch thể hiện đạt {fine}/{len(coverage)} chỉ tiêu của kế hoạch cấp trên. "
    if view.report.status == "failed":
        sentence += "Đề nghị cơ quan ban hành rà soát, điều chỉnh các nội dung ở mức Lỗi."
    else:
        sentence += "Không có nội dung ở mức Lỗi."
    _paragraph(document, sentence)
    if view.repair_count:
        _paragraph(
            document,
            f"Ghi chú: văn bản có {view.repair_count} chỗ được khôi phục chữ tự động "
            f"({view.uncertain_count} chỗ chưa chắc chắn); đề nghị đối chiếu bản gốc.",
        )
