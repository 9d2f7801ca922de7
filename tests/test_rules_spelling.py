from __future__ import annotations

import pytest

from rules.structure.spelling import find_misspellings


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
