"""What one decoding pass leaves as evidence for the next.

The lines a pass left unchanged are the document's own wording; the lines it
changed count too, each fill by how sure it is. Glyph counts (filled against
surviving, per document and per line) re-estimate the loss rates.
"""

from __future__ import annotations

from extract.repair.decoder import Choice
from extract.repair.language_model import Evidence
from extract.repair.line_rates import LineCounts
from extract.repair.model import RepairModel
from extract.repair.tokens import tokenize

DOCUMENT_WEIGHT = 2.0
DECODED_WEIGHT = 0.5
# A fill counts as the document's wording by its confidence to this power: a
# doubtful one would otherwise confirm itself in the next pass. With the general-text
# model, held-out garbling (seeds 1-3, glyph by glyph / by font run): 4: 97.93/98.19%,
# 6: 97.96/98.33%, 8: 98.05/98.37% (but 17 right dev spans marked uncertain, not 7).
DOUBT_POWER = 6


def document_evidence(
    lines: list[str], choices: dict[int, list[Choice]], model: RepairModel
) -> dict[int, Evidence]:
    """Each decoded line's evidence for the document model, by line index.

    The lines decoding left unchanged come first, at ``DOCUMENT_WEIGHT`` (the
    document's own wording), then the lines it changed, as decoded (weaker,
    see :func:`decoded_sequence`); kept by line so that a line decoded again is
    scored without its own (``line_apart``).
    """
    is_valid = model.inventory.is_valid
    evidence: dict[int, Evidence] = {
        index: (tokenize(lines[index], is_valid), DOCUMENT_WEIGHT)
        for index, line_choices in choices.items()
        if not line_choices and "  " not in lines[index].strip()
    }
    for index, line_choices in choices.items():
        if line_choices:
            evidence[index] = decoded_sequence(lines[index], line_choices, model)
    return evidence


def decoded_sequence(line: str, line_choices: list[Choice], model: RepairModel) -> Evidence:
    """The token sequence of a line decoding changed, as decoded, each token with its weight.

    A doubtful fill counts less: in full, it would confirm itself in the next
    pass ("phương" where the document's surer fills say "phường").
    """
    is_valid = model.inventory.is_valid
    tokens: list[str] = []
    weights: list[float] = []
    start = 0
    for choice in line_choices:
        kept = tokenize(line[start : choice.start], is_valid)
        filled = tokenize(choice.after, is_valid)
        tokens += kept + filled
        weights += [DECODED_WEIGHT] * len(kept) + [fill_weight(choice)] * len(filled)
        start = choice.start + len(choice.before)
    kept = tokenize(line[start:], is_valid)
    return tokens + kept, weights + [DECODED_WEIGHT] * len(kept)


def fill_weight(choice: Choice) -> float:
    """How much a filled run counts as the document's wording: less the less sure it is."""
    return DECODED_WEIGHT * choice.confidence**DOUBT_POWER


def filled_and_intact(
    lines: list[str], choices: dict[int, list[Choice]]
) -> tuple[dict[str, int], dict[str, int]]:
    """Count, over the damaged lines, glyphs filled and glyphs that survived."""
    filled: dict[str, int] = {}
    intact: dict[str, int] = {}
    for index, line_choices in choices.items():
        if not line_choices:
            continue  # a line without losses is likely in another font
        for char in lines[index]:
            if char != " ":
                intact[char] = intact.get(char, 0) + 1
        for choice in line_choices:
            for position, char in enumerate(choice.after):
                if choice.before[position] == " " and char != " ":
                    filled[char] = filled.get(char, 0) + 1
    return filled, intact


def letter_counts(lines: list[str]) -> dict[str, int]:
    """How often each letter occurs in a document: either case (lower-case keys), and capitals.

    A font can lose a capital and keep its lower-case letter, or the other way round.
    """
    counts: dict[str, int] = {}
    for line in lines:
        for char in line:
            if char.isalpha():
                lower = char.lower()
                counts[lower] = counts.get(lower, 0) + 1
                if char != lower:
                    counts[char] = counts.get(char, 0) + 1
    return counts


def line_counts(lines: list[str], choices: dict[int, list[Choice]]) -> dict[int, LineCounts]:
    """Per damaged line, its surviving glyphs and its fills, each fill by its confidence."""
    counts: dict[int, LineCounts] = {}
    for index, line_choices in choices.items():
        if not line_choices:
            continue
        line = LineCounts()
        for char in lines[index].lower():
            if char != " ":
                line.intact[char] = line.intact.get(char, 0.0) + 1.0
        for choice in line_choices:
            for position, char in enumerate(choice.after.lower()):
                if choice.before[position] == " " and char != " ":
                    line.filled[char] = line.filled.get(char, 0.0) + choice.confidence
        counts[index] = line
    return counts
