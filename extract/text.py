"""Text helpers every stage shares: folds for comparing Vietnamese words, Roman numerals.

Each fold answers a different question, so there are several, but each exists once:

- :func:`fold` lower-cases and moves old-style tone marks ("uỷ" -> "ủy") while keeping
  every character's offset, so a match in the folded text slices back to the original;
  :func:`spaced` and :func:`normalise` add NFC, single spaces and spaced dashes.
- :func:`comparable` is the looser form the header parsers compare words in: case-folded,
  every old-style tone moved, look-alikes of "Đ" unified; offsets are not kept;
  :func:`search_form` is its offset-keeping counterpart.
- :func:`strip_marks`, :func:`skeleton`, :func:`plain` and :func:`fold_text` drop the
  diacritics ("thị xã" -> "thi xa"), for matching text whose marks were lost or garbled.
- :func:`split_tone_marks` separates a syllable's tone from its letters.
- :func:`ascii_name` keeps only ASCII letters, for file names.
- :func:`roman` and :func:`roman_value` write and read Roman numerals.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ascii_name",
    "base_letter",
    "comparable",
    "fold",
    "fold_text",
    "longest_first",
    "lower_in_place",
    "normalise",
    "plain",
    "roman",
    "roman_value",
    "search_form",
    "skeleton",
    "spaced",
    "split_tone_marks",
    "strip_marks",
]

# Old tone placement ("uỷ", "hoà") and new ("ủy", "hòa") are both correct
# Vietnamese (Nghị định 30 does not fix one; documents mix them), so comparison
# uses one form. The mark moves from the second vowel of "oa", "oe", "uy" to the first.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng, in NFD
_OLD_TONE = re.compile(f"([oO])([aAeE])([{TONE_MARKS}])|([uU])([yY])([{TONE_MARKS}])")
# Letters some PDF fonts put in place of Vietnamese ones: "ƣ" (U+01A3, "oi") for "ư".
_LOOK_ALIKES = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})
_DASH = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")

# The same old placements as whole clusters, for :func:`comparable`, which moves the
# mark wherever the cluster stands (it does not need to keep offsets).
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE_PATTERN = re.compile("|".join(_OLD_TONES))
_ANY_DASH = re.compile(r"\s*[-‐‑‒–—―]\s*")
_ONE_DASH = re.compile(r"[‐‑‒–—―]")
# Look-alikes of Đ produced by some fonts and converters (Icelandic eth, African D).
_D_VARIANTS = str.maketrans({"Ð": "Đ", "Ɖ": "Đ", "ð": "đ", "ɖ": "đ"})
_NON_WORD = re.compile(r"[^0-9a-z%]+")
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9.-]+")

_ROMAN_WRITTEN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


# The parsers ask for the same line's fold many times (a plan's lines are read by each
# reader: about 1,700 folds of 270 texts a generated plan, 2,000 comparable forms of 200),
# so the three folds below keep their recent answers (issue 18).
@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower-case with new-style tone placement, keeping every character's offset.

    Only the mark on a two-vowel cluster at the end of a syllable moves, as in
    "uỷ"/"ủy"; "quý" keeps its mark because "qu" is a consonant. Offsets in the
    folded text are offsets in ``text``, so a match can be sliced back.
    """
    lowered = text.translate(_LOOK_ALIKES).lower()
    if len(lowered) != len(text):
        return text
    decomposed = unicodedata.normalize("NFD", lowered)
    composed = unicodedata.normalize("NFC", _OLD_TONE.sub(_move_tone, decomposed))
    return composed if len(composed) == len(text) else lowered


def spaced(text: str) -> str:
    """NFC, single spaces, dashes written ' - '; letters and case untouched."""
    composed = _DASH.sub(" - ", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", composed).strip()


@lru_cache(maxsize=1 << 14)
def normalise(text: str) -> str:
    """:func:`spaced`, then folded (see :func:`fold`); offsets match ``spaced(text)``."""
    return fold(spaced(text))


@lru_cache(maxsize=1 << 14)
def comparable(text: str) -> str:
    """Normalised form for comparing header words: case, tone placement, dashes, spaces.

    Looser than :func:`normalise`: case-folded, look-alikes of "Đ" unified, and every
    old-style cluster moved ("quý" too), because header words are compared whole.
    """
    text = unicodedata.normalize("NFC", text).translate(_D_VARIANTS).casefold()
    text = _OLD_TONE_PATTERN.sub(lambda match: _OLD_TONES[match.group(0)], text)
    text = _ANY_DASH.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


def search_form(text: str) -> str:
    """``text`` lower-cased with unified tone placement and dashes, of the same length.

    The offset-keeping counterpart of :func:`comparable`: patterns built from comparable
    words run on this form, and because every offset is kept, a match's span is also its
    span in the original text.
    """
    lowered = lower_in_place(text.translate(_D_VARIANTS))
    lowered = _OLD_TONE_PATTERN.sub(lambda match: _OLD_TONES[match.group(0)], lowered)
    return _ONE_DASH.sub("-", lowered)


def lower_in_place(text: str) -> str:
    """``text`` lower-cased letter by letter, of the same length.

    A letter whose lower case is longer ("İ" -> "i̇") stays as written, and each
    letter is lowered alone ("Σ" is always "σ", never the word-final "ς" that
    ``str.lower`` writes at the end of a word). The whole string is lowered at once
    when that gives the same answer (no "Σ", no letter that grows): a string method
    instead of a Python step per character, for text searched line after line.
    """
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


@lru_cache(maxsize=1 << 16)
def split_tone_marks(syllable: str) -> tuple[str, str]:
    """The syllable without its tone (NFC), and the tone marks it carried ('' for none).

    Hats and horns stay: "ướt" gives ("ươt", acute); only the five tone marks go.
    Several marks on one syllable (damaged text) all come back, in NFD order.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    marks = "".join(char for char in decomposed if char in TONE_MARKS)
    base = "".join(char for char in decomposed if char not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), marks


class _MarkTable(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks, filled as characters are met.

    Whole documents are stripped; asking ``unicodedata.combining`` once per distinct
    character instead of once per character costs a fraction of the time.
    """

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _MarkTable()


def strip_marks(text: str) -> str:
    """``text`` without diacritics; "đ" becomes "d" (Unicode gives it no decomposition).

    Case is kept, and so is an upper-case "Đ": callers lower-case first when they need to.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return decomposed.translate(_WITHOUT_MARKS)


def skeleton(text: str) -> str:
    """Letters without any mark, lower case; đ as d."""
    return strip_marks(text.lower())


def plain(text: str) -> str:
    """Folded and without diacritics: 'thi xã' and 'thị xã' both give 'thi xa'."""
    return strip_marks(normalise(text))


@lru_cache(maxsize=8192)
def fold_text(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, collapse spaces.

    "Khu dân cư “6 không”" becomes "khu dan cu 6 khong".
    """
    return " ".join(_NON_WORD.sub(" ", skeleton(text)).split())


def base_letter(char: str) -> str:
    """The bare letter under tones and hats, lowercase ('Ế' -> 'e', 'đ' -> 'd')."""
    return skeleton(char)[:1]


def ascii_name(text: str) -> str:
    """Only ASCII letters, digits, dots and dashes: 'Kế hoạch số 5' -> 'Ke-hoach-so-5'.

    Compatibility decomposition (NFKD) also turns ligatures and full-width forms into
    letters; what has no ASCII form is dropped, and each run of the rest becomes '-'.
    """
    letters = (
        unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _UNSAFE_ASCII.sub("-", letters)


def longest_first(phrase: str) -> tuple[int, str]:
    """Sort key for a regex alternation of phrases: longest first, then alphabetical.

    Longest first so that the fullest phrase wins; alphabetical among equals so that the
    pattern's text does not follow the order of a set, which changes with the hash seed
    (the pattern would then be compiled anew on every run rather than kept).
    """
    return -len(phrase), phrase


def roman(number: int) -> str:
    """``number`` (1 or more) in Roman numerals: 4 -> 'IV', 49 -> 'XLIX'; '' below 1."""
    written = ""
    for value, numerals in _ROMAN_WRITTEN:
        while number >= value:
            written, number = written + numerals, number - value
    return written


def roman_value(numerals: str) -> int:
    """The value of Roman ``numerals`` ('XIV' -> 14); a letter that is not one raises KeyError."""
    total = 0
    for index, char in enumerate(numerals):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numerals[index + 1]] if index + 1 < len(numerals) else 0
        total += -value if value < following else value
    return total


def _move_tone(match: re.Match[str]) -> str:
    first, second, mark = (
        match.group(1, 2, 3) if match.group(1) is not None else match.group(4, 5, 6)
    )
    end = match.end()
    text = match.string
    if end < len(text) and text[end].isalpha():
        return match.group(0)  # "hoàn", "tuyến": the mark sits right when a letter follows
    if first in "uU" and match.start() > 0 and text[match.start() - 1] in "qQ":
        return match.group(0)  # "quý": "qu" is a consonant, the mark belongs on "y"
    return f"{first}{mark}{second}"
