"""A document's adapted model less one line's own reading: a line is never its own evidence.

After a pass, the document model counts every line as that pass read it
(``evidence.document_evidence``), and a later pass decodes the doubtful lines
again with it. Scored with its own earlier reading, a line finds that reading's
n-grams in the document: a context only that reading has ("2 . tư", of a wrong
"Tư chương" for "Thực hiện") gives its continuation c / (c + k) of the
probability however small its weight c, hundreds of times what the base model
gives, so the first pass's mistake confirms itself. (With the plan pages in the
model, the garbled town plan's line 80 was read "2. Tư chương các mục tiêu" for
"2. Thực hiện các mục tiêu" this way: the language model alone prefers the
right reading by 17 nats.) A line is therefore scored with the document's
counts less its own: leave one out, as when any model is checked on the data
it was fitted on.
"""

from __future__ import annotations

import math

from extract.repair.language_model import (
    DISTINCT_SHARE,
    UNIGRAM_SHARE,
    Context,
    DocumentModel,
    Evidence,
    NgramModel,
)

# Counts left below this by the subtraction are float residue of the line's own.
RESIDUE = 1e-9
# A context's counts in the document, the line's own counts in it, and the weights of
# P = (c(w) - own(w)) * scale + backoff * P_lower (see language_model.interpolation).
LeftWeights = tuple[dict[str, float], dict[str, float], float, float]


class LineLeftOut:
    """The document model without the counts of one line's evidence (the same queries)."""

    def __init__(self, model: DocumentModel, own: Evidence) -> None:
        """Subtract the n-grams of ``own`` (a line's tokens and weights) from ``model``'s counts.

        Only the contexts the line has change, and no context's counts are copied: the
        work is the line's n-grams, not the document's (a context every line has, the
        line start, would otherwise make a long document's later passes quadratic).
        """
        self.order = model.order
        line = NgramModel(model.order, {})
        line.add_sequence(*own)
        self._document_weights = model.context_weights
        self._weights: dict[Context, LeftWeights] = {}
        for context, counter in line.counts.items():
            if context:
                self._weights[context] = self._left(model, context, counter)
        self._unigrams = model.document.counts.get((), {})
        self._own_unigrams = line.counts.get((), {})
        total = model.unigram_total - sum(self._own_unigrams.values())
        self._unigram_scale = UNIGRAM_SHARE / total if total > RESIDUE else 0.0
        self._base_probability = model.base.probability
        self._cache: dict[tuple[Context, str], float] = {}

    def _left(self, model: DocumentModel, context: Context, own: dict[str, float]) -> LeftWeights:
        """A context's weights once the line's own counts are taken out of it."""
        document = self._document_weights.get(context)
        if document is None:  # the line's n-grams are the document's: not reached
            return {}, own, 0.0, 1.0
        counter, scale, backoff = document
        total = (1.0 - backoff) / scale  # the context's count: scale = 1 / (total + smoothing)
        gone = sum(1 for token, count in own.items() if counter.get(token, 0.0) - count <= RESIDUE)
        left = total - sum(own.values())
        if left <= RESIDUE:
            return counter, own, 0.0, 1.0  # only this line had the context
        smoothing = model.strength + DISTINCT_SHARE * (len(counter) - gone)
        return counter, own, 1.0 / (left + smoothing), smoothing / (left + smoothing)

    def logprob(self, context: Context, token: str) -> float:
        """Natural log of P(token | context) for the document less the line (as DocumentModel)."""
        if len(context) >= self.order:
            context = context[len(context) - (self.order - 1) :]
        key = (context, token)
        cached = self._cache.get(key)
        if cached is None:
            probability = self._base_probability(context, token)
            if self._unigram_scale:
                count = self._unigrams.get(token, 0.0) - self._own_unigrams.get(token, 0.0)
                share = max(count, 0.0) * self._unigram_scale
                probability = (1 - UNIGRAM_SHARE) * probability + share
            size = len(context)
            document = self._document_weights
            for length in range(1, size + 1):
                end = context[size - length :]
                left = self._weights.get(end)
                if left is not None:
                    counter, own, scale, backoff = left
                    count = counter.get(token, 0.0) - own.get(token, 0.0)
                    probability = max(count, 0.0) * scale + backoff * probability
                elif end in document:
                    counter, scale, backoff = document[end]
                    probability = counter.get(token, 0.0) * scale + backoff * probability
            cached = math.log(probability)
            self._cache[key] = cached
        return cached
