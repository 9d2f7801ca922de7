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

Each change is a ``RepairNote`` of method ``ocr-correction`` with the posterior
of the chosen word among its candidates as confidence; a word kept as read
while another candidate is about as likely, or an unsure number or label, is a
note of method ``ocr-uncertain``. Both are reported (S002) when under
``UNCERTAIN_BELOW``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from extract.model import OcrLine, RepairNote
from extract.repair.model import DATA, RepairModel, default_model
from extract.repair.syllables import canonical_placement
from extract.repair.tokens import NUMBER, OTHER, START, split_run
from extract.text import skeleton

CONFUSIONS = DATA / "ocr_confusions.tsv"
UNCERTAIN_BELOW = 0.8
# A word kept as read is reported when its posterior falls under this.
KEPT_UNSURE_BELOW = 0.5
# A number, date or label read with less confidence than this is marked uncertain.
EXACT_UNSURE_BELOW = 0.85
BEAM = 6
# Pseudo-count of each misreading of a letter as another mark on the same base
# letter: training saw a few dozen letter errors, far from all the possible ones.
ERROR_SMOOTHING = 0.5
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


class OcrChannel:
    """How Tesseract misreads letters, and how often it is wrong at each confidence."""

    def __init__(self, rows: Sequence[str]) -> None:
        """Read the rows of ``ocr_confusions.tsv``."""
        self.letter: dict[tuple[str, str], float] = {}
        totals: dict[str, float] = defaultdict(float)
        counts: dict[tuple[str, str], float] = {}
        self.right_by_bin: dict[int, tuple[int, int]] = {}
        for row in rows:
            kind, first, second, value = row.split("\t")
            if kind == "char":
                # Case is decided apart (the word's shape is kept): count letters in lower case.
                key = (first.lower(), second.lower())
                counts[key] = counts.get(key, 0.0) + float(value)
                totals[key[0]] += float(value)
            elif kind == "conf":
                self.right_by_bin[int(first)] = (int(second), int(value))
        # Given that a letter was misread, what it was read as: the errors of
        # each true letter, smoothed over the marks of the same base letter.
        errors: dict[str, float] = defaultdict(float)
        for (true, read), count in counts.items():
            if true != read:
                errors[true] += count
        for (true, read), count in counts.items():
            if true != read:
                self.letter[(true, read)] = (count + ERROR_SMOOTHING) / (
                    errors[true] + ERROR_SMOOTHING * _variants(true)
                )
        self.errors = dict(errors)
        # Base letters read as other base letters ("h" as "b"): the skeleton variants tried.
        self.alike: dict[str, set[str]] = defaultdict(set)
        for true, read in counts:
            if true != read and skeleton(true) != skeleton(read):
                self.alike[skeleton(read)].add(skeleton(true))

    def wrong(self, confidence: float) -> float:
        """P(the word read is wrong | Tesseract's confidence), smoothed."""
        start = min(int(confidence * 100) // 5 * 5, 95)
        right, total = self.right_by_bin.get(start, (0, 0))
        return min(max((total - right + 1) / (total + 2), 0.001), 0.95)

    def letter_logprob(self, true: str, read: str) -> float | None:
        """Log P(read | true, the letter misread), None when impossible."""
        probability = self.letter.get((true, read))
        if probability is None:
            if skeleton(true) != skeleton(read):
                return None
            probability = ERROR_SMOOTHING / (
                self.errors.get(true, 0.0) + ERROR_SMOOTHING * _variants(true)
            )
        return math.log(probability)


@cache
def _variants(letter: str) -> int:
    """How many letters share this one's base letter (its possible misreadings)."""
    base = skeleton(letter)
    return max(len(_SAME_BASE.get(base, "")) - 1, 1)


# Vietnamese letters by base letter: the marks a misreading can swap.
_SAME_BASE = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
    "d": "dđ",
}


@cache
def default_channel() -> OcrChannel:
    """The channel learned from the shipped data, once per process."""
    rows = [row for row in CONFUSIONS.read_text(encoding="utf-8").splitlines() if row]
    return OcrChannel(rows)


@cache
def _by_skeleton() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for syllable in default_model().inventory.weights:
        index[skeleton(syllable)].append(syllable)
    return {key: tuple(values) for key, values in index.items()}


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
        before_line = history[-1]
        chosen, history = _decode(slots, history, model)
        corrected[index], line_notes = _apply(line, slots, chosen, reading, model, index + 1)
        notes.extend(line_notes)
        corrected[index], case_notes = _recase(corrected[index], before_line, model, index + 1)
        notes.extend(case_notes)
        corrected[index], spacing_notes = _respace(corrected[index], model, index + 1)
        notes.extend(spacing_notes)
    return corrected, notes


# Capitals that differ from their small letter in size only: Tesseract reads "ủy"
# as "Ủy" where a line's letters vary in height (blur, a slight rotation). "c" is
# left out: document kinds ("Chỉ thị", "Chương trình") are capitalised inside a
# sentence more often than the case model knows (it lowered them on the dev plan).
_SIZE_ONLY = frozenset("osuvwxzơư")
# A capital read inside a sentence is made small when the case model gives it
# less than this probability.
_CAPITAL_BELOW = 0.15


def _recase(
    line: str, previous: str, model: RepairModel, number: int
) -> tuple[str, list[RepairNote]]:
    """Lower-case a capital of size-only shape inside a sentence where the text never has one.

    The case model (``RepairModel.case``) says how often a syllable is
    capitalised after the token before it and before the token after it
    ("Ban Thường vụ" yes, "Đảng ủy" no).
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
                following = split_run(runs[position + 1].group())[1].lower()
            probability = model.case.capital_probability(previous, current, following)
            if probability < _CAPITAL_BELOW:
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


# Two syllables joined by a speck read as punctuation ("án.số", "Ủy:ban"), and a
# syllable cut in two by a gap ("triể n").
_JOINED = re.compile(r"(?<!\S)([^\W\d_]+)([.:;,'`]{1,2})([^\W\d_]+)(?=[.,;:!?)”]*(?:\s|$))")
_CUT = re.compile(r"(?<!\S)([^\W\d_]+) ([^\W\d_]{1,2})(?=[.,;:!?)”]*(?:\s|$))")


def _respace(line: str, model: RepairModel, number: int) -> tuple[str, list[RepairNote]]:
    """Split syllables joined by a speck, join a syllable cut in two; a note each.

    A speck between two known syllables is dropped when the second is in lower
    case (a full stop would start a capital); otherwise the mark is kept and a
    space added. A cut is joined only when neither piece is a word and the
    whole is.
    """
    is_valid = model.inventory.is_valid
    notes: list[RepairNote] = []

    def split(match: re.Match[str]) -> str:
        left, mark, right = match.groups()
        if not (is_valid(left.lower()) and is_valid(right.lower())) or not _case_is_plain(right):
            return match.group()
        after = f"{left} {right}" if right[0].islower() else f"{left}{mark} {right}"
        notes.append(_spacing_note(number, match, after))
        return after

    def join(match: re.Match[str]) -> str:
        left, right = match.groups()
        whole = left + right
        if is_valid(left.lower()) or not is_valid(whole.lower()) or not _case_is_plain(whole):
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
    if not _LETTERS.match(core) or _ROMAN.match(core) or not _case_is_plain(core):
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
    index = _by_skeleton()
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
    if _LETTERS.match(core) and _case_is_plain(core) and model.inventory.is_valid(lower):
        return canonical_placement(lower)
    return OTHER


def _case_is_plain(core: str) -> bool:
    return core.islower() or core.isupper() or (core[0].isupper() and core[1:].islower())


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
