"""Capitals of names from the document itself: how it writes a phrase inside its sentences.

A capitalised noun inside a sentence ("của Chính phủ", "phê duyệt Chương trình") that
lost its first letter is decided by the case model: the training text, then the
document's own writings of the word after the same word before it (``CaseModel.own``).
The word after it tells the phrase: "của chính" is "của chính quyền" in the training
text (3 of 3 lower case), "của Chính phủ" here. What the document writes intact
elsewhere inside a sentence, the word and the one after it ("Chính phủ", "Chương
trình"), is the evidence added here, where the document never wrote the word after
the same word before it.

The writings after a word the document mostly capitalises ("Sở Xây dựng", "Bộ Chính
trị") are part of a longer name and left out: they say nothing of "đầu tư xây dựng" or
"hệ thống chính trị".
"""

from __future__ import annotations

from collections import defaultdict

from extract.repair.case_model import CaseModel, Counts

# Weight of each of the document's own writings of the phrase against the estimate before.
# Honest bench, dev only, seed 1 x 2 profiles (107 documents), damaged words: without
# 92.06%, weight 1 92.14%, 2 92.15%, 4 92.15% (seed 2: 84.46% with and without).
PHRASE_WEIGHT = 2.0
SMOOTHING = 1.0
# A word the document writes capitalised inside its sentences at least this often is part
# of a name ("Sở", "Bộ"): the phrase after it is that name's. 0.3 and 0.5 measure the same.
NAME_PART = 0.5
# Writings of the whole context (word before, word, word after) in the training text from
# which its estimate stands: "ban nhân dân" 50 times, lower case.
SEEN = 2


class PhraseCase:
    """The document's intact writings of a word before the next one, after ordinary words.

    Read from the document's own case model (``CaseModel.own``: its words whose first
    letter cannot have been lost), counted once, when first asked.
    """

    def __init__(self, own: CaseModel | None, shipped: CaseModel) -> None:
        """Keep the document's own case model (None: no document) and the training text's."""
        self.own = own
        self.shipped = shipped
        self._phrases: dict[tuple[str, str], Counts] | None = None

    def capital(self, probability: float, previous: str, syllable: str, following: str) -> float:
        """``probability`` of a capital, moved by the document's writings of the phrase."""
        own = self.own
        if own is None or not following or not previous[:1].isalpha():
            # After a comma the phrase may be one of a list ("kế hoạch, đề án, dự án").
            return probability
        if own.after.get((previous, syllable)):
            return probability  # the document's habit after this very word decided it
        seen = self.shipped.between.get((previous, syllable, following))
        if seen and seen[1] >= SEEN:
            return probability  # the training text knows the phrase here ("Ủy ban nhân dân")
        counts = self._counted().get((syllable, following))
        if not counts:
            return probability
        return (PHRASE_WEIGHT * counts[0] + SMOOTHING * probability) / (
            PHRASE_WEIGHT * counts[1] + SMOOTHING
        )

    def _counted(self) -> dict[tuple[str, str], Counts]:
        """(syllable, following) -> the document's writings, after words outside names."""
        if self._phrases is None:
            phrases: dict[tuple[str, str], Counts] = defaultdict(lambda: [0.0, 0.0])
            own = self.own
            assert own is not None
            for (previous, syllable, following), counts in own.between.items():
                written = own.syllable.get(previous)
                if written and written[0] >= NAME_PART * written[1]:
                    continue
                summed = phrases[(syllable, following)]
                summed[0] += counts[0]
                summed[1] += counts[1]
            self._phrases = dict(phrases)
        return self._phrases
