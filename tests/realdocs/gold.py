"""The real-document set: its manifest, its gold records, and the split rule.

``manifest.yaml`` lists every document (where it came from, who issued it, its
topic and its split); ``<split>/<id>.txt`` is the text exactly as the source page
gave it and ``<split>/<id>.json`` the gold written by hand from that text. The
format is described in README.md beside this file; the pydantic models below are
that description made checkable (``extra="forbid"``: a misspelt field is an error).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
Split = Literal["dev", "heldout"]
# The comparators of extract.model.QuantityOp, restated: the gold must not move
# when the code under test does.
Comparator = Literal["=", ">", ">=", "<", "<=", "~", "range"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldReference(_Strict):
    """A document the text cites by number ('Kế hoạch số 141-KH/BDVTU ngày 27/12/2024')."""

    number: str = Field(min_length=2, description="Number and symbol as printed, no spaces.")
    date: dt.date | None = Field(description="Its date when the citation gives one.")
    kind: str | None = Field(description="'Kế hoạch', 'Quyết định', 'Công văn', ...")


class GoldQuantity(_Strict):
    """A figure a target sets: 'dưới 24%' is value 24, unit '%', op '<'."""

    value: float
    unit: str | None = Field(description="As printed ('%', 'tuổi', 'con/phụ nữ'); null if bare.")
    op: Comparator = Field(description="Comparator as extract.model.Quantity.op spells it.")
    high: float | None = Field(default=None, description="Upper bound when op is 'range'.")


class GoldTarget(_Strict):
    """One labelled item of a target section (see README: what counts as a target)."""

    line: int = Field(ge=1, description="1-based line of the .txt where its label stands.")
    label: str = Field(min_length=1, description="'1.', 'a)', '(3)', '-', '+' as printed.")
    text: str = Field(min_length=1, description="Its first words after the label, as printed.")
    quantities: list[GoldQuantity]


class Gold(_Strict):
    """Everything the text states about itself, null where it says nothing."""

    url: str = Field(pattern=r"^https?://")
    doc_type: str | None
    number: str | None = Field(description="As printed without inner spaces; null if blank.")
    issuer: str | None
    place: str | None
    issue_date: dt.date | None
    references: list[GoldReference]
    targets: list[GoldTarget]
    dates: list[dt.date] | None = Field(default=None, description="From realdev; optional.")
    percentages: list[float] | None = Field(default=None, description="From realdev; optional.")
    truncated: bool = Field(description="True: the text is an opening, cut mid-way.")


class Entry(_Strict):
    """One document of the manifest."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    split: Split
    url: str = Field(pattern=r"^https?://")
    issuer: str = Field(min_length=3, description="Who really issued it (may be unstated).")
    province: str | None = Field(description="Province of the issuer; null for central bodies.")
    topic: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$")
    doc_type: str
    layout: str = Field(min_length=5, description="How the page lays out the header.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    origin: str = Field(description="'realdev' (shared set) or 'pages' (search corpus).")

    @property
    def text_path(self) -> Path:
        return HERE / self.split / f"{self.id}.txt"

    @property
    def gold_path(self) -> Path:
        return HERE / self.split / f"{self.id}.json"


class Manifest(_Strict):
    version: int
    documents: list[Entry]


def load_manifest(path: Path = MANIFEST) -> Manifest:
    """The manifest, validated."""
    return Manifest.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def load_gold(entry: Entry) -> Gold:
    """The gold record of one document, validated."""
    return Gold.model_validate_json(entry.gold_path.read_text(encoding="utf-8"))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_key(text: str) -> str:
    """Issuer, province and topic as the split rule compares them."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def split_violations(documents: list[Entry]) -> list[str]:
    """Held-out documents sharing a province, an issuer or a topic with the dev part.

    The rule of README.md: a held-out document must come from a province and an
    issuer that no development document has, on a topic no development document
    has, so that a parser tuned on the development part has never seen its
    clerk's layout nor its topic's vocabulary.
    """
    dev = [entry for entry in documents if entry.split == "dev"]
    provinces = {split_key(entry.province) for entry in dev if entry.province}
    issuers = {split_key(entry.issuer) for entry in dev}
    topics = {entry.topic for entry in dev}
    problems = []
    for entry in documents:
        if entry.split != "heldout":
            continue
        if entry.province and split_key(entry.province) in provinces:
            problems.append(f"{entry.id}: province {entry.province} is also in dev")
        if split_key(entry.issuer) in issuers:
            problems.append(f"{entry.id}: issuer {entry.issuer} is also in dev")
        if entry.topic in topics:
            problems.append(f"{entry.id}: topic {entry.topic} is also in dev")
    return problems
