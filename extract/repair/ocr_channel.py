"""How Tesseract misreads Vietnamese letters: the channel of the OCR correction.

Learned by scanning and reading clean corpus plans that the benchmark does not
evaluate (``tests/benchmarks/build_ocr_confusions``, rows of
``data/ocr_confusions.tsv``): how often a word read at a given confidence is
wrong, which marks of a letter Tesseract swaps, and which base letters it
takes for others ("h" read "b").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from extract.repair.model import DATA, default_model
from extract.text import skeleton

CONFUSIONS = DATA / "ocr_confusions.tsv"
# Pseudo-count of each misreading of a letter as another mark on the same base
# letter: training saw a few dozen letter errors, far from all the possible ones.
ERROR_SMOOTHING = 0.5


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
def by_skeleton() -> dict[str, tuple[str, ...]]:
    """The known syllables by skeleton (letters without marks), once per process."""
    index: dict[str, list[str]] = defaultdict(list)
    for syllable in default_model().inventory.weights:
        index[skeleton(syllable)].append(syllable)
    return {key: tuple(values) for key, values in index.items()}
