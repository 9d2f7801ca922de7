"""The quantity-phrase set: its manifest, its gold, and the split rule.

``manifest.yaml`` lists every source page (where the text was read, whose document
sets the figures, its topic and its split); ``texts/<id>.txt`` holds the sentences
and list items taken from it, one a line, as printed; ``gold/<id>.yaml`` gives for
each line the quantities it sets, typed by hand before the reader ran on it. The
format is described in README.md beside this file; the models below make that
description checkable (``extra="forbid"``: a misspelt field is an error), and a
gold quantity is written on one line, ``"<op> <value>[..<high>] [<unit>]"``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
REALDOCS_MANIFEST = HERE.parent / "realdocs" / "manifest.yaml"
Split = Literal["dev", "heldout"]
# The comparators of extract.model.Quantity.op, restated: the gold must not move
# when the code under test does.
Comparator = Literal["=", ">", ">=", "<", "<=", "~", "range"]
_QUANTITY = re.compile(
    r"^(?P<op>=|>=|<=|>|<|~|range) (?P<value>-?\d+(?:\.\d+)?)"
    r"(?:\.\.(?P<high>-?\d+(?:\.\d+)?))?(?: (?P<unit>\S.*))?$"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldQuantity(_Strict):
    """A figure an item sets: 'dưới 24%' is op '<', value 24, unit '%'."""

    op: Comparator
    value: float
    unit: str | None = Field(description="As printed after the figure; None for a bare figure.")
    high: float | None = Field(default=None, description="Upper bound when op is 'range'.")

    @classmethod
    def parse(cls, written: str) -> GoldQuantity:
        """``'range 5..10 %'`` -> op 'range', value 5, high 10, unit '%'."""
        found = _QUANTITY.match(written)
        if found is None:
            raise ValueError(f"not a gold quantity: {written!r} (README.md: '<op> <value> <unit>')")
        high = float(found["high"]) if found["high"] is not None else None
        if (found["op"] == "range") != (high is not None):
            raise ValueError(f"{written!r}: a range, and only a range, has '..<high>'")
        return cls(op=found["op"], value=float(found["value"]), unit=found["unit"], high=high)


class GoldLine(_Strict):
    """The gold of one line of a text: the quantities it sets, in order."""

    line: int = Field(ge=1)
    quantities: list[str]


class Entry(_Strict):
    """One source page of the manifest."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    split: Split
    url: str = Field(pattern=r"^https?://")
    issuer: str = Field(min_length=3, description="The body whose document sets the figures.")
    province: str | None = Field(description="Province of the issuer; null for central bodies.")
    topic: str = Field(pattern=r"^[a-z]+(-[a-z0-9]+)*$")
    origin: Literal["document", "portal", "news-quoted", "quoted"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @property
    def text_path(self) -> Path:
        return HERE / "texts" / f"{self.id}.txt"

    @property
    def gold_path(self) -> Path:
        return HERE / "gold" / f"{self.id}.yaml"


class Manifest(_Strict):
    version: int
    documents: list[Entry]


@dataclass(frozen=True)
class Item:
    """One sentence or list item with its gold quantities."""

    source: str
    line: int
    text: str
    gold: tuple[GoldQuantity, ...]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    """The manifest, validated."""
    return Manifest.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_items(entry: Entry) -> list[Item]:
    """The items of one source with their gold; the gold must cover every line once."""
    lines = entry.text_path.read_text(encoding="utf-8").splitlines()
    gold = [
        GoldLine.model_validate(row) for row in yaml.safe_load(entry.gold_path.read_text("utf-8"))
    ]
    if [row.line for row in gold] != list(range(1, len(lines) + 1)):
        raise ValueError(f"{entry.gold_path.name}: gold lines are not 1..{len(lines)} in order")
    return [
        Item(entry.id, row.line, text, tuple(GoldQuantity.parse(q) for q in row.quantities))
        for row, text in zip(gold, lines, strict=True)
    ]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_key(text: str) -> str:
    """An issuer or topic as the split rule compares them."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def split_violations(documents: list[Entry]) -> list[str]:
    """Held-out sources sharing an issuer or a topic with the development part.

    The rule of README.md: a held-out source comes from an issuer no development
    source has, on a topic no development source has, so that a reader tuned on
    the development part has seen neither its clerks' phrasing nor its topic's
    units.
    """
    dev = [entry for entry in documents if entry.split == "dev"]
    issuers = {split_key(entry.issuer) for entry in dev}
    topics = {entry.topic for entry in dev}
    problems = []
    for entry in documents:
        if entry.split != "heldout":
            continue
        if split_key(entry.issuer) in issuers:
            problems.append(f"{entry.id}: issuer {entry.issuer} is also in dev")
        if entry.topic in topics:
            problems.append(f"{entry.id}: topic {entry.topic} is also in dev")
    return problems
