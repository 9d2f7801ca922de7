"""Syllable n-gram models with Witten-Bell interpolation, mixed and adapted.

Tokens are counted with one tone placement ("hoà" as "hòa", see
``canonical_placement``); queries give them so already (``tokens.core_token``
does), since converting on every query would cost the decoder's innermost loop.

Pure Python on purpose: the in-domain text is a few tens of thousands of tokens
(the clean plans plus word-internal pairs of a word list), so counting takes
tens of milliseconds; the larger general text (legal codes) is loaded as
counts. The base of the interpolation is a prior over the whole syllable
inventory, so a valid syllable never seen in running text still gets a small
probability.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from extract.repair.context_tables import ContextTables
from extract.repair.syllables import canonical_placement
from extract.repair.tokens import START

Context = tuple[str, ...]
# Share of the document's own unigram in the base of its adapted model: a word
# it uses often ("phường") is likelier everywhere in it, not only in seen contexts.
UNIGRAM_SHARE = 0.3
# Smoothing of a document context grows with the distinct words seen after it
# (Witten-Bell): a context followed by many words has more still unseen.
DISTINCT_SHARE = 0.5
# A token sequence of a document, and its weight or each token's weight.
Evidence = tuple[list[str], float | list[float]]
# N-gram counts: for each context, the count of each token seen after it.
Counts = Mapping[Context, Mapping[str, float]]
# A context's counts, the scale of a count and the weight of the lower order.
Weights = tuple[dict[str, float], float, float]


class NgramModel:
    """Interpolated n-gram probabilities over tokens, with a prior as the base."""

    def __init__(self, order: int, prior: Mapping[str, float]) -> None:
        """Start empty.

        Args:
            order: Longest n-gram counted (3 = trigram).
            prior: Base probability of each token (sums to at most 1).

        """
        self.order = order
        self.prior = dict(prior)
        self.floor = 1e-7
        self.counts: dict[Context, dict[str, float]] = {}
        self._weights: dict[Context, Weights] = {}
        self._cache: dict[tuple[Context, str], float] = {}
        self._log_cache: dict[tuple[Context, str], float] = {}

    def add_sequence(self, tokens: Sequence[str], weight: float | Sequence[float] = 1.0) -> None:
        """Count every n-gram (up to the order) of one token sequence.

        ``weight`` may give each token its own weight; an n-gram then counts
        with the least weight of its tokens (0 leaves it out).
        """
        weights = [weight] * len(tokens) if isinstance(weight, float | int) else weight
        tokens = [canonical_placement(token) for token in tokens]
        history: list[str] = [START] * (self.order - 1)
        recent: list[float] = []
        for token, own in zip(tokens, weights, strict=True):
            count = own
            for length in range(self.order):
                if length:
                    count = min(count, recent[-length]) if length <= len(recent) else count
                if count <= 0:
                    break
                context = tuple(history[len(history) - length :]) if length else ()
                counter = self.counts.setdefault(context, {})
                counter[token] = counter.get(token, 0.0) + count
            history.append(token)
            del history[0]
            recent.append(own)
        self._forget()

    def add_pairs(self, pairs: Mapping[tuple[str, str], float]) -> None:
        """Count bigrams given directly (word-internal pairs of a word list)."""
        for (first, second), weight in pairs.items():
            counter = self.counts.setdefault((canonical_placement(first),), {})
            second = canonical_placement(second)
            counter[second] = counter.get(second, 0.0) + weight
        self._forget()

    def add_counts(self, counts: Counts) -> None:
        """Add n-gram counts made elsewhere (contexts shorter than the order)."""
        for context, counter in counts.items():
            own = self.counts.setdefault(tuple(map(canonical_placement, context)), {})
            for token, count in counter.items():
                token = canonical_placement(token)
                own[token] = own.get(token, 0.0) + count
        self._forget()

    def _forget(self) -> None:
        self._weights.clear()
        self._cache.clear()
        self._log_cache.clear()

    def __getstate__(self) -> dict[str, object]:
        """The counts and prior, not the weights and caches made from them (``model_cache``).

        A mixture keeps the weights it scores with itself; each model's own are made
        again when first asked (the same floats), and 50k fewer entries load faster.
        """
        state = dict(self.__dict__)
        state["_weights"], state["_cache"], state["_log_cache"] = {}, {}, {}
        return state

    def with_document(self, weighted: Iterable[Evidence]) -> DocumentModel:
        """Adapt the model to one document's own text (see :class:`DocumentModel`)."""
        return DocumentModel(self, weighted)

    def logprob(self, context: Context, token: str) -> float:
        """Natural log of P(token | the last order-1 tokens of context)."""
        if len(context) >= self.order:  # the decoder's histories already have order-1
            context = context[len(context) - (self.order - 1) :] if self.order > 1 else ()
        key = (context, token)
        cached = self._log_cache.get(key)
        if cached is None:
            cached = math.log(self.probability(context, token))
            self._log_cache[key] = cached
        return cached

    def probability(self, context: Context, token: str) -> float:
        """P(token | context), context no longer than order-1 tokens.

        Cached at every order: the lower orders of a new trigram are usually known.
        """
        key = (context, token)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if context:
            probability = self.probability(context[1:], token)
        else:
            probability = self.prior.get(token, self.floor)
        weights = self._weights_of(context)
        if weights is not None:
            probability = weights[0].get(token, 0.0) * weights[1] + weights[2] * probability
        self._cache[key] = probability
        return probability

    def interpolation_weights(self) -> dict[Context, Weights]:
        """Every context's counts with the weights of P = c(w) * scale + backoff * P_lower."""
        weights: dict[Context, Weights] = {}
        for context in self.counts:
            found = self._weights_of(context)
            if found is not None:
                weights[context] = found
        return weights

    def _weights_of(self, context: Context) -> Weights | None:
        """A context's interpolation weights (Witten-Bell: smoothing by distinct tokens)."""
        weights = self._weights.get(context)
        if weights is None:
            counter = self.counts.get(context)
            if counter is None:
                return None
            weights = interpolation(counter, len(counter))
            self._weights[context] = weights
        return weights


def interpolation(counter: dict[str, float], smoothing: float) -> Weights:
    """(c(w) + k P_lower(w)) / (total + k) as c(w) * scale + backoff * P_lower, k the smoothing."""
    scale = 1.0 / (float(sum(counter.values())) + smoothing)
    return counter, scale, smoothing * scale


class InterpolatedModel:
    """Two models mixed with a fixed share: P = (1 - s) P_first + s P_second.

    The in-domain model (a few plans) knows the plans' phrases but has seen too
    little text to rank the words it has not seen; a model of general formal
    text (legal codes) ranks those. Mixing keeps what each knows: backing off
    inside one model would let the larger text drown the plans' phrases.

    Kept on disk (``model_cache``) with its weights packed (``context_tables``): a
    loaded mixture makes each context's counts when first asked, and the two models
    when first asked for (``first``, ``second``).
    """

    def __init__(self, first: NgramModel, second: NgramModel, second_share: float) -> None:
        """Mix ``first`` with ``second``, which gets ``second_share`` of the probability."""
        if first.order != second.order:
            raise ValueError("mixed models must have the same order")
        self._models: tuple[NgramModel, NgramModel] | None = (first, second)
        self._priors = (first.prior, second.prior)
        self._floors = (first.floor, second.floor)
        self.second_share = second_share
        self.order = first.order
        # Computed here once, not per query: the decoder's queries are mostly new.
        # (The models must be complete: counts added later are not seen here.)
        first_weights = first.interpolation_weights()
        second_weights = second.interpolation_weights()
        # A context neither model has seen gives the probabilities of its shorter
        # context in both: the decoder's many odd histories then share one entry.
        # Each seen context holds both models' weights (None where one has not seen
        # it): a query's walk down the orders looks up one entry per order, not two.
        self._tables = ContextTables(first_weights, second_weights)
        self._first_share = 1 - second_share
        self._pairs: dict[tuple[Context, str], tuple[float, float]] = {}
        self._log_cache: dict[tuple[Context, str], float] = {}

    def __getstate__(self) -> dict[str, object]:
        """The mixture's own tables, not the two models' counts (the same counts, by context).

        Keeping both would load 300k counts twice; ``first`` and ``second`` are made
        again from the tables when asked for.
        """
        state = dict(self.__dict__)
        state["_models"] = None
        return state

    @property
    def first(self) -> NgramModel:
        """The first model mixed."""
        return self._ngram_models()[0]

    @property
    def second(self) -> NgramModel:
        """The second model mixed."""
        return self._ngram_models()[1]

    def _ngram_models(self) -> tuple[NgramModel, NgramModel]:
        if self._models is None:
            self._models = (self._ngram_model(0), self._ngram_model(1))
        return self._models

    def _ngram_model(self, side: int) -> NgramModel:
        """One mixed model made again from the tables: its prior and its counts, in order."""
        model = NgramModel(self.order, self._priors[side])
        model.floor = self._floors[side]
        for context, (counter, _, _) in self._tables.side(side).items():
            model.counts[context] = dict(counter)
        return model

    def with_document(self, weighted: Iterable[Evidence]) -> DocumentModel:
        """Adapt the mixture to one document's own text (see :class:`DocumentModel`)."""
        return DocumentModel(self, weighted)

    def logprob(self, context: Context, token: str) -> float:
        """Natural log of P(token | the last order-1 tokens of context).

        The decoder's innermost call, about half of them new: the seen context is
        found inline and the orders are walked by one call to ``_pair``.
        """
        if len(context) >= self.order:
            context = context[len(context) - (self.order - 1) :] if self.order > 1 else ()
        key = (context, token)
        log_cache = self._log_cache
        cached = log_cache.get(key)
        if cached is None:
            seen = context
            contexts = self._tables.contexts
            while seen and seen not in contexts:
                seen = seen[1:]
            if seen is not context:  # the seen context's entry serves every history ending so
                cached = log_cache.get((seen, token))
            if cached is None:
                pair = self._pairs.get((seen, token)) or self._pair(seen, token)
                cached = math.log(self._first_share * pair[0] + self.second_share * pair[1])
                if seen is not context:
                    log_cache[(seen, token)] = cached
            log_cache[key] = cached
        return cached

    def probability(self, context: Context, token: str) -> float:
        """The mixed P(token | context), context no longer than order-1 tokens."""
        contexts = self._tables.contexts
        while context and context not in contexts:
            context = context[1:]
        pair = self._pairs.get((context, token)) or self._pair(context, token)
        return self._first_share * pair[0] + self.second_share * pair[1]

    def _pair(self, context: Context, token: str) -> tuple[float, float]:
        """Each model's P(token | context), both in one pass over the orders (cached).

        From the longest end of the context whose pair is cached (or the priors),
        each longer end interpolates the one below it; every order is cached, as
        the lower orders of a new trigram are usually known.
        """
        pairs = self._pairs
        pair = pairs.get((context, token))
        if pair is not None:
            return pair
        missing = [context]
        shorter = context
        while shorter:
            shorter = shorter[1:]
            pair = pairs.get((shorter, token))
            if pair is not None:
                break
            missing.append(shorter)
        if pair is None:  # the empty context is missing too: start from the priors
            first = self._priors[0].get(token, self._floors[0])
            second = self._priors[1].get(token, self._floors[1])
        else:
            first, second = pair
        tables = self._tables
        both = tables.weights
        for end in reversed(missing):
            found = both.get(end)
            if found is None and end in tables.contexts:
                found = tables.unpack(end)  # its first query since the model was loaded
            if found is not None:
                weights, other = found
                if weights is not None:
                    first = weights[0].get(token, 0.0) * weights[1] + weights[2] * first
                if other is not None:
                    second = other[0].get(token, 0.0) * other[1] + other[2] * second
            pair = (first, second)
            pairs[(end, token)] = pair
        assert pair is not None
        return pair


BaseModel = NgramModel | InterpolatedModel


class DocumentModel:
    """A base model adapted to one document: its counts, smoothed towards the base.

    P(w | a b) = (c(a b w) + k P(w | b)) / (c(a b) + k), and P(w | b) likewise
    over a mix of the base model's P(w | a b) and the document's P(w), with c
    the document's counts and k growing with the words seen after the context. The base
    model's cache survives from document to document; only the small
    document counts are new.
    """

    def __init__(
        self, base: BaseModel, weighted: Iterable[Evidence], strength: float = 0.5
    ) -> None:
        """Count the document's token sequences (each with its weights) over ``base``."""
        self.base = base
        self.order = base.order
        self.strength = strength
        self.document = NgramModel(base.order, {})
        for sequence, weight in weighted:
            self.document.add_sequence(sequence, weight)
        # Weights of each document context, computed once (see NgramModel.interpolation_weights).
        self._weights: dict[Context, Weights] = {}
        for context, counter in self.document.counts.items():
            if context and counter:
                smoothing = strength + DISTINCT_SHARE * len(counter)
                self._weights[context] = interpolation(counter, smoothing)
        self._unigrams = self.document.counts.get((), {})
        self.unigram_total = float(sum(self._unigrams.values()))
        self._unigram_scale = UNIGRAM_SHARE / self.unigram_total if self.unigram_total else 0.0
        self._cache: dict[tuple[Context, str], float] = {}
        self._base_probability = base.probability

    @property
    def context_weights(self) -> dict[Context, Weights]:
        """The interpolation weights of each document context (read, never changed)."""
        return self._weights

    def logprob(self, context: Context, token: str) -> float:
        """Natural log of P(token | context) for this document."""
        if len(context) >= self.order:
            context = context[len(context) - (self.order - 1) :]
        key = (context, token)
        cached = self._cache.get(key)
        if cached is None:
            # The base model's P(token | context), mixed with the document's unigram
            # (inline: most of the decoder's queries in a later pass are new).
            probability = self._base_probability(context, token)
            if self._unigram_scale:
                share = self._unigrams.get(token, 0.0) * self._unigram_scale
                probability = (1 - UNIGRAM_SHARE) * probability + share
            size = len(context)
            document = self._weights
            for length in range(1, size + 1):
                weights = document.get(context[size - length :])
                if weights is not None:
                    probability = weights[0].get(token, 0.0) * weights[1] + weights[2] * probability
            cached = math.log(probability)
            self._cache[key] = cached
        return cached


# What the decoder scores with: a base model, or one adapted to the document.
ScoringModel = NgramModel | InterpolatedModel | DocumentModel
