"""The metadata parsers' vocabulary, loaded from ``data/meta.yaml`` and validated.

Words are compared in normalised form (:func:`extract.text.comparable`): case-folded,
NFC, the old tone placement ("uỷ", "hoà") mapped to the new one ("ủy", "hòa"), dashes
and runs of spaces unified. The data can then be written as a person would write it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.resources import data_file, load_yaml
from extract.text import comparable, longest_first

META_PATH = data_file("extract.parse", "meta.yaml")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeAn13(_Data):
    """How Đề án 13 is recognised in a citation."""

    number: str
    date: dt.date
    issuers: list[str] = Field(min_length=1)
    short_names: list[str] = Field(min_length=1)
    relaying_issuer_word: str


class IssuingStatement(_Data):
    """How a preamble says the plan is issued to carry out its last basis."""

    basis_openings: list[str] = Field(min_length=1)
    verbs: list[str] = Field(min_length=1)
    kind_words: list[str] = Field(min_length=1)
    purposes: list[str] = Field(min_length=1)
    not_in_subject: list[str]


class MetaVocabulary(_Data):
    """Every word list of ``meta.yaml``; see the comments in that file."""

    version: int
    document_kinds: list[str] = Field(min_length=1)
    kind_qualifiers: list[str]
    header_mottos: list[str]
    capitals_only_mottos: list[str]
    motto_in_running_text_after: list[str]
    place_levels: list[str]
    place_level_false_friends: list[str]
    hamlet_words: list[str]
    committee_words: list[str]
    name_capital_words: list[str]
    name_head_words: list[str]
    field_name_heads: list[str]
    named_institution_kinds: list[str]
    head_compounds: list[str]
    name_abbreviations: list[str]
    words_before_no_place: list[str]
    issuer_heads: list[str] = Field(min_length=1)
    issuer_stops: list[str]
    clause_verbs: list[str]
    named_kinds: list[str]
    implements_openings: list[str] = Field(min_length=1)
    issuing_statement: IssuingStatement
    de_an_13: DeAn13
    recipients_heads: list[str] = Field(min_length=1)
    authority_markers: list[str]
    title_connectors: list[str]
    body_openings: list[str] = Field(min_length=1)
    deciding_authorities: list[str] = Field(min_length=1)
    authority_connectors: list[str]
    surnames: list[str]
    period_words: list[str]
    single_year_words: list[str]
    fraction_followers: list[str]
    party_motto: str
    central_words: list[str]
    kind_line_words: int = Field(ge=1)
    kind_compounds: list[str]
    citation_only_kinds: list[str]
    elsewhere_markers: list[str]
    letter_kind: str
    header_body_heads: list[str] = Field(min_length=1)
    body_head_false_friends: list[str]
    name_open_ends: list[str]
    symbol_kinds: dict[str, str] = Field(
        description="First part of a symbol (folded) -> document kind."
    )
    issuing_verbs: list[str] = Field(min_length=1)
    unit_levels: dict[str, list[Literal["tinh", "huyen", "xa", "phuong"]]] = Field(
        description="A level word of a name -> the levels the name after it may have."
    )

    @field_validator("symbol_kinds")
    @classmethod
    def _folded_symbols(cls, kinds: dict[str, str]) -> dict[str, str]:
        return {comparable(symbol): kind for symbol, kind in kinds.items()}

    @field_validator("document_kinds", "issuer_heads", "authority_markers")
    @classmethod
    def _no_blank_words(cls, words: list[str]) -> list[str]:
        if any(not word.strip() for word in words):
            raise ValueError("blank word in list")
        return words


@cache
def meta_vocabulary() -> MetaVocabulary:
    """The validated vocabulary (read once per process)."""
    return MetaVocabulary.model_validate(load_yaml(META_PATH))


def words_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` for :func:`extract.text.search_form` text.

    Longest first, so that the fullest phrase wins.
    """
    ordered = sorted({comparable(word) for word in words}, key=longest_first)
    escaped = (re.escape(word).replace(r"\ \-\ ", r"\s*-\s*") for word in ordered)
    return "|".join(word.replace(r"\ ", r"\s+") for word in escaped)
