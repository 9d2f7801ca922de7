"""How often a syllable is written capitalised, from training text and the document itself."""

from __future__ import annotations

from dataclasses import dataclass, field

Counts = list[float]  # [capitalised, seen]
# Tokens after which a word stands inside a sentence (else it may open one).
INSIDE = frozenset((",", "<x>", "<num>"))


def is_inside_sentence(previous: str) -> bool:
    """Whether a word after ``previous`` (a lowercase token) stands inside a sentence."""
    return previous[:1].isalpha() or previous in INSIDE


@dataclass
class CaseModel:
    """How often a syllable is written capitalised: after a given token, and overall.

    (The token after it was tried as evidence too and made matters worse.)
    """

    after: dict[tuple[str, str], Counts] = field(default_factory=dict)
    syllable: dict[str, Counts] = field(default_factory=dict)
    previous: dict[str, Counts] = field(default_factory=dict)

    def observe(self, previous: str, token: str, weight: float = 1.0) -> None:
        """Count one cased syllable token after a (lowercase) previous token.

        Words in capitals ("ĐIỂN HÌNH" in a heading) say nothing of case and are skipped.
        """
        if len(token) > 1 and token.isupper():
            return
        lower = token.lower()
        capital = weight if token[:1].isupper() else 0.0
        tables = [
            self.after.setdefault((previous, lower), [0.0, 0.0]),
            self.previous.setdefault(previous, [0.0, 0.0]),
        ]
        if is_inside_sentence(previous):
            # A syllable's own habit, apart from where it stands: "Đảng" is
            # capitalised mid-sentence, "điển" only at the start of a heading.
            tables.append(self.syllable.setdefault(lower, [0.0, 0.0]))
        for counts in tables:
            counts[0] += capital
            counts[1] += weight

    def with_document(self, tokens: list[list[str]], weight: float) -> CaseModel:
        """A copy of the model that also counts one document's cased syllables, each ``weight``.

        A document keeps its own conventions ("đảng bộ" or "Đảng bộ"), which
        the training text may not share.
        """
        merged = CaseModel(
            {key: list(counts) for key, counts in self.after.items()},
            {key: list(counts) for key, counts in self.syllable.items()},
            {key: list(counts) for key, counts in self.previous.items()},
        )
        for line in tokens:
            previous = "<s>"
            for token in line:
                if token[:1].isalpha():
                    merged.observe(previous, token, weight)
                previous = token.lower()
        return merged

    def capital_probability(self, previous: str, syllable: str) -> float:
        """P(capitalised | previous token, syllable), backing off to the syllable, then previous."""
        for counts, minimum in (
            (self.after.get((previous, syllable)), 2),
            (self.syllable.get(syllable), 3),
            (self.previous.get(previous), 3),
        ):
            if counts and counts[1] >= minimum:
                return (counts[0] + 0.5) / (counts[1] + 1.0)
        return 0.1
