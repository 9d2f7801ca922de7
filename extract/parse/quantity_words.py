"""The comparison words of the quantity reader, and how a word is found before a figure.

Shared by :mod:`extract.parse.quantities`, :mod:`extract.parse.quantity_filters` and
:mod:`extract.parse.table_figures`; the words themselves are data
(``data/items.yaml``, ``quantities``).
"""

from __future__ import annotations

from functools import cache

from extract.parse.vocabulary import items
from extract.text import fold


@cache
def prefix_ops() -> tuple[tuple[str, str], ...]:
    """The comparison words before a figure (folded) with their op, longest first."""
    pairs = [
        (fold(word), op) for op, group in items().quantities.prefix_ops.items() for word in group
    ]
    return tuple(sorted(pairs, key=lambda item: -len(item[0])))


@cache
def prefix_words() -> tuple[str, ...]:
    return tuple(word for word, _ in prefix_ops())


def word_end(before: str, word: str) -> bool:
    """``before`` ends with ``word`` as a whole word."""
    if not before.endswith(word):
        return False
    head = before[: len(before) - len(word)]
    # "->" is an arrow, not "greater than".
    return not head or not (head[-1].isalnum() or head[-1] in "-=<>")
