"""Roman numerals read by OCR, mended from the document's own evidence or marked unsure.

Tesseract's two usual misreadings of a plan's Roman numerals cannot be fixed
by a language model, since both readings are valid text:

* a heading's "III-" read "II-" (the strokes of a serif "III" run together):
  the parts of a plan are numbered in sequence, so a label between "II" and
  "IV" is "III" (method ``ocr-sequence``). Mended when Tesseract was unsure of
  it, or when the two readings differ only by a stroke "I"; in the latter case
  a confident reading was overruled, and the note stays uncertain so that the
  reviewer sees it (S002) rather than the gap in numbering (S001);
* "quý I/2023" read "quý 1/2023": both are written, and the same quarter. The
  document's other quarters decide how it writes them ("quý II", "quý 3"):
  "1" becomes "I" when they are Roman (method ``ocr-style``); with no other
  quarter to go by, the reading is kept and marked uncertain.

It runs on the lines as corrected (``ocr_correct``), and its notes' offsets are
in those lines, as those of ``ocr-spacing``; a heading label opens its line,
where the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.model import OcrLine, RepairNote
from extract.text import roman, roman_value

# Tesseract's confidence (0-1) of a label under which the sequence may overrule it.
_UNSURE_BELOW = 0.85
# Confidence given to a label mended by its neighbours, and to a quarter written
# as the document writes its others.
_SEQUENCE_CONFIDENCE = 0.9
_STYLE_CONFIDENCE = 0.85
_HEADING = re.compile(r"^(?P<lead>[\s*_]*)(?P<label>[IVXL]+)(?=\s*[.\-–)])")
_QUARTER = re.compile(r"\bqu[ýí]\s+(?P<quarter>IV|III|II|I|[1-4l|])(?=\s*(?:/|-|năm))", re.I)
# A run of strokes: "III" read "II" differs from it in a run's length only.
_STROKES = re.compile(r"I+")
# What Tesseract reads for a quarter's "I" or "1": each stands for either.
_ONE = ("I", "1", "l", "|")


def mend_numerals(
    lines: list[str], ocr: Sequence[OcrLine | None], notes: list[RepairNote]
) -> tuple[list[str], list[RepairNote]]:
    """Mend or mark the Roman numerals of OCR lines; return the lines and all notes.

    ``notes`` are the notes made so far on these lines (their ``ocr-uncertain``
    note on a label that is mended here is replaced by the mending note).
    """
    lines = list(lines)
    notes = _mend_headings(lines, ocr, notes)
    notes = _mark_quarters(lines, ocr, notes)
    return lines, notes


def _value(label: str) -> int | None:
    """The value of a well-formed Roman numeral ("IIII" and "VX" give None)."""
    value = roman_value(label)
    return value if roman(value) == label else None


def _mend_headings(
    lines: list[str], ocr: Sequence[OcrLine | None], notes: list[RepairNote]
) -> list[RepairNote]:
    headings = []
    for index, line in enumerate(lines):
        match = _HEADING.match(line)
        reading = ocr[index]
        if reading is not None and match is not None:
            start, label = match.start("label"), match["label"]
            sure = _confidence_at(reading, start, start + len(label)) >= _UNSURE_BELOW
            headings.append((index, start, label, sure))
    values = [_value(label) for _, _, label, _ in headings]
    anchors = [values[k] if headings[k][3] else None for k in range(len(headings))]
    for position, (index, start, label, sure) in enumerate(headings):
        expected = _expected(anchors, position)
        if expected is None:
            continue
        if values[position] == expected:
            # An unsure reading that the sequence confirms is no longer in doubt.
            notes = [old for old in notes if not _on_label(old, index, start)]
            continue
        wanted = roman(expected)
        strokes_only = _STROKES.sub("I", wanted) == _STROKES.sub("I", label)
        if sure and not strokes_only:
            continue
        lines[index] = lines[index][:start] + wanted + lines[index][start + len(label) :]
        note = RepairNote(
            line=index + 1,
            start=start,
            end=start + len(label),
            before=label,
            after=wanted,
            method="ocr-sequence",
            confidence=_SEQUENCE_CONFIDENCE if not sure else 0.5,
            uncertain=sure,
        )
        notes = [old for old in notes if not _on_label(old, index, start)]
        notes.append(note)
    return notes


def _on_label(note: RepairNote, index: int, start: int) -> bool:
    return note.line == index + 1 and note.start == start and note.method == "ocr-uncertain"


def _expected(anchors: list[int | None], position: int) -> int | None:
    """The value the sequence asks for here, from the labels read with confidence around it.

    Between two such anchors the labels are numbered in turn when their count
    fills the gap exactly ("I", ?, ?, "IV"); before the first anchor, when it
    counts from I. After the last one only the label just after an anchor is
    decided, and only when that anchor is its neighbour.
    """
    before = next((k for k in range(position - 1, -1, -1) if anchors[k] is not None), None)
    after = next((k for k in range(position + 1, len(anchors)) if anchors[k] is not None), None)
    if after is not None:
        following = anchors[after]
        assert following is not None
        if before is None:
            return position + 1 if following == after + 1 else None
        previous = anchors[before]
        assert previous is not None
        if following - previous != after - before:
            return None
        return previous + position - before
    if before is not None and before == position - 1:
        previous = anchors[before]
        assert previous is not None
        return previous + 1
    return None


def _mark_quarters(
    lines: list[str], ocr: Sequence[OcrLine | None], notes: list[RepairNote]
) -> list[RepairNote]:
    found = [
        (index, match)
        for index, line in enumerate(lines)
        if ocr[index] is not None
        for match in _QUARTER.finditer(line)
    ]
    others = [match["quarter"] for _, match in found if match["quarter"] not in _ONE]
    roman = sum(other.isalpha() for other in others)
    digits = len(others) - roman
    style = "I" if roman > digits else "1" if digits > roman else None
    for index, match in found:
        read = match["quarter"]
        if read not in _ONE or read == style or (read == "I" and style is None):
            continue  # not ambiguous, as the document writes it, or Roman as read
        start, end = match.span("quarter")
        if style is None:
            # Kept as read, and reported unless a note on its reading already is.
            if not any(old.line == index + 1 and old.start == start for old in notes):
                notes.append(_quarter_note(index, start, end, read, read, 0.5, True))
            continue
        notes = [old for old in notes if not (old.line == index + 1 and old.start == start)]
        lines[index] = lines[index][:start] + style + lines[index][end:]
        notes.append(_quarter_note(index, start, end, read, style, _STYLE_CONFIDENCE, False))
    return notes


def _quarter_note(
    index: int, start: int, end: int, before: str, after: str, confidence: float, unsure: bool
) -> RepairNote:
    return RepairNote(
        line=index + 1,
        start=start,
        end=end,
        before=before,
        after=after,
        method="ocr-style" if not unsure else "ocr-uncertain",
        confidence=confidence,
        uncertain=unsure,
    )


def _confidence_at(reading: OcrLine, start: int, end: int) -> float:
    for word in reading.words:
        if word.start < end and start < word.end:
            return word.confidence
    return reading.confidence
