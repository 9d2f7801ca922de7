"""Text typed in legacy Vietnamese encodings (TCVN3, VNI, VISCII, VPS, Windows-1258) to Unicode.

Two ways to know a span is legacy text:

1. **Its font says so.** A DOCX or PDF run in '.VnTime' holds TCVN3, in
   'VNI-Times' VNI, and so on (patterns in ``data/legacy/*.yaml``). The run is
   decoded whole, unless it holds a letter only Unicode has: a '.VnTime' font
   left on text typed in Unicode is common, and that text must not be touched.
   Runs in the all-caps fonts ('.VnTimeH') are uppercased after decoding.
2. **Its characters say so** (plain text, or fonts that tell nothing). See
   ``detect.classify_line``: a line is decoded when that turns impossible
   words into valid syllables. A line with a single such word is decoded only
   when the document has at least two lines that are clearly in the same
   encoding, because a false alarm on clean text is the worst outcome.

Only words that decoding changes are rewritten, and never a valid word into an
invalid one. Each changed span gets a note; offsets are those of the line as
this step received it. Conversion can shorten a line (VNI writes "á" as "aù").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from extract.model import FontRun, RepairNote
from extract.repair.detect import (
    LineVerdict,
    classify_line,
    could_be_fixed,
    has_unicode_evidence,
    may_be_legacy,
    word_core,
)
from extract.repair.legacy_tables import LegacyTable, legacy_tables

FONT_CONFIDENCE = 0.99
UNCERTAIN_BELOW = 0.8
STRONG_MARGIN = 2  # words fixed beyond those broken for a line to stand on its own
SUPPORT_LINES = 2  # strong lines of one encoding that vouch for weaker lines
_WORD = re.compile(r"\S+")
# A line is set in capitals when this share of its ASCII letters is uppercase.
_CAPITALS_SHARE = 0.8


def repair_legacy(
    lines: list[str],
    fonts: list[list[FontRun]] | None = None,
    is_valid: Callable[[str], bool] | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Decode the legacy-encoded spans of a document's lines.

    Args:
        lines: The lines, markup stripped.
        fonts: Font runs per line, with offsets into these very lines (or empty).
        is_valid: True for a lowercase valid syllable; defaults to the repair model's.

    Returns:
        The lines (same count) and one note per changed span, line numbers 1-based.

    """
    if not any(fonts or ()) and not _may_need_tables(lines, is_valid):
        return lines, []
    tables = legacy_tables()
    fonts = fonts or [[] for _ in lines]
    candidates = [index for index, line in enumerate(lines)
                  if may_be_legacy(line) or any(_table_of_font(run.font, tables)
                                                for run in fonts[index])]
    if not candidates:
        return lines, []
    validity = is_valid or _default_validity()
    repaired = list(lines)
    notes: list[RepairNote] = []
    verdicts: dict[int, LineVerdict] = {}
    for index in candidates:
        line_notes = _convert_font_runs(index + 1, lines[index], fonts[index], tables, validity)
        repaired[index] = _apply(lines[index], line_notes)
        notes.extend(line_notes)
        verdict = None if line_notes else classify_line(lines[index], tables, validity)
        if verdict is not None:
            verdicts[index] = verdict
    support = Counter(v.table.name for v in verdicts.values() if v.margin >= STRONG_MARGIN)
    verdicts.update(_neutral_lines(lines, candidates, verdicts, notes, support, validity))
    for index, verdict in verdicts.items():
        confidence = _confidence(verdict, support[verdict.table.name])
        if confidence is None:
            continue
        line_notes = _convert_words(index + 1, lines[index], verdict.table, validity, confidence)
        repaired[index] = _apply(lines[index], line_notes)
        notes.extend(line_notes)
    return repaired, notes


def _may_need_tables(lines: list[str], is_valid: Callable[[str], bool] | None) -> bool:
    """Whether a document without font runs may hold a line that decoding would change.

    A line decodes only when decoding fixes a word that is no syllable as it
    stands; when every line that looks legacy ("BÍ THƯ", "Lưu VP": letters that
    Windows-1258 also has) is made of valid words, no line gets a verdict and
    the tables need not be read (8 ms, most of a clean document's repair).
    """
    suspects = [line for line in lines if may_be_legacy(line)]
    if not suspects:
        return False
    validity = is_valid or _default_validity()
    return any(could_be_fixed(line, validity) for line in suspects)


def _neutral_lines(
    lines: list[str],
    candidates: list[int],
    verdicts: dict[int, LineVerdict],
    notes: list[RepairNote],
    support: Counter[str],
    is_valid: Callable[[str], bool],
) -> dict[int, LineVerdict]:
    """Lines that no word can classify, in the encoding the rest of the document is in.

    A number line ("Sè 48 -KH/§U") has no word whose validity decoding changes:
    "sè" and "số" are both syllables, "KH/§U" is none. Alone it proves nothing
    (issue 22, item 11: such lines were skipped and the document's number lost);
    in a document whose other lines are strongly in one encoding, it is decoded
    too, as long as decoding breaks no valid word and the line holds a high
    character that is no letter ("§", "¸", "¹": legacy letters, never in Unicode
    Vietnamese), so that "café, résumé" in Unicode stays as it is.
    """
    supported = [name for name, count in support.most_common() if count >= SUPPORT_LINES]
    if not supported:
        return {}
    table = next(table for table in legacy_tables() if table.name == supported[0])
    converted = {note.line - 1 for note in notes}
    found = {}
    for index in candidates:
        if index in verdicts or index in converted or not _has_high_symbol(lines[index]):
            continue
        fixed = broken = changed = 0
        for word in lines[index].split():
            decoded = table.decode(word)
            if decoded == word:
                continue
            changed += 1
            before, after = is_valid(word_core(word)), is_valid(word_core(decoded))
            fixed += int(after and not before)
            broken += int(before and not after)
        if changed and not broken:
            found[index] = LineVerdict(table, fixed, broken)
    return found


def _has_high_symbol(line: str) -> bool:
    return any(ord(char) >= 0x80 and not char.isalpha() and not char.isspace() for char in line)


def _default_validity() -> Callable[[str], bool]:
    # Imported here: the inventory loads its data, which most documents never need.
    from extract.repair.model import default_inventory

    return default_inventory().is_valid


def _table_of_font(font: str, tables: tuple[LegacyTable, ...]) -> LegacyTable | None:
    return next((table for table in tables if font and table.uses_font(font)), None)


def _convert_font_runs(
    number: int,
    line: str,
    runs: list[FontRun],
    tables: tuple[LegacyTable, ...],
    is_valid: Callable[[str], bool],
) -> list[RepairNote]:
    """Decode the runs whose font names a legacy encoding, unless their text is Unicode."""
    notes = []
    for run in runs:
        table = _table_of_font(run.font, tables)
        span = line[run.start : run.end]
        if table is None or not span or has_unicode_evidence(span):
            continue
        decoded = table.decode(span)
        if _breaks_more_than_fixes(span, decoded, is_valid):
            continue  # Unicode text left in a legacy font ("các" would become "cỏc")
        if table.is_uppercase_font(run.font):
            decoded = decoded.upper()
        if decoded != span:
            notes.append(_note(number, run.start, span, decoded, table, FONT_CONFIDENCE))
    return notes


def _breaks_more_than_fixes(span: str, decoded: str, is_valid: Callable[[str], bool]) -> bool:
    fixed = broken = 0
    for before, after in zip(span.split(), decoded.split(), strict=False):
        if before != after:
            valid_before, valid_after = is_valid(word_core(before)), is_valid(word_core(after))
            fixed += int(valid_after and not valid_before)
            broken += int(valid_before and not valid_after)
    return broken > fixed


def _confidence(verdict: LineVerdict, support: int) -> float | None:
    """How sure a line's verdict is; None when it is too weak to act on."""
    if verdict.margin >= STRONG_MARGIN:
        return min(0.99, 1.0 - 0.5 ** (verdict.margin + 1))
    if support >= SUPPORT_LINES:
        return 0.85
    return None


def _convert_words(
    number: int,
    line: str,
    table: LegacyTable,
    is_valid: Callable[[str], bool],
    confidence: float,
) -> list[RepairNote]:
    """Decode each word of a legacy line that decoding changes and does not break."""
    # A document symbol ("48-KH/§U") is in capitals whatever the line: it does not count.
    words = " ".join(word for word in line.split() if not _is_symbol(word))
    line_in_capitals = bool(table.uppercase_fonts) and _in_capitals(words, minimum=3)
    notes = []
    for match in _WORD.finditer(line):
        word = match.group()
        decoded = table.decode(word)
        if table.uppercase_fonts and (line_in_capitals or _in_capitals(word, minimum=2)):
            decoded = decoded.upper()
        if decoded == word:
            continue
        if is_valid(word_core(word)) and not is_valid(word_core(decoded)):
            continue
        notes.append(_note(number, match.start(), word, decoded, table, confidence))
    return notes


def _is_symbol(word: str) -> bool:
    return "/" in word or any(char.isdigit() for char in word)


def _in_capitals(text: str, minimum: int) -> bool:
    """True when the ASCII letters of a text are capitals: its toned letters are too.

    TCVN3 has no codes for toned capitals; an all-caps font prints the lowercase
    codes as capitals, so "KÕ HO¹CH" is "KẾ HOẠCH".
    """
    letters = [char for char in text if char.isascii() and char.isalpha()]
    upper = sum(1 for char in letters if char.isupper())
    return len(letters) >= minimum and upper >= _CAPITALS_SHARE * len(letters)


def _note(
    number: int, start: int, before: str, after: str, table: LegacyTable, confidence: float
) -> RepairNote:
    return RepairNote(
        line=number, start=start, end=start + len(before), before=before, after=after,
        method=table.method, confidence=round(confidence, 3),
        uncertain=confidence < UNCERTAIN_BELOW,
    )


def _apply(line: str, notes: list[RepairNote]) -> str:
    """The line with each noted span replaced (notes in order, not overlapping)."""
    pieces = []
    position = 0
    for note in sorted(notes, key=lambda note: note.start):
        pieces.append(line[position : note.start])
        pieces.append(note.after)
        position = note.end
    pieces.append(line[position:])
    return "".join(pieces)


__all__ = ["repair_legacy"]
