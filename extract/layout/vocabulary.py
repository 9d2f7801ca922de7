"""The words layout restoring cuts at, read from the parsers' own vocabulary files.

Layout restoring runs before repair and parsing and imports neither (an import-linter
contract keeps the steps apart), but it must know the same words the parsers know: the
kinds of documents, the mottos, the openings of a body, "Nơi nhận", the list letters.
It reads them from ``extract/parse/data/meta.yaml`` and ``items.yaml`` (data, not code)
and its own bounds from ``extract/layout/data/layout.yaml``, each validated here.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml
from extract.text import comparable, longest_first


class _Data(BaseModel):
    # The parsers' files hold more lists than layout reads: unknown keys are theirs.
    model_config = ConfigDict(extra="ignore", frozen=True)


class _MetaWords(_Data):
    """The lists of ``meta.yaml`` that mark where a header's parts and a body begin."""

    document_kinds: list[str] = Field(min_length=1)
    kind_compounds: list[str]
    header_mottos: list[str] = Field(min_length=1)
    capitals_only_mottos: list[str]
    motto_in_running_text_after: list[str]
    body_openings: list[str] = Field(min_length=1)
    recipients_heads: list[str] = Field(min_length=1)


class _Sections(_Data):
    letter_labels: list[str] = Field(min_length=1)
    reference_nouns: list[str]
    stamp_words: list[str]


class _Deadlines(_Data):
    quarter_words: list[str]


class _Roles(_Data):
    lead: list[str]
    advisory: list[str]
    implementing: list[str]
    coordinating: list[str]


class _Labels(_Data):
    roles: _Roles
    body_heads: list[str] = Field(min_length=1)
    deadline_heads: list[str] = Field(min_length=1)

    def heads(self) -> list[str]:
        """Every word a label block's label opens with: a body, a role, a deadline."""
        roles = self.roles
        return [
            *self.body_heads,
            *self.deadline_heads,
            *roles.lead,
            *roles.advisory,
            *roles.implementing,
            *roles.coordinating,
        ]


class _ItemWords(_Data):
    """The lists of ``items.yaml`` that tell a list label from a cited part."""

    sections: _Sections
    deadlines: _Deadlines
    labels: _Labels


class _Bounds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    min_line_chars: int = Field(gt=0)
    min_strong_cuts: int = Field(ge=1)
    min_list_labels: int = Field(ge=2)
    pasted_strong_cuts: int = Field(ge=1)
    pasted_list_labels: int = Field(ge=1)
    place_words: int = Field(ge=1)
    unit_words: int = Field(ge=0)
    heading_words: int = Field(ge=1)
    note: str = Field(min_length=10)


class LayoutWords(BaseModel):
    """Everything the cutter needs, as compiled patterns and sets."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    min_line_chars: int
    min_strong_cuts: int
    min_list_labels: int
    pasted_strong_cuts: int
    pasted_list_labels: int
    place_words: int
    unit_words: int
    heading_words: int
    note: str = Field(description="The plan's note when lines were cut, a str.format template.")
    kinds: re.Pattern[str] = Field(description="A document kind in capitals, whole words.")
    kind_compounds: re.Pattern[str] = Field(description="Words that open with a kind.")
    mottos: re.Pattern[str] = Field(description="Mottos, on the search form of a line.")
    capitals_only_mottos: frozenset[str]
    motto_after: frozenset[str] = Field(description="A word before a motto in a sentence.")
    body_openings: re.Pattern[str] = Field(description="Openings as written, capital first.")
    recipients: re.Pattern[str]
    letters: tuple[str, ...]
    stamp: re.Pattern[str] = Field(
        description="A web page's posting stamp opening a line, on its search form."
    )
    numeral_takers: frozenset[str] = Field(
        description="Words after which a number or Roman numeral cites, it labels nothing."
    )
    label_heads: re.Pattern[str] = Field(
        description="A label block's label as written ('Cơ quan tham mưu', 'Thời gian')."
    )


@cache
def layout_words() -> LayoutWords:
    """The validated vocabulary, built once per process."""
    meta = _MetaWords.model_validate(load_yaml(data_file("extract.parse", "meta.yaml")))
    items = _ItemWords.model_validate(load_yaml(data_file("extract.parse", "items.yaml")))
    bounds = _Bounds.model_validate(load_yaml(data_file("extract.layout", "layout.yaml")))
    return LayoutWords(
        min_line_chars=bounds.min_line_chars,
        min_strong_cuts=bounds.min_strong_cuts,
        min_list_labels=bounds.min_list_labels,
        pasted_strong_cuts=bounds.pasted_strong_cuts,
        pasted_list_labels=bounds.pasted_list_labels,
        place_words=bounds.place_words,
        unit_words=bounds.unit_words,
        heading_words=bounds.heading_words,
        note=bounds.note,
        kinds=re.compile(rf"(?<!\w)(?:{_capitals(meta.document_kinds)})(?!\w)"),
        kind_compounds=re.compile(rf"(?:{_capitals(meta.kind_compounds)})(?!\w)"),
        mottos=re.compile(rf"(?<!\w)(?:{_searched(meta.header_mottos)})(?!\w)"),
        capitals_only_mottos=frozenset(comparable(motto) for motto in meta.capitals_only_mottos),
        motto_after=frozenset(comparable(word) for word in meta.motto_in_running_text_after),
        body_openings=re.compile(rf"(?<!\w)(?:{_as_written(meta.body_openings)})(?!\w)"),
        recipients=re.compile(rf"(?<!\w)(?:{_as_written(meta.recipients_heads)})\s*:"),
        letters=tuple(items.sections.letter_labels),
        stamp=re.compile(
            rf"(?:(?:{_searched(items.sections.stamp_words)})(?!\w)|\d[\d/:.,-]*)[\s,|]*"
        ),
        numeral_takers=frozenset(
            comparable(word)
            for word in items.sections.reference_nouns + items.deadlines.quarter_words
        ),
        label_heads=re.compile(rf"[*_]*(?:{_as_written(items.labels.heads())})(?!\w)"),
    )


def _spaced(words: list[str]) -> list[str]:
    """Escaped words, longest first, any run of spaces between their words."""
    ordered = sorted(set(words), key=longest_first)
    return [re.escape(word).replace(r"\ ", r"\s+") for word in ordered]


def _capitals(words: list[str]) -> str:
    """The words in capitals, as a header's kind line sets them ("KẾ HOẠCH")."""
    return "|".join(_spaced([word.upper() for word in words]))


def _as_written(words: list[str]) -> str:
    """The words as written in running text, first letter a capital ("Căn cứ")."""
    return "|".join(_spaced([word[:1].upper() + word[1:] for word in words]))


def _searched(words: list[str]) -> str:
    """The words in the comparable form, dashes loose, for ``extract.text.search_form`` text."""
    ordered = sorted({comparable(word) for word in words}, key=longest_first)
    escaped = (re.escape(word).replace(r"\ \-\ ", r"\s*-\s*") for word in ordered)
    return "|".join(word.replace(r"\ ", r"\s+") for word in escaped)
