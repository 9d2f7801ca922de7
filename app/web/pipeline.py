"""The check behind the page: the upload, the parent options, one ``check_one``.

The same pipeline as ``plancheck check`` and the audit (``app.pipeline.check_one``,
plans read through ``app.plan_store``); the web adds the choice of parent among the
bundled plans and earlier uploads. The office's waivers are applied when the run is
stored (``rules.waivers``), once the upload's plan is known.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.pipeline import PlanFile, check_one
from app.plan_store import PlanStore
from extract.model import Plan
from extract.resources import load_yaml
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
    """A check's answer: the plans, the parent chosen or detected, the result.

    From a worker the parent comes as its JSON (``parent_source``), read into a model only
    when asked for: the server only stores it, and reading the town plan's half a megabyte
    of JSON was a third of the server's own work on each upload (issue 18, web p95).
    """

    child: Plan
    parent_source: Plan | str | None = field(compare=False)
    parent_option: ParentOption | None
    detected: bool
    result: CheckResult
    # The child's JSON as the worker sent it: stored as it is, not dumped again.
    child_json: str | None = field(default=None, compare=False, repr=False)

    @cached_property
    def parent(self) -> Plan | None:
        """The parent plan, None when the check had none."""
        source = self.parent_source
        return Plan.model_validate_json(source) if isinstance(source, str) else source

    def stored_plans(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The child's and the parent's JSON values, as stored with a run."""
        child = json.loads(self.child_json) if self.child_json else _json_value(self.child)
        source = self.parent_source
        if isinstance(source, str):
            return child, json.loads(source)
        return child, _json_value(source) if source is not None else None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # How an outcome crosses from a check worker to the server: as the models' JSON.
        # Pickled model by model, the ward plan's outcome took 25 ms to write in the
        # worker and 35 ms to read in the server, which reads every upload's outcome on
        # its own; its JSON takes about 6 ms to write, and the server reads the child
        # and the result only.
        source = self.parent_source
        parent = source if isinstance(source, str) or source is None else source.model_dump_json()
        child = self.child_json or self.child.model_dump_json()
        state = (child, parent, self.parent_option, self.detected)
        return _outcome_from_json, (*state, self.result.model_dump_json())


def _json_value(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json")


def _outcome_from_json(
    child: str,
    parent: str | None,
    parent_option: ParentOption | None,
    detected: bool,
    result: str,
) -> CheckOutcome:
    return CheckOutcome(
        Plan.model_validate_json(child),
        parent,
        parent_option,
        detected,
        CheckResult.model_validate_json(result),
        child_json=child,
    )


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
    store: PlanStore,
) -> CheckOutcome:
    """Load the child, settle its parent and run the rules (``app.pipeline.check_one``).

    Args:
        child_path: The stored upload.
        display_name: The file name the reviewer knows it by (reports show this, never
            the generated storage name or a server path).
        options: Plans that may serve as parent.
        chosen: An option key the reviewer picked; '' or None to detect, 'none' for no parent.
        store: Where plans are read through.

    Raises:
        PlanInputError: When the upload (or the chosen parent) cannot be read.
    """
    child = PlanFile(child_path, shown_as=display_name)
    files = [PlanFile(option.path, option.display_name, option.label) for option in options]
    if chosen == NONE:
        checked = check_one(child, store)
        return CheckOutcome(checked.child, None, None, False, checked.result)
    picked = next((index for index, option in enumerate(options) if option.key == chosen), None)
    if chosen and picked is not None:
        checked = check_one(child, store, parent=files[picked])
        return CheckOutcome(checked.child, checked.parent, options[picked], False, checked.result)
    checked = check_one(child, store, candidates=files)
    found = options[checked.detected] if checked.detected is not None else None
    return CheckOutcome(checked.child, checked.parent, found, True, checked.result)


def with_waivers(result: CheckResult, waivers: dict[str, str]) -> CheckResult:
    """``result`` with the findings whose fingerprint the office waived marked (reason given)."""
    from rules.config import Waiver
    from rules.waivers import waive

    accepted = [Waiver(fingerprint=key, reason=reason) for key, reason in waivers.items()]
    return result.model_copy(update={"findings": waive(result.findings, accepted)})
