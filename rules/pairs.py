"""Helpers the cross-plan rules share: matched item pairs, the reference, excerpts.

Rules stay pure and small; walking the matching table and looking items up by id
happens here once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from extract.model import Plan, Target, Task
from rules.base import RuleContext
from rules.compare import PlacedQuantity, place_quantities
from rules.findings import Match
from rules.linking.chain import CHAIN
from rules.linking.coverage import coverage_status
from rules.reference import CatalogueEntry, Level, Reference, load_reference

_EXCERPT_LIMIT = 220


@dataclass(frozen=True)
class TargetPair:
    """A child target, the parent target it was matched with, and its catalogue entry."""

    child: Target
    parent: Target
    match: Match
    entry: CatalogueEntry | None
    siblings: tuple[Target, ...] = ()
    """Other child targets of the same catalogue entry left unpaired: the child split the
    parent's item ("(5) lao động qua đào tạo", "(6) học sinh THCS, THPT học nghề")."""

    @property
    def child_targets(self) -> tuple[Target, ...]:
        """The paired child target first, then its unpaired siblings."""
        return (self.child, *self.siblings)


def reference_of(context: RuleContext) -> Reference:
    """The reference model the engine passed, else the bundled one."""
    if isinstance(context.reference, Reference):
        return context.reference
    return load_reference()


def child_level(context: RuleContext) -> Level | None:
    """The level of the plan under review, as linking found it."""
    return context.links.child_level


def target_pairs(context: RuleContext) -> Iterator[TargetPair]:
    """Matched target pairs that apply to the child (not-applicable ones are skipped)."""
    if context.parent is None:
        return
    reference = reference_of(context)
    for match in context.matches:
        if match.kind != "target" or match.not_applicable_reason is not None:
            continue
        if match.child_id is None or match.parent_id is None:
            continue
        child = find_target(context.child, match.child_id)
        parent = find_target(context.parent, match.parent_id)
        if child is None or parent is None:
            continue
        siblings = _siblings(context, match)
        yield TargetPair(child, parent, match, entry_of(reference, match), siblings)


def child_figures(pair: TargetPair) -> list[PlacedQuantity]:
    """Figures of the child target and its siblings, each knowing its target."""
    figures: list[PlacedQuantity] = []
    for target in pair.child_targets:
        for figure in place_quantities(target.text, target.quantities, pair.entry):
            figures.append(replace(figure, item_id=target.id, item_line=target.line))
    return figures


def _siblings(context: RuleContext, match: Match) -> tuple[Target, ...]:
    if match.canonical_id is None:
        return ()
    found = []
    for row in context.matches:
        if row.kind != "target" or row.parent_id is not None or row.child_id is None:
            continue
        if row.canonical_id == match.canonical_id:
            target = find_target(context.child, row.child_id)
            if target is not None:
                found.append(target)
    return tuple(found)


@dataclass(frozen=True)
class MissingItem:
    """A parent item (or, without a parent, a Đề án 13 catalogue entry) the child lacks."""

    label: str
    """How the message names it: the parent's id or label; empty for a catalogue entry,
    whose name the message quotes instead."""
    text: str
    line: int | None
    match: Match
    entry: CatalogueEntry | None
    source: str
    """Who asks for it, in Vietnamese: 'kế hoạch cấp trên' or 'Đề án 13'."""
    arises: str = ""
    """Where in the chain the gap arises, as a sentence to append; empty when here."""

    @property
    def is_parent_item(self) -> bool:
        """Whether the row names a parent item (else a catalogue entry, not a plan's item)."""
        return self.line is not None

    @property
    def named(self) -> str:
        """The label followed by a space, or nothing, for a message."""
        return f"{self.label} " if self.label else ""


def missing_items(context: RuleContext, kind: str) -> Iterator[MissingItem]:
    """What the child lacks of its parent, or of the Đề án when it has no parent at hand."""
    reference = reference_of(context)
    for match in missing_parent_items(context, kind):
        assert match.parent_id is not None  # missing_parent_items yields parent rows only
        entry = entry_of(reference, match)
        chained = match.method == CHAIN
        if context.against_reference or chained:
            if entry is None:
                continue
            short = reference.identity.short_names[0] if reference.identity.short_names else ""
            arises = CHAIN_ARISES if chained else ""
            yield MissingItem("", entry.name, None, match, entry, short or "Đề án", arises)
            continue
        if context.parent is None:
            continue
        item: Target | Task | None = (
            find_target(context.parent, match.parent_id)
            if kind == "target"
            else find_task(context.parent, match.parent_id)
        )
        if item is None:
            continue
        text = item.text if isinstance(item, Target) else item.title
        label = item.id if isinstance(item, Target) else item.label
        yield MissingItem(label, text, item.line, match, entry, "kế hoạch cấp trên")


CHAIN_ARISES = (
    " Kế hoạch cấp trên cũng không có mục này: sai lệch phát sinh từ cấp trên (so với Đề án)."
)


def missing_parent_items(context: RuleContext, kind: str) -> Iterator[Match]:
    """Parent items of this kind with no counterpart in the child that apply to it.

    The rows linking calls 'missing' (``rules.linking.coverage``): a parent item the
    child names without an item of its own ('mentioned') is left out, since extraction
    may have missed the child's item or the child merged two, and a reviewer sees the
    row. Without a parent document, the rows name Đề án 13 entries.
    """
    if context.parent is None and not context.against_reference:
        return
    for match in context.matches:
        if match.kind != kind or match.parent_id is None:
            continue
        if coverage_status(match) == "missing":
            yield match


def entry_of(reference: Reference, match: Match) -> CatalogueEntry | None:
    """The catalogue entry a match was made through, if any."""
    if match.canonical_id is None:
        return None
    catalogue = reference.indicators if match.kind == "target" else reference.tasks
    for entry in catalogue:
        if entry.id == match.canonical_id:
            return entry
    return None


def find_target(plan: Plan, target_id: str) -> Target | None:
    """The plan's target with this id."""
    return next((target for target in plan.targets if target.id == target_id), None)


def find_task(plan: Plan, task_id: str) -> Task | None:
    """The plan's task with this id."""
    return next((task for task in plan.tasks if task.id == task_id), None)


def match_confidence(match: Match, plan: Plan, line: int | None) -> float:
    """How sure a cross-plan finding is: catalogue pairs most, repaired lines less."""
    confidence = 0.9 if match.method == "catalogue" else 0.7
    if line is not None and any(note.line == line for note in plan.repairs):
        confidence -= 0.1
    return round(confidence, 2)


def excerpt(text: str, limit: int = _EXCERPT_LIMIT) -> str:
    """The text on one line, cut at a word boundary when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"
