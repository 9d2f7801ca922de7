"""Codes and acronyms a document writes whole ("UBND", "13-ĐA/TU"), to fill damaged ones.

The syllable inventory cannot fill "U ND" or "ĐA/ U": they are not syllables. A
document repeats its codes, and a font seldom loses a glyph on every line, so
the occurrences written whole elsewhere in it tell what a damaged one was.
"""

from __future__ import annotations

from collections.abc import Callable

from extract.repair.tokens import BLANK, NUMBER, OTHER, core_token, is_fragment, split_run

# Codes of each length, each with how often the document writes it whole.
Codes = dict[int, list[tuple[str, int]]]


def document_codes(lines: list[str], is_valid: Callable[[str], bool]) -> Codes:
    """Every code written whole: a word with a capital that is no syllable ("UBND", "13-ĐA/TU").

    A word that lost a glyph and reads as an impossible syllable ("Th") is a
    fragment, not a code.
    """
    counts: dict[str, int] = {}
    for line in lines:
        for run in line.split():
            core = split_run(run)[1]
            if len(core) < 2 or not any(char.isupper() for char in core):
                continue
            if core_token(core, is_valid) in (NUMBER, OTHER) and not is_fragment(core, is_valid):
                counts[core] = counts.get(core, 0) + 1
    codes: Codes = {}
    for code, count in sorted(counts.items()):
        codes.setdefault(len(code), []).append((code, count))
    return codes


def code_fills(pattern: str, codes: Codes) -> list[tuple[str, str, float]]:
    """The codes a damaged core may be: (code, the letters in its blanks, share among them).

    Only letters fill a blank: a lost digit of "24/02/2023" could be any digit,
    and another date of the document says nothing of it.
    """
    found: list[tuple[str, str, int]] = []
    for code, count in codes.get(len(pattern), ()):
        letters = []
        for written, char in zip(pattern, code, strict=True):
            if written == BLANK:
                if not char.isalpha():
                    break
                letters.append(char)
            elif written != char:
                break
        else:
            if letters:
                found.append((code, "".join(letters), count))
    total = sum(count for _, _, count in found)
    return [(code, letters, count / total) for code, letters, count in found]
