"""The batch engine: pure per-plan functions and a pluggable executor.

Two pure functions do all the work of an audit, each a function of its
arguments only (no globals, no database, no output folder):

* ``load_one(path)`` reads one document into a plan model;
* ``audit_one(job)`` checks one plan against its parent and renders its report.

Both return plain picklable outcomes and never raise for a bad document, so any
``concurrent.futures.Executor`` can run them: the default is a local process
pool, and Dask's ``Client.get_executor()`` or Ray's ``ray.util`` executors run
the same functions unchanged on a cluster (paths must then be on shared storage).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from app.lifetime import exit_with_parent
from app.plan_store import renamed
from app.store.cache_rows import pack, unpack

if TYPE_CHECKING:
    from extract.model import Plan

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True)
class Failure:
    """Why a file could not be checked.

    Attributes:
        reason: A key of ``extract.errors.REASONS``, or 'internal' for a defect of ours.
        message: One line naming the file, Vietnamese then English (as the CLI prints).
        message_vi: The same in Vietnamese only (for the audit workbook and index).
    """

    reason: str
    message: str
    message_vi: str


@dataclass(frozen=True)
class LoadOutcome:
    """The result of ``load_one``: the plan model as packed JSON, or a failure.

    Packed JSON rather than the model: a batch keeps every plan between its
    stages; a plan model takes about eight times the memory of its JSON, and
    the JSON (three bytes a character in a Python string of Vietnamese) about
    twenty times its compressed UTF-8.
    """

    path: str
    plan_packed: bytes = b""
    failure: Failure | None = None


@dataclass(frozen=True)
class AuditJob:
    """Everything ``audit_one`` needs to check one plan.

    Attributes:
        path: The child plan's file.
        child_packed: The child plan model as packed JSON (``pack``) when
            already read (saves reading it again); empty reads it from ``path``.
        parent: The plan it implements, or None (document rules only, unless
            ``parent_packed`` is given).
        config: The rules configuration (``rules.config.load_config``), or None
            for the defaults; the reference model is loaded by the rules from
            the bundled data, whose content is part of the cache key.
        parent_path: The parent's file, with ``parent_packed``.
        parent_packed: The parent plan model as packed JSON: what a batch sends
            (a tenth of the bytes of the pickled model, and a worker turns it
            into a model once for every plan it checks against that parent).
    """

    path: str
    child_packed: bytes = b""
    parent: Plan | None = None
    config: Any = None
    parent_path: str = ""
    parent_packed: bytes = b""


@dataclass(frozen=True)
class AuditGroup:
    """Several plans with the same parent, checked by one call of ``audit_group``.

    The parent travels to the worker once per group instead of once per plan:
    a large parent plan costs tens of milliseconds to send, more than the
    report of a small plan costs to render.
    """

    jobs: tuple[AuditJob, ...]


@dataclass(frozen=True)
class PackedResult:
    """One plan's rendered report as the audit cache keeps it (``pack``: zlib of UTF-8).

    Packed where it is rendered: in the worker processes, not in the coordinating
    one, which only writes the files and stores the rows.

    Attributes:
        json_packed: The full report (reports/SCHEMA.md).
        html_packed: The self-contained HTML page of the report.
        report_docx: The DOCX review note (a zip already: not packed again);
            empty when it could not be written (or, in the cache, not kept).
        summary_packed: The report without the plan's text, enough for the audit
            workbook and index (kept small so that a cached re-audit is fast).
        has_errors: Whether an active error-severity finding is present.
    """

    json_packed: bytes
    html_packed: bytes
    report_docx: bytes
    summary_packed: bytes
    has_errors: bool


@dataclass(frozen=True)
class PlanOutcome:
    """The result of ``audit_one``: the rendered report of one plan, or a failure.

    Attributes:
        path: The child plan's file.
        result: The rendered report, packed; None when the plan could not be checked.
        failure: Set instead of the report when the plan could not be checked,
            or beside it when one of its files could not be written (the
            others are still written, and the audit exits 2).
    """

    path: str
    result: PackedResult | None = None
    failure: Failure | None = None

    @property
    def report_json(self) -> str:
        """The full report's JSON ('' without a report)."""
        return unpack(self.result.json_packed) if self.result is not None else ""

    @property
    def report_html(self) -> str:
        """The report's HTML page ('' without a report)."""
        return unpack(self.result.html_packed) if self.result is not None else ""


def load_one(path: str) -> LoadOutcome:
    """Read one document into a plan model; a bad file becomes a failure, never an error."""
    from extract import load_plan

    try:
        return LoadOutcome(path=path, plan_packed=pack(load_plan(path).model_dump_json()))
    except Exception as error:  # one bad file must not stop the batch
        return LoadOutcome(path=path, failure=describe_failure(path, error))


def audit_one(job: AuditJob) -> PlanOutcome:
    """Check one plan against its parent and render its report (HTML and JSON).

    Args:
        job: The plan, its parent and the rules configuration.

    Returns:
        The rendered report, or the failure when the plan could not be read
        or checked.
    """
    try:
        return _audit(job)
    except Exception as error:  # one bad file must not stop the batch
        return PlanOutcome(path=job.path, failure=describe_failure(job.path, error))


def audit_group(group: AuditGroup) -> list[PlanOutcome]:
    """``audit_one`` for each job of ``group``, in order."""
    return [audit_one(job) for job in group.jobs]


def group_jobs(jobs: list[AuditJob], size: int) -> list[AuditGroup]:
    """Pack jobs into groups of at most ``size`` that share one parent (same object or file)."""
    by_parent: dict[tuple[int, str], list[AuditJob]] = {}
    for job in jobs:
        by_parent.setdefault((id(job.parent), job.parent_path), []).append(job)
    return [
        AuditGroup(tuple(members[start : start + size]))
        for members in by_parent.values()
        for start in range(0, len(members), size)
    ]


def warm_up_checks() -> None:
    """Import and load what ``audit_one`` needs, once, before worker processes are forked."""
    from app.pipeline import warm_up

    warm_up()


def describe_failure(path: str, error: BaseException) -> Failure:
    """Turn an exception into a failure: input errors keep their reason and message."""
    from extract.errors import PlanInputError

    if isinstance(error, PlanInputError):
        return Failure(error.reason, error.message, error.message_vi)
    from extract.errors import explain

    detail = explain(error)
    return Failure(
        reason="internal",
        message=f"{path}: lỗi nội bộ khi rà soát / internal error while checking ({detail})",
        message_vi=f"{path}: lỗi nội bộ khi rà soát ({detail})",
    )


def report_failure(path: str, what: str, error: BaseException) -> Failure:
    """A report of ``path`` (``what``: 'phiếu DOCX', 'audit.xlsx') could not be written."""
    from extract.errors import explain

    detail = explain(error)
    return Failure(
        reason="report",
        message=f"{path}: không lập được {what} / cannot write the {what} ({detail})",
        message_vi=f"{path}: không lập được {what} ({detail})",
    )


def _audit(job: AuditJob) -> PlanOutcome:
    from app.pipeline import PlanFile, check_one
    from extract.model import Plan
    from reports import render_html, render_json

    child: Plan | PlanFile = PlanFile(Path(job.path))
    if job.child_packed:
        child = renamed(Plan.model_validate_json(unpack(job.child_packed)), job.path)
    parent = job.parent
    if parent is None and job.parent_packed:
        from app.audit.choosing import packed_plan

        parent = packed_plan(job.parent_path, job.parent_packed)
    report = check_one(child, parent=parent, config=job.config).report()
    summary = report.model_copy(update={"text": []})
    docx, failure = render_note(job.path, report)
    result = PackedResult(
        json_packed=pack(render_json(report)),
        html_packed=pack(render_html(report)),
        report_docx=docx,
        summary_packed=pack(summary.model_dump_json()),
        has_errors=report.status == "failed",
    )
    return PlanOutcome(path=job.path, result=result, failure=failure)


def render_note(path: str, report: Any) -> tuple[bytes, Failure | None]:
    """The DOCX review note of ``report`` as bytes; a failure to write it loses only the note."""
    import io

    from reports import render_docx

    buffer = io.BytesIO()
    try:
        render_docx(report, buffer)
    except Exception as error:  # the HTML and JSON reports are still written
        return b"", report_failure(path, "phiếu rà soát DOCX", error)
    return buffer.getvalue(), None


def run_jobs(
    function: Callable[[Job], Outcome],
    jobs: Iterable[Job],
    executor: Executor,
    on_failure: Callable[[Job, BaseException], Outcome],
) -> Iterator[tuple[Job, Outcome]]:
    """Run ``function`` over ``jobs`` on ``executor``; yield (job, outcome) as each completes.

    A job whose worker died (the pool broke, a node was lost) gets the outcome
    ``on_failure`` makes for it, so the batch always accounts for every job.
    """
    if isinstance(executor, InlineExecutor):
        # In this process: run lazily so that progress is shown job by job.
        for job in jobs:
            try:
                yield job, function(job)
            except Exception as error:  # same contract as a pool
                yield job, on_failure(job, error)
        return
    futures: dict[Future[Outcome], Job] = {}
    for job in jobs:
        try:
            futures[executor.submit(function, job)] = job
        except Exception as error:  # the pool broke while jobs were still being sent
            yield job, on_failure(job, error)
    for future in as_completed(futures):
        # Let go of each finished future: it holds its outcome (a rendered report),
        # and a thousand of them kept to the end took hundreds of megabytes.
        job = futures.pop(future)
        try:
            yield job, future.result()
        except Exception as error:  # a lost worker fails only its job
            yield job, on_failure(job, error)


class InlineExecutor(Executor):
    """Runs each job at once in this process: no start-up cost for one job or --jobs 1."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:  # delivered through the future
            future.set_exception(error)
        return future


@contextmanager
def local_executor(jobs: int | None) -> Iterator[Executor]:
    """The default executor: a pool of ``jobs`` worker processes (None: every core).

    One worker means this process alone: no pool to start for a single plan.
    """
    workers = jobs if jobs is not None else len(os.sched_getaffinity(0))
    if workers <= 1:
        yield InlineExecutor()
        return
    # Workers exit when the audit dies (SIGKILL runs no clean-up): app.lifetime. The pool
    # forks its workers from this thread, so Linux's death signal is safe to ask for.
    with ProcessPoolExecutor(
        max_workers=workers, initializer=exit_with_parent, initargs=(os.getpid(), True)
    ) as pool:
        yield pool
