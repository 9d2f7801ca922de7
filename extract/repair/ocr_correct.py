"""Correction of Vietnamese read by OCR: a noisy channel over the repair module's models.

Tesseract's errors on Vietnamese are mostly a wrong tone or vowel mark ("công"
read "cổng", "văn" read "vắn") and look-alike letters ("hiện" read "biện").
For every word of letters the candidates are the known syllables of the same
length whose letters Tesseract is known to confuse with the letters read
(``data/ocr_confusions.tsv``, learned by scanning and reading clean plans that
the benchmark does not evaluate, see ``tests/benchmarks/build_ocr_confusions``).
A beam search over each line picks the sequence that maximises

    log P_language(word | two words before) + log P_channel(read | word, confidence)

where the channel keeps the word read with the probability that Tesseract is
right at that confidence (also learned), and otherwise multiplies the learned
letter confusion probabilities.

What is never changed: numbers, dates, section labels and Roman numerals
("II-", "quý I/2023", "1.2."), words with digits or capitals inside, and
anything that is not a run of letters. When Tesseract was unsure of one of
those it is kept as read and marked uncertain, never guessed.

Then, on the corrected line, two syllables joined by a speck read as a mark
("án.số") are split and a syllable cut by a gap ("triể n") is joined (method
``ocr-spacing``; its offsets are in the corrected line).

The channel is ``ocr_channel``; case and spacing fixes are ``ocr_surface``;
Roman numerals that the document's own sequence or style decides are
``ocr_labels``.

Each change is a ``RepairNote`` of method ``ocr-correction`` with the posterior
of the chosen word among its candidates as confidence; a word kept as read
while another candidate is about as likely, or an unsure number or label, is a
note of method ``ocr-uncertain``. Both are reported (S002) when under
``UNCERTAIN_BELOW``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import OcrLine, RepairNote
from extract.repair.model import RepairModel, default_model
from extract.repair.ocr_channel import OcrChannel, by_skeleton, default_channel
from extract.repair.ocr_labels import mend_numerals
from extract.repair.ocr_surface import case_is_plain, recase, respace
from extract.repair.syllables import canonical_placement
from extract.repair.tokens import NUMBER, OTHER, START, split_run
from extract.text import skeleton

UNCERTAIN_BELOW = 0.8
# A word kept as read is reported when its posterior falls under this.
KEPT_UNSURE_BELOW = 0.5
# A number, date or label read with less confidence than this is marked uncertain.
EXACT_UNSURE_BELOW = 0.85
BEAM = 6
_LETTERS = re.compile(r"^[^\W\d_]+$")
_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass(frozen=True)
class _Slot:
    """One run of a line: where its core sits and the core's candidates."""

    start: int
    end: int
    core: str
    tokens_before: tuple[str, ...]
    tokens_after: tuple[str, ...]
    options: tuple[tuple[str, str, float], ...]  # (written word, model token, channel logprob)


def correct_ocr_lines(
    lines: list[str],
    ocr: Sequence[OcrLine | None],
    model: RepairModel | None = None,
    channel: OcrChannel | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Correct every line read by OCR (``ocr[i]`` set); other lines pass unchanged.

    The language context runs on from one OCR line to the next, since a printed
    line usually breaks a sentence.
    """
    model = model or default_model()
    channel = channel or default_channel()
    corrected = list(lines)
    notes: list[RepairNote] = []
    history: tuple[str, ...] = (START, START)
    for index, (line, reading) in enumerate(zip(lines, ocr, strict=True)):
        if reading is None:
            history = (START, START)
            continue
        slots = _slots(line, reading, model, channel)
        # After a header row or a line of capitals a new block begins ("Số: 21/KH-UBND"
        # under the issuer's name): no sentence runs on into it.
        opens_block = index > 0 and _closes_block(corrected[index - 1])
        before_line = START if opens_block else history[-1]
        chosen, history = _decode(slots, history, model)
        corrected[index], line_notes = _apply(line, slots, chosen, reading, model, index + 1)
        notes.extend(line_notes)
        corrected[index], case_notes = recase(
            corrected[index], before_line, model, index + 1, reading
        )
        notes.extend(case_notes)
        corrected[index], spacing_notes = respace(corrected[index], model, index + 1)
        notes.extend(spacing_notes)
    # Heading labels and quarters: valid either way they are read, so the document decides.
    return mend_numerals(corrected, ocr, notes)


def _closes_block(line: str) -> bool:
    """A header row (two columns a wide gap apart) or a line all in capitals."""
    letters = [char for char in line if char.isalpha()]
    return "   " in line.strip() or (len(letters) > 1 and all(c.isupper() for c in letters))


def _slots(line: str, reading: OcrLine, model: RepairModel, channel: OcrChannel) -> list[_Slot]:
    slots = []
    for match in re.finditer(r"\S+", line):
        lead, core, trail = split_run(match.group())
        start = match.start() + len(lead)
        confidence = _confidence_at(reading, match.start(), match.end())
        options = _options(core, confidence, model, channel)
        slots.append(_Slot(start, start + len(core), core, tuple(lead), tuple(trail), options))
    return slots


def _confidence_at(reading: OcrLine, start: int, end: int) -> float:
    """Tesseract's confidence of the word at this place, else the line's."""
    for word in reading.words:
        if word.start < end and start < word.end:
            return word.confidence
    return reading.confidence


def _options(
    core: str, confidence: float, model: RepairModel, channel: OcrChannel
) -> tuple[tuple[str, str, float], ...]:
    """The words this core may stand for, with log P(core read | word)."""
    if not core:
        return ()
    token = _token(core, model)
    keep = math.log(1.0 - channel.wrong(confidence))
    if not _LETTERS.match(core) or _ROMAN.match(core) or not case_is_plain(core):
        return ((core, token, keep),)
    read = core.lower()
    wrong = math.log(channel.wrong(confidence))
    options = [(core, token, keep)]
    for candidate in _candidates(read, channel):
        if candidate == read:
            continue
        score = wrong - math.log(len(read))
        for true_letter, read_letter in zip(candidate, read, strict=True):
            if true_letter != read_letter:
                letter = channel.letter_logprob(true_letter, read_letter)
                if letter is None:
                    break
                score += letter
        else:
            written = _with_case_of(core, candidate)
            options.append((written, canonical_placement(candidate), score))
    return tuple(options)


def _candidates(read: str, channel: OcrChannel) -> set[str]:
    """Known syllables of the same length whose skeleton matches, one look-alike allowed."""
    index = by_skeleton()
    base = skeleton(read)
    found = set(index.get(base, ()))
    for position, letter in enumerate(base):
        for other in channel.alike.get(letter, ()):
            variant = base[:position] + other + base[position + 1 :]
            found.update(index.get(variant, ()))
    return {candidate for candidate in found if len(candidate) == len(read)}


def _token(core: str, model: RepairModel) -> str:
    if any(char.isdigit() for char in core):
        return NUMBER
    lower = core.lower()
    if _LETTERS.match(core) and case_is_plain(core) and model.inventory.is_valid(lower):
        return canonical_placement(lower)
    return OTHER


def _with_case_of(core: str, word: str) -> str:
    if core.isupper() and len(core) > 1:
        return word.upper()
    if core[0].isupper():
        return word[0].upper() + word[1:]
    return word


Hypothesis = tuple[float, tuple[str, ...], tuple[int, ...]]


def _decode(
    slots: list[_Slot], history: tuple[str, ...], model: RepairModel
) -> tuple[list[int], tuple[str, ...]]:
    """Beam search: the option index chosen for each slot, and the history after the line."""
    language = model.language
    beam: list[Hypothesis] = [(0.0, history, ())]
    for slot in slots:
        extended: list[Hypothesis] = []
        for score, context, chosen in beam:
            for token in slot.tokens_before:
                score += language.logprob(context, token)
                context = (*context[1:], token)
            for option_index, (_, token, channel_score) in enumerate(slot.options):
                total = score + channel_score + language.logprob(context, token)
                extended.append((total, (*context[1:], token), (*chosen, option_index)))
            if not slot.options:
                extended.append((score, context, (*chosen, -1)))
        beam = []
        for score, context, chosen in sorted(extended, key=lambda item: -item[0])[: BEAM * 2]:
            for token in slot.tokens_after:
                score += language.logprob(context, token)
                context = (*context[1:], token)
            beam.append((score, context, chosen))
        beam = sorted(beam, key=lambda item: -item[0])[:BEAM]
    _, context, chosen = beam[0]
    return list(chosen), context


def _apply(
    line: str,
    slots: list[_Slot],
    chosen: list[int],
    reading: OcrLine,
    model: RepairModel,
    number: int,
) -> tuple[str, list[RepairNote]]:
    """Write the chosen words into the line; a note per change or doubt."""
    notes: list[RepairNote] = []
    pieces: list[str] = []
    cursor = 0
    tokens = [
        slot.options[index][1] if index >= 0 else ""
        for slot, index in zip(slots, chosen, strict=True)
    ]
    for position, (slot, index) in enumerate(zip(slots, chosen, strict=True)):
        if index < 0:
            continue
        written = slot.options[index][0]
        posterior = _posterior(slots, tokens, position, index, model)
        note = _note(slot, written, posterior, reading, number)
        if note is not None:
            notes.append(note)
        pieces.append(line[cursor : slot.start])
        pieces.append(written)
        cursor = slot.end
    pieces.append(line[cursor:])
    return "".join(pieces), notes


def _note(
    slot: _Slot, written: str, posterior: float, reading: OcrLine, number: int
) -> RepairNote | None:
    """The note a slot leaves: a correction, a doubtful reading kept, or nothing."""
    confidence = round(posterior, 4)
    if written != slot.core:
        return _slot_note(
            slot, number, written, "ocr-correction", confidence, confidence < UNCERTAIN_BELOW
        )
    if len(slot.options) > 1 and posterior < KEPT_UNSURE_BELOW:
        return _slot_note(slot, number, written, "ocr-uncertain", confidence, True)
    read_confidence = _confidence_at(reading, slot.start, slot.end)
    exact = any(char.isdigit() for char in slot.core) or bool(_ROMAN.match(slot.core))
    if exact and read_confidence < EXACT_UNSURE_BELOW:
        return _slot_note(slot, number, slot.core, "ocr-uncertain", round(read_confidence, 4), True)
    return None


def _slot_note(
    slot: _Slot, number: int, after: str, method: str, confidence: float, uncertain: bool
) -> RepairNote:
    return RepairNote(
        line=number,
        start=slot.start,
        end=slot.end,
        before=slot.core,
        after=after,
        method=method,
        confidence=confidence,
        uncertain=uncertain,
    )


def _posterior(
    slots: list[_Slot], tokens: list[str], position: int, index: int, model: RepairModel
) -> float:
    """The chosen option's share among the slot's options, its neighbours fixed."""
    slot = slots[position]
    if len(slot.options) == 1:
        return 1.0
    before = tuple(token for token in tokens[max(position - 2, 0) : position] if token)
    context = (START, START, *before)[-2:]
    after = [token for token in tokens[position + 1 : position + 3] if token]
    language = model.language
    scores = []
    for _, token, channel_score in slot.options:
        total = channel_score + language.logprob(context, token)
        following = (*context[1:], token)
        for token_after in after:
            total += language.logprob(following, token_after)
            following = (*following[1:], token_after)
        scores.append(total)
    best = max(scores)
    weights = [math.exp(score - best) for score in scores]
    return weights[index] / sum(weights)
