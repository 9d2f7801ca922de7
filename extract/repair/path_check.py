"""The beam's best reading of a line, read back and checked run by run for a better fill.

The beam keeps ``BEAM`` histories at each space and ranks them before it has
seen the next word. A short word's fill is often told by that word alone:
"c  thể" is "cụ thể", but after "kế hoạch" the language model prefers "cơ", "cứ"
and "cư" to "cụ", so "cụ" can fall out of the beam before "thể" is scored (the
garbled town plan's line 708, in the passes after the first). The path the
beam returns is then not the best it could have scored. Changing one run's
fill changes only the fill's cost and the log probabilities of its own tokens
and of the ``order - 1`` tokens after it, so each run's alternatives are scored
exactly that far: a swap happens only when the whole line's score rises.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from extract.repair.run_reader import Option

History = tuple[str, ...]
# One run of a decoded line: where it starts (the space before it), the history before
# it and the reading chosen; what the beam keeps of how it reached a reading.
Step = tuple[int, History, Option]
Back = Step | None
Beams = dict[int, dict[History, tuple[float, Back]]]


def backtrack(beams: Beams, end: int, history: History) -> list[Step]:
    """The path of runs that reached ``history`` at ``end``, first run first."""
    path = []
    position, current = end, history
    while True:
        back = beams[position][current][1]
        if back is None:
            break
        left, previous, option = back
        path.append((left, previous, option))
        position, current = left, previous
    path.reverse()
    return path


def rechecked(
    path: list[Step],
    alternatives: Callable[[int, History, Option], list[Option]],
    score: Callable[[Option, History, tuple[str, ...], float], float],
    following: tuple[str, ...],
    keep: int,
) -> list[Step]:
    """The path with each run's reading swapped for a better-scoring one, left to right.

    Args:
        path: The beam's best path.
        alternatives: The readings the beam had for a step's run, after its history
            (empty for a run without blanks).
        score: Fill cost plus log probability of a reading's tokens and of the tokens
            given after it, from a history; it may stop below the floor given last.
        following: The tokens that open the next line (scored after the line's last run).
        keep: Tokens of history the language model reads (its order - 1).

    Returns:
        The path, each step with the history of the (possibly swapped) readings before it.

    """
    steps = list(path)
    for number, (left, history, option) in enumerate(steps):
        candidates = alternatives(left, history, option)
        if not candidates:
            continue
        after = _tokens_after(steps, number, following, keep)
        best, best_score = option, score(option, history, after, -math.inf)
        for candidate in candidates:
            candidate_score = score(candidate, history, after, best_score)
            if candidate_score > best_score:
                best, best_score = candidate, candidate_score
        if best is not option:
            steps[number] = (left, history, best)
            _rewrite_histories(steps, number, keep)
    return steps


def _tokens_after(
    steps: list[Step], number: int, following: tuple[str, ...], keep: int
) -> tuple[str, ...]:
    """The ``keep`` tokens after a step (the next line's opening when the line ends first)."""
    tokens: list[str] = []
    for _, _, later in steps[number + 1 :]:
        tokens += later.tokens
        if len(tokens) >= keep:
            return tuple(tokens[:keep])
    return (*tokens, *following)[:keep]


def _rewrite_histories(steps: list[Step], start: int, keep: int) -> None:
    """Give the steps after ``start`` the histories of the readings now before them."""
    left, current, option = steps[start]
    for number in range(start + 1, len(steps)):
        current = (*current, *option.tokens)[-keep:]
        left, history, option = steps[number]
        if history == current:
            return  # the swap is out of the history from here on
        steps[number] = (left, current, option)
