"""Choosing each plan's parent in the worker processes, not in the coordinating one.

``app.audit.hierarchy`` works out which candidates each child is offered and keeps
the choices already made; the choices left are made here, on the executor: each
group of children offered the same candidates travels with those candidates'
packed models, and the worker turns the JSON back into models and asks
``find_parent``. The coordinating process used to turn every child and every
candidate into a model itself, which made it a sixth of an audit's CPU and the
one part that did not spread over the cores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from app.audit.engine import run_jobs
from app.plan_store import renamed
from app.store.cache_rows import unpack

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from extract.model import Plan
    from rules.reference import Level

# Children offered the same candidates go to the workers in this many pieces at most
# (each piece carries every candidate, and its worker makes each candidate's model:
# a ward of a large batch is offered every plan one level up, over a hundred), and
# in pieces of at least this many children.
_PIECES = 4
_MIN_GROUP = 32


@dataclass(frozen=True)
class ChoiceGroup:
    """Children offered the same candidates, with every model packed (``pack``).

    Attributes:
        candidates: (path, packed plan) of each candidate, in batch order
            (``find_parent`` breaks ties by that order).
        children: (path, packed plan) of each child to choose a parent for.
        levels: The level of each of these plans, by the sha256 of its file.
    """

    candidates: tuple[tuple[str, bytes], ...]
    children: tuple[tuple[str, bytes], ...]
    levels: tuple[tuple[str, Level | None], ...]


def choose_group(group: ChoiceGroup) -> list[str | None]:
    """The sha256 of each child's parent among the group's candidates (None: none fits)."""
    from app.audit.hierarchy import choose_among

    candidates = [_candidate(path, packed) for path, packed in group.candidates]
    levels = dict(group.levels)
    return [
        choose_among(_model(path, packed), candidates, levels) for path, packed in group.children
    ]


@lru_cache(maxsize=8)
def packed_plan(path: str, packed: bytes) -> Plan:
    """The model of a plan packed by ``pack``, read from ``path``, kept for the next group.

    A parent comes back group after group of the check stage: each worker turns
    it into a model once. The model is shared, as it was within one group.
    """
    return _model(path, packed)


def warm_up_choosing() -> None:
    """Import what ``choose_group`` needs before worker processes are forked."""
    from rules.linking import find_parent  # noqa: F401
    from rules.linking.levels import hierarchy_words

    hierarchy_words()


def choose_parents(
    undecided: dict[str, list[str]],
    plans: dict[str, bytes],
    digests: dict[str, str],
    levels: dict[str, Level | None],
    stage: Callable[[], AbstractContextManager[Executor]],
) -> dict[str, str | None]:
    """Each child's parent's sha256 among its candidates, decided on the stage's executor.

    Args:
        undecided: Child path -> the paths of its candidates, in batch order.
        plans: Packed plan models by path (every child and candidate).
        digests: The sha256 of each path's bytes.
        levels: Each plan's level by sha256.
        stage: Opens the executor (a local pool started warm, or the caller's).
    """
    groups = list(_groups(undecided, plans, digests, levels))
    decided: dict[str, str | None] = {}
    with stage() as executor:
        for group, parents in run_jobs(choose_group, groups, executor, _choose_here):
            for (path, _), parent in zip(group.children, parents, strict=True):
                decided[path] = parent
    return decided


def _groups(
    undecided: dict[str, list[str]],
    plans: dict[str, bytes],
    digests: dict[str, str],
    levels: dict[str, Level | None],
) -> Iterator[ChoiceGroup]:
    by_offer: dict[tuple[str, ...], list[str]] = {}
    for path, offered in undecided.items():
        by_offer.setdefault(tuple(offered), []).append(path)
    for offer, children in by_offer.items():
        candidates = tuple((other, plans[other]) for other in offer)
        size = max(_MIN_GROUP, -(-len(children) // _PIECES))
        for start in range(0, len(children), size):
            chunk = children[start : start + size]
            needed = {*(digests[path] for path in chunk), *(digests[other] for other in offer)}
            yield ChoiceGroup(
                candidates=candidates,
                children=tuple((path, plans[path]) for path in chunk),
                levels=tuple((key, levels[key]) for key in sorted(needed) if key in levels),
            )


def _choose_here(group: ChoiceGroup, _error: BaseException) -> list[str | None]:
    # The worker was lost (not a defect of a plan: find_parent raises for none):
    # the choice is made in this process, as it always was before.
    return choose_group(group)


def _candidate(path: str, packed: bytes) -> Plan:
    """A candidate's model with only what choosing a parent reads: its source, header and lines.

    ``find_parent`` reads a candidate's source, metadata and text (its level, the Đề án
    it carries out, its district), never its sections, targets, tasks, dates or markers.
    A ward of a 3,000-plan batch is offered some four hundred candidates, all held at
    once by the worker choosing for it: the structure lists were half of each model
    (~560 KB -> ~260 KB), and the batch's peak memory (issue 18).
    """
    plan = _model(path, packed)
    unread: dict[str, object] = {
        name: []
        for name in type(plan).model_fields
        if name not in _READ_BY_CHOOSING and isinstance(getattr(plan, name), list)
    }
    return plan.model_copy(update=unread)


# What rules.linking.find_parent (and the identity and level look-ups it makes) reads of
# a candidate; every other list of the model is left empty in the choosing stage.
_READ_BY_CHOOSING = frozenset({"schema_version", "source", "meta", "lines"})


def _model(path: str, packed: bytes) -> Plan:
    from extract.model import Plan

    return renamed(Plan.model_validate_json(unpack(packed)), path)
