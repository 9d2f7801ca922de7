"""The linking step: one function from the two plans to one result, computed once per check.

``link_plans`` works out each plan's level and coast, what the child is compared with
(its parent through the Đề án 13 catalogue, a parent it carries out by number, the
catalogue alone, or nothing), pairs the child's items with the parent's (or with the
catalogue's), and gives every parent item a coverage status and its reason. The rules
read the result (``RuleContext.links``); the check result carries its coverage to the
reports. Nothing here is remembered between checks.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Plan
from rules.findings import Basis, Coverage, Match
from rules.linking.basis import carried_out_words, carries_out, missing_parent_words
from rules.linking.catalogue import Applicability
from rules.linking.chain import chain_gaps
from rules.linking.coverage import parent_coverage
from rules.linking.free_matching import match_free
from rules.linking.levels import implements_de_an_13, is_coastal, plan_level
from rules.linking.matching import match_plans
from rules.linking.parent import belongs_to_de_an_13, is_below, parent_note
from rules.linking.reference_match import match_reference
from rules.linking.scope import scope_note
from rules.reference import Level, Reference, load_reference


class Links(BaseModel):
    """Everything linking found about a child and its parent: the rules' and reports' input.

    The default is a plan linked to nothing (document rules only), as a rule's unit test
    of a single document needs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    child_level: Level | None = Field(default=None, description="The child's level.")
    child_coastal: bool | None = Field(
        default=None, description="Whether the child's unit has a coast; None when unknown."
    )
    parent_level: Level | None = None
    parent_coastal: bool | None = None
    implements_de_an_13: bool = Field(
        default=False, description="The child says it carries out Đề án 13."
    )
    basis: Basis = Field(
        default="none",
        description="What the child is compared with (see ``CheckResult.basis``).",
    )
    matches: list[Match] = Field(
        default_factory=list, description="Child/parent item pairs, unmatched rows included."
    )
    coverage: list[Coverage] = Field(
        default_factory=list,
        description="Every parent item's (or Đề án 13 entry's) status and reason.",
    )
    scope_note: str | None = None
    parent_note: str | None = None
    missing_parent: str | None = None

    @property
    def compares_parent(self) -> bool:
        """Whether the parent's items are compared (cross-plan rules see the parent)."""
        return self.basis in ("parent", "chain")

    @property
    def against_reference(self) -> bool:
        """Whether the child is compared with the Đề án 13 catalogue itself (no parent)."""
        return self.basis == "reference"


def link_plans(
    child: Plan, parent: Plan | None = None, *, reference: Reference | None = None
) -> Links:
    """Link a plan to its parent (or to the Đề án 13 catalogue): the check's one linking step.

    Args:
        child: The plan under review.
        parent: The plan it carries out, given or found (``find_parent``); None if none.
        reference: The Đề án 13 reference; the bundled one when None.

    Returns:
        Levels, basis, the matching table, every parent item's coverage and the notes.
    """
    reference = reference or load_reference()
    child_level = plan_level(child)
    parent_level = plan_level(parent) if parent is not None else None
    implements = implements_de_an_13(child, reference)
    below = parent is not None and is_below(parent_level, child_level)
    parent_fits = parent is not None and belongs_to_de_an_13(parent, reference) and not below
    # Any other document the child says it carries out, by number: its items are the
    # catalogue (issue 21).
    free = (
        parent is not None
        and not (implements and parent_fits)
        and carries_out(child, parent)
        and not below
    )
    cross = (implements and parent_fits) or free
    against_reference = implements and parent is None
    who = Applicability(level=child_level, coastal=is_coastal(child))
    matches: list[Match] = []
    if free and parent is not None:
        matches = match_free(child, parent)
    elif cross and parent is not None:
        matches = match_plans(child, parent, reference, who)
        matches += chain_gaps(child, parent, reference, who)
    elif against_reference:
        matches = match_reference(child, reference, who)
    missing = missing_parent_words(child, reference, child_level) if against_reference else None
    return Links(
        child_level=child_level,
        child_coastal=who.coastal,
        parent_level=parent_level,
        parent_coastal=is_coastal(parent) if parent is not None else None,
        implements_de_an_13=implements,
        basis=_basis(free=free, cross=cross, against_reference=against_reference),
        matches=matches,
        coverage=parent_coverage(matches, parent),
        scope_note=None
        if free
        else scope_note(
            implements=implements,
            has_parent=parent is not None,
            parent_fits=parent_fits,
            parent_below=below,
            missing_parent=missing,
            reference=reference,
            document_kind=child.meta.doc_type,
            carried_out=carried_out_words(child),
        ),
        parent_note=parent_note(child, parent) if cross and parent is not None else None,
        missing_parent=missing,
    )


def _basis(*, free: bool, cross: bool, against_reference: bool) -> Basis:
    if free:
        return "parent"
    if cross:
        return "chain"
    return "reference" if against_reference else "none"
