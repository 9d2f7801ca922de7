"""The mixed language model's interpolation weights, kept compact and unpacked when first asked.

Two models' weights under 46k contexts (300k counts) were most of loading the repair
model from its disk cache (``model_cache``): 0.07 s of dictionaries made in every
process that repairs a garbled document, most of them never asked. Here each
model's counts are kept as flat arrays (pickled as bytes, loaded at once) and a
context's counts become a dictionary the first time a query reaches it: the same
floats, in the same order (issue 18). The set of seen contexts stays whole: the
decoder's walk down the orders asks it of every new query.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

Context = tuple[str, ...]
# A context's counts, the scale of a count and the weight of the lower order.
Weights = tuple[dict[str, float], float, float]
Both = tuple[Weights | None, Weights | None]


class ContextTables:
    """Each seen context's weights in both models (None where one has not seen it)."""

    def __init__(self, first: dict[Context, Weights], second: dict[Context, Weights]) -> None:
        """Keep both models' weights, by context."""
        self.contexts: frozenset[Context] = frozenset((*first, *second))
        # The weights of the contexts asked so far (all of them when just built).
        self.weights: dict[Context, Both] = {
            context: (first.get(context), second.get(context)) for context in (*first, *second)
        }
        self._packed: tuple[_Packed, _Packed] | None = None

    def unpack(self, context: Context) -> Both:
        """A seen context's weights, made into dictionaries on its first query since loading."""
        assert self._packed is not None, "every seen context is in weights until pickled"
        found = (self._packed[0].weights(context), self._packed[1].weights(context))
        self.weights[context] = found
        return found

    def side(self, index: int) -> dict[Context, Weights]:
        """One model's weights of every context it has seen (to make that model again)."""
        if self._packed is not None:
            packed = self._packed[index]
            return {context: packed.weights_of_row(row) for row, context in enumerate(packed.order)}
        found: dict[Context, Weights] = {}
        for context, both in self.weights.items():
            weights = both[index]
            if weights is not None:
                found[context] = weights
        return found

    def __getstate__(self) -> dict[str, object]:
        """The seen contexts and both models' weights as flat arrays."""
        packed = self._packed or (_Packed.of(self.side(0)), _Packed.of(self.side(1)))
        return {"contexts": self.contexts, "packed": packed}

    def __setstate__(self, state: dict[str, object]) -> None:
        """Nothing unpacked yet: a context's weights are made on its first query."""
        self.contexts = state["contexts"]  # type: ignore[assignment]
        self._packed = state["packed"]  # type: ignore[assignment]
        self.weights = {}


class _Packed:
    """One model's weights as arrays: per context, its tokens' numbers and counts, and weights."""

    def __init__(self, tokens: list[str], order: list[Context]) -> None:
        self.tokens = tokens
        self.order = order  # the contexts, in the order they were packed
        self.offsets = array("q", [0])
        self.numbers = array("l")
        self.counts = array("d")
        self.scales = array("d")
        self.backoffs = array("d")
        self.rows = {context: row for row, context in enumerate(order)}

    @classmethod
    def of(cls, weights: dict[Context, Weights]) -> _Packed:
        """Pack one model's weights, the counts of each context in their order."""
        number: dict[str, int] = {}
        packed = cls([], list(weights))
        for counter, scale, backoff in weights.values():
            for token in counter:
                if token not in number:
                    number[token] = len(packed.tokens)
                    packed.tokens.append(token)
            packed.numbers.extend(map(number.__getitem__, counter))
            packed.counts.extend(counter.values())
            packed.offsets.append(len(packed.numbers))
            packed.scales.append(scale)
            packed.backoffs.append(backoff)
        return packed

    def __getstate__(self) -> dict[str, object]:
        """The arrays (each context's row is made again at load)."""
        state = dict(self.__dict__)
        del state["rows"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        order: Sequence[Context] = self.order
        self.rows = dict(zip(order, range(len(order)), strict=True))

    def weights(self, context: Context) -> Weights | None:
        """A context's weights (None: this model has not seen it)."""
        row = self.rows.get(context)
        return None if row is None else self.weights_of_row(row)

    def weights_of_row(self, row: int) -> Weights:
        """The weights packed at a row, its counts in the order they were packed."""
        start, end = self.offsets[row], self.offsets[row + 1]
        tokens = map(self.tokens.__getitem__, self.numbers[start:end])
        counter = dict(zip(tokens, self.counts[start:end], strict=True))
        return counter, self.scales[row], self.backoffs[row]
