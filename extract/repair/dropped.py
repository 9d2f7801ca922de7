"""Repair glyphs that PDF extraction lost, each replaced by one space.

A damaged line keeps its length: "B n Th  n  v " is "Ban Thường vụ". Every
space is either a real word boundary or a lost glyph. A line is decoded by a
beam search over the spaces, left to right: each run between two real spaces
becomes a token, its blanks filled so that it is a valid syllable, scored by
the syllable n-gram model plus how likely each filled glyph is to have been
lost (``DropRates``). Lines without damage are never touched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import itertools
import math
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from extract.model import RepairNote
from extract.repair.case_model import opening
from extract.repair.model import RepairModel, default_inventory, default_model
from extract.repair.tokens import OTHER, is_fragment, split_run, tokenize

if TYPE_CHECKING:
    from extract.repair.calibration import ConfidenceMap
    from extract.repair.decoder import Choice, LineDecoder
    from extract.repair.drop_rates import DropRates
    from extract.repair.language_model import Evidence

METHOD = "dropped-glyph"
# Of the confidence a note shows, the share of spans right at the decoder's confidence
# (calibration.py): a span wrong once in ten or more is flagged for the reviewer. Before the
# map the flag read 0.7 of the raw confidence, which was right about 88% of the time; honest
# dev, seeds 2-3 (the map fitted on seed 1, decoder of 5e5c242): wrong spans flagged 55.4% ->
# 57.1%, right ones 8.1% -> 8.9%. At 0.7 of the calibrated confidence only 34% of the wrong
# ones would be.
UNCERTAIN_BELOW = 0.9
# A document is treated as garbled when this share of its text lines is damaged;
# below it, odd words are foreign names or typos, not lost glyphs.
DOCUMENT_SHARE = 0.05
DOCUMENT_MINIMUM = 3
# Two or more spaces between two letters, and the share of text lines with such a gap
# that makes a document without impossible words garbled.
INNER_GAP = re.compile(r"[^\W\d_]  +[^\W\d_]")
GAP_SHARE = 0.2
# Words in a stretch counted as one line when judging a document: a typed plan's line
# holds about this many, so documents broken into lines are judged as before.
UNIT_WORDS = 16
WORD = re.compile(r"(?<!\S)\S")
WORD_RUN = re.compile(r"\S+")
PADDING_SMOOTHING = 0.5  # pseudo-count of padded line ends
PADDING_RANGE = (0.01, 0.3)  # bounds of the per-space probability of padding
# Weight of a syllable's written case in the document itself against the training text's.
CASE_WEIGHT = 3.0
SENTENCE_ENDS = frozenset(".:;,)!?")
# Weight of the first pass's confidence in a reading both passes chose (see _hedged),
# fitted on held-out synthetic garbling (seeds 1-3).
FIRST_PASS_SHARE = 0.75
SURE = 0.934  # readings this sure are not decoded again (0.995 before the temperature of 2)
# After the second pass only lines with a reading this doubtful are decoded once more: the
# second pass's rates and wording move little, and a third pass over every doubtful line
# costs the town plan 12% more CPU. Honest dev (76 documents, 2 profiles), damaged words:
# two passes 93.08% (seed 1) / 85.07% (seed 2); a third below 0.5: 93.20 / 85.33%;
# below 0.7: 93.23 / 85.40% (town plan +12% CPU, over the 10% allowed). Re-decoding in
# the second pass the sure lines whose letters' rates moved, or all lines, gained nothing.
LATER_PASS_BELOW = 0.5
RARE = math.log(2e-4)  # unigram probability under which a syllable is suspect
NEXT_LINE_REACH = 3  # lines looked at for the one a sentence may run on into
OPENING_WORDS = 2  # words of the next line that score a line's last reading


def line_is_damaged(line: str, is_valid: Callable[[str], bool]) -> bool:
    """True when a line has a word that no Vietnamese syllable can be.

    Acronyms (two or more capitals: "HĐND") and runs with digits are not evidence.
    """
    return _has_fragment(line, is_valid, {})


def _has_fragment(text: str, is_valid: Callable[[str], bool], judged: dict[str, bool]) -> bool:
    """:func:`line_is_damaged`, each distinct run judged once into ``judged``.

    A clean plan's 2,600 runs are about 560 distinct words: a document repeats its
    words, so detection on a clean plan judges each of them once (issue 18).
    """
    for run in text.split():
        fragment = judged.get(run)
        if fragment is None:
            fragment = judged[run] = is_fragment(split_run(run)[1], is_valid)
        if fragment:
            return True
    return False


def damaged_line_numbers(lines: list[str], is_valid: Callable[[str], bool]) -> list[int]:
    """0-based indices of the damaged lines, or [] when the document as a whole is clean.

    A font that loses only glyphs whose loss leaves valid syllables (most "đ":
    "  ảng" for "đảng") shows no impossible word, only gaps between words; typed
    text has such gaps on under 1% of its lines, so it takes many of them.
    Shares are counted over stretches of ``UNIT_WORDS`` words, not over lines, so
    that a text pasted from a web page on one long line is judged like the same
    text broken into lines.
    """
    damaged: set[int] = set()
    gapped: set[int] = set()
    units = damaged_units = gapped_units = 0
    judged: dict[str, bool] = {}
    for index, line in enumerate(lines):
        for unit in _units(line):
            units += 1
            if _has_fragment(unit, is_valid, judged):
                damaged_units += 1
                damaged.add(index)
            # A gap is two spaces: most units have none, and need no search.
            if "  " in unit and INNER_GAP.search(unit.strip()):
                gapped_units += 1
                gapped.add(index)
    if damaged_units >= max(DOCUMENT_MINIMUM, DOCUMENT_SHARE * units):
        return sorted(damaged)
    if gapped_units >= max(DOCUMENT_MINIMUM, GAP_SHARE * units):
        return sorted(damaged | gapped)
    return []


def _units(line: str) -> list[str]:
    """A line cut after every ``UNIT_WORDS`` words (spaces kept: gaps stay visible)."""
    # str.split and WORD cut at the same white space (str.isspace): a line of at most
    # UNIT_WORDS words is one unit without finding where each word starts.
    words = len(line.split())
    if words == 0:
        return []
    if words <= UNIT_WORDS:
        return [line]
    starts = [match.start() for match in WORD.finditer(line)]
    if len(starts) <= UNIT_WORDS:
        return [line]
    cuts = [*starts[UNIT_WORDS::UNIT_WORDS], len(line)]
    pieces = [line[: cuts[0]]]
    pieces += [line[left:right] for left, right in itertools.pairwise(cuts)]
    return pieces


def repair_dropped_glyphs(
    lines: list[str],
    model: RepairModel | None = None,
    rates: DropRates | None = None,
    passes: int = 3,
    calibration: ConfidenceMap | None = None,
) -> tuple[list[str], list[RepairNote]]:
    """Fill lost glyphs in the damaged lines of a document.

    Args:
        lines: The document's lines (after markup stripping).
        model: Syllable model; the shipped one by default.
        rates: Prior loss rate of each glyph; the shipped one by default.
        passes: Decoding passes; after each, loss rates are re-estimated on
            this document (which glyphs its fonts lose).
        calibration: Map from the decoder's confidence to the one a note shows;
            the shipped one by default (``ConfidenceMap.identity()`` keeps it raw).

    Returns:
        The lines with lost glyphs filled (same lengths) and one note per filled word.

    """
    inventory = model.inventory if model is not None else default_inventory()
    damaged = damaged_line_numbers(lines, inventory.is_valid)
    if not damaged:
        return list(lines), []
    # The decoder and its rates only for a damaged document: a clean one (most plans)
    # does not import them (issue 18, cold check).
    from extract.repair import evidence
    from extract.repair.drop_rates import DropRates

    model = model or default_model()
    rates = (rates or DropRates.default()).fitted_to_letter_counts(
        evidence.letter_counts(lines), model.letter_share
    )
    # In a garbled document every text line is decoded: a lost glyph can leave only
    # valid-looking words ("  ô thị" for "đô thị"); the loss rates keep clean lines as they are.
    to_decode = [index for index, line in enumerate(lines) if _worth_decoding(line, model)]
    with _cyclic_collector_paused():
        decoded = _decode_passes(lines, to_decode, model, rates, passes)
    return _apply(lines, decoded, calibration)


@contextlib.contextmanager
def _cyclic_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the passes decode.

    Decoding keeps hundreds of thousands of new tuples (histories, cache keys) and
    makes no reference cycles: each collection of them walks the growing caches and
    finds nothing, 15% of the town plan's repair. Memory is freed by reference
    counting as before; the collector runs again afterwards as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode_passes(
    lines: list[str], to_decode: list[int], model: RepairModel, rates: DropRates, passes: int
) -> dict[int, list[Choice]]:
    """Decode the lines in passes; after each, adapt loss rates and n-grams to the document."""
    from extract.repair import evidence
    from extract.repair.codes import document_codes
    from extract.repair.decoder import LineDecoder
    from extract.repair.language_model import ScoringModel
    from extract.repair.line_rates import line_rates
    from extract.repair.run_reader import DocumentRuns

    language: ScoringModel = model.language
    padding = math.log(padding_rate(lines))
    is_valid = model.inventory.is_valid
    case = model.case.with_document(
        [tokenize(line, is_valid, keep_case=True) for line in lines],
        CASE_WEIGHT,
        [_whole_headed_tokens(line, is_valid) for line in lines],
    )
    document = DocumentRuns(model, document_codes(lines, model.inventory.is_valid))
    choices: dict[int, list[Choice]] = {}
    first: dict[int, list[Choice]] = {}
    per_line: dict[int, dict[str, float]] = {}
    own: dict[int, Evidence] = {}
    for number in range(max(1, passes)):
        # Capitals lost in this document are counted only after the first pass
        # (the prior rates, from one document, would rule them out).
        decoder = LineDecoder(
            model,
            language,
            rates,
            layout_space=padding,
            case=case,
            weigh_capital_loss=number > 0,
            document=document,
        )
        context = _repaired(lines, choices)
        choices.update(_decode_all(lines, to_decode, decoder, context, per_line, own))
        first = first or dict(choices)
        if number + 1 >= passes:
            break  # no pass left to use new evidence
        # Only lines with a doubtful reading are decoded again, with the new evidence.
        doubtful = SURE if number == 0 else LATER_PASS_BELOW
        to_decode = [
            index
            for index in to_decode
            if any(choice.confidence < doubtful for choice in choices[index])
        ]
        rates = rates.reestimated(evidence.filled_and_intact(lines, choices))
        per_line = line_rates(evidence.line_counts(lines, choices), rates, to_decode)
        # Lines the decoder left as they were are the document's own intact wording,
        # the best evidence for the next pass (plans copy whole sentences); each line
        # decoded again is scored without its own (_decode_all, line_apart).
        own = evidence.document_evidence(lines, choices, model)
        language = model.language.with_document(own.values())
    return _hedged(choices, first)


def _whole_headed_tokens(line: str, is_valid: Callable[[str], bool]) -> list[str]:
    """A line's cased tokens, a word that may have lost its first letter read as ``OTHER``.

    After a blank (two spaces, or a space opening the line) a word's first glyph may
    be lost: " hương trình" is "Chương trình" or "chương trình", its case unknown.
    The last of the marks a line opens with ("-", "(1)") is marked (``opening``):
    "- Về kinh tế" is the document's habit for list items, "kinh tế - xã hội" is not.
    """
    tokens: list[str] = []
    for match in WORD_RUN.finditer(line):
        start = match.start()
        found = tokenize(match.group(), is_valid, keep_case=True)
        after_blank = start > 0 and (start == 1 or line[start - 2] == " ")
        if found and after_blank and found[0][:1].isalpha():
            found[0] = OTHER
        tokens += found
    marks = next((i for i, token in enumerate(tokens) if token[:1].isalpha()), 0)
    if marks:
        tokens[marks - 1] = opening(tokens[marks - 1])
    return tokens


def _hedged(
    choices: dict[int, list[Choice]], first: dict[int, list[Choice]]
) -> dict[int, list[Choice]]:
    """Choices with, for a reading the first pass chose too, a weighted geometric mean confidence.

    Later passes score with the document's own decoded words, among them the
    earlier choices: alone, they are as sure of a repeated mistake as of a
    right reading.
    """
    earlier = {(index, choice.start): choice for index, found in first.items() for choice in found}
    hedged: dict[int, list[Choice]] = {}
    for index, found in choices.items():
        hedged[index] = []
        for choice in found:
            before = earlier.get((index, choice.start))
            if before is not None and before.after == choice.after:
                later = choice.confidence ** (1 - FIRST_PASS_SHARE)
                mean = later * before.confidence**FIRST_PASS_SHARE
                choice = dataclasses.replace(choice, confidence=mean)
            hedged[index].append(choice)
    return hedged


def padding_rate(lines: list[str]) -> float:
    """How likely a run of spaces after a line's text is padding, not lost glyphs.

    Measured on the lines ending in punctuation, where a lost glyph is unlikely to
    follow: PDF text often pads such lines with spaces, typed text never does.
    """
    ends = [line for line in lines if line.rstrip(" ")[-1:] in SENTENCE_ENDS]
    padded = sum(len(line) - len(line.rstrip(" ")) >= 2 for line in ends)
    rate = (padded + PADDING_SMOOTHING) / (len(ends) + 1.0)
    return min(max(rate, PADDING_RANGE[0]), PADDING_RANGE[1])


def _worth_decoding(line: str, model: RepairModel) -> bool:
    """Whether a line of a garbled document may hide a lost glyph.

    Lines with only common valid syllables, single spaces and no leading space
    cannot: a lost glyph leaves two spaces, an impossible fragment, or a rare
    syllable ("hi u" for "hiếu", "ủ" for "ủy").
    """
    stripped = line.rstrip(" ")
    if not stripped.strip() or stripped.startswith(" ") or "  " in stripped:
        return bool(stripped.strip())
    is_valid = model.inventory.is_valid
    for token in tokenize(stripped, is_valid):
        if token == OTHER or (token[0].isalpha() and model.language.logprob((), token) < RARE):
            return True
    # One trailing space is layout, unless it ends a symbol's letters ("Số: 85/KH-UBN ").
    last = stripped.rsplit(" ", 1)[-1]
    code = any(char.isdigit() for char in last) and last[-1:].isupper()
    return line != stripped and (len(line) - len(stripped) > 1 or code)


def _decode_all(
    lines: list[str],
    selected: list[int],
    decoder: LineDecoder,
    context: list[str],
    per_line: dict[int, dict[str, float]],
    own: dict[int, Evidence],
) -> dict[int, list[Choice]]:
    """Decode the selected lines in order, carrying the context over from line to line.

    Lines not selected give their context as ``context`` has them (repaired so far);
    ``per_line`` holds the loss rates particular to some lines; ``own``, each line's
    evidence in the decoder's document model, which that line is scored without.
    """
    from extract.repair.language_model import DocumentModel
    from extract.repair.line_apart import LineLeftOut

    document = decoder.document_language
    selected_set = set(selected)
    history: tuple[str, ...] = ()
    result: dict[int, list[Choice]] = {}
    is_valid = decoder.model.inventory.is_valid
    for index, line in enumerate(lines):
        if index in selected_set:
            if isinstance(document, DocumentModel):
                own_line = own.get(index)
                left_out = document if own_line is None else LineLeftOut(document, own_line)
                decoder.score_with(left_out)
            following = _opening_token(_next_text_line(context, index), is_valid)
            result[index], history = decoder.decode(line, history, per_line.get(index), following)
        elif context[index].strip():
            tokens = tokenize(context[index], decoder.model.inventory.is_valid)
            history = (*history, *tokens)[-(decoder.language.order - 1) :]
    return result


def _next_text_line(lines: list[str], index: int) -> str:
    """The next line with text after ``index`` (text from PDFs often doubles line breaks)."""
    for line in lines[index + 1 : index + 1 + NEXT_LINE_REACH]:
        if line.strip():
            return line
    return ""


def _opening_token(line: str, is_valid: Callable[[str], bool]) -> tuple[str, ...]:
    """The syllables a line opens with, as far as its first words are whole (no blank in them)."""
    opening: list[str] = []
    for word in line.split(" ")[:OPENING_WORDS]:
        tokens = tokenize(word, is_valid) if word else []
        if not tokens or not tokens[0][:1].isalpha() or not is_valid(tokens[0]):
            break
        opening.append(tokens[0])
        if len(tokens) > 1:  # punctuation ends the words that run on
            opening.append(tokens[1])
            break
    return tuple(opening)


def _apply(
    lines: list[str], choices: dict[int, list[Choice]], calibration: ConfidenceMap | None = None
) -> tuple[list[str], list[RepairNote]]:
    """The repaired lines and a note per changed run, its confidence calibrated (only there)."""
    from extract.repair.calibration import default_map

    calibrated = calibration if calibration is not None else default_map()
    notes = []
    for index in sorted(choices):
        for choice in choices[index]:
            if choice.after == choice.before:
                continue
            # Rounded first, as the bench's spans that fitted the map had it.
            confidence = round(calibrated(round(choice.confidence, 4)), 4)
            notes.append(
                RepairNote(
                    line=index + 1,
                    start=choice.start,
                    end=choice.start + len(choice.before),
                    before=choice.before,
                    after=choice.after,
                    method=METHOD,
                    confidence=confidence,
                    uncertain=confidence < UNCERTAIN_BELOW,
                )
            )
    return _repaired(lines, choices), notes


def _repaired(lines: list[str], choices: dict[int, list[Choice]]) -> list[str]:
    """The lines with the chosen readings written in (the context of the next pass)."""
    repaired = list(lines)
    for index in sorted(choices):
        chars = list(lines[index])
        for choice in choices[index]:
            if choice.after != choice.before:
                chars[choice.start : choice.start + len(choice.after)] = choice.after
        repaired[index] = "".join(chars)
    return repaired


__all__ = ["METHOD", "OTHER", "damaged_line_numbers", "line_is_damaged", "repair_dropped_glyphs"]
