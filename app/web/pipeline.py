"""The check behind the page: load the upload, find or load its parent, run the rules.

The same pipeline as ``plancheck check``; the web adds the choice of parent among
the bundled plans and earlier uploads, and the office's waivers.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extract import load_plan
from extract.model import Plan
from extract.resources import load_yaml
from reports import Report, build_report
from rules.findings import CheckResult

CORPUS = "corpus"
UPLOAD = "upload"
NONE = "none"


@dataclass(frozen=True)
class ParentOption:
    """One plan a reviewer may pick as the parent.

    Attributes:
        kind: 'corpus' (a bundled plan) or 'upload' (an earlier upload).
        ref: The corpus file name, or the upload id as text.
        label: What the list shows, in Vietnamese.
        path: Where the file is, for loading.
        display_name: The file name reports show for it.
    """

    kind: str
    ref: str
    label: str
    path: Path
    display_name: str

    @property
    def key(self) -> str:
        """The value of the option in the form: 'corpus:<name>' or 'upload:<id>'."""
        return f"{self.kind}:{self.ref}"


@dataclass(frozen=True)
class CheckOutcome:
    child: Plan
    parent: Plan | None
    parent_option: ParentOption | None
    detected: bool
    result: CheckResult


class PlanCache:
    """Parsed parent plans by path, size and modification time.

    Corpus plans are parsed once per process, not once per upload. Requests that
    want the same plan while it is being parsed wait for that one parse (one lock
    per plan): on a cold server ten uploads at once used to parse every corpus
    plan ten times over.
    """

    def __init__(self) -> None:
        self._plans: dict[tuple[str, int, int], Plan] = {}
        self._lock = threading.Lock()
        self._loading: dict[tuple[str, int, int], threading.Lock] = {}

    def load(self, path: Path) -> Plan:
        status = path.stat()
        key = (str(path.resolve()), status.st_size, status.st_mtime_ns)
        with self._lock:
            cached = self._plans.get(key)
            if cached is not None:
                return cached
            loading = self._loading.setdefault(key, threading.Lock())
        with loading:
            with self._lock:
                cached = self._plans.get(key)
            if cached is not None:
                return cached  # parsed by the request this one waited for
            plan = load_plan(path)
            with self._lock:
                self._plans[key] = plan
                self._loading.pop(key, None)
            return plan

    @property
    def parsed(self) -> int:
        """How many plans this cache holds (each was parsed exactly once)."""
        with self._lock:
            return len(self._plans)


class ManifestEntry(BaseModel):
    """What the corpus manifest says about a bundled plan (only the fields shown here)."""

    model_config = ConfigDict(extra="ignore")

    file: str
    issuer: str | None = None
    number: str | None = None
    kind: str | None = None

    @property
    def label(self) -> str:
        parts = [self.kind or "Văn bản", self.number or "(không số)"]
        return " ".join(parts) + (f" – {self.issuer}" if self.issuer else "")


class Manifest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    documents: list[ManifestEntry] = Field(default_factory=list)


def corpus_options(plans_dir: Path) -> list[ParentOption]:
    """Every plan file in the bundled folder, named as the corpus manifest describes it."""
    if not plans_dir.is_dir():
        return []
    labels = _manifest_labels(plans_dir.parent / "manifest.yaml")
    suffixes = (".txt", ".md", ".docx", ".pdf")
    return [
        ParentOption(
            CORPUS, path.name, f"Văn bản mẫu: {labels.get(path.name, path.stem)}", path, path.name
        )
        for path in sorted(plans_dir.iterdir())
        if path.is_file() and path.suffix.lower() in suffixes
    ]


def _manifest_labels(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        manifest = Manifest.model_validate(load_yaml(path))
    except ValidationError:
        return {}  # a malformed manifest costs only the nicer labels
    return {entry.file: entry.label for entry in manifest.documents}


def run_check(
    child_path: Path,
    display_name: str,
    options: Sequence[ParentOption],
    chosen: str | None,
    waivers: dict[str, str],
    cache: PlanCache,
) -> CheckOutcome:
    """Load the child, settle its parent and run the rules.

    Args:
        child_path: The stored upload.
        display_name: The file name the reviewer knows it by (reports show this, never
            the generated storage name or a server path).
        options: Plans that may serve as parent.
        chosen: An option key the reviewer picked; '' or None to detect, 'none' for no parent.
        waivers: Accepted findings of the office, fingerprint to reason.
        cache: Parsed parent plans.

    Raises:
        PlanInputError: When the upload (or the chosen parent) cannot be read.
    """
    from rules import Waiver, check_plan

    child = shown_as(load_plan(child_path), display_name)
    parent_option, detected = _settle_parent(child, options, chosen, cache)
    parent = None
    if parent_option is not None:
        parent = shown_as(cache.load(parent_option.path), parent_option.display_name)
        refuse_self_parent(child, parent, parent_option)
    accepted = [Waiver(fingerprint=key, reason=reason) for key, reason in waivers.items()]
    result = check_plan(child, parent, waivers=accepted)
    return CheckOutcome(child, parent, parent_option, detected, apply_waivers(result, waivers))


def refuse_self_parent(child: Plan, parent: Plan, option: ParentOption) -> None:
    """The same refusal as ``plancheck check``: no plan is checked against itself.

    Raises:
        PlanInputError: ('self-parent') naming the upload, the parent and why they are one.
    """
    from extract.errors import PlanInputError
    from rules.identity import same_plan

    reason = same_plan(child, parent)
    if reason is not None:
        raise PlanInputError(child.source.name, "self-parent", f"{option.label}: {reason}")


def shown_as(plan: Plan, display_name: str) -> Plan:
    """The plan with its source named ``display_name``: no server path leaves the server."""
    source = plan.source.model_copy(update={"path": display_name, "name": display_name})
    return plan.model_copy(update={"source": source})


def apply_waivers(result: CheckResult, waivers: dict[str, str]) -> CheckResult:
    """Mark findings whose fingerprint was waived (idempotent when the rules already did)."""
    findings = [
        finding.model_copy(update={"waived": True, "waiver_reason": waivers[finding.fingerprint]})
        if finding.fingerprint in waivers
        else finding
        for finding in result.findings
    ]
    return result.model_copy(update={"findings": findings})


def report_of(result: CheckResult, child: Plan, parent: Plan | None) -> Report:
    """The canonical report for the stored result and plan models."""
    return build_report(result, child, parent)


def _settle_parent(
    child: Plan, options: Sequence[ParentOption], chosen: str | None, cache: PlanCache
) -> tuple[ParentOption | None, bool]:
    if chosen == NONE:
        return None, False
    if chosen:
        picked = next((option for option in options if option.key == chosen), None)
        if picked is not None:
            return picked, False
    return _detect_parent(child, options, cache), True


def _detect_parent(
    child: Plan, options: Sequence[ParentOption], cache: PlanCache
) -> ParentOption | None:
    from extract.errors import PlanInputError
    from rules.identity import same_plan
    from rules.linking import find_parent

    candidates: list[tuple[ParentOption, Plan]] = []
    for option in options:
        try:
            plan = cache.load(option.path)
        except PlanInputError:
            continue  # an unreadable candidate is simply not offered as parent
        if same_plan(plan, child) is None:
            candidates.append((option, plan))
    parent = find_parent(child, [plan for _, plan in candidates])
    if parent is None:
        return None
    return next((option for option, plan in candidates if plan is parent), None)
