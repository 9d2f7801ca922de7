"""Odd text through the text reader: it keeps what it read, line for line.

Decision: the reader does not clean text. Zero-width characters, right-to-left
marks, tabs and non-Vietnamese text stay in ``Line.raw`` exactly as in the file;
only line endings are normalised (CR LF and lone CR end a line). Whether to
strip invisible characters for parsing belongs to the markup/repair steps.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import load_plan
from extract.errors import PlanInputError
from extract.loaders.txt import MIXED_ENCODING, load_text

PLAN = ["KẾ HOẠCH", "Thực hiện Đề án số 13-ĐA/TU", "- Chỉ tiêu:\ttrên 65%"]


def _load(data: bytes, name: str = "plan.txt") -> list[str]:
    return [line.raw for line in load_text(Path(name), data).lines]


def test_text_without_any_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text("Annual plan 2023\n\nTarget: 65% trained workers\n", encoding="utf-8")
    plan = load_plan(path)
    expected = ["Annual plan 2023", "", "Target: 65% trained workers"]
    assert [line.raw for line in plan.lines] == expected


def test_windows_line_endings_give_the_same_lines() -> None:
    unix = "\n".join(PLAN).encode()
    assert _load(unix.replace(b"\n", b"\r\n")) == _load(unix) == PLAN
    assert _load(unix.replace(b"\n", b"\r")) == PLAN  # classic Mac OS


def test_tabs_are_kept() -> None:
    assert _load("\tI. MỤC ĐÍCH\t\tYÊU CẦU".encode()) == ["\tI. MỤC ĐÍCH\t\tYÊU CẦU"]


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200f", "\u200e", "\u202e", "\u061c"],
    ids=["zwsp", "zwnj", "zwj", "word-joiner", "inner-bom", "rlm", "lrm", "rlo", "alm"],
)
def test_zero_width_and_direction_marks_are_kept_in_raw(invisible: str) -> None:
    line = f"Chỉ{invisible} tiêu trên 65{invisible}%"
    assert _load(f"KẾ HOẠCH\n{line}\n".encode()) == ["KẾ HOẠCH", line]


def test_zero_width_and_direction_marks_are_removed_from_parsed_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nChỉ\u200b tiêu trên 65\u202e%\u202c\n", encoding="utf-8")
    plan = load_plan(path)
    assert [line.text for line in plan.lines] == ["KẾ HOẠCH", "Chỉ tiêu trên 65%"]
    assert plan.lines[1].raw == "Chỉ\u200b tiêu trên 65\u202e%\u202c"
    assert any("3 ký tự vô hình" in note for note in plan.notes)


def test_utf8_with_bom_and_utf16_read_the_same() -> None:
    text = "\n".join(PLAN)
    assert _load(b"\xef\xbb\xbf" + text.encode()) == PLAN
    assert _load(text.encode("utf-16")) == PLAN


# Windows-1258 keeps the circumflex letters precomposed and the tones as combining
# marks: "Kế hoạch số 48" and "Tiêu đề", byte by byte.
KE_HOACH_CP1258 = b"K\xea\xec hoa\xf2ch s\xf4\xec 48"
TIEU_DE_CP1258 = b"Ti\xeau \xf0\xea\xcc"


def test_windows_1258_file() -> None:
    document = load_text(Path("legacy.txt"), KE_HOACH_CP1258 + b"\r\n" + TIEU_DE_CP1258)
    assert document.encoding == "cp1258"
    lines = [unicodedata.normalize("NFC", line.raw) for line in document.lines]
    assert lines == ["Kế hoạch số 48", "Tiêu đề"]


def test_mixed_utf8_and_windows_1258_lines_are_decoded_line_by_line() -> None:
    utf8_line = "Thực hiện Đề án 13".encode()
    document = load_text(Path("mixed.txt"), utf8_line + b"\r\n" + TIEU_DE_CP1258 + b"\r\n")
    assert document.encoding == MIXED_ENCODING
    lines = [unicodedata.normalize("NFC", line.raw) for line in document.lines]
    assert lines == ["Thực hiện Đề án 13", "Tiêu đề"]
    assert document.notes


def test_only_blank_lines_is_no_content() -> None:
    with pytest.raises(PlanInputError) as caught:
        load_text(Path("blank.txt"), b" \r\n\t\r\n\r\n")
    assert caught.value.reason == "no-content"


def test_binary_named_txt_is_an_encoding_error() -> None:
    with pytest.raises(PlanInputError) as caught:
        load_text(Path("binary.txt"), b"\x00\x01\x02PK\x03\x04" * 10)
    assert caught.value.reason == "encoding"

