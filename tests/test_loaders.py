"""The three readers on the same real text: every corpus plan as .txt, .docx and .pdf.

What "the same text" means here:

* .txt vs .docx: the sequence of non-empty lines, markup stripped (the renderer
  strips it too) and runs of whitespace collapsed, must be equal line for line.
* .txt vs .pdf: the PDF wraps long lines, so the concatenated word sequence
  (text split on whitespace) must be equal; lines that are only a number must
  survive (they are body text) while the rendered page-number footers must not.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from extract import load_plan
from extract.loaders.docx import load_docx
from extract.loaders.pdf import load_pdf
from extract.loaders.txt import load_text
from extract.markup import strip_markup
from extract.model import FontRun
from tests.conftest import PLANS
from tests.render import (
    DEJAVU_SANS,
    add_footnotes,
    corpus_lines,
    docx_parts,
    pdf_bytes,
    render_docx,
    render_header_docx,
    render_pdf,
    write_docx_parts,
)

CORPUS = sorted(PLANS.glob("*.txt"))
_ONLY_NUMBER = re.compile(r"^\d+$")


def _normalised(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


def _text_lines(path: Path) -> list[str]:
    document = load_text(path, path.read_bytes())
    return _normalised([strip_markup(line.raw) for line in document.lines])


@pytest.mark.parametrize("plan", CORPUS, ids=lambda path: path.stem)
def test_docx_yields_the_text_lines(plan: Path, tmp_path: Path) -> None:
    rendered = render_docx(corpus_lines(plan), tmp_path / f"{plan.stem}.docx")
    document = load_docx(rendered, rendered.read_bytes())
    assert _normalised([line.raw for line in document.lines]) == _text_lines(plan)
    body = [line for line in document.lines if line.raw]
    assert [line.paragraph for line in document.lines] == list(range(len(document.lines)))
    # The renderer sets the font on the Normal style only: the style's font is the fallback.
    assert all(line.fonts == [FontRun(start=0, end=len(line.raw), font="Times New Roman")]
               for line in body)


@pytest.mark.parametrize("plan", CORPUS, ids=lambda path: path.stem)
def test_pdf_yields_the_text_words(plan: Path, tmp_path: Path) -> None:
    rendered = render_pdf(corpus_lines(plan), tmp_path / f"{plan.stem}.pdf")
    document = load_pdf(rendered, rendered.read_bytes())
    text_lines = _text_lines(plan)
    pdf_lines = [line.raw for line in document.lines]
    assert " ".join(pdf_lines).split() == " ".join(text_lines).split()
    # Footers ("1", "2", ...) are gone; lone numbers of the body text stay.
    assert sum(bool(_ONLY_NUMBER.match(line)) for line in pdf_lines) == sum(
        bool(_ONLY_NUMBER.match(line)) for line in text_lines
    )
    assert document.pages is not None and document.pages > 1
    assert {line.page for line in document.lines} == set(range(1, document.pages + 1))
    for line in document.lines:
        assert line.fonts and all("DejaVuSans" in run.font for run in line.fonts)
        assert line.fonts[0].start == 0 and line.fonts[-1].end == len(line.raw)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
@pytest.mark.parametrize("plan", CORPUS, ids=lambda path: path.stem)
def test_every_corpus_plan_loads_in_every_format(plan: Path, suffix: str, tmp_path: Path) -> None:
    if suffix == ".txt":
        path = plan
    elif suffix == ".docx":
        path = render_docx(corpus_lines(plan), tmp_path / "plan.docx")
    else:
        path = render_pdf(corpus_lines(plan), tmp_path / "plan.pdf")
    loaded = load_plan(path)
    assert loaded.source.format == suffix.lstrip(".")
    assert (loaded.source.pages is not None) == (suffix == ".pdf")
    words = " ".join(strip_markup(line.raw) for line in loaded.lines).split()
    assert words == " ".join(_text_lines(plan)).split()


def test_docx_header_and_targets_tables_keep_document_order(tmp_path: Path) -> None:
    path = add_footnotes(render_header_docx(tmp_path / "header.docx"), {1: "Chú thích một"})
    document = load_docx(path, path.read_bytes())
    assert [(line.paragraph, line.cell, line.raw) for line in document.lines] == [
        (None, "0.0.0", "ĐẢNG BỘ THỊ XÃ"),
        (None, "0.0.1", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (None, "0.1.0", "ĐẢNG ỦY PHƯỜNG"),  # merged down over row 2: read once
        (None, "0.1.1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (None, "0.2.1", "Quảng Ngãi, ngày 05 tháng 01 năm 2023"),
        (0, None, "KẾ HOẠCH"),
        (1, None, "thực hiện Đề án số 13-ĐA/TU"),  # a soft line break: two lines,
        (1, None, "giai đoạn 2022 - 2026"),  # one paragraph
        (None, "1.0.0", "Chỉ tiêu chủ yếu"),  # merged across three columns: read once
        (None, "1.1.0", "1"),
        (None, "1.1.1", "Tỷ lệ lao động qua đào tạo"),
        (None, "1.1.2", "trên 65%"),
        (None, "1.2.0", "2"),
        (None, "1.2.1", "Hộ nghèo giảm"),
        (None, "1.2.2", "1,5%/năm"),
        (2, None, "Ban Th\u00adêng vô và "),
        (None, "footnote.1.0", "Chú thích một"),
    ]
    assert [line.number for line in document.lines] == list(range(1, 18))


def test_docx_run_fonts_name_the_legacy_font(tmp_path: Path) -> None:
    path = render_header_docx(tmp_path / "header.docx")
    lines = load_docx(path, path.read_bytes()).lines
    legacy = next(line for line in lines if ".VnTime" in str(line.fonts))
    # python-docx's template gives the rest no explicit font: its theme's minor font applies.
    assert legacy.fonts == [
        FontRun(start=0, end=13, font=".VnTime"),
        FontRun(start=13, end=17, font="Cambria"),
    ]


def test_pdf_without_unicode_map_keeps_cid_glyphs(tmp_path: Path) -> None:
    original = pdf_bytes(["Kế hoạch số 48", "Đề án 13"], numbered=False)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(original)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop(NameObject("/ToUnicode"), None)
    buffer = io.BytesIO()
    writer.write(buffer)
    document = load_pdf(tmp_path / "cid.pdf", buffer.getvalue())
    assert len(document.lines) == 2
    for line in document.lines:
        assert "(cid:" in line.raw  # kept literally for the repair step, not dropped
        assert line.fonts[-1].end == len(line.raw)  # every glyph is covered by a font run


def test_pdf_lines_come_in_reading_order_per_page(tmp_path: Path) -> None:
    lines = [f"Dòng thứ {number}" for number in range(1, 121)]
    rendered = render_pdf(lines, tmp_path / "order.pdf")
    document = load_pdf(rendered, rendered.read_bytes())
    assert [line.raw for line in document.lines] == lines
    pages = [line.page for line in document.lines]
    assert pages == sorted(pages) and pages[-1] == document.pages


def test_pdf_overprinted_glyphs_are_read_once(tmp_path: Path) -> None:
    # Fake bold: the same words drawn twice, a fraction of a point apart.
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for shift in (0.0, 0.15):
        pdf.text(20 + shift, 30, "KẾ HOẠCH số 48, Đề án 13")
    pdf.text(20, 40, "Thực hiện kế hoạch")
    document = load_pdf(tmp_path / "bold.pdf", bytes(pdf.output()))
    expected = ["KẾ HOẠCH số 48, Đề án 13", "Thực hiện kế hoạch"]
    assert [line.raw for line in document.lines] == expected


@pytest.mark.parametrize("label", ["- {page} -", "Trang {page}", "{page}/3"])
def test_pdf_page_number_headers_are_removed(label: str, tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=12)
    body = []
    for page in range(1, 4):
        pdf.add_page()
        pdf.text(100, 10, label.format(page=page))  # running header, set apart from the body
        for row in range(5):
            body.append(f"Trang này có dòng {row}" if row else str(page + 1))  # "2": body text
            pdf.text(20, 30 + 7 * row, body[-1])
    document = load_pdf(tmp_path / "headers.pdf", bytes(pdf.output()))
    assert [line.raw for line in document.lines] == body


def _text_box(text: str) -> str:
    """A Word text box: a drawing for current readers, its VML copy for old ones."""
    paragraph = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    return (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:txbx><w:txbxContent>{paragraph}</w:txbxContent></wps:txbx></wps:wsp>"
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-'
        f'microsoft-com:vml"><w:txbxContent>{paragraph}</w:txbxContent></v:textbox>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_docx_text_boxes_are_read_once_after_their_paragraph(tmp_path: Path) -> None:
    parts = docx_parts(["ĐẢNG ỦY PHƯỜNG AN PHÚ", "KẾ HOẠCH"])
    body = parts["word/document.xml"].decode("utf-8")
    first_end = body.index("</w:p>")
    body = body[:first_end] + _text_box("Số 48-KH/ĐU") + body[first_end:]
    parts["word/document.xml"] = body.encode("utf-8")
    path = tmp_path / "hop-van-ban.docx"
    write_docx_parts(path, parts)
    document = load_docx(path, path.read_bytes())
    assert [(line.raw, line.cell) for line in document.lines] == [
        ("ĐẢNG ỦY PHƯỜNG AN PHÚ", None),
        ("Số 48-KH/ĐU", "textbox.0.0"),
        ("KẾ HOẠCH", None),
    ]
    assert load_plan(path).meta.number == "48-KH/ĐU"


_NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%2.%3."/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)


def _numbered(text: str, num_id: int, level: int) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f'</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def test_docx_list_numbering_is_written_back_as_printed(tmp_path: Path) -> None:
    parts = docx_parts(["KẾ HOẠCH"])
    paragraphs = "".join(
        [
            _numbered("MỤC TIÊU", 1, 0),
            _numbered("Chỉ tiêu chung", 1, 1),
            _numbered("Tỷ lệ lao động qua đào tạo trên 65%.", 2, 0),
            _numbered("Tỷ lệ hộ nghèo giảm 1%/năm.", 2, 0),
            _numbered("Chỉ tiêu cụ thể", 1, 2),
            _numbered("NHIỆM VỤ VÀ GIẢI PHÁP", 1, 0),
            _numbered("Tuyên truyền", 1, 1),
        ]
    )
    body = parts["word/document.xml"].decode("utf-8")
    end = body.rindex("</w:p>") + len("</w:p>")
    parts["word/document.xml"] = (body[:end] + paragraphs + body[end:]).encode("utf-8")
    parts["word/numbering.xml"] = _NUMBERING.encode("utf-8")
    path = tmp_path / "tu-dong-danh-so.docx"
    write_docx_parts(path, parts)
    document = load_docx(path, path.read_bytes())
    assert [line.raw for line in document.lines] == [
        "KẾ HOẠCH",
        "I. MỤC TIÊU",
        "1. Chỉ tiêu chung",
        "(1) Tỷ lệ lao động qua đào tạo trên 65%.",
        "(2) Tỷ lệ hộ nghèo giảm 1%/năm.",
        "1.1. Chỉ tiêu cụ thể",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "1. Tuyên truyền",
    ]
    plan = load_plan(path)
    assert [target.id for target in plan.targets] == ["1(1)", "1(2)"]
    assert [task.id for task in plan.tasks] == ["II.1"]
