"""Case and spacing of a line read by OCR, once its words are corrected.

Two kinds of misreading that change no letter: a capital of the same shape as
its small letter ("Đảng Ủy" for "Đảng ủy"), and the space between syllables
(a speck read as a mark joins two, "án.số"; a gap cuts one, "triể n").
"""

from __future__ import annotations

import re

from extract.model import OcrLine, RepairNote
from extract.repair.model import RepairModel
from extract.repair.tokens import START, split_run
from extract.text import skeleton

# Capitals that differ from their small letter in size only: Tesseract reads "ủy"
# as "Ủy" where a line's letters vary in height (blur, a slight rotation). "c" is
# left out: document kinds ("Chỉ thị", "Chương trình") are capitalised inside a
# sentence more often than the case model knows (it lowered them on the dev plan).
_SIZE_ONLY = frozenset("osuvwxzơư")
# A capital read inside a sentence is made small when the case model gives it
# less than this probability.
_CAPITAL_BELOW = 0.15
# A capital Tesseract read with at least this confidence (0-1) is kept as read.
_CAPITAL_SURE = 0.9


def recase(
    line: str, previous: str, model: RepairModel, number: int, reading: OcrLine | None = None
) -> tuple[str, list[RepairNote]]:
    """Lower-case a capital of size-only shape inside a sentence where the text never has one.

    The case model (``RepairModel.case``) says how often a syllable is
    capitalised after the token before it and before the token after it
    ("Ban Thường vụ" yes, "Đảng ủy" no). Only a capital Tesseract was unsure
    of (``reading``'s word confidence under ``_CAPITAL_SURE``; the line's
    offsets are those of the reading) is lowered: on the realistic scans of
    development texts, confident capitals lowered were names the plans behind
    the case model never wrote ("Lao động - Thương binh và Xã hội", "Vụ Kế
    hoạch"), while the ward plan's misread "Ủy" were read at 50-85%.
    """
    is_valid = model.inventory.is_valid
    runs = list(re.finditer(r"\S+", line))
    notes: list[RepairNote] = []
    pieces = list(line)
    for position, match in enumerate(runs):
        lead, core, trail = split_run(match.group())
        current = core.lower()
        if position > 0 and match.start() - runs[position - 1].end() >= 3:
            previous = START  # a column break (header cells): a new block begins
        if lead:
            previous = lead[-1]
        if (
            len(core) > 1
            and core[0].isupper()
            and core[1:].islower()
            and skeleton(core[0]) in _SIZE_ONLY
            and is_valid(current)
            and previous[:1].isalpha()
        ):
            following = ""
            if not trail and position + 1 < len(runs):
                following = split_run(runs[position + 1].group())[1]
            # Before another capital it opens a name ("Sở Thông tin", "Sở Y tế") that the
            # plans the case model learned from may never name.
            probability = model.case.capital_probability(previous, current, following.lower())
            unsure = reading is None or _confidence(reading, match.start()) < _CAPITAL_SURE
            if probability < _CAPITAL_BELOW and unsure and not following[:1].isupper():
                start = match.start() + len(lead)
                pieces[start] = core[0].lower()
                notes.append(
                    RepairNote(
                        line=number, start=start, end=start + len(core), before=core,
                        after=current, method="ocr-case", confidence=round(1 - probability, 4),
                    )
                )
        previous = trail[-1] if trail else (current if core else previous)
    return "".join(pieces), notes


def _confidence(reading: OcrLine, offset: int) -> float:
    """Tesseract's confidence (0-1) of the word read at this offset, else the line's."""
    for word in reading.words:
        if word.start <= offset < word.end:
            return word.confidence
    return reading.confidence


# Two syllables joined by a speck read as punctuation ("án.số", "Ủy:ban"), and a
# syllable cut in two by a gap ("triể n").
_JOINED = re.compile(r"(?<!\S)([^\W\d_]+)([.:;,'`]{1,2})([^\W\d_]+)(?=[.,;:!?)”]*(?:\s|$))")
# Marks a speck is read as ("án.số", "Ủy:ban"); a comma is typed without its space
# as often as a speck makes one, and is kept.
_SPECKS = ".:;'`"
_CUT = re.compile(r"(?<!\S)([^\W\d_]+) ([^\W\d_]{1,2})(?=[.,;:!?)”]*(?:\s|$))")


def respace(line: str, model: RepairModel, number: int) -> tuple[str, list[RepairNote]]:
    """Split syllables joined by a speck, join a syllable cut in two; a note each.

    A speck between two known syllables is dropped when the second is in lower
    case (a full stop would start a capital); otherwise, and always for a comma
    (typed without its space as often as made by a speck: "tế,cộng"), the mark
    is kept and a space added. A cut is joined only when neither piece is a word and the
    whole is.
    """
    is_valid = model.inventory.is_valid
    notes: list[RepairNote] = []

    def split(match: re.Match[str]) -> str:
        left, mark, right = match.groups()
        if not (is_valid(left.lower()) and is_valid(right.lower())) or not case_is_plain(right):
            return match.group()
        speck = right[0].islower() and mark[0] in _SPECKS
        after = f"{left} {right}" if speck else f"{left}{mark} {right}"
        notes.append(_spacing_note(number, match, after))
        return after

    def join(match: re.Match[str]) -> str:
        left, right = match.groups()
        whole = left + right
        if is_valid(left.lower()) or not is_valid(whole.lower()) or not case_is_plain(whole):
            return match.group()
        notes.append(_spacing_note(number, match, whole))
        return whole

    line = _JOINED.sub(split, line)
    line = _CUT.sub(join, line)
    return line, notes


def _spacing_note(number: int, match: re.Match[str], after: str) -> RepairNote:
    # A fixed confidence, over the reporting threshold: both sides are known
    # syllables, and a speck or a gap changes no word, figure or date.
    return RepairNote(
        line=number,
        start=match.start(),
        end=match.end(),
        before=match.group(),
        after=after,
        method="ocr-spacing",
        confidence=0.9,
    )


def case_is_plain(core: str) -> bool:
    """All small, all capitals, or one capital first: the shapes a word is written in."""
    return core.islower() or core.isupper() or (core[0].isupper() and core[1:].islower())
