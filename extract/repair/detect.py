"""Spot legacy-encoded text by its characters, without font names.

Unicode Vietnamese and legacy mojibake share many characters ("các" is valid
Unicode, "c¸c" is TCVN3 for the same word), so the decision is made word by
word with the syllable inventory: a line is legacy when decoding it turns words
that no Vietnamese syllable can be into valid syllables, and breaks none that
were valid. Two cheap tests come first, because nearly every line is clean:

* a line whose characters are all ASCII cannot change;
* a line holding a letter only Unicode has (ạ, ế, ũ...: U+0100 and up) is
  Unicode text; legacy text shown through Windows-1252 never has them. Eight of
  them (Ă ă Đ đ Ơ ơ Ư ư) and the tone marks are Windows-1258 characters, which
  the text reader's fallback makes of legacy bytes: they prove nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.repair.legacy_tables import LegacyTable

# Punctuation around a word that is never part of it in any legacy view.
_EDGE_PUNCTUATION = " \t.,;:!?()[]{}\"'“”‘’…-–—/*"
# Windows-1252 characters above U+00FF (Œ, Š, ƒ, ˆ, ˜, €...): legacy views show them.
_CP1252_HIGH = frozenset("ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™")
# What the Windows-1258 fallback makes of legacy bytes: suspicious, not proof.
_CP1258_HIGH = frozenset("ĂăĐđƠơƯư₫\u0300\u0301\u0303\u0309\u0323")
# Vietnamese letters outside Latin-1; their presence proves a line is Unicode.
_UNICODE_ONLY_RANGES = ((0x0102, 0x0103), (0x0110, 0x0111), (0x0128, 0x0129),
                        (0x0168, 0x0169), (0x01A0, 0x01A1), (0x01AF, 0x01B0), (0x1EA0, 0x1EF9))


@dataclass(frozen=True)
class LineVerdict:
    """The encoding a line is written in, and how many of its words say so."""

    table: LegacyTable
    fixed: int  # words invalid as they stand, valid once decoded
    broken: int  # words valid as they stand, invalid once decoded

    @property
    def margin(self) -> int:
        """Words fixed beyond those broken: the weight of the evidence."""
        return self.fixed - self.broken


def is_unicode_letter(char: str) -> bool:
    """True for a Vietnamese letter only Unicode has (never in a Windows-1252 view)."""
    code = ord(char)
    return char not in _CP1258_HIGH and any(
        low <= code <= high for low, high in _UNICODE_ONLY_RANGES
    )


def has_unicode_evidence(text: str) -> bool:
    """True when ``text`` holds a letter that proves it is Unicode Vietnamese."""
    return any(ord(char) > 0xFF and is_unicode_letter(char) for char in text)


def may_be_legacy(text: str) -> bool:
    """Cheap first test: some character could belong to a legacy code, no Unicode letter."""
    suspicious = False
    for char in text:
        code = ord(char)
        if code > 0xFF:
            if char in _CP1252_HIGH or char in _CP1258_HIGH:
                suspicious = True
            elif is_unicode_letter(char):
                return False
        elif code >= 0x80 or (code < 0x20 and char != "\t"):
            suspicious = True
    return suspicious


def word_core(word: str) -> str:
    """The word without surrounding punctuation, lowercased."""
    return word.strip(_EDGE_PUNCTUATION).lower()


def classify_line(
    line: str,
    tables: tuple[LegacyTable, ...],
    is_valid: Callable[[str], bool],
) -> LineVerdict | None:
    """The legacy encoding of a line, or None when it should be left as it is.

    Args:
        line: One line of text.
        tables: The legacy tables to try, most common first.
        is_valid: True for a lowercase valid Vietnamese syllable.

    Returns:
        The best table when decoding fixes at least one word and breaks fewer
        than it fixes; None for clean text.

    """
    if not may_be_legacy(line):
        return None
    words = _suspect_words(line)
    best: LineVerdict | None = None
    for table in tables:
        fixed = broken = 0
        for word in words:
            decoded = table.decode(word)
            if decoded == word:
                continue
            before, after = is_valid(word_core(word)), is_valid(word_core(decoded))
            fixed += int(after and not before)
            broken += int(before and not after)
        if fixed > broken and (best is None or fixed - broken > best.margin):
            best = LineVerdict(table, fixed, broken)
    return best


def could_be_fixed(line: str, is_valid: Callable[[str], bool]) -> bool:
    """Whether some word :func:`classify_line` weighs is no syllable as it stands.

    When none is, no encoding can fix a word of the line, so it gets no verdict.
    """
    return any(not is_valid(word_core(word)) for word in _suspect_words(line))


def _suspect_words(line: str) -> list[str]:
    """The words a legacy decoding may change: those with a non-ASCII or control character."""
    return [word for word in line.split() if not word.isascii() or _has_control(word)]


def _has_control(word: str) -> bool:
    return any(ord(char) < 0x20 for char in word)


__all__ = [
    "LineVerdict", "classify_line", "could_be_fixed", "has_unicode_evidence", "may_be_legacy",
    "word_core",
]
