"""Which plan of a batch implements which: ``rules.linking.find_parent`` at batch scale.

``find_parent(child, candidates)`` works out the level of every candidate it is
given, so offering each plan all the others costs n² level look-ups (hours for
a thousand plans). Here each plan's level is worked out once, and each child is
offered only the candidates ``find_parent`` could choose: the plans it cites by
number, and the plans exactly one level above it (agencies only when cited:
``find_parent`` never takes an uncited one). ``find_parent`` still makes
every decision; this only leaves out candidates its own tests would reject.
Facts and decisions are cached by content, so a batch where one plan changed
asks ``find_parent`` again only about the choices that plan takes part in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from app.audit.cache import code_version, make_key

if TYPE_CHECKING:
    from app.audit.cache import AuditCache
    from extract.model import Plan
    from rules.reference import Level

# find_parent never takes a provincial agency (sở, ban, ngành) as a locality's parent by
# level, only when the child cites it by number: agencies are offered by number alone. A
# ward of a large batch was offered every agency one rank up (rank: agency = huyện), some
# four hundred plans at 3,000, which its worker turned into models only to reject them.
_AGENCY = "agency"
# A plan's level, its normalised number and the normalised numbers it cites.
Facts: TypeAlias = "tuple[Level | None, str | None, list[str]]"
# Each plan's level by the sha256 of its file.
Levels: TypeAlias = "dict[str, Level | None]"
# Makes the choices not in the cache: (child path -> its candidates' paths in batch
# order, every plan's level) -> child path -> the chosen parent's sha256 (None: none fits).
Decide: TypeAlias = "Callable[[dict[str, list[str]], Levels], dict[str, str | None]]"


def find_parents(
    paths: list[str],
    plan_at: Callable[[str], Plan],
    digests: dict[str, str],
    cache: AuditCache | None = None,
    decide: Decide | None = None,
) -> dict[str, str | None]:
    """Each plan's parent among the batch, by sha256 of the file (None: no parent here).

    Args:
        paths: The plans of the batch, in batch order.
        plan_at: Gives the plan model of a path. Plans are asked for one at a
            time and let go, except the candidates, so that a large batch does
            not hold every plan model at once.
        digests: The sha256 of each path's bytes.
        cache: Where each plan's facts and each child's choice among its
            candidates are kept; when one plan of a batch changes, only the
            decisions that involve it are made again.
        decide: Makes the choices not found in the cache (an audit hands them to
            its worker processes: ``app.audit.choosing``); None: here, one by one,
            with the models ``plan_at`` gives.
    """
    from rules.linking.levels import hierarchy_words

    ranks = hierarchy_words().rank
    facts = _facts(paths, plan_at, digests, cache)
    by_rank: dict[int, list[str]] = defaultdict(list)
    by_number: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        level, number, _ = facts[path]
        if level is not None and level != _AGENCY:
            by_rank[ranks[level]].append(path)
        if number:
            by_number[number].append(path)
    order = {path: index for index, path in enumerate(paths)}
    offers: dict[str, list[str]] = {}
    for path in paths:
        level, _, cited = facts[path]
        offered = {other for number in cited for other in by_number[number]}
        if level is not None:
            offered.update(by_rank[ranks[level] - 1])
        # Same order as the batch, so that find_parent's tie-breaking is unchanged.
        offers[path] = sorted(offered, key=order.__getitem__)
    levels = {digests[path]: facts[path][0] for path in paths}
    return _choose(offers, digests, cache, decide or _deciding_here(plan_at), levels)


def plan_facts(plan: Plan) -> Facts:
    """What choosing parents needs of a plan: its level, normalised number, numbers cited."""
    from rules.linking.basis import number_key
    from rules.linking.levels import plan_level
    from rules.linking.parent import cited_numbers

    number = number_key(plan.meta.number) if plan.meta.number else None
    return plan_level(plan), number, sorted(cited_numbers(plan))


def store_facts(cache: AuditCache, facts: dict[str, Facts]) -> None:
    """Keep the facts of plans (by sha256 of the file) worked out where they were read."""
    cache.store_values({_facts_key(digest): list(value) for digest, value in facts.items()})


def paths_without_facts(
    paths: list[str], digests: dict[str, str], cache: AuditCache
) -> list[str]:
    """The plans whose hierarchy facts are not cached: the ones ``find_parents`` must read."""
    keys = {path: _facts_key(digests[path]) for path in paths}
    stored = cache.values(list(keys.values()))
    return [path for path in paths if keys[path] not in stored]


def _facts_key(digest: str) -> str:
    return make_key("facts", code_version(), digest)


def _facts(
    paths: list[str],
    plan_at: Callable[[str], Plan],
    digests: dict[str, str],
    cache: AuditCache | None,
) -> dict[str, Facts]:
    """Each plan's level, normalised number and the numbers it cites."""
    keys = {path: _facts_key(digests[path]) for path in paths}
    stored = cache.values(list(keys.values())) if cache is not None else {}
    facts: dict[str, Facts] = {}
    new: dict[str, object] = {}
    for path in paths:
        if keys[path] in stored:
            level, number, cited = stored[keys[path]]
        else:
            level, number, cited = plan_facts(plan_at(path))
            new[keys[path]] = [level, number, cited]
        facts[path] = (level, number, cited)
    if cache is not None:
        cache.store_values(new)
    return facts


def choose_among(child: Plan, candidates: list[Plan], levels: Levels) -> str | None:
    """The sha256 of the candidate ``find_parent`` picks for ``child``, or None.

    Each plan's level was worked out once with its facts (``levels``, by sha256):
    ``find_parent`` looks it up rather than working it out again for every child.
    """
    from rules.linking import find_parent
    from rules.linking.levels import plan_level

    def level_of(plan: Plan) -> Level | None:
        digest = plan.source.sha256
        return levels[digest] if digest in levels else plan_level(plan)

    parent = find_parent(child, candidates, level_of=level_of) if candidates else None
    return parent.source.sha256 if parent is not None else None


def _deciding_here(plan_at: Callable[[str], Plan]) -> Decide:
    """Make the choices in this process, holding each candidate's model once."""

    def decide(undecided: dict[str, list[str]], levels: Levels) -> dict[str, str | None]:
        held: dict[str, Plan] = {}
        decided: dict[str, str | None] = {}
        for path, offered in undecided.items():
            for other in set(offered).difference(held):
                held[other] = plan_at(other)
            candidates = [held[other] for other in offered]
            decided[path] = choose_among(plan_at(path), candidates, levels)
        return decided

    return decide


def _choose(
    offers: dict[str, list[str]],
    digests: dict[str, str],
    cache: AuditCache | None,
    decide: Decide,
    levels: Levels,
) -> dict[str, str | None]:
    """Each child's parent: from the cache, or asked of ``decide`` for the choices not known."""
    version = code_version()
    keys = {
        path: make_key("choice", version, digests[path], *(digests[other] for other in offered))
        for path, offered in offers.items()
    }
    stored = cache.values(list(keys.values())) if cache is not None else {}
    undecided = {
        path: offered for path, offered in offers.items() if keys[path] not in stored and offered
    }
    decided = decide(undecided, levels) if undecided else {}
    parents: dict[str, str | None] = {}
    new: dict[str, object] = {}
    for path in offers:
        if keys[path] in stored:
            parents[digests[path]] = stored[keys[path]]
            continue
        parents[digests[path]] = new[keys[path]] = decided.get(path)
    if cache is not None:
        cache.store_values(new)
    return parents
