"""Render plan texts to .docx and .pdf at test time, so all loaders read the same text.

Markdown markup is stripped first (``extract.markup.strip_markup``): a Word or PDF
document shows emphasis as formatting, not as asterisks. Blank lines are kept as
empty paragraphs in .docx and skipped in .pdf (a PDF has no empty lines).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace
from pypdf import PdfReader, PdfWriter

from extract.markup import strip_markup

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def corpus_lines(path: Path) -> list[str]:
    """The lines of a corpus text file with markdown markup stripped."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return [strip_markup(line) for line in text.split("\n")]


def render_docx(lines: Iterable[str], target: Path, font: str = "Times New Roman") -> Path:
    """Write one paragraph per line; the font is set on the Normal style only."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = font  # type: ignore[attr-defined]
    normal.font.size = Pt(13)  # type: ignore[attr-defined]
    for line in lines:
        document.add_paragraph(line)
    document.save(str(target))
    return target


class _NumberedPdf(FPDF):
    """A4 pages with the page number in the footer, as Vietnamese documents print it."""

    def footer(self) -> None:
        self.set_y(-15)
        self.cell(0, 10, str(self.page_no()), align="C")


def render_pdf(
    lines: Iterable[str], target: Path, font_size: float = 11, font: Path = DEJAVU_SANS
) -> Path:
    """Write the non-blank lines with ``font`` (DejaVu Sans by default); long lines wrap."""
    pdf = _NumberedPdf(format="A4")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=font_size)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for line in lines:
        if line.strip():
            pdf.multi_cell(0, 6, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def add_docx_table(document: Any, rows: Sequence[Sequence[str]]) -> None:
    """Append a table of ``rows`` (the first one its header) to a python-docx document."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row_index, values in enumerate(rows):
        for column, text in enumerate(values):
            table.cell(row_index, column).text = text


def add_pdf_table(
    pdf: FPDF, rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None
) -> None:
    """Draw a ruled table of ``rows`` (the first one its header, repeated on each page)."""
    with pdf.table(col_widths=widths, headings_style=FontFace(emphasis=None)) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)


def render_pdf_with_table(
    before: Iterable[str],
    rows: Sequence[Sequence[str]],
    after: Iterable[str],
    target: Path,
    widths: Sequence[float] | None = None,
) -> Path:
    """Lines, then a ruled table (its first row the header, repeated on each page), then lines."""
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for line in before:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    add_pdf_table(pdf, rows, widths)
    for line in after:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def pdf_bytes(lines: Sequence[str], numbered: bool = True) -> bytes:
    """A small PDF of ``lines`` (for error cases built from a valid PDF)."""
    buffer = io.BytesIO()
    pdf = _NumberedPdf(format="A4") if numbered else FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(buffer)
    return buffer.getvalue()


def render_header_docx(target: Path) -> Path:
    """A plan whose header and targets sit in tables, as Vietnamese offices write them.

    Layout: a two-column header table (issuer left, national motto right, the
    bottom-left cell merged down from the row above), the title paragraphs, a
    targets table with a merged heading row, and a run in the legacy '.VnTime'
    font.
    """
    document = docx.Document()
    header = document.add_table(rows=3, cols=2)
    header.cell(0, 0).text = "ĐẢNG BỘ THỊ XÃ"
    header.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    header.cell(1, 0).text = "ĐẢNG ỦY PHƯỜNG"
    header.cell(1, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(2, 1).text = "Quảng Ngãi, ngày 05 tháng 01 năm 2023"
    header.cell(1, 0).merge(header.cell(2, 0))  # vertical merge: the issuer spans two rows
    document.add_paragraph("KẾ HOẠCH")
    title = document.add_paragraph("thực hiện Đề án số 13-ĐA/TU")
    title.runs[0].add_break()
    title.add_run("giai đoạn 2022 - 2026")
    targets = document.add_table(rows=3, cols=3)
    targets.cell(0, 0).merge(targets.cell(0, 2)).text = "Chỉ tiêu chủ yếu"
    for row, (number, name, value) in enumerate(
        [("1", "Tỷ lệ lao động qua đào tạo", "trên 65%"), ("2", "Hộ nghèo giảm", "1,5%/năm")],
        start=1,
    ):
        targets.cell(row, 0).text = number
        targets.cell(row, 1).text = name
        targets.cell(row, 2).text = value
    legacy = document.add_paragraph()
    legacy.add_run("Ban Th­êng vô").font.name = ".VnTime"
    legacy.add_run(" và ")
    document.save(str(target))
    return target


def add_footnotes(docx_path: Path, footnotes: dict[int, str]) -> Path:
    """Add a footnotes part to a saved .docx, referenced from its last paragraph.

    python-docx cannot write footnotes, so the part, its relationship and its
    content type are added to the package directly.
    """
    with zipfile.ZipFile(docx_path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        "</w:p></w:footnote>"
        for number, text in footnotes.items()
    )
    parts["word/footnotes.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NAMESPACE}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f"{notes}</w:footnotes>"
    ).encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    references = "".join(
        f'<w:r><w:footnoteReference w:id="{number}"/></w:r>' for number in footnotes
    ).encode()
    body = parts["word/document.xml"]
    last_paragraph_end = body.rfind(b"</w:p>")
    parts["word/document.xml"] = body[:last_paragraph_end] + references + body[last_paragraph_end:]
    write_docx_parts(docx_path, parts)
    return docx_path


def write_docx_parts(target: Path | io.BytesIO, parts: dict[str, bytes]) -> Path | io.BytesIO:
    """Zip ``parts`` (name -> bytes) into a .docx package at ``target``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return target


def docx_parts(lines: Iterable[str]) -> dict[str, bytes]:
    """The parts of a simple .docx of ``lines``, for tests that tamper with them."""
    buffer = io.BytesIO()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --------------------------------------------------------------------------- hostile files


def encrypted_pdf(lines: Sequence[str], user_password: str, owner_password: str) -> bytes:
    """A PDF of ``lines`` encrypted with pypdf (AES-256); an empty user password opens it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(lines))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_scan_pdf() -> bytes:
    """A scanned page with nothing on it but a few specks: an image, no text at all."""
    from PIL import Image

    image = Image.new("L", (1654, 2339), 255)
    for x, y in ((300, 400), (900, 1500), (1200, 2000)):
        image.putpixel((x, y), 0)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def blank_pages_pdf(count: int) -> bytes:
    """A PDF of ``count`` empty pages, cheap to build in any number."""
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb_docx(inflated_bytes: int) -> bytes:
    """A valid .docx plus one member of zeros that deflates about 1000 to 1."""
    parts = docx_parts(["Kế hoạch"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        archive.writestr("word/media/padding.bin", bytes(inflated_bytes))
    return buffer.getvalue()


def xxe_docx(secret_path: Path) -> bytes:
    """A .docx whose document.xml declares an external entity naming a local file."""
    parts = docx_parts(["Xin chào"])
    document = parts["word/document.xml"].decode()
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_path}">]>'
    document = document.replace("<w:document", doctype + "<w:document", 1)
    parts["word/document.xml"] = document.replace("Xin chào", "Xin &xxe; chào").encode()
    buffer = io.BytesIO()
    write_docx_parts(buffer, parts)
    return buffer.getvalue()


def nested_tables_docx(depth: int, innermost_text: str) -> bytes:
    """A .docx with ``depth`` tables, each inside the only cell of the one before."""
    parts = docx_parts(["Bảng lồng nhau"])
    cell = f"<w:p><w:r><w:t>{innermost_text}</w:t></w:r></w:p>"
    for level in range(depth, 0, -1):
        cell = (
            f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cấp {level}</w:t></w:r></w:p>{cell}"
            "</w:tc></w:tr></w:tbl><w:p/>"
        )
    document = parts["word/document.xml"].decode()
    end = document.rfind("<w:sectPr")
    parts["word/document.xml"] = (document[:end] + cell + document[end:]).encode()
    buffer = io.BytesIO()
    write_docx_parts(buffer, parts)
    return buffer.getvalue()
