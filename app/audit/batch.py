"""One audit's state between its stages: discover, read, find parents, check, write reports.

Reading is app/audit/reading.py, choosing parents app/audit/hierarchy.py, the
batch-wide files app/audit/summary.py; this module keeps what each stage hands
the next (file digests, packed plan models, cache keys, reports written).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.audit.cache import AuditCache, code_version, make_key
from app.audit.discovery import discover_plans
from app.audit.engine import (
    AuditGroup,
    AuditJob,
    Failure,
    InlineExecutor,
    PackedResult,
    PlanOutcome,
    audit_group,
    describe_failure,
    group_jobs,
    local_executor,
    run_jobs,
    unpack,
    warm_up_checks,
)
from app.audit.output import report_stem, write_plan_report
from app.audit.reading import read_plans
from app.plan_store import renamed

if TYPE_CHECKING:
    from extract.model import Plan
    from rules.reference import Level

# Stored results are written in groups, so an interrupted audit keeps most of its work.
_FLUSH_EVERY = 50
# Plans sent to a worker in one piece (they share their parent plan).
_MAX_GROUP = 16


class Progress(Protocol):
    """What the batch tells its user while it runs (the CLI draws a rich bar)."""

    def stage(self, label: str, total: int) -> None:
        """A new stage starts with ``total`` files to go (label in Vietnamese)."""

    def advance(self, path: str) -> None:
        """One file of the current stage is done."""


@dataclass(frozen=True)
class Written:
    """A plan report already in the output folder: its link and its summary."""

    link: str
    summary_packed: bytes
    has_errors: bool


@dataclass
class AuditRun:
    """What an audit did.

    Attributes:
        index: The index.html written (None when there was nothing to write to).
        plans: Plan files found, with the entries that could not be entered.
        checked: Plans checked in this run (cache misses).
        reused: Plans whose report came from the cache.
        failures: Files that could not be checked, by path.
        has_errors: Whether any checked plan has an active error finding.
        unchecked: Plans whose text could not be read reliably (report status
            'unchecked', issue 22): they count as files not checked.
    """

    index: Path | None = None
    plans: int = 0
    checked: int = 0
    reused: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)
    has_errors: bool = False
    unchecked: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 if any file failed or could not be read reliably, else 1 on error findings, else 0."""
        if self.failures or self.unchecked:
            return 2
        return 1 if self.has_errors else 0


class Pools:
    """The executor of each stage: the caller's, or a fresh local pool per stage.

    A local pool is made when its stage starts, after this process has imported
    and loaded what the stage needs, so that forked workers start warm instead of
    each importing the rules and reading the reference model again.
    """

    def __init__(self, executor: Executor | None, jobs: int | None) -> None:
        self.executor = executor
        self.jobs = jobs

    @contextmanager
    def stage(self, warm_up: Callable[[], None] | None = None) -> Iterator[Executor]:
        if self.executor is not None:
            yield self.executor
            return
        if warm_up is not None:
            warm_up()
        with local_executor(self.jobs) as pool:
            yield pool


class Batch:
    """The state of one audit between its stages."""

    def __init__(
        self,
        folder: Path,
        out: Path,
        cache: AuditCache,
        pools: Pools,
        progress: Progress,
        config_path: Path | None,
    ) -> None:
        self.folder = folder
        self.out = out
        self.root = folder if folder.is_dir() else folder.parent
        self.cache = cache
        self.pools = pools
        self.progress = progress
        self.run_info = AuditRun()
        self.config: Any = None
        self.config_digest = ""
        if config_path is not None:
            from rules.config import load_config

            self.config = load_config(config_path)
            self.config_digest = hashlib.sha256(config_path.read_bytes()).hexdigest()
        self.digests: dict[str, str] = {}
        # Plan models as packed JSON by path: the models themselves are made when needed.
        self.plans: dict[str, bytes] = {}
        self.keys: dict[str, str] = {}
        self.written: dict[str, Written] = {}

    def run(self) -> None:
        """Read, match, check and write each plan's report (reused from the cache if it can)."""
        self._discover()
        parents = self.cache.parents(self._batch_key())
        if parents is None:
            from app.audit.hierarchy import paths_without_facts

            # Plans whose facts are cached are read later, and only if needed.
            self._load(paths_without_facts(list(self.digests), self.digests, self.cache))
            parents = self._find_parents()
        self.keys = {path: self._result_key(path, parents) for path in self.digests}
        missing = self._reuse()
        self._load(self._needed(missing, parents))
        self.check(missing, parents)

    def plan_at(self, path: str) -> Plan:
        """The plan model of a file of this batch (read now if not read yet)."""
        from extract.model import Plan

        if path not in self.plans:
            self._load([path])
        return renamed(Plan.model_validate_json(unpack(self.plans[path])), path)

    def _reuse(self) -> list[str]:
        """Write the reports found in the cache; return the paths that must be checked."""
        missing: list[str] = []
        paths = list(self.keys)
        for start in range(0, len(paths), _FLUSH_EVERY):
            chunk = paths[start : start + _FLUSH_EVERY]
            found = self.cache.packed_results([self.keys[path] for path in chunk])
            for path in chunk:
                result = found.get(self.keys[path])
                if result is None:
                    missing.append(path)
                else:
                    self._emit(path, result)
        self.run_info.reused = len(paths) - len(missing)
        return missing

    def _emit(self, path: str, result: PackedResult) -> None:
        """Write one plan's report files now; keep only what the audit files need."""
        stem = report_stem(_relative(Path(path), self.root))
        report_json = zlib.decompress(result.json_packed)
        docx = result.report_docx or self._note_from_json(path, report_json)
        html = zlib.decompress(result.html_packed)
        link = write_plan_report(self.out, stem, report_json, html, docx)
        self.written[path] = Written(link, result.summary_packed, result.has_errors)
        self.run_info.has_errors = self.run_info.has_errors or result.has_errors
        if json.loads(unpack(result.summary_packed)).get("status") == "unchecked":
            self.run_info.unchecked.append(path)

    def _note_from_json(self, path: str, report_json: bytes) -> bytes:
        """The DOCX review note of a report reused from the cache (which keeps no note)."""
        from app.audit.engine import render_note
        from reports import Report

        docx, failure = render_note(path, Report.model_validate_json(report_json))
        if failure is not None:
            self._fail(path, failure)
        return docx

    def _discover(self) -> None:
        from extract import read_bytes
        from extract.errors import PlanInputError
        from extract.limits import Limits

        discovery = discover_plans(self.folder)
        for path, reason, detail in discovery.skipped:
            self._fail(str(path), describe_failure(str(path), PlanInputError(path, reason, detail)))
        limits = Limits.from_env()
        # Entries that could not be entered count too: checked + reused + failed = plans.
        self.run_info.plans = len(discovery.plans) + len(discovery.skipped)
        for path in discovery.plans:
            try:
                data = read_bytes(path, limits)
            except PlanInputError as error:
                self._fail(str(path), describe_failure(str(path), error))
                continue
            self.digests[str(path)] = hashlib.sha256(data).hexdigest()

    def outputs_key(self, paths: list[str], root: Path) -> str:
        """The key of the batch-wide files: every report, every failure, where links go."""
        failures = sorted(self.run_info.failures.items())
        return make_key(
            "outputs",
            code_version(),
            str(root),
            *(f"{path}\x1f{self.keys[path]}" for path in paths),
            *(f"{path}\x1f{failure.reason}\x1f{failure.message}" for path, failure in failures),
        )

    def _batch_key(self) -> str:
        return make_key("batch", code_version(), *sorted(self.digests.values()))

    def _result_key(self, path: str, parents: dict[str, str | None]) -> str:
        digest = self.digests[path]
        parent = parents.get(digest) or ""
        return make_key("result", code_version(), path, digest, parent, self.config_digest)

    def _needed(self, missing: list[str], parents: dict[str, str | None]) -> list[str]:
        wanted = {parents.get(self.digests[path]) for path in missing}
        by_digest = {digest: path for path, digest in self.digests.items()}
        extra = [by_digest[digest] for digest in wanted if digest in by_digest]
        return sorted({*missing, *extra})

    def _load(self, paths: list[str]) -> None:
        failed = self.run_info.failures
        paths = [
            path
            for path in paths
            if path in self.digests and path not in self.plans and path not in failed
        ]
        outcomes = read_plans(paths, self.digests, self.cache, self.pools.stage, self.progress)
        for outcome in outcomes:
            if outcome.failure is not None:
                self._fail(outcome.path, outcome.failure)
            else:
                self.plans[outcome.path] = outcome.plan_packed

    def _find_parents(self) -> dict[str, str | None]:
        from app.audit.hierarchy import find_parents

        readable = [path for path in self.digests if path not in self.run_info.failures]
        parents = find_parents(readable, self.plan_at, self.digests, self.cache, self._decide)
        self.cache.store_parents(self._batch_key(), parents)
        return parents

    def _decide(
        self, undecided: dict[str, list[str]], levels: dict[str, Level | None]
    ) -> dict[str, str | None]:
        """The parents ``find_parents`` could not find in the cache, chosen by the workers."""
        from app.audit.choosing import choose_parents, warm_up_choosing

        offered = {other for offer in undecided.values() for other in offer}
        self._load(sorted({*undecided, *offered}))
        return choose_parents(
            undecided,
            self.plans,
            self.digests,
            levels,
            lambda: self.pools.stage(warm_up_choosing),
        )

    def check(self, paths: list[str], parents: dict[str, str | None]) -> None:
        jobs = self._jobs([path for path in paths if path in self.plans], parents)
        if not jobs:
            return
        self.progress.stage("Rà soát", len(jobs))
        pending: dict[str, PackedResult] = {}
        with self.pools.stage(warm_up_checks) as executor:
            groups = group_jobs(jobs, _group_size(len(jobs), executor))
            for group, outcomes in run_jobs(audit_group, groups, executor, _group_failure):
                for job, outcome in zip(group.jobs, outcomes, strict=True):
                    self._record(job.path, outcome, pending)
                if len(pending) >= _FLUSH_EVERY:
                    self.cache.store_packed_results(pending)
                    pending = {}
        self.cache.store_packed_results(pending)

    def _record(self, path: str, outcome: PlanOutcome, pending: dict[str, PackedResult]) -> None:
        self.progress.advance(path)
        if outcome.failure is not None:
            self._fail(path, outcome.failure)
        result = outcome.result
        if result is None:
            return
        if outcome.failure is None:
            # A report missing one of its files is checked again next time, not reused.
            pending[self.keys[path]] = result
        self._emit(path, result)
        self.run_info.checked += 1

    def _jobs(self, paths: list[str], parents: dict[str, str | None]) -> list[AuditJob]:
        """One job per plan; the parent travels packed, the worker makes its model."""
        path_of = {digest: path for path, digest in self.digests.items() if path in self.plans}
        jobs = []
        for path in paths:
            parent_digest = parents.get(self.digests[path])
            parent_path = ""
            if parent_digest is not None and parent_digest in path_of:
                parent_path = path_of[parent_digest]
            parent_packed = self.plans[parent_path] if parent_path else b""
            jobs.append(
                AuditJob(
                    path,
                    self.plans[path],
                    config=self.config,
                    parent_path=parent_path,
                    parent_packed=parent_packed,
                )
            )
        return jobs

    def _fail(self, path: str, failure: Failure) -> None:
        self.run_info.failures[path] = failure


def _group_failure(group: AuditGroup, error: BaseException) -> list[PlanOutcome]:
    return [
        PlanOutcome(path=job.path, failure=describe_failure(job.path, error))
        for job in group.jobs
    ]


def _group_size(jobs: int, executor: Executor) -> int:
    # Enough groups to keep every worker busy to the end, few enough that the
    # parent is sent rarely; in this process there is nothing to send.
    if isinstance(executor, InlineExecutor):
        return 1
    return max(1, min(_MAX_GROUP, jobs // 8))


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
