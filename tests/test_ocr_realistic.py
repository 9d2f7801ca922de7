"""Scans laid out as real signed plans (``tests/realistic_scans.py``): a seal, two columns.

The benchmark ``tests/benchmarks/ocr_real_bench.py`` measures them at length;
these tests keep the generator honest and the two fixes it led to: a red seal
over the signature fades (the red channel of a colour scan is read), and two
columns of body text are read one after the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from extract import load_plan
from extract.loaders import ocr_engine
from extract.loaders.scan import ink_of
from tests.realistic_scans import Kind, document_of, page_words, render, scan, scanned_pdf

DEV = Path(__file__).resolve().parent / "realdocs" / "dev"
BAC_KAN = DEV / "bac-kan-ubnd-kh21-dan-van-chinh-quyen.txt"

needs_engine = pytest.mark.skipif(
    ocr_engine.tessdata_dir() is None, reason="tesseract-ocr-vie is not installed"
)


def test_a_flattened_web_header_is_set_back_into_two_columns() -> None:
    document = document_of(BAC_KAN)
    assert document is not None
    assert document.left == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN", "Số: 21/KH-UBND"]
    assert document.right[-1] == "Bắc Kạn, ngày 16 tháng 01 năm 2025"
    assert document.body[0] == "KẾ HOẠCH"
    # The text layer reads the header row by row, as a scan is read.
    words = page_words(render(document).pdf)[0]
    assert words[:7] == ["ỦY", "BAN", "NHÂN", "DÂN", "CỘNG", "HÒA", "XÃ"]


def test_red_ink_fades_in_the_grey_page_black_type_does_not() -> None:
    page = Image.new("RGB", (3, 1), "white")
    page.putpixel((0, 0), (0, 0, 0))  # type
    page.putpixel((1, 0), (205, 35, 45))  # the seal's red
    page.putpixel((2, 0), (25, 45, 150))  # the signature's blue
    grey = ink_of(page)
    assert grey.mode == "L"
    assert grey.getpixel((0, 0)) < 20 and grey.getpixel((1, 0)) > 180
    assert grey.getpixel((2, 0)) < 60
    assert ink_of(page.convert("L")).getpixel((1, 0)) < 120  # a grey scan stays as it is


@needs_engine
def test_the_signature_block_under_a_red_seal_is_read(tmp_path: Path) -> None:
    document = document_of(BAC_KAN)
    assert document is not None
    short = document.__class__(
        document.name, document.left, document.right, document.body[:6], document.signature
    )
    rendered = render(short)
    path = tmp_path / "da-dong-dau.pdf"
    path.write_bytes(scanned_pdf(scan(rendered, Kind("dấu đỏ", seal=True), 0), 200))
    texts = [line.text for line in load_plan(path).lines]
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "CHỦ TỊCH" in texts, texts[-4:]


@needs_engine
def test_a_short_last_page_of_a_turned_scan_is_turned_like_the_one_before(tmp_path: Path) -> None:
    # A page holding only the signature block gives OSD too few letters to judge.
    from tests.scans import LIGHT, scan_pages, typed_pdf

    body = ["KẾ HOẠCH", "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"] * 6
    pages = [
        *scan_pages(typed_pdf(body, page_numbers=False), LIGHT),
        *scan_pages(typed_pdf(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], page_numbers=False), LIGHT),
    ]
    path = tmp_path / "xoay.pdf"
    path.write_bytes(scanned_pdf([page.rotate(90, expand=True) for page in pages], 200))
    plan = load_plan(path)
    last = [line.text for line in plan.lines if line.page == 2]
    assert last == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert {line.ocr.rotation for line in plan.lines if line.ocr is not None} == {270}
