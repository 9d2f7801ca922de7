"""Whole-word keyword search of the linking step (rules.linking.mentions.has_word_run)."""

from __future__ import annotations

import re

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
