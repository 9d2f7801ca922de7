"""Checks run in worker processes with a memory and a time limit, behind a bounded queue.

One upload must not take the server down (issue 22, items 1 and 8). So:

* a check runs in a worker process whose address space is capped
  (``RLIMIT_AS``) and which is killed when it runs past the time limit; the
  reviewer reads a clear failure, the server goes on;
* at most ``workers`` checks run at once, and at most ``queue`` more wait, each
  for at most ``wait_seconds``; anyone past that is told "busy, try again"
  (HTTP 503 with Retry-After) at once rather than piling up;
* a worker keeps the plans it parsed (the bundled parents are parsed once per
  worker, not once per upload) and is replaced when it grows past
  ``recycle_mb``, so memory returns to its baseline after a large upload;
* a worker exits when the server dies (``app.lifetime``).

``workers = 0`` runs checks in the server's own thread, with the same queue:
for tests that replace a stage of the pipeline in-process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.plan_store import PlanStore
from app.web.pipeline import CheckOutcome, ParentOption, run_check
from app.web.progress import Listener, OcrProgress, answer, relay
from extract.errors import PlanInputError
from extract.loaders.scan import ocr_progress

LOGGER = logging.getLogger(__name__)

# What the reviewer reads when a check was stopped, by reason (stored with the upload).
FAILURES = {
    "check-timeout": (
        "việc rà soát tệp này vượt quá giới hạn thời gian ({seconds:.0f} giây) và đã bị dừng; "
        "tệp đã được lưu",
        "the check exceeded the time limit ({seconds:.0f} s) and was stopped; the file is kept",
    ),
    "check-memory": (
        "việc rà soát tệp này vượt quá giới hạn bộ nhớ ({memory_mb} MB) và đã bị dừng; "
        "tệp đã được lưu",
        "the check exceeded the memory limit ({memory_mb} MB) and was stopped; the file is kept",
    ),
    "check-crashed": (
        "tiến trình rà soát tệp này bị dừng đột ngột (có thể do hết bộ nhớ); tệp đã được lưu",
        "the process checking this file stopped abruptly (perhaps out of memory); the file is kept",
    ),
}
STARTUP_SECONDS = 120
READY = "ready"
BUSY_MESSAGE = (
    "Máy chủ đang bận rà soát các tệp khác. Tệp của bạn chưa được lưu; hãy gửi lại sau "
    "{retry} giây. / The server is busy checking other files; your file was not stored. "
    "Please send it again in {retry} seconds."
)


@dataclass(frozen=True)
class PoolLimits:
    """How many checks run and wait, and what one check may use.

    Attributes:
        workers: Checks running at once (worker processes); 0 runs them in-process.
        queue: Checks that may wait for a worker; past that, "busy".
        seconds: Wall-clock time one check may take before its worker is killed.
        memory_mb: Address space of a worker process (RLIMIT_AS).
        wait_seconds: How long a waiting check waits for a worker before "busy".
        recycle_mb: A worker whose resident memory grew past this is replaced.
        recycle_checks: A worker is replaced after this many checks, whatever its size:
            Python seldom returns a heap's freed pages, so memory stays bounded only
            if workers do not live for ever.
    """

    workers: int = 2
    queue: int = 8
    seconds: float = 60.0
    memory_mb: int = 1024
    wait_seconds: float = 120.0
    recycle_mb: int = 500
    recycle_checks: int = 200

    @property
    def retry_after(self) -> int:
        """Seconds a refused reviewer should wait: about one check's time."""
        return max(5, min(int(self.seconds), 30))


class Busy(Exception):
    """Every worker is busy and the queue is full: try again later."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(BUSY_MESSAGE.format(retry=retry_after))


class CheckFailed(Exception):
    """The check was stopped: past its time or memory limit, or its worker died.

    Attributes:
        reason: A key of ``FAILURES``.
        message_vi: What the reviewer reads.
    """

    def __init__(self, reason: str, limits: PoolLimits) -> None:
        self.reason = reason
        vietnamese, english = FAILURES[reason]
        values = {"seconds": limits.seconds, "memory_mb": limits.memory_mb}
        self.message_vi = vietnamese.format(**values)
        super().__init__(f"{self.message_vi} / {english.format(**values)}")


class WorkerError(Exception):
    """A defect of ours inside a worker; the message is the worker's traceback."""


@dataclass(frozen=True)
class CheckJob:
    """The arguments of ``run_check`` that cross to a worker (all picklable).

    Attributes:
        store_url: The database whose extraction table keeps parsed plans (the
            audit cache's, ``app.plan_store``): a plan one worker parsed, another
            validates from JSON; None keeps them in the worker's memory only.
    """

    child_path: Path
    display_name: str
    options: tuple[ParentOption, ...]
    chosen: str | None
    store_url: str | None = None

    def run(self, store: PlanStore) -> CheckOutcome:
        """Run the check, reading plans through ``store``."""
        return run_check(self.child_path, self.display_name, self.options, self.chosen, store)


class CheckPool:
    """Worker processes and the queue in front of them; one per server process."""

    def __init__(self, limits: PoolLimits, store: PlanStore) -> None:
        self.limits = limits
        self.store = store  # for in-process checks (workers = 0)
        self._admitted = threading.BoundedSemaphore(max(limits.workers, 1) + limits.queue)
        self._running = threading.BoundedSemaphore(max(limits.workers, 1))
        self._idle: list[_Worker] = []
        self._closed = False
        self._starting = 0  # spares being started in the background
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._context = multiprocessing.get_context("spawn")
        self.progress = OcrProgress()  # pages of the scans being read, for waiting pages

    @contextmanager
    def reserve(self) -> Iterator[CheckPool]:
        """A place in the queue for one request, or ``Busy`` at once when it is full.

        Take it before storing anything, so that a refused upload leaves nothing behind.
        """
        if not self._admitted.acquire(blocking=False):
            raise Busy(self.limits.retry_after)
        try:
            yield self
        finally:
            self._admitted.release()

    def run(self, job: CheckJob, listener: Listener | None = None) -> CheckOutcome:
        """Run ``job`` when a worker is free (within ``wait_seconds``), under the limits.

        ``listener(page, pages)`` hears of each scanned page as its reading starts.

        Raises:
            Busy: No worker became free in time.
            CheckFailed: The check ran out of time or memory, or its worker died.
            PlanInputError: The file cannot be read (as in-process).
            WorkerError: A defect of ours in the worker.
        """
        if not self._running.acquire(timeout=self.limits.wait_seconds):
            raise Busy(self.limits.retry_after)
        try:
            if self.limits.workers == 0:
                with ocr_progress(listener):
                    return job.run(self.store)
            return self._in_worker(job, listener)
        finally:
            self._running.release()

    def start(self) -> None:
        """Start the workers now, in the background, so the first uploads find them warm."""
        for _ in range(self.limits.workers):
            self._start_spare()

    def close(self) -> None:
        """Stop the idle workers (a running check's worker is stopped by its own request)."""
        with self._lock:
            idle, self._idle = self._idle, []
            self._closed = True
        for worker in idle:
            worker.stop()

    def _in_worker(self, job: CheckJob, listener: Listener | None) -> CheckOutcome:
        with self._changed:
            # A spare about to be ready beats a new process: a cold server would otherwise
            # start one worker per waiting upload on top of the spares, all importing at once.
            self._changed.wait_for(lambda: self._idle or not self._starting, STARTUP_SECONDS)
            worker = self._idle.pop() if self._idle else None
        if worker is None or not worker.alive():
            worker = _Worker(self._context, self.limits)
        kind, value = worker.call(job, self.limits, listener)
        worker.checks += 1
        if (
            kind == "memory"
            or worker.checks >= self.limits.recycle_checks
            or worker.resident_mb() > self.limits.recycle_mb
        ):
            worker.stop()  # a heap that grew (or hit its cap) does not shrink: start afresh
            self._start_spare()
        else:
            self._keep_idle(worker)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "input":
            raise PlanInputError(*value)
        if kind == "memory":
            raise CheckFailed("check-memory", self.limits)
        raise WorkerError(value)

    def _start_spare(self) -> None:
        # Started off the request's path: a new worker takes a second or two to import
        # and load the reference, which no reviewer should wait for.
        with self._lock:
            self._starting += 1
        threading.Thread(target=self._spare, name="plancheck-worker-start", daemon=True).start()

    def _spare(self) -> None:
        worker = None
        try:
            worker = _Worker(self._context, self.limits)
        except CheckFailed:
            pass  # the next check starts one itself, and reports if it cannot
        finally:
            # Counted down and kept in one step, so that no waiting check sees neither.
            self._keep_idle(worker, started=True)

    def _keep_idle(self, worker: _Worker | None, started: bool = False) -> None:
        with self._changed:
            if started:
                self._starting -= 1
            extra = self._closed or len(self._idle) >= max(self.limits.workers, 1)
            if worker is not None and not extra:
                self._idle.append(worker)
            self._changed.notify_all()
        if worker is not None and extra:
            worker.stop()  # one too many (a check started its own meanwhile), or closed


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context: Any, limits: PoolLimits) -> None:
        ours, theirs = context.Pipe()
        self.process = context.Process(
            target=serve_checks,
            args=(theirs, os.getpid(), limits.memory_mb * 1024 * 1024),
            name="plancheck-check-worker",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.connection: Connection = ours
        self.checks = 0
        # Starting takes a second or two (imports); the check's clock starts after it.
        try:
            ready = ours.poll(STARTUP_SECONDS) and ours.recv() == READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise CheckFailed("check-crashed", limits)

    def call(self, job: CheckJob, limits: PoolLimits, listener: Listener | None) -> tuple[str, Any]:
        """Send ``job``; kill the worker when it takes too long or dies."""
        try:
            self.connection.send(job)
            found = answer(self.connection, limits.seconds, listener)
            if found is None:
                self.kill()
                raise CheckFailed("check-timeout", limits)
            return found  # type: ignore[no-any-return]
        except (EOFError, OSError):
            self.kill()
            LOGGER.error("check worker %s died (exit %s)", self.process.pid, self.process.exitcode)
            raise CheckFailed("check-crashed", limits) from None

    def alive(self) -> bool:
        return self.process.is_alive()

    def resident_mb(self) -> float:
        """The worker's resident memory now (VmRSS), 0 when it cannot be read."""
        return resident_mb(self.process.pid)

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        self.connection.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(10)
        self.connection.close()


def serve_checks(connection: Connection, parent_pid: int, memory_bytes: int) -> None:
    """A worker's life: cap its memory, watch its parent, run jobs until told to stop."""
    from app.lifetime import exit_with_parent

    exit_with_parent(parent_pid)  # no death signal: the forking request thread may end first
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from app.pipeline import warm_up

    warm_up(reports=False)  # before READY: the check's clock starts after the imports
    stores = _Stores()
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        with ocr_progress(relay(connection)):
            connection.send(_answer(job, stores))


class _Stores:
    """A worker's plan stores, one per database (a server has one; tests have many)."""

    def __init__(self) -> None:
        self._stores: dict[str | None, PlanStore] = {}

    def of(self, url: str | None) -> PlanStore:
        store = self._stores.get(url)
        if store is None:
            store = self._stores[url] = PlanStore(_persistent(url))
        return store


def _persistent(url: str | None) -> Any:
    """The extraction table at ``url``; None (memory only) when there is none or it fails."""
    if url is None:
        return None
    from sqlalchemy.exc import SQLAlchemyError

    from app.audit.cache import AuditCache

    try:
        return AuditCache(url)
    except (SQLAlchemyError, OSError):
        LOGGER.exception("plan store: cannot open %s; plans kept in memory only", url)
        return None


def _answer(job: CheckJob, stores: _Stores) -> tuple[str, Any]:
    try:
        return "ok", job.run(stores.of(job.store_url))
    except PlanInputError as error:
        return "input", (error.path, error.reason, error.detail)
    except MemoryError:
        return "memory", None
    except Exception:
        return "error", traceback.format_exc()


def resident_mb(pid: int) -> float:
    """A process's resident memory now (VmRSS, in MB), 0 when it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
