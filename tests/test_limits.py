"""Work limits: a small valid file that holds too much text is refused before repair and parsing.

Issue 22, item 1: a 568 KB .docx inflating to 20 MB of XML (ratio 39:1, under
the zip-bomb rules) took 27 s and 1.3 GB; a 2 MB .txt took 42 s. Each reader
now counts lines and characters as it reads, and the .docx's XML is bounded
before it is parsed. The messages name the file, the limit and the variable
that raises it. ``make fuzz`` measures the cost of files just under the limits.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extract import load_plan
from extract.errors import PlanInputError
from extract.limits import Limits
from extract.loaders.docx import load_docx
from extract.loaders.pdf import load_pdf
from extract.loaders.txt import load_text
from tests.large_inputs import heavy_docx, plan_lines
from tests.render import render_pdf


def _refused(call: object, *args: object) -> PlanInputError:
    with pytest.raises(PlanInputError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value


def test_the_defaults_leave_room_for_a_long_plan() -> None:
    # A long plan: 100 pages, some 6,000 lines and 300,000 characters.
    limits = Limits()
    assert limits.max_lines >= 6_000 and limits.max_chars >= 300_000
    assert limits.max_pages >= 100
    assert limits.max_docx_xml < 20 * 1024 * 1024  # the 20 MB .docx of the issue


def _short_lines(count: int) -> bytes:
    return "\n".join(f"- Nhiệm vụ {number}" for number in range(count)).encode()


def test_a_text_file_of_too_many_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_bytes(_short_lines(Limits().max_lines + 1))
    error = _refused(load_plan, path)
    assert error.reason == "over-limit"
    assert str(path) in error.message and "PLANCHECK_MAX_LINES" in error.detail
    assert "100 trang" in error.message_vi and "100 pages" in error.message_en


def test_a_text_file_just_under_the_limit_is_read() -> None:
    lines = load_text(Path("vua.txt"), _short_lines(Limits().max_lines)).lines
    assert len(lines) == Limits().max_lines


def test_too_many_characters_in_few_lines_are_refused() -> None:
    limits = Limits(max_chars=5_000)
    data = "\n".join(plan_lines(40) * 3).encode()
    error = _refused(load_text, Path("day.txt"), data, limits)
    assert error.reason == "over-limit" and "PLANCHECK_MAX_CHARS" in error.detail


def test_one_overlong_line_is_refused_naming_it(tmp_path: Path) -> None:
    # The line limit applies to the lines parsing sees, after layout restoring (a plan
    # pasted onto one line is cut into its lines first): so it is load_plan that refuses.
    path = tmp_path / "dong.txt"
    path.write_bytes(("Kế hoạch\n" + "rất dài " * 3_000 + "\n").encode())
    error = _refused(load_plan, path, Limits(max_line_chars=20_000))
    assert "PLANCHECK_MAX_LINE_CHARS" in error.detail and "line 2" in error.detail


def test_bytes_that_must_decode_past_the_limit_are_refused_before_decoding() -> None:
    limits = Limits(max_chars=1_000)
    error = _refused(load_text, Path("lon.txt"), b"a" * 4_001, limits)
    assert error.reason == "over-limit" and "byte" in error.detail


def test_a_docx_of_twenty_megabytes_of_xml_under_the_zip_bomb_ratio_is_refused() -> None:
    data = heavy_docx(4_800)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.getinfo("word/document.xml")
    assert len(data) < 1_500_000 and document.file_size > 19_000_000
    assert document.file_size / document.compress_size < Limits().max_docx_ratio
    error = _refused(load_docx, Path("nang.docx"), data)
    assert error.reason == "over-limit" and "PLANCHECK_MAX_DOCX_XML" in error.detail


def test_a_docx_of_too_many_paragraphs_is_refused_while_walking() -> None:
    error = _refused(load_docx, Path("nhieu.docx"), heavy_docx(60), Limits(max_lines=50))
    assert error.reason == "over-limit" and "51 > 50" in error.detail


def test_a_pdf_of_too_many_lines_is_refused(tmp_path: Path) -> None:
    rendered = render_pdf(plan_lines(120), tmp_path / "dai.pdf")
    error = _refused(load_pdf, rendered, rendered.read_bytes(), Limits(max_lines=60))
    assert error.reason == "over-limit" and "PLANCHECK_MAX_LINES" in error.detail


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in (
        ("PLANCHECK_MAX_LINES", "7"),
        ("PLANCHECK_MAX_CHARS", "70"),
        ("PLANCHECK_MAX_LINE_CHARS", "9"),
        ("PLANCHECK_MAX_DOCX_XML", "700"),
    ):
        monkeypatch.setenv(variable, value)
    limits = Limits.from_env()
    assert (limits.max_lines, limits.max_chars) == (7, 70)
    assert (limits.max_line_chars, limits.max_docx_xml) == (9, 700)


def test_a_nul_byte_anywhere_in_a_text_file_is_refused() -> None:
    # Issue 22, item 10: only the first 4 KB were looked at.
    data = ("Kế hoạch\n" * 1_000).encode() + b"Dong\x00co NUL\n"
    assert data.index(b"\x00") > 4096
    error = _refused(load_text, Path("nul.txt"), data)
    assert error.reason == "encoding" and "NUL" in error.detail


def test_a_nul_in_utf16_text_is_refused() -> None:
    data = "\ufeffKế hoạch\nDòng\x00NUL\n".encode("utf-16-le")
    error = _refused(load_text, Path("nul16.txt"), data)
    assert error.reason == "encoding" and "NUL" in error.detail


def test_an_unmapped_glyph_counts_as_the_one_character_it_prints() -> None:
    # "(cid:12)" stands for one glyph; counted as eight characters, a 100-page plan
    # in a font without a Unicode map was refused as over the character limit.
    from extract.limits import TextBudget

    budget = TextBudget(Path("cid.pdf"), Limits(max_chars=5_000, max_line_chars=3_000))
    budget.add("(cid:12)(cid:7) " * 900)  # 14,400 characters, 2,700 printed
    budget.add("Kế hoạch (cid:3)")
    assert budget.chars == 2_700 + 10
    with pytest.raises(PlanInputError) as caught:
        budget.add("(cid:5)" * 2_400)  # 2,400 printed: 5,110 in all
    assert "PLANCHECK_MAX_CHARS" in caught.value.detail
