"""Properties of repair: clean text is a fixed point; lost-glyph repair keeps the layout."""

from __future__ import annotations

import unicodedata
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.repair import repair_lines
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model
from tests.conftest import PLANS

SETTINGS = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
CLEAN_PLANS = (
    "ban-dan-toc-quang-ngai-de-an-13.txt",
    "dang-uy-phuong-48-KH-DU-de-an-13.txt",
    "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt",
)


@cache
def common_syllables() -> tuple[str, ...]:
    """The 3,000 most frequent valid syllables of the model, in NFC."""
    rank = default_model().inventory.rank
    ordered = sorted(rank, key=lambda syllable: (-rank[syllable], syllable))[:3000]
    return tuple(unicodedata.normalize("NFC", syllable) for syllable in ordered)


@cache
def clean_lines() -> tuple[str, ...]:
    """Non-empty lines of the clean corpus plans."""
    lines: list[str] = []
    for name in CLEAN_PLANS:
        text = (PLANS / name).read_text(encoding="utf-8")
        lines.extend(line for line in text.split("\n") if line.strip())
    return tuple(lines)


@st.composite
def words(draw: st.DrawFn) -> str:
    syllable = draw(st.sampled_from(common_syllables()))
    shape = draw(st.sampled_from(("lower", "lower", "lower", "capital", "upper")))
    if shape == "capital":
        syllable = syllable[0].upper() + syllable[1:]
    elif shape == "upper":
        syllable = syllable.upper()
    return syllable + draw(st.sampled_from(("", "", "", "", ",", ".", ";", ":")))


@st.composite
def vietnamese_lines(draw: st.DrawFn) -> str:
    tokens = draw(
        st.lists(
            st.one_of(words(), st.from_regex(r"[0-9]{1,4}(/[0-9]{1,4})?%?", fullmatch=True)),
            min_size=1,
            max_size=14,
        )
    )
    return draw(st.sampled_from(("", "- ", "1. "))) + " ".join(tokens)


@SETTINGS
@given(st.lists(vietnamese_lines(), min_size=1, max_size=40))
def test_generated_clean_vietnamese_is_a_fixed_point(lines: list[str]) -> None:
    assert repair_lines(lines) == (lines, [])


@SETTINGS
@given(st.lists(st.sampled_from(clean_lines()), min_size=1, max_size=60))
def test_real_clean_lines_in_any_order_are_a_fixed_point(lines: list[str]) -> None:
    assert repair_lines(lines) == (lines, [])


@st.composite
def garbled_documents(draw: st.DrawFn) -> list[str]:
    """Real clean lines with glyphs replaced by spaces, as a broken PDF font does."""
    lines = draw(st.lists(st.sampled_from(clean_lines()), min_size=3, max_size=20))
    rate = draw(st.sampled_from((0.05, 0.15, 0.3)))
    random = draw(st.randoms(use_true_random=False))
    return ["".join(" " if random.random() < rate else char for char in line) for line in lines]


@SETTINGS
@given(garbled_documents())
def test_lost_glyph_repair_keeps_line_count_and_lengths(lines: list[str]) -> None:
    repaired, notes = repair_dropped_glyphs(lines)
    assert len(repaired) == len(lines)
    for before, after in zip(lines, repaired, strict=True):
        assert len(after) == len(before)
        assert all(old in (" ", new) for old, new in zip(before, after, strict=True))
    for note in notes:
        assert lines[note.line - 1][note.start : note.end] == note.before
        assert repaired[note.line - 1][note.start : note.end] == note.after


@SETTINGS
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\n\r"))))
def test_any_text_keeps_its_line_count(lines: list[str]) -> None:
    repaired, _ = repair_lines(lines)
    assert len(repaired) == len(lines)
