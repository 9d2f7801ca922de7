"""The Đề án 13 reference model: identity, indicator and task catalogues, as validated data.

The data lives in ``corpus/reference/de_an_13.yaml``; this module only loads and checks it.
Keywords are compared on *folded* text (see ``fold_text``) so that a stray diacritic left by
repair or a different quote style does not hide a match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from extract.resources import corpus_dir, load_yaml
from extract.text import fold_text

Level = Literal["tinh", "huyen", "xa", "phuong", "agency"]
Category = Literal["general", "economic", "new_countryside", "civilized_urban"]
ALL_LOCALITY_LEVELS: tuple[Level, ...] = ("tinh", "huyen", "xa", "phuong")

# How many item classifications a reference remembers (``Reference.classified``).
_CLASSIFIED_LIMIT = 4096
# How many parents' facts it remembers (``Reference.parent_facts``): a key holds the
# parent's text, and a batch checks its children parent after parent.
_PARENT_FACTS_LIMIT = 8

_Verdict = TypeVar("_Verdict")


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(StrictModel):
    """Where an entry was read: a corpus plan and a 1-based line in it."""

    document: str = Field(description="File name in corpus/plans/.")
    line: int = Field(ge=1)


class DocumentIdentity(StrictModel):
    """Number, date and issuer of a document (the Đề án itself or the plan relaying it)."""

    kind: str
    number: str
    date: dt.date
    issuer: str
    province: str | None = None
    title: str | None = None
    short_names: list[str] = Field(default_factory=list)
    period: dict[str, int] | None = None
    provenance: Provenance


class IndicatorPart(StrictModel):
    """One sub-target of a numbered indicator, recognised by keywords near its figure."""

    id: str
    name: str
    keywords: list[str]
    levels: list[Level] | None = Field(
        default=None, description="Levels that carry this part; None means as the indicator."
    )

    @field_validator("keywords")
    @classmethod
    def _fold_keywords(cls, keywords: list[str]) -> list[str]:
        return _folded_nonempty(keywords)


class CatalogueEntry(StrictModel):
    """A canonical indicator or task of the Đề án."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    category: Category
    keywords: list[str]
    aliases: list[str] = Field(default_factory=list)
    direction: Literal["higher", "lower"] = "higher"
    levels: list[Level] = Field(default_factory=lambda: [*ALL_LOCALITY_LEVELS, "agency"])
    coastal_only: bool = False
    counts_are_totals: bool = Field(
        default=False,
        description="Counted figures are totals for the unit's whole territory (10.000 ngày "
        "công for a town): a lower unit's smaller total is not a weaker target.",
    )
    parts: list[IndicatorPart] = Field(default_factory=list)
    provenance: Provenance

    @field_validator("keywords")
    @classmethod
    def _fold_keywords(cls, keywords: list[str]) -> list[str]:
        return _folded_nonempty(keywords)


class RecurringDeadline(StrictModel):
    """A deadline the Đề án repeats every period, e.g. registering models before 31/3."""

    id: str
    task: str
    description: str
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    every: Literal["year", "half-year", "quarter", "month"]
    keywords: list[str]
    provenance: Provenance

    @field_validator("keywords")
    @classmethod
    def _fold_keywords(cls, keywords: list[str]) -> list[str]:
        return _folded_nonempty(keywords)


class Reference(StrictModel):
    """The whole reference model of Đề án 13."""

    version: int
    identity: DocumentIdentity
    relay: DocumentIdentity
    levels: dict[Level, str] = Field(description="Vietnamese label of each level.")
    categories: dict[Category, str]
    indicators: list[CatalogueEntry]
    tasks: list[CatalogueEntry]
    recurring_deadlines: list[RecurringDeadline] = Field(default_factory=list)
    _classified: dict[tuple[str, str], Any] = PrivateAttr(default_factory=dict)
    _parent_facts: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_ids(self) -> Reference:
        for kind, entries in (("indicators", self.indicators), ("tasks", self.tasks)):
            ids = [entry.id for entry in entries]
            duplicates = sorted({name for name in ids if ids.count(name) > 1})
            if duplicates:
                raise ValueError(f"duplicate {kind} ids: {duplicates}")
        task_ids = {task.id for task in self.tasks}
        for deadline in self.recurring_deadlines:
            if deadline.task not in task_ids:
                raise ValueError(f"recurring deadline {deadline.id} names unknown task")
        return self

    def indicator(self, entry_id: str) -> CatalogueEntry:
        """The indicator with this id; KeyError when unknown."""
        return _by_id(self.indicators, entry_id)

    def task(self, entry_id: str) -> CatalogueEntry:
        """The task with this id; KeyError when unknown."""
        return _by_id(self.tasks, entry_id)

    def __copy__(self) -> Reference:
        # A copy (``model_copy(update=...)``) may hold another catalogue: it starts with
        # no verdicts of its own rather than sharing this reference's.
        copied = super().__copy__()
        copied._classified = {}
        copied._parent_facts = {}
        return copied

    def classified(self, kind: str, text: str, classify: Callable[[], _Verdict]) -> _Verdict:
        """The catalogue entry of an item's text, computed by ``classify`` once.

        A batch checks many children against one parent and classifies the parent's
        items for each: the reference keeps the verdicts (a bounded number), so they live
        exactly as long as the catalogue they were made from.
        """
        key = (kind, text)
        if key in self._classified:
            verdict: _Verdict = self._classified[key]
            return verdict
        verdict = classify()
        if len(self._classified) >= _CLASSIFIED_LIMIT:
            self._classified.clear()
        self._classified[key] = verdict
        return verdict

    def parent_facts(self, key: Hashable, work_out: Callable[[], _Verdict]) -> _Verdict:
        """What this catalogue says of a parent plan, worked out by ``work_out`` once.

        A batch checks many children against one parent, and the chain's gaps read the
        parent against the catalogue for each (``rules.linking.chain``). ``key`` holds
        everything ``work_out`` reads of the parent (its items and lines, the child's
        level and coast); the last few parents' facts are kept.
        """
        if key in self._parent_facts:
            facts: _Verdict = self._parent_facts[key]
            return facts
        facts = work_out()
        if len(self._parent_facts) >= _PARENT_FACTS_LIMIT:
            del self._parent_facts[next(iter(self._parent_facts))]
        self._parent_facts[key] = facts
        return facts


def reference_path() -> Path:
    """Where the bundled reference lives (follows $PLANCHECK_CORPUS)."""
    return corpus_dir() / "reference" / "de_an_13.yaml"


def load_reference(path: Path | None = None) -> Reference:
    """Load and validate the reference model.

    Args:
        path: A reference YAML file; the bundled one when None.

    Returns:
        The validated model (cached per path).

    Raises:
        pydantic.ValidationError: When the data breaks the schema.
    """
    return _load(path or reference_path())


@cache
def _load(path: Path) -> Reference:
    return Reference.model_validate(load_yaml(path))


def _by_id(entries: list[CatalogueEntry], entry_id: str) -> CatalogueEntry:
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)


def _folded_nonempty(keywords: list[str]) -> list[str]:
    folded = [fold_text(keyword) for keyword in keywords]
    if not folded or not all(folded):
        raise ValueError("every entry needs at least one non-empty keyword")
    return folded
