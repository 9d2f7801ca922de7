"""Scanned plans: PDFs without a text layer, mixed PDFs and image files, read by OCR.

Fixtures are made at test time (``tests/scans.py``): typed text rendered in
DejaVu Serif, rasterised and degraded. Pages are kept short, since each one
costs Tesseract a second or two.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from extract import load_plan
from extract.errors import PlanInputError
from extract.limits import Limits
from extract.loaders import ocr_engine
from extract.loaders.ocr_engine import PageReading, Word
from extract.loaders.ocr_layout import COLUMN_SEPARATOR, page_lines
from tests.render import pdf_bytes
from tests.scans import (
    LIGHT,
    MEDIUM,
    Degradation,
    image_bytes,
    scan_pages,
    scanned_pdf_of,
    typed_pdf,
)

pytestmark = pytest.mark.skipif(
    ocr_engine.tessdata_dir() is None, reason="tesseract-ocr-vie is not installed"
)

HEADER = (
    ["ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "Số 48-KH/ĐU"],
    ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Đức Phổ, ngày 05 tháng 01 năm 2023"],
)
BODY = [
    "KẾ HOẠCH",
    "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
    "I- Mục đích, yêu cầu",
    "- Cơ quan tham mưu: Khối Dân vận Đảng ủy.",
]


def _scan(lines: list[str], degradation=MEDIUM, header=None) -> list[Image.Image]:
    return scan_pages(typed_pdf(lines, header=header), degradation)


def test_scanned_pdf_with_two_column_header_reads_like_typed_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf_of(_scan(BODY, header=HEADER), MEDIUM.dpi))
    plan = load_plan(path)
    texts = [line.text for line in plan.lines]
    # The two columns of the first header row share one line, a wide gap apart.
    assert texts[0] == f"ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ{COLUMN_SEPARATOR}ĐẢNG CỘNG SẢN VIỆT NAM"
    assert plan.meta.issuer == "Đảng ủy phường Nghĩa Lộ"
    assert plan.meta.number == "48-KH/ĐU"
    assert str(plan.meta.issue_date) == "2023-01-05"
    assert "- Cơ quan tham mưu: Khối Dân vận Đảng ủy." in texts
    # The page number printed in the footer is not text of the plan.
    assert texts[-1] != "1"
    for line in plan.lines:
        assert line.page == 1 and line.ocr is not None
        left, top, right, bottom = line.ocr.bbox
        assert 0 <= left < right and 0 <= top < bottom and line.ocr.dpi == 200
        assert [line.raw[word.start : word.end] for word in line.ocr.words] == line.raw.split()
    assert any("OCR" in note for note in plan.notes)


def test_mixed_pdf_reads_only_the_page_without_text_by_ocr(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    typed = PdfReader(_bytes_io(pdf_bytes(["Trang đánh máy: Chỉ tiêu trên 65%"])))
    scanned = PdfReader(_bytes_io(scanned_pdf_of(_scan(BODY[2:], LIGHT), LIGHT.dpi)))
    writer = PdfWriter()
    writer.add_page(typed.pages[0])
    writer.add_page(scanned.pages[0])
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    plan = load_plan(path)
    first = [line for line in plan.lines if line.page == 1]
    second = [line for line in plan.lines if line.page == 2]
    assert [line.text for line in first] == ["Trang đánh máy: Chỉ tiêu trên 65%"]
    assert all(line.ocr is None for line in first)
    assert [line.text for line in second] == BODY[2:]
    assert all(line.ocr is not None for line in second)
    assert any("1/2 trang (2)" in note for note in plan.notes)


def test_multi_page_tiff_keeps_pages_and_notes_a_blank_page(tmp_path: Path) -> None:
    pages = [*_scan(BODY[2:3], LIGHT), Image.new("L", (1654, 2339), 255)]
    path = tmp_path / "scan.tif"
    path.write_bytes(image_bytes(pages, "TIFF", 200))
    plan = load_plan(path)
    assert [(line.page, line.text) for line in plan.lines] == [(1, "I- Mục đích, yêu cầu")]
    assert plan.source.pages == 2 and plan.source.format == "tif"
    assert any(note.startswith("Trang 2: trang trống") for note in plan.notes)


def test_page_scanned_sideways_is_turned_upright(tmp_path: Path) -> None:
    page = _scan(BODY, LIGHT)[0].rotate(90, expand=True)
    path = tmp_path / "sideways.png"
    path.write_bytes(image_bytes([page], "PNG", 200))
    plan = load_plan(path)
    assert "- Cơ quan tham mưu: Khối Dân vận Đảng ủy." in [line.text for line in plan.lines]
    assert all(line.ocr is not None and line.ocr.rotation == 270 for line in plan.lines)
    assert any("đã xoay lại 270°" in note for note in plan.notes)


def test_a_page_scanned_askew_is_straightened_before_reading(tmp_path: Path) -> None:
    # At 3° Tesseract's layout lost whole paragraphs (10 of 29 lines read); the page
    # is straightened first, and the lines' boxes stay on the page as scanned.
    from tests.benchmarks.ocr_pages import plan_lines
    from tests.conftest import PLANS

    lines = plan_lines(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")[8:22]
    askew = Degradation("nghiêng", rotation=3.0, blur=0.4, jpeg_quality=80)
    page = scan_pages(typed_pdf(lines, page_numbers=False), askew, seed=1)[0]
    path = tmp_path / "nghieng.png"
    path.write_bytes(image_bytes([page], "PNG", 200))
    plan = load_plan(path)
    texts = [line.text for line in plan.lines]
    wanted = "- Quán triệt, triển khai thực hiện Đề án số 13 nhằm nâng cao nhận"
    assert wanted in texts and len(texts) >= 27
    box = plan.lines[texts.index(wanted)].ocr.bbox  # type: ignore[union-attr]
    ink = page.crop(box).histogram()[:128]
    assert sum(ink) > 0.05 * (box[2] - box[0]) * (box[3] - box[1])  # the line's own ink


def test_image_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(60_000, 60_000))
    with pytest.raises(PlanInputError) as caught:
        load_plan(path)
    assert caught.value.reason == "image-bomb"


def test_image_over_the_pixel_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(_png_header_only(9_000, 9_000))  # under Pillow's own limit, over ours
    with pytest.raises(PlanInputError) as caught:
        load_plan(path, Limits(max_image_pixels=50_000_000))
    assert caught.value.reason == "image-bomb" and "9000×9000" in caught.value.message


def test_damaged_image_and_tiny_image_get_clear_messages(tmp_path: Path) -> None:
    damaged = tmp_path / "hong.jpg"
    damaged.write_bytes(b"\xff\xd8\xff" + b"\x00" * 200)
    with pytest.raises(PlanInputError) as caught:
        load_plan(damaged)
    assert caught.value.reason == "bad-image"
    tiny = tmp_path / "nho.png"
    tiny.write_bytes(image_bytes([Image.new("L", (120, 90), 255)], "PNG", 200))
    with pytest.raises(PlanInputError) as caught:
        load_plan(tiny)
    assert caught.value.reason == "unreadable-scan" and "quá nhỏ" in caught.value.message


def test_tiff_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    pages = [Image.new("L", (800, 1100), 255) for _ in range(3)]
    path = tmp_path / "many.tiff"
    path.write_bytes(image_bytes(pages, "TIFF", 100))
    with pytest.raises(PlanInputError) as caught:
        load_plan(path, Limits(max_pages=2))
    assert caught.value.reason == "too-many-pages"


def test_missing_engine_names_the_debian_packages(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr_engine, "tessdata_dir", lambda: None)
    path = tmp_path / "scan.png"
    path.write_bytes(image_bytes([Image.new("L", (800, 1100), 255)], "PNG", 100))
    with pytest.raises(PlanInputError) as caught:
        load_plan(path)
    assert caught.value.reason == "ocr-missing"
    assert "tesseract-ocr-vie" in caught.value.message and "apt-get" in caught.value.message


# --------------------------------------------------------------------------- layout alone


def _word(text: str, left: int, top: int, width: int, block: int, line: int = 1) -> Word:
    return Word(text, left, top, left + width, top + 40, 95.0, block, 1, line)


def test_columns_side_by_side_share_a_row_and_skew_is_undone() -> None:
    # A page turned by 1°: the right column sits 20 px higher than the left.
    words = [
        _word("UBND", 100, 200, 120, block=1),
        _word("TỈNH", 230, 198, 100, block=1),
        _word("CỘNG", 900, 186, 120, block=2),
        _word("HÒA", 1030, 184, 100, block=2),
        _word("Số:", 100, 300, 60, block=1, line=2),
    ]
    reading = PageReading(words, 1654, 2339, 200, skew=-0.0175)
    texts = [line.text for line in page_lines(reading)]
    assert texts == [f"UBND TỈNH{COLUMN_SEPARATOR}CỘNG HÒA", "Số:"]


def test_running_page_number_and_specks_are_not_text() -> None:
    words = [_word("Dòng", 100, 200 + 60 * row, 100, block=1, line=row) for row in range(5)]
    words += [_word("-", 500, 500, 10, block=3), _word("2", 800, 2200, 20, block=4)]
    texts = [line.text for line in page_lines(PageReading(words, 1654, 2339, 200))]
    assert texts == ["Dòng"] * 5


def test_two_columns_of_body_text_are_read_one_after_the_other() -> None:
    # Header cells side by side share rows; two columns of running text do not.
    words = [_word("UBND", 100, 100, 120, block=1), _word("CỘNG", 900, 100, 120, block=2)]
    for row in range(10):
        words.append(_word(f"trái{row}", 100, 300 + 60 * row, 300, block=3, line=row + 1))
        words.append(_word(f"phải{row}", 900, 300 + 60 * row, 300, block=4, line=row + 1))
    words.append(_word("TM.", 900, 1000, 100, block=5))
    texts = [line.text for line in page_lines(PageReading(words, 1654, 2339, 200))]
    assert texts == [
        f"UBND{COLUMN_SEPARATOR}CỘNG",
        *(f"trái{row}" for row in range(10)),
        *(f"phải{row}" for row in range(10)),
        "TM.",
    ]


def test_a_printed_rule_read_as_dashes_is_not_text_but_a_dash_is() -> None:
    # The rule under the motto shares the row of "Số:"; "2022 – 2026" keeps its dash.
    words = [
        _word("Số:", 100, 300, 60, block=1),
        _word("21/KH-UBND", 170, 300, 240, block=1),
        _word("—————", 1000, 300, 250, block=2),
        _word("2022", 100, 400, 90, block=1, line=2),
        _word("–", 200, 400, 20, block=1, line=2),
        _word("2026", 230, 400, 90, block=1, line=2),
    ]
    texts = [line.text for line in page_lines(PageReading(words, 1654, 2339, 200))]
    assert texts == ["Số: 21/KH-UBND", "2022 – 2026"]


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels and holds almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
