"""The PDF reader through pdfium gives exactly what the pdfplumber reader gave.

Each test reads the same PDF twice: as ``load_pdf`` does now (pdfium for the pages
it can give exactly, pdfplumber for the rest) and with pdfium refused, i.e. with
pdfplumber alone, the reader every other PDF test was written against. Lines,
fonts, pages and notes must be equal; and the PDFs are built to hit what pdfium's
text page changes (justified lines whose spaces pdfium drops, runs of bold and
italic, a font descriptor with /Descent 0, a ruled table).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from extract.loaders.base import LoadedDocument
from extract.loaders.pdf import load_pdf
from extract.loaders.pdf_font_descriptors import font_descriptors
from extract.loaders.pdf_pdfium import PdfiumDocument
from tests.conftest import PLANS
from tests.render import DEJAVU_SANS, corpus_lines, render_pdf, render_pdf_with_table

DEJAVU = DEJAVU_SANS.parent
CHILD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadedDocument, LoadedDocument]:
    data = path.read_bytes()
    through_pdfium = load_pdf(path, data)
    with monkeypatch.context() as patch:
        patch.setattr(PdfiumDocument, "open", classmethod(lambda cls, data, max_pages: None))
        alone = load_pdf(path, data)
    return through_pdfium, alone


def _dump(document: LoadedDocument) -> tuple[Any, ...]:
    lines = [line.model_dump() for line in document.lines]
    return lines, document.pages, document.notes


def _pages_read_by_pdfium(path: Path) -> tuple[int, list[tuple[int, str]]]:
    document = PdfiumDocument.open(path.read_bytes(), 1000)
    assert document is not None
    read = sum(document.page(index) is not None for index in range(len(document)))
    left = document.left_to_pdfplumber
    document.close()
    return read, left


def _styled_pdf(target: Path, lines: list[str], align: str = "J") -> Path:
    """Justified paragraphs in DejaVu Serif, each opening with a bold or italic phrase."""
    pdf = FPDF(format="A4")
    for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Italic")):
        pdf.add_font("Serif", style=style, fname=str(DEJAVU / f"DejaVuSerif{suffix}.ttf"))
    pdf.set_font("Serif", size=12)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for index, line in enumerate(lines):
        words = line.split()
        # The space after the phrase is set in the phrase's font, as Word and
        # LibreOffice set it: a dropped space would move a font run's end.
        marker = "**" if index % 2 == 0 else "__"
        text = f"{marker}{' '.join(words[:3])} {marker}{' '.join(words[3:])}"
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT", align=align, markdown=True)
    pdf.output(str(target))
    return target


def test_a_corpus_plan_is_read_by_pdfium_alone_and_as_pdfplumber_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = render_pdf(corpus_lines(CHILD), tmp_path / "ward.pdf")
    through_pdfium, alone = _both(rendered, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    read, left = _pages_read_by_pdfium(rendered)
    assert (read, left) == (through_pdfium.pages, [])


def test_justified_bold_and_italic_runs_come_out_as_pdfplumber_gave_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Justified lines put a kerning gap before a space: pdfium generates a space
    # there and drops the real one, which the reader puts back with its font.
    lines = [line for line in corpus_lines(CHILD) if len(line.split()) > 8][:40]
    rendered = _styled_pdf(tmp_path / "styled.pdf", lines)
    through_pdfium, alone = _both(rendered, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    fonts = {run.font for line in alone.lines for run in line.fonts}
    assert any("Bold" in font for font in fonts) and any("Italic" in font for font in fonts)
    read, _ = _pages_read_by_pdfium(rendered)
    assert read >= 1


def test_a_descriptor_descent_of_zero_is_taken_as_pdfminer_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice writes /Ascent 0 /Descent 0; pdfium then uses figures of its own, which
    # moved every glyph's top by a fifth of an em and split mixed-font lines.
    lines = [line for line in corpus_lines(CHILD) if len(line.split()) > 8][:30]
    data = _styled_pdf(tmp_path / "styled.pdf", lines, align="L").read_bytes()
    # Ascent and Descent both 0 in the italic font's descriptor, as LibreOffice writes
    # them (same length: the xref stays intact).
    objects = data.split(b"endobj")
    zeroed = b"endobj".join(
        re.sub(
            rb"/(Ascent|Descent) -?\d+",
            lambda found: b"/" + found[1] + b" 0" + b" " * (len(found[0]) - len(found[1]) - 3),
            part,
        )
        if b"/Type /FontDescriptor" in part and b"SerifItalic" in part
        else part
        for part in objects
    )
    assert zeroed != data
    target = tmp_path / "zero-descent.pdf"
    target.write_bytes(zeroed)
    through_pdfium, alone = _both(target, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    assert _pages_read_by_pdfium(target)[0] >= 1


def test_a_page_with_a_ruled_table_is_left_to_pdfplumber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["STT", "Nội dung", "Thời gian"], ["1", "Tuyên truyền Đề án", "Quý I"]]
    rendered = render_pdf_with_table(["KẾ HOẠCH"], rows, ["Nơi nhận"], tmp_path / "table.pdf")
    through_pdfium, alone = _both(rendered, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    assert any(line.cell for line in through_pdfium.lines)
    assert _pages_read_by_pdfium(rendered) == (0, [(1, "drawn paths")])


def test_a_page_whose_only_drawings_are_rules_is_read_by_pdfium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Vietnamese document's first page draws short rules under the issuer and
    # the motto: flat, they give pdfplumber's table finder no vertical edge.
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for line in [
        "ĐẢNG BỘ PHƯỜNG 4",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.line(80, pdf.get_y() + 0.5, 130, pdf.get_y() + 0.5)
    for line in corpus_lines(CHILD)[3:25]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    target = tmp_path / "rules.pdf"
    pdf.output(str(target))
    through_pdfium, alone = _both(target, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    assert _pages_read_by_pdfium(target) == (through_pdfium.pages, [])


def test_a_typed_pdf_is_read_without_importing_pdfplumber(tmp_path: Path) -> None:
    rendered = render_pdf(corpus_lines(CHILD)[:40], tmp_path / "short.pdf")
    script = (
        "import sys; from pathlib import Path; from extract.loaders.pdf import load_pdf; "
        f"path = Path({str(rendered)!r}); document = load_pdf(path, path.read_bytes()); "
        "assert document.lines; print(sorted(m for m in sys.modules if m.startswith('pdf')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "pdfplumber" not in result.stdout and "pdfminer" not in result.stdout


def test_font_descriptors_are_found_in_object_streams_with_their_descent() -> None:
    plain = b"<</Type/FontDescriptor/FontName/BAAAAA+Liberation#20Serif/Descent 0/Ascent 891>>"
    packed = b"<</Type/FontDescriptor/FontName/ABCDEF+Arial-BoldMT/Flags 32/Descent -212>>"
    stream = zlib.compress(packed)
    data = (
        b"%PDF-1.7\n1 0 obj\n" + plain + b"\nendobj\n2 0 obj\n<</Type/ObjStm/N 1/First 4"
        b"/Filter/FlateDecode/Length "
        + str(len(stream)).encode()
        + b">>stream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    found = font_descriptors(data)
    assert found["Liberation Serif"] == {"BAAAAA+Liberation Serif": {0.0}}
    assert found["Arial-BoldMT"] == {"ABCDEF+Arial-BoldMT": {-0.212}}


def test_a_glyph_without_unicode_sends_its_page_to_pdfplumber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pdfminer writes such a glyph as "(cid:N)", which the cid repair decodes;
    # pdfium does not give N.
    data = render_pdf(corpus_lines(CHILD)[:20], tmp_path / "plain.pdf").read_bytes()
    broken = _without_to_unicode(data)
    target = tmp_path / "cid.pdf"
    target.write_bytes(broken)
    through_pdfium, alone = _both(target, monkeypatch)
    assert _dump(through_pdfium) == _dump(alone)
    assert any("(cid:" in line.raw for line in alone.lines)
    assert _pages_read_by_pdfium(target) == (0, [(1, "a glyph without Unicode")])


def _without_to_unicode(data: bytes) -> bytes:
    """The PDF with its fonts' /ToUnicode entries renamed away (same length, xref intact)."""
    renamed = data.replace(b"/ToUnicode", b"/ToUnicodX")
    assert renamed != data
    return renamed


def test_a_page_or_text_page_pdfium_cannot_load_is_left_to_pdfplumber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pdfium's C functions are called directly (extract/loaders/pdfium_c.py): a page it
    # fails to load, or whose text page it fails to make, is read by pdfplumber, not lost.
    from extract.loaders.pdfium_c import library

    target = render_pdf(corpus_lines(CHILD), tmp_path / "ward.pdf")
    c = library()
    load_page, load_text = c.FPDF_LoadPage, c.FPDFText_LoadPage
    loaded: list[int] = []

    def second_page_fails(document: Any, index: int) -> Any:
        loaded.append(index)
        return None if index == 1 else load_page(document, index)

    made: list[int] = []

    def third_text_page_fails(page: Any) -> Any:
        made.append(1)
        return None if len(made) == 2 else load_text(page)  # pages 1 and 3 make one

    through_pdfium, alone = _both(target, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(c, "FPDF_LoadPage", second_page_fails)
        patch.setattr(c, "FPDFText_LoadPage", third_text_page_fails)
        partly = load_pdf(target, target.read_bytes())
        made.clear()
        read, left = _pages_read_by_pdfium(target)
    assert 1 in loaded
    assert _dump(partly) == _dump(alone) == _dump(through_pdfium)
    assert read == through_pdfium.pages - 2
    assert left == [(2, "a page pdfium could not load"), (3, "no text page from pdfium")]
