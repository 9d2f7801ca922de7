"""corpus/manifest.yaml describes exactly the bundled plans, and they are unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tests.conftest import CORPUS, PLANS, ROOT


class ManifestEntry(BaseModel):
    """One corpus document."""

    model_config = ConfigDict(extra="forbid")

    file: str
    issuer: str = Field(min_length=3)
    number: str | None
    date: dt.date | None
    kind: str
    implements_de_an_13: bool
    source: str = Field(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    used_by: list[str] = Field(min_length=1)
    note: str = Field(min_length=20)

    @field_validator("number")
    @classmethod
    def _number_has_a_symbol(cls, number: str | None) -> str | None:
        # "48-KH/ĐU": a number, a dash, the document kind and the issuer's symbol.
        if number is not None and not re.fullmatch(r"\d+-[A-ZĐ]+/[A-ZĐa-z]+", number):
            raise ValueError(f"not a number and symbol: {number!r}")
        return number


class Manifest(BaseModel):
    """The whole manifest."""

    model_config = ConfigDict(extra="forbid")

    version: int
    documents: list[ManifestEntry]


def _manifest() -> Manifest:
    return Manifest.model_validate(yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8")))


def test_manifest_lists_exactly_the_bundled_plans() -> None:
    files = [entry.file for entry in _manifest().documents]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(path.name for path in PLANS.iterdir() if path.is_file())


def test_bundled_plans_are_byte_identical_to_their_sources() -> None:
    for entry in _manifest().documents:
        assert hashlib.sha256((PLANS / entry.file).read_bytes()).hexdigest() == entry.sha256


def test_used_by_names_existing_tests() -> None:
    for entry in _manifest().documents:
        for user in entry.used_by:
            assert (ROOT / user).is_file(), f"{entry.file}: {user} does not exist"


def test_sources_are_distinct() -> None:
    sources = [entry.source for entry in _manifest().documents]
    assert len(sources) == len(set(sources))
