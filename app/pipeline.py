"""One check of one plan, the same for the command line, the audit and the web page.

A front end gathers its inputs (files, the parent it was told or the candidates to
detect it among, the rules configuration, waivers) and presents the outcome;
``check_one`` does everything between: read the plans through the plan store,
settle the parent, refuse a plan checked against itself, run the rules (linking,
rules, waivers: ``rules.check_plan``). A new format or a new kind of parent is then
built once, here or below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.plan_store import PlanStore, renamed

if TYPE_CHECKING:
    from extract.model import Plan
    from reports import Report
    from rules.config import RuleConfig, Waiver
    from rules.findings import CheckResult


@dataclass(frozen=True)
class PlanFile:
    """A plan file and how the reviewer knows it.

    Attributes:
        path: Where the file is.
        shown_as: The name reports give it (path and name both); None: the path as given.
        label: How a refusal names it (the web's parent list entry); None: its path.
    """

    path: Path
    shown_as: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Checked:
    """What ``check_one`` found.

    Attributes:
        child: The plan checked, named as the front end asked.
        parent: The plan it was checked against, or None.
        result: The findings (waived ones marked) and the matching table.
        detected: Which of the candidates was detected as the parent (its index);
            None when none fits or when the parent was given.
    """

    child: Plan
    parent: Plan | None
    result: CheckResult
    detected: int | None = None

    def report(self) -> Report:
        """The canonical report (reports/SCHEMA.md) of this check."""
        from reports import build_report

        return build_report(self.result, self.child, self.parent)


def check_one(
    child: Plan | PlanFile,
    store: PlanStore | None = None,
    *,
    parent: Plan | PlanFile | None = None,
    candidates: Sequence[PlanFile] | None = None,
    config: RuleConfig | None = None,
    waivers: Sequence[Waiver] = (),
) -> Checked:
    """Check one plan against its parent.

    Args:
        child: The plan under review, or its file.
        store: Where plan files are read through; a store of this call alone when None.
        parent: The parent the reviewer gave, or its file; None: detect it among
            ``candidates`` (or check without a parent when there are none).
        candidates: Plans that may be the parent; an unreadable one, and any that is
            the child itself or a version of it (rules.identity), is passed over.
        config: The rules configuration (``plancheck.toml``); None for the defaults.
        waivers: Accepted findings beyond the configuration's.

    Raises:
        PlanInputError: When the child or the given parent cannot be read, or the
            parent is the child itself ('self-parent').
    """
    from rules import check_plan

    store = store if store is not None else PlanStore()
    child_plan = child if not isinstance(child, PlanFile) else read(child, store)
    detected = None
    if parent is None and candidates:
        detected = detect_parent(child_plan, candidates, store)
        parent = candidates[detected] if detected is not None else None
    parent_plan = parent if not isinstance(parent, PlanFile) else read(parent, store)
    if parent_plan is not None:
        label = parent.label if isinstance(parent, PlanFile) else None
        refuse_self_parent(child_plan, parent_plan, label)
    result = check_plan(child_plan, parent_plan, config=config, waivers=list(waivers))
    return Checked(child_plan, parent_plan, result, detected)


def warm_up(*, reports: bool = True) -> None:
    """Import and load what a check (and, with ``reports``, its reports) needs, once.

    Worker processes call it when they start: forked audit workers then inherit it,
    web workers pay for it before they say they are ready. A web worker renders no
    report (the server does, on request), and its memory is capped: it leaves them out.
    """
    import importlib

    modules = ["rules.engine"]
    if reports:
        modules += ["reports.build", "reports.html_report", "reports.text_report"]
        modules += ["reports.docx_report"]
    for module in modules:
        importlib.import_module(module)
    from rules.reference import load_reference

    load_reference()


def read(plan_file: PlanFile, store: PlanStore) -> Plan:
    """The plan in ``plan_file``, named as the reviewer knows it.

    Raises:
        PlanInputError: When the file cannot be read as a plan.
    """
    plan = store.load(plan_file.path)
    if plan_file.shown_as is None:
        return plan
    return renamed(plan, plan_file.shown_as, plan_file.shown_as)


def detect_parent(child: Plan, candidates: Sequence[PlanFile], store: PlanStore) -> int | None:
    """The index of the candidate ``child`` implements (``rules.linking.find_parent``)."""
    from extract.errors import PlanInputError
    from rules.identity import same_plan
    from rules.linking import find_parent

    readable: list[tuple[int, Plan]] = []
    for index, candidate in enumerate(candidates):
        try:
            plan = store.load(candidate.path)
        except PlanInputError:
            continue  # not the reviewer's document: the check goes on with the others
        if same_plan(plan, child) is None:
            readable.append((index, plan))
    found = find_parent(child, [plan for _, plan in readable])
    if found is None:
        return None
    return next(index for index, plan in readable if plan is found)


def refuse_self_parent(child: Plan, parent: Plan, label: str | None = None) -> None:
    """Refuse a plan checked against itself or an earlier version of itself.

    Raises:
        PlanInputError: ('self-parent') naming the child, the parent and why they are one.
    """
    from extract.errors import PlanInputError
    from rules.identity import same_plan

    reason = same_plan(child, parent)
    if reason is not None:
        where = label if label is not None else parent.source.path
        raise PlanInputError(child.source.path, "self-parent", f"{where}: {reason}")
