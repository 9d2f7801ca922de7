from __future__ import annotations

import pytest

from rules.structure import spelling
from rules.structure.spelling import find_misspellings


@pytest.fixture(autouse=True)
def _lines_not_kept() -> None:
    # Tests below count the work a line costs: a line kept by an earlier test costs none.
    spelling._line_misspellings.cache_clear()


def _found(text: str) -> list[tuple[str, str]]:
    return [(found.written, found.expected) for found in find_misspellings(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(8) Phân đấu Khu dân cư đạt chuẩn.", [("Phân đấu", "phấn đấu")]),
        ("thuộc phẩm quyền của Ủy ban nhân dân", [("phẩm quyền", "thẩm quyền")]),
        ("II. PHÂN ĐẤU ĐẠT CHUẨN", [("PHÂN ĐẤU", "phấn đấu")]),
    ],
)
def test_one_mark_from_a_known_phrase_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Phấn đấu đến năm 2026 đạt chuẩn.",
        "PHÓ CHỦ TỊCH Phạm Văn Hòa",  # a name, not "văn hóa"
        "đồng chí Thị ủy viên",
        "xây dựng đời sống văn hóa",
    ],
)
def test_right_phrases_and_names_are_left_alone(text: str) -> None:
    assert _found(text) == []


def test_a_phrase_written_right_is_not_read_as_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A known phrase written right differs from no entry: the name check (a capital
    # inside the run), asked for every window, is left for runs that differ.
    from rules.structure import spelling

    asked: list[str] = []
    real = spelling._looks_like_a_name

    def counted(text: str, window: list[tuple[int, int]]) -> bool:
        asked.append(text[window[0][0] : window[-1][1]])
        return real(text, window)

    monkeypatch.setattr(spelling, "_looks_like_a_name", counted)
    assert list(find_misspellings("Tăng cường công tác dân vận, phấn đấu đạt chỉ tiêu.")) == []
    assert asked == []
    assert [found.written for found in find_misspellings("Phân đấu hoàn thành")] == ["Phân đấu"]
    assert asked == ["Phân đấu"]


def test_a_window_seen_before_is_not_compared_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Plans repeat their phrases: a run of words is compared with the known phrases
    # once in a process (issue 18: the rule was a tenth of an audit's check).
    from rules.structure import spelling

    compared: list[tuple[str, ...]] = []
    real = spelling._changes

    def counted(written: list[str], known: list[str]) -> int | None:
        compared.append(tuple(written))
        return real(written, known)

    monkeypatch.setattr(spelling, "_changes", counted)
    line = "Tăng cường công tác dân vận, phấn đấu chăm lo đời sống nhân dân."
    first = list(find_misspellings(line))
    once = len(compared)
    assert list(find_misspellings(line)) == first
    assert list(find_misspellings(line.upper())) == []
    assert len(compared) == once


def test_words_that_open_no_phrase_are_not_tried_at_every_length() -> None:
    # Only two-word openings of known phrases start a window: a word that opens one
    # phrase is not tried at every length with whatever word follows it.
    from rules.structure import spelling

    index, sizes = spelling._index()
    assert all(len(key) in sizes[(key[0], key[1])] for key in index)
    assert all(lengths == sorted(lengths, reverse=True) for lengths in sizes.values())
    assert _found("(8) Phân đấu Khu dân cư đạt chuẩn. Phân đấu") == [
        ("Phân đấu", "phấn đấu"),
        ("Phân đấu", "phấn đấu"),
    ]


def test_a_line_seen_before_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Plans repeat lines (a batch copies its parent's wording): a line's words are read
    # once in a process (issue 18: 20 µs a line, 6 ms a generated plan).
    read: list[str] = []
    real = spelling._scan

    def counted(text: str) -> object:
        read.append(text)
        return real(text)

    monkeypatch.setattr(spelling, "_scan", counted)
    line = "(8) Phân đấu Khu dân cư đạt chuẩn, sử lý kịp thời."
    first = [(found.written, found.expected) for found in find_misspellings(line)]
    again = [(found.written, found.expected) for found in find_misspellings(line)]
    assert first == again == [("Phân đấu", "phấn đấu"), ("sử lý", "xử lý")]
    assert read == [line]
