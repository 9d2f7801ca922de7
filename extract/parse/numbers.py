"""Document numbers and symbols: "48-KH/ĐU", "03/CT-UBND", "04/2022/QĐ-TTg".

A number is a serial, an optional year (laws and decisions of the government:
"04/2022/QĐ-TTg") and a symbol of the kind and issuer. Party documents join the
serial with a hyphen ("48-KH/ĐU", Hướng dẫn 36-HD/VPTW), state documents with a
slash ("19/KH-UBND", Nghị định 30/2020/NĐ-CP, Phụ lục I). Text from PDF and
typed headers put stray spaces inside ("48 -KH/ĐU", "49- KH/ThU" across a line
break); the number is kept without them, and blank serials ("Số:   /KH-UBND")
are no number at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.text import comparable

# A letter, and an upper-case letter that can open a symbol part (Vietnamese
# capitals with marks included: "ĐU", "BCĐ").
_LETTER = r"[^\W\d_]"
_CAPITAL = r"[A-ZĐÐƉÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]"
# "&" joins two units inside one part: "3862/SKHCN-BCVT&CĐS".
_SYMBOL_PART = rf"{_CAPITAL}(?:{_LETTER}|\d|&(?={_CAPITAL}))*"
# Spaces around a separator: "48 -KH/ĐU", a number broken over two lines ("49-
# KH/ThU"), "13 - ĐA/TU". Spaces on both sides are accepted only before a symbol
# of two parts (see is_plausible), so "Đề án 13" followed by a bullet "- Cơ quan"
# on the next line is not read as a number.
_SEPARATOR = r"\s?[-/]\s?"
NUMBER = re.compile(
    rf"(?<![\w/])(?P<serial>\d{{1,5}}[a-z]?)(?:\s?/\s?(?P<year>(?:19|20)\d{{2}}))?"
    rf"(?P<joiner>{_SEPARATOR})(?P<symbol>{_SYMBOL_PART}(?:{_SEPARATOR}{_SYMBOL_PART})*)"
)
_SPACE = re.compile(r"\s+")
_NUMBER_WITH_TAIL = re.compile(rf"{NUMBER.pattern}[ ][A-ZĐÐƉ]{{2,6}}")
# The last part of a symbol typed with a space inside: "01/2016/TT-BGD ĐT" (BGDĐT,
# Bộ Giáo dục và Đào tạo), "05-CTrPH/BDVTU-BCSĐ UBND" (Ban cán sự đảng UBND). Only
# letters of an abbreviation (no marked vowel: "HUẾ" is a name, "TP." a word).
_SPACED_TAIL = re.compile(r"[ ](?P<tail>[A-ZĐÐƉ]{2,6})(?![\w.])")
# A place before its date takes words of its own after the tail ("TP Hồ Chí Minh, ngày");
# a tail right before ", ngày" is the symbol's ("928/PGD ĐT, ngày 21/12/2016").
_PLACE_DATE_AFTER = re.compile(r"[ ]+[^,;\n]{1,40},\s*ngày\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ ]+(?P<word>[^\W\d_]+)")


@dataclass(frozen=True)
class DocumentNumber:
    """The parts of a document number as written (serial keeps its leading zero)."""

    serial: str
    year: str | None
    joiner: str
    symbol: str

    def __str__(self) -> str:
        year = f"/{self.year}" if self.year else ""
        return f"{self.serial}{year}{self.joiner}{self.symbol}"


def match_number(text: str, position: int = 0) -> re.Match[str] | None:
    """A plausible document number starting exactly at ``position`` of ``text``.

    A symbol whose last part was typed with a space inside ("TT-BGD ĐT") is read
    whole; the body named again after its symbol ("12/KH-UBND UBND tỉnh") is not.
    """
    match = NUMBER.match(text, position)
    if match is None or not is_plausible(match):
        return None
    tail = _SPACED_TAIL.match(text, match.end())
    if tail is None or tail.group("tail") == re.split(r"[-/]", match.group("symbol"))[-1]:
        return match
    following = _NEXT_WORD.match(text, tail.end())
    if following is not None and following.group("word").isupper():
        return match  # a run of capitals goes on: "12/KH-UBND BAN CHỈ ĐẠO"
    if _PLACE_DATE_AFTER.match(text, tail.end()):
        return match  # a place before its date: "45/KH-UBND TP Hồ Chí Minh, ngày ..."
    return _NUMBER_WITH_TAIL.fullmatch(text, position, tail.end()) or match


def is_plausible(match: re.Match[str]) -> bool:
    """Whether a NUMBER match looks like a real symbol, not "13-Cơ" or "2-Các".

    A symbol names the kind and the issuer ("KH/ĐU", "CT-UBND"), so it has two
    parts, or a year ("25/2018/QH14"), or at least is written in capitals ("TTg"
    aside, which comes with a second part).
    """
    parts = re.split(r"\s?[-/]\s?", match.group("symbol"))
    if re.search(r"\s[-/]\s", match.group(0)):
        return len(parts) >= 2
    if len(parts) >= 2 or match.group("year"):
        return True
    return len(parts[0]) >= 2 and parts[0].isupper()


def parse_number(text: str) -> DocumentNumber | None:
    """The first plausible document number in ``text``, or None when there is none."""
    match = next((found for found in NUMBER.finditer(text) if is_plausible(found)), None)
    if match is None:
        return None
    return DocumentNumber(
        serial=match.group("serial"),
        year=match.group("year"),
        joiner=match.group("joiner").strip(),
        symbol=_SPACE.sub("", match.group("symbol")),
    )


def normalise_number(raw: str | None) -> str | None:
    """``raw`` without inner spaces; None when blank or when the serial is missing.

    "Số:        /KH-UBND" has a symbol but no serial yet (the number is written in
    by hand at registration), so it is not a number.
    """
    if raw is None:
        return None
    compact = _SPACE.sub("", raw).strip(".,;:")
    if not compact or not compact[0].isdigit():
        return None
    return compact


def number_key(number: str | None) -> str | None:
    """Comparison form: no spaces, case-folded, look-alike Đ unified."""
    compact = normalise_number(number)
    return comparable(compact) if compact is not None else None


def same_number(first: str | None, second: str | None) -> bool:
    """Whether two numbers are the same ignoring spacing, case and Đ look-alikes."""
    first_key, second_key = number_key(first), number_key(second)
    return first_key is not None and first_key == second_key
