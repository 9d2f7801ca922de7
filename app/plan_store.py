"""The plan store: every front end reads plan files through it, so each file is parsed once.

Two tiers, both optional beyond the first:

* memory: the plans read last, least recently used first out, bounded by count and
  by the size of their JSON (a plan model takes several times its JSON in memory:
  a web server that kept every upload grew from 89 to 364 MB over 62 uploads);
* persistent: the audit cache's extraction table (``app.audit.cache``), keyed by the
  file's bytes and the code version, so a plan parsed by ``plancheck check``, by an
  audit or by another web worker is validated from JSON rather than parsed again.

Requests that want the same file while it is being read wait for that one read
(one lock per file): on a cold server ten uploads at once used to parse every
corpus parent ten times over.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from extract.model import Plan

# The web offers the bundled parents and the office's 50 latest uploads as parent
# candidates: all of them fit, or each upload would read most of them again (a scan
# through a smaller LRU evicts every entry before it is used again). A text plan's JSON
# is about 100 KB (its model several times that); the bytes bound stops a few very
# large plans from holding hundreds of megabytes.
DEFAULT_MAX_PLANS = 64
DEFAULT_MAX_JSON_BYTES = 32 * 1024 * 1024


def renamed(plan: Plan, path: str, name: str | None = None) -> Plan:
    """``plan`` as read from ``path`` and named ``name`` in reports (the file's name by default).

    The one relabelling every front end uses: the audit names a plan read from identical
    bytes elsewhere after its own file; the web names an upload after the file name the
    reviewer knows (``path`` and ``name`` both that name: no server path leaves the server).
    """
    shown = name if name is not None else Path(path).name
    if plan.source.path == path and plan.source.name == shown:
        return plan
    source = plan.source.model_copy(update={"path": path, "name": shown})
    return plan.model_copy(update={"source": source})


class PlanRows(Protocol):
    """The persistent tier: the audit cache's extraction table.

    ``app.audit.cache.AuditCache`` (SQLAlchemy, any database) or, for a cold ``check`` on
    an up-to-date SQLite file, ``app.store.plan_cache.SqlitePlanCache`` (sqlite3).
    """

    def plans(self, keys: list[str]) -> dict[str, str]: ...

    def store_plans(self, rows: dict[str, str]) -> None: ...


@dataclass(frozen=True)
class _Kept:
    plan: Plan
    json_bytes: int


class PlanStore:
    """Plan models by file, parsed once, kept within bounds.

    Args:
        persistent: The audit cache to read plans from and store them in; None
            keeps them in memory only.
        max_plans: Plans kept in memory at most.
        max_json_bytes: The JSON size of the plans kept in memory, at most (the
            plan read last is kept even when it alone is larger).
    """

    def __init__(
        self,
        persistent: PlanRows | None = None,
        *,
        max_plans: int = DEFAULT_MAX_PLANS,
        max_json_bytes: int = DEFAULT_MAX_JSON_BYTES,
    ) -> None:
        self.persistent = persistent
        self.max_plans = max_plans
        self.max_json_bytes = max_json_bytes
        self.parsed = 0  # files parsed by this store (not found in either tier)
        self._plans: OrderedDict[tuple[str, int, int], _Kept] = OrderedDict()
        self._held_bytes = 0
        self._lock = threading.Lock()
        self._loading: dict[tuple[str, int, int], threading.Lock] = {}

    def load(self, path: Path) -> Plan:
        """The plan in the file at ``path``, its source named after that path.

        Raises:
            PlanInputError: When the file cannot be read as a plan.
        """
        from extract import read_bytes
        from extract.limits import Limits

        try:
            status = path.stat()
        except OSError:
            # Let the reader say why (missing, not a file) in the words it always uses.
            read_bytes(path, Limits.from_env())
            raise
        key = (str(path.resolve()), status.st_size, status.st_mtime_ns)
        kept = self._recall(key)
        if kept is None:
            with self._lock:
                loading = self._loading.setdefault(key, threading.Lock())
            with loading:
                kept = self._recall(key)  # read meanwhile by the request this one waited for
                if kept is None:
                    kept = self._read(path)
                    self._keep(key, kept)
            with self._lock:
                self._loading.pop(key, None)
        return renamed(kept.plan, str(path))

    @property
    def held(self) -> int:
        """How many plans the memory tier holds now."""
        with self._lock:
            return len(self._plans)

    def _recall(self, key: tuple[str, int, int]) -> _Kept | None:
        with self._lock:
            kept = self._plans.get(key)
            if kept is not None:
                self._plans.move_to_end(key)
            return kept

    def _keep(self, key: tuple[str, int, int], kept: _Kept) -> None:
        with self._lock:
            self._plans[key] = kept
            self._held_bytes += kept.json_bytes
            while len(self._plans) > 1 and (
                len(self._plans) > self.max_plans or self._held_bytes > self.max_json_bytes
            ):
                _, dropped = self._plans.popitem(last=False)
                self._held_bytes -= dropped.json_bytes

    def _read(self, path: Path) -> _Kept:
        from extract import load_plan, read_bytes
        from extract.limits import Limits
        from extract.model import Plan

        if self.persistent is None:
            plan = load_plan(path)
            self.parsed += 1
            return _Kept(plan, len(plan.model_dump_json()))
        from app.store.cache_rows import code_version, make_key

        digest = hashlib.sha256(read_bytes(path, Limits.from_env())).hexdigest()
        key = make_key("plan", code_version(), digest)
        stored = self.persistent.plans([key])
        if key in stored:
            text = stored[key]
            return _Kept(renamed(Plan.model_validate_json(text), str(path)), len(text))
        plan = load_plan(path)
        self.parsed += 1
        text = plan.model_dump_json()
        self.persistent.store_plans({key: text})
        return _Kept(plan, len(text))
