"""Whole-word keyword search of the linking step (rules.linking.mentions.has_word_run)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rules.linking.mentions import has_word_run

# Folded text is lower-case ASCII with spaces and punctuation; a few other letters too.
_TEXT = st.text(alphabet="ab19 -,.đ", max_size=30)


def _by_pattern(folded: str, keyword: str) -> bool:
    """The definition: the keyword with no ASCII letter or digit touching either side."""
    return re.search(rf"(?<![0-9a-z]){re.escape(keyword)}(?![0-9a-z])", folded) is not None


@given(folded=_TEXT, keyword=st.text(alphabet="ab19 -.đ", max_size=4))
@example(folded="xa ab ab1", keyword="ab")
@example(folded="aab ab", keyword="ab")
@example(folded="abc", keyword="")
@example(folded="a b", keyword="")
def test_a_keyword_is_found_exactly_where_the_whole_word_pattern_finds_it(
    folded: str, keyword: str
) -> None:
    assert has_word_run(folded, keyword) == _by_pattern(folded, keyword)


def test_looking_for_keywords_compiles_no_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    # One pattern per catalogue keyword was a tenth of a cold check (issue 18).
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a pattern was compiled")

    monkeypatch.setattr(re, "compile", refuse)
    assert has_word_run("phát triển đảng viên mới", "dang vien moi") is False
    assert has_word_run("phat trien dang vien moi nam", "dang vien moi")
    assert not has_word_run("phat trien dang vien moinam", "dang vien moi")


def _line_by_line(lines: list[tuple[int, str]], keywords: list[str]) -> tuple[int, str] | None:
    """The definition: the first line, and on it the first keyword, found whole."""
    for number, folded in lines:
        for keyword in keywords:
            if _by_pattern(folded, keyword):
                return number, keyword
    return None


@given(
    texts=st.lists(st.text(alphabet="ab1 -.", max_size=12), max_size=6),
    keywords=st.lists(st.text(alphabet="ab1 ", min_size=1, max_size=4), min_size=1, max_size=4),
)
@example(texts=["ba", "ab", "a"], keywords=["a", "ab"])
@example(texts=["xab", "b a"], keywords=["ab", "a"])
@example(texts=["a\nb"], keywords=["a"])
def test_a_mention_is_the_first_line_then_the_first_keyword(
    texts: list[str], keywords: list[str]
) -> None:
    from rules.linking.mentions import find_mention

    lines = [(10 + number, text) for number, text in enumerate(texts)]
    entry = SimpleNamespace(keywords=keywords)
    assert find_mention(lines, entry) == _line_by_line(lines, keywords)  # type: ignore[arg-type]


def test_a_mention_is_searched_once_per_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lines are searched as one text: a search per line and keyword was a
    # twentieth of an audit's check (issue 18).
    from rules.linking import mentions

    searched: list[str] = []
    real = mentions._word_run_at

    def counted(folded: str, keyword: str) -> int:
        searched.append(keyword)
        return real(folded, keyword)

    monkeypatch.setattr(mentions, "_word_run_at", counted)
    lines = [(number, f"dong so {number} ve cong tac dan van") for number in range(1, 201)]
    lines.append((201, "phat trien dang vien moi"))
    entry = SimpleNamespace(keywords=["ket nap dang vien", "dang vien moi"])
    assert mentions.find_mention(lines, entry) == (201, "dang vien moi")  # type: ignore[arg-type]
    assert len(searched) == 2
