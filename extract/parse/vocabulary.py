"""The item parsers' vocabulary, loaded from YAML and validated by pydantic.

Two files: ``extract/parse/data/items.yaml`` (section titles, quantity and
deadline words, label words) and ``corpus/reference/bodies.yaml`` (the registry
of responsible bodies with their aliases). Words are compared in normalised form
(see :func:`normalise`), so the data can be written as a person would write it.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import corpus_dir, data_file, load_yaml
from extract.text import longest_first, normalise

ITEMS_PATH = data_file("extract.parse", "items.yaml")

Role = Literal["lead", "advisory", "implementing", "coordinating"]
Every = Literal["year", "half-year", "quarter", "month"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionWords(_Data):
    target_heads: list[str] = Field(description="How a heading of targets opens.")
    goal_heads: list[str] = Field(description="Goal words that hold targets when qualified.")
    general_goals: list[str] = Field(description="Qualifiers of a goal that make it prose.")
    broad_goals: list[str] = Field(
        description="Qualifiers of a goal that stay prose even when listed with other parts."
    )
    part_separators: list[str] = Field(description="What separates the parts a heading lists.")
    title_quantifiers: list[str] = Field(description="'các', 'một số' before a heading's head.")
    result_words: list[str] = Field(description="Words of a report on results, not targets.")
    intent_words: list[str] = Field(
        description="Words before a result word that make it a level to reach ('cần đạt được')."
    )
    reference_nouns: list[str] = Field(
        description="Words before a number that cite a part of a document ('Điều 1.')."
    )
    group_openers: list[str] = Field(
        description="How a group line of a list of targets opens ('Về kinh tế', 'Lĩnh vực ...')."
    )
    target_verbs: list[str] = Field(
        description="Verbs that set targets in a lead ending 'như sau' ('giao chỉ tiêu')."
    )
    damaged_heads: list[str] = Field(
        description="Target headings read even when a PDF lost their vowels ('Mc tiêu c thể')."
    )
    stamp_words: list[str] = Field(
        description="Words of a page's posting stamp ('Thứ Năm, 15-10-2020, 21:49'), not text."
    )
    task_titles: list[str] = Field(description="Title words of a Roman part holding tasks.")
    part_titles: list[str] = Field(
        description="How a part heading set in capitals without a Roman numeral begins."
    )
    letter_labels: list[str] = Field(
        description="Letters of sub-items 'a)', 'b)' in the order they are used."
    )


class QuantityWords(_Data):
    prefix_ops: dict[Literal[">", ">=", "~", "<", "<="], list[str]]
    suffix_ops: dict[Literal[">=", "<="], list[str]]
    range_words: list[str]
    suffix_reach_words: int = Field(ge=0)
    direction_words: dict[Literal["up", "down"], list[str]]
    level_words: list[str]
    rate_nouns: list[str]
    yearly_words: list[str]
    yearly_suffixes: list[str]
    rate_bases: list[str] = Field(description="Words before '1' that make it a rate's base.")
    magnitude_words: list[str] = Field(description="'triệu', 'tỷ': a '1' before them is a level.")
    level_nouns: list[str] = Field(description="'mức' in 'dưới mức 115': the comparison holds.")
    label_words: list[str] = Field(description="'số' in 'tiêu chí số 15': a label follows.")
    total_words: list[str] = Field(description="'tổng' in 'tổng số 3.000 lao động': a count.")
    from_words: list[str] = Field(description="'từ' opening a starting point.")
    movement_words: list[str] = Field(description="'xuống', 'lên': from a start to a level.")
    baseline_words: list[str] = Field(description="'thay vì': the figure after is a baseline.")
    quoted_name_words: int = Field(ge=1, description="Longest quotation read as a name.")
    condition_openings: list[str] = Field(description="'nếu': an 'if' clause opens.")
    condition_closings: list[str] = Field(description="'thì': the main clause resumes.")


class DeadlineWords(_Data):
    continuous: list[str]
    ongoing_after_year: list[str]
    every: dict[Every, list[str]]
    first_half: list[str]
    second_half: list[str]
    time_openings: list[str] = Field(description="How a deadline clause inside a task opens.")
    quarter_words: list[str] = Field(min_length=1, description="'quý' before a quarter.")
    month_words: list[str] = Field(min_length=1, description="'tháng' before a month.")
    year_words: list[str] = Field(min_length=1, description="'năm' before a year.")
    years_words: list[str] = Field(min_length=1, description="What opens a span of years.")
    range_joiners: list[str] = Field(min_length=1, description="Between the ends of a range.")
    range_openings: list[str] = Field(min_length=1, description="'từ' before a range's start.")
    day_words: list[str] = Field(min_length=1, description="'ngày' before a day.")


class LabelWords(_Data):
    roles: dict[Role, list[str]]
    carrying_leads: list[str] = Field(
        description="Lead role words (chủ trì) whose body also carries the item out."
    )
    body_heads: list[str]
    deadline_heads: list[str]


class TableColumns(_Data):
    number: list[str] = Field(description="Headers of the numbering column ('STT').")
    content: list[str] = Field(description="How the header of the item's text column begins.")
    target_content: list[str] = Field(description="Content headers that make rows targets.")
    deadline: list[str] = Field(description="How a deadline column's header begins.")
    unit: list[str] = Field(description="Headers of the unit column ('ĐVT').")
    value: list[str] = Field(description="Headers of a figure column without a year.")
    baseline: list[str] = Field(description="How a year column of past results is headed.")
    breakdown: list[str] = Field(description="How a row detailing the row above opens.")
    forward: list[str] = Field(description="Words of a year column's header that look forward.")
    money: list[str] = Field(description="Words of a column of money, which sets no level.")
    task_content: list[str] = Field(description="Text column headers that name tasks.")


class BodyWords(_Data):
    heads: list[str]
    localities: list[str]
    locality_links: list[str]
    own_leadership: list[str] = Field(
        description="How a plan names its own leadership among the bodies of an item."
    )


class LineWords(_Data):
    continuing_endings: list[str] = Field(
        min_length=1, description="A line ending so continues on the next: ',', 'và', 'của'."
    )


class ItemVocabulary(_Data):
    version: int
    lines: LineWords
    sections: SectionWords
    quantities: QuantityWords
    deadlines: DeadlineWords
    labels: LabelWords
    bodies: BodyWords
    table_columns: TableColumns


class RegistryBody(_Data):
    name: str
    aliases: list[str] = Field(min_length=1)


class BodyRegistry(_Data):
    version: int
    abbreviations: dict[str, str]
    bodies: list[RegistryBody]


@cache
def items() -> ItemVocabulary:
    """The item vocabulary, validated once per process."""
    return ItemVocabulary.model_validate(load_yaml(ITEMS_PATH))


@cache
def body_registry() -> BodyRegistry:
    """The registry of bodies from corpus/reference/bodies.yaml."""
    return BodyRegistry.model_validate(load_yaml(corpus_dir() / "reference" / "bodies.yaml"))


def sort_longest(words: list[str]) -> list[str]:
    """Normalised words, longest first, so that the fullest phrase wins."""
    return list(_sort_longest(tuple(words)))


@cache
def _sort_longest(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({normalise(word) for word in words}, key=longest_first))
