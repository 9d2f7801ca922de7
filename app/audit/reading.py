"""The reading stage of an audit: each plan read into its model once, in a worker.

A worker reads a document, packs its model as JSON for the batch to keep, and
works out on the model it already holds the hierarchy facts the batch needs
to find each plan's parent (level, number, numbers cited). The coordinating
process then never turns a freshly read plan's JSON back into a model to learn
those facts: it did so for every plan, and again for every child when choosing
its parent, which made it the bottleneck of a two-core audit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.audit.cache import AuditCache, code_version, make_key
from app.audit.engine import Failure, describe_failure, pack, run_jobs
from app.audit.hierarchy import plan_facts, store_facts

if TYPE_CHECKING:
    from concurrent.futures import Executor
    from contextlib import AbstractContextManager

    from app.audit.batch import Progress
    from app.audit.hierarchy import Facts

# Read plans are stored in the cache in groups, so an interrupted audit keeps most of its work.
FLUSH_EVERY = 50


@dataclass(frozen=True)
class ReadOutcome:
    """What a worker made of one file: its packed plan model and facts, or a failure."""

    path: str
    plan_packed: bytes = b""
    facts: Facts | None = None
    failure: Failure | None = None


def read_one(path: str) -> ReadOutcome:
    """Read one document; a bad file becomes a failure, never an error."""
    from extract import load_plan

    try:
        plan = load_plan(path)
        packed = pack(plan.model_dump_json())
        return ReadOutcome(path=path, plan_packed=packed, facts=plan_facts(plan))
    except Exception as error:  # one bad file must not stop the batch
        return ReadOutcome(path=path, failure=describe_failure(path, error))


def read_plans(
    paths: list[str],
    digests: dict[str, str],
    cache: AuditCache,
    stage: Callable[[], AbstractContextManager[Executor]],
    progress: Progress,
) -> Iterator[ReadOutcome]:
    """Read ``paths`` on the stage's executor; store plans and facts; yield each outcome.

    Plans found in the cache are yielded without their facts (the hierarchy
    finds those in the cache, or works them out itself).
    """
    keys = {path: plan_key(digests[path]) for path in paths}
    stored = cache.packed_plans(list(keys.values()))
    to_read = []
    for path in paths:
        if keys[path] in stored:
            yield ReadOutcome(path=path, plan_packed=stored[keys[path]])
        else:
            to_read.append(path)
    del stored
    if not to_read:
        return
    # Largest first: a long or garbled plan started last would leave the
    # other workers idle at the end.
    to_read.sort(key=_size, reverse=True)
    progress.stage("Đọc văn bản", len(to_read))
    plans: dict[str, bytes] = {}
    facts: dict[str, Facts] = {}
    with stage() as executor:
        for path, outcome in run_jobs(read_one, to_read, executor, _read_failure):
            progress.advance(path)
            if outcome.failure is None:
                plans[keys[path]] = outcome.plan_packed
                if outcome.facts is not None:
                    facts[digests[path]] = outcome.facts
            yield outcome
            if len(plans) >= FLUSH_EVERY:
                cache.store_packed_plans(plans)
                store_facts(cache, facts)
                plans, facts = {}, {}
    cache.store_packed_plans(plans)
    store_facts(cache, facts)


def plan_key(digest: str) -> str:
    """The cache key of the plan model read from a file with this sha256."""
    return make_key("plan", code_version(), digest)


def _read_failure(path: str, error: BaseException) -> ReadOutcome:
    return ReadOutcome(path=path, failure=describe_failure(path, error))


def _size(path: str) -> int:
    import os

    try:
        return os.path.getsize(path)
    except OSError:
        return 0
