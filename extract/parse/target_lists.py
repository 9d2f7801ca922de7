"""Lists of targets recognised by what their items set, whatever their heading says.

The heading route (``extract.parse.targets``) reads a list as targets when its heading
or lead speaks of them ("Các chỉ tiêu chủ yếu", "Mục tiêu cụ thể"). A plan laid out
otherwise ("Phấn đấu đến năm 2025:", "Về kinh tế:", a heading in words never met) is
missed whole. This route looks at the list itself: a run of lines labelled alike
("1.", "(1)", "a)", "-", "+", "•") whose items look like targets, most of them setting a
figure with words that set a level ("phấn đấu đạt 90%", "trên 65%", "giảm còn 5%",
"100% xã ..."). It abstains, so as to invent no target, when the list reports results
(its lead or a heading above it speaks of kết quả, tình hình, thực trạng; its items say
"đã", "ước đạt", "so với cùng kỳ"), when it lists tasks
or solutions (lead or heading names them, or items open on a verb of work), when an item
cites a document, and below the thresholds of the vocabulary
(``data/target_lists.yaml``). Each list keeps its evidence: which items looked like
targets and on which cue. What the list's place tells (the headings above it, the year its
page states, the lists beside it) is read by ``extract.parse.list_places``.

The work is linear in the plan's lines: each line is read once to build the runs, and
each item's words once to score it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Line, Section
from extract.parse.list_places import (
    ContentList,
    beside_lists,
    headings_above,
    innermost_sections,
    years_stated,
)
from extract.parse.list_runs import Run, label_runs
from extract.parse.quantities import parse_quantities
from extract.parse.sections import walk
from extract.parse.target_titles import reports_results
from extract.parse.targets import TargetArea
from extract.parse.vocabulary import items
from extract.resources import data_file, load_yaml
from extract.text import normalise

DATA_PATH = data_file("extract.parse", "target_lists.yaml")
# "100% xã", "95% hộ gia đình": a share of a noun, the commonest shape of a target.
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s?%\s+(?!so\b|trở\b|kế\b)[^\W\d_]")
# A year of the 20th or 21st century standing alone ("2025", "năm 2019").
_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d%/])")
# "Thu ngân sách: 12.800 tỷ đồng": an indicator, a colon, then its figure.
_VALUE = re.compile(r":\s*(?:[^\W\d_]+\s+){0,2}\d")
# Cues of an item that sets a level; "value" only gives an indicator its figure.
_STRONG = ("level", "share", "rate", "year")
# Cues that count towards a list's share but not towards its strong half.
_WEAK = ("value", "aim")
# How an item's words close a sentence; an item that does not, at the end of the text, was
# cut by the end of a page's excerpt.
_CLOSED = (".", ";", "!", "?", "…", ":", ")")
# "II. ", "2.1. ", "a) " before a heading's words.
_HEADING_LABEL = re.compile(r"^(?:[ivxl]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]\s*")
# Where a lead's last named part begins: after a sentence, a comma, a semicolon or "và".
_LAST_PART = re.compile(r"[.,;]\s|\s(?:và|cùng)\s")
# How many characters before a year are read for the words of a comparison base.
_BASELINE_WINDOW = 16


class ListWords(BaseModel):
    """The content route's vocabulary (``data/target_lists.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    level_words: list[str] = Field(min_length=1, description="Words that set a figure's level.")
    past_words: list[str] = Field(min_length=1, description="Words of a report on results.")
    baseline_words: list[str] = Field(description="Words before a year that make it a base.")
    task_openers: list[str] = Field(description="How an item of tasks or solutions opens.")
    task_leads: list[str] = Field(description="Lead or heading words announcing tasks.")
    situation_leads: list[str] = Field(
        description="Lead or heading words describing the present situation ('Thực trạng')."
    )
    citing_words: list[str] = Field(description="Words of an item that cites a document.")
    not_citing: list[str] = Field(description="Phrases with a citing word that cite nothing.")
    rate_nouns: list[str] = Field(description="How an indicator given as a rate opens.")
    minimum_items: int = Field(ge=2)
    minimum_targets: int = Field(ge=2)
    minimum_share: float = Field(gt=0.5, le=1.0)
    most_past_share: float = Field(ge=0.0, lt=0.5)


def content_areas(
    lines: list[Line], sections: list[Section], covered: set[int], year: int | None
) -> list[TargetArea]:
    """Target areas over the lists this route reads as targets, outside ``covered`` lines."""
    inside = innermost_sections(sections)
    areas = []
    for found in content_lists(lines, sections, covered, year):
        owner = inside.get(found.first - 1) if found.first > 1 else None
        section = Section(
            id=owner.id if owner is not None else "",
            label=owner.label if owner is not None else "",
            title=found.lead,
            level=owner.level if owner is not None else 1,
            line_start=found.first,
            line_end=found.last,
        )
        areas.append(TargetArea(f"content@{found.first}", section, found.first, found.last))
    return areas


def content_lists(
    lines: list[Line], sections: list[Section], covered: set[int], year: int | None
) -> list[ContentList]:
    """The runs of labelled lines that look like lists of targets, none in ``covered`` lines."""
    above = headings_above(sections)
    stated = years_stated(lines) if year is None else {}
    # The last line with text: an item ending there unclosed was cut by the page's end.
    end = next((line.number for line in reversed(lines) if line.text.strip()), 0)
    found: list[ContentList] = []
    for run in label_runs(lines, {section.line_start for section, _ in walk(sections)}):
        # A page without a header: the latest date written above the list stands for its year.
        run_year = year if year is not None else stated.get(run.items[0][0])
        found.extend(_read_run(run, _Reading(above, covered, run_year, end)))
    return beside_lists(found, sections)


@dataclass(frozen=True)
class _Reading:
    """What judging a run needs beside the run itself.

    The headings above each line, the lines already read as targets, the year the run's
    figures are read against, and the text's last line with words.
    """

    above: dict[int, tuple[str, ...]]
    covered: set[int]
    year: int | None
    end: int


def _read_run(run: Run, reading: _Reading) -> list[ContentList]:
    """The run as a list of targets, else those of the runs of its parts, read alike.

    "a) 100% ..." under "2. Mục tiêu cụ thể", the run no list; "- Giảm tỷ suất ..." under
    "a) Mục tiêu 1: ..." under "2. Mục tiêu cụ thể", neither run above it a list.
    """
    scored = _accepted(run, reading)
    found = [scored] if scored is not None else []
    if scored is not None and not scored.beside:
        return found
    if reports_results(_HEADING_LABEL.sub("", normalise(run.lead).strip(" *"))):
        return found  # a lead reporting results speaks for the parts too
    for parts in run.parts:
        found.extend(_read_run(parts, reading))
    return found


def _accepted(run: Run, reading: _Reading) -> ContentList | None:
    """The run read as a list of targets, unless covered, announced otherwise, or weak."""
    first, last = run.items[0][0], run.items[-1][1]
    if any(number in reading.covered for number in range(first, last + 1)):
        return None
    if _announces_other(run.lead, reading.above.get(first, ())):
        return None
    return _scored(run, reading.year, reading.end)


def _scored(run: Run, year: int | None, end: int) -> ContentList | None:
    """The run as a list of targets, or None when it reports, lists tasks, or is too weak.

    Items that set a level (``_STRONG``) must be at least two and half of the list; with
    those that only give an indicator its figure ("Thu ngân sách: 12.800 tỷ đồng") they
    must make the vocabulary's share of it. A list whose items report ("đã", "ước đạt")
    beyond the vocabulary's share is a report (:func:`_item_kinds`). An item setting a
    level without a figure ("không còn hộ nghèo") counts like one giving a figure, towards
    the share only. One item that sets a level under a heading naming a group ("1.4. Về an
    ninh trật tự") is a group of one: kept only beside a list of targets.
    """
    words = _words()
    kinds = _item_kinds(run, year, end)
    if kinds is None:
        return None
    counted = len(kinds)
    cues = tuple((first, kind) for first, kind in kinds if kind in _STRONG)
    valued = sum(kind in _WEAK for _, kind in kinds)
    strong = len(cues)
    first, last = run.items[0][0], run.items[-1][1]
    if counted == 1 and strong == 1 and _names_group(run.lead):
        return ContentList(first, last, run.lead, cues, counted, beside=True)
    if counted < words.minimum_items or strong < words.minimum_targets:
        return None
    if strong + valued < words.minimum_share * counted:
        return None
    # Fewer than half setting a level: a list of targets only beside one (``beside_lists``).
    return ContentList(first, last, run.lead, cues, counted, beside=2 * strong < counted)


def _item_kinds(run: Run, year: int | None, end: int) -> list[tuple[int, str]] | None:
    """(first line, kind) of each item judged, or None when the run cites or reports.

    Group lines ("Về kinh tế:") are no items, nor is an item the end of a page's excerpt
    cut ("- Phấn" on the text's last line) unless what is left of it sets a level. Below
    the vocabulary's share of reporting items, "đã" sits in a clause of a target ("... 06
    đoạn đường đã xuống cấp"): such an item is judged again without its past words.
    """
    kinds = []
    for first, last, parts in run.items:
        text = " ".join(parts)
        kind = item_kind(text, year)
        if kind == "citing":
            return None  # a list of documents: abstain whole
        cut = last == end and not text.rstrip().endswith(_CLOSED)
        if kind != "group" and (kind in _STRONG or not cut):
            kinds.append((first, kind, text))
    if sum(kind == "past" for _, kind, _ in kinds) > _words().most_past_share * len(kinds):
        return None  # a report on results ("đã đạt", "ước đạt"): abstain whole
    judged = [
        (first, item_kind(text, year, past=False) if kind == "past" else kind)
        for first, kind, text in kinds
    ]
    return None if any(kind == "citing" for _, kind in judged) else judged


def item_kind(text: str, year: int | None, past: bool = True) -> str:
    """What one item's words are: its target cue, or "past", "citing", "task", "group", "other".

    A target cue is "level" (a comparison the quantity reader found, or a word that sets
    a level), "share" ("100% xã"), "rate" (a rate given in per cent: "Tỷ lệ hộ dân dùng
    nước hợp vệ sinh 100%") or "year" (a figure for a year from the plan's own on);
    "value" is an indicator given its figure after a colon, a weaker cue. An item needs a
    figure to have a strong cue; one with a level word and no figure is "aim", weak. With
    ``past`` False, past words are not looked at (the list was found no report).
    """
    folded = normalise(text)
    words = _words()
    if past and _reports(folded):
        return "past"
    if _has_any(_without(folded, words.not_citing), words.citing_words):
        return "citing"
    quantities = parse_quantities(text)
    levelled = any(q.op != "=" or q.direction is not None for q in quantities) or _has_any(
        folded, words.level_words
    )
    if any(folded.startswith(f"{opener} ") for opener in _folded(tuple(words.task_openers))):
        # "Huy động trẻ vào nhà trẻ đạt 12% vào năm 2005" sets a level all the same.
        return "level" if quantities and levelled else "task"
    if not quantities:
        if folded.endswith(":"):
            return "group"
        # "Phấn đấu đến năm 2025 không còn hộ nghèo": a level without a figure, a weak cue.
        return "aim" if levelled else "other"
    if _only_past_years(folded, year):
        return "other"  # "Tỷ lệ hộ nghèo năm 2022: 3,5%" in a plan of 2024 states the past
    if levelled:
        return "level"
    if any(folded.startswith(f"{noun} ") for noun in _folded(tuple(words.rate_nouns))) and any(
        q.unit in ("%", "‰") for q in quantities
    ):
        return "rate"
    if _SHARE.search(folded):
        return "share"
    if year is not None and any(int(found) >= year for found in _years(folded)):
        return "year"
    return "value" if _VALUE.search(folded) else "other"


def _reports(folded: str) -> bool:
    """Whether an item reports results: a past word that is no base of a comparison.

    "tăng 1,19% so ước thực hiện năm 2017" compares with the year before, it reports nothing.
    """
    bases = _folded(tuple(_words().baseline_words))
    for phrase in _folded(tuple(_words().past_words)):
        if phrase not in folded:
            continue  # most items hold no past word: no pattern to run (issue 18)
        for found in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
            before = folded[max(0, found.start() - _BASELINE_WINDOW) : found.start()].rstrip()
            if not any(before == base or before.endswith(f" {base}") for base in bases):
                return True
    return False


def _announces_other(lead: str, headings: tuple[str, ...]) -> bool:
    """Whether the lead or a heading above the list reports results or names tasks."""
    task_leads = _folded((*_words().task_leads, *_words().situation_leads))
    folded_lead = _HEADING_LABEL.sub("", normalise(lead).strip(" *"))
    if reports_results(folded_lead) or any(_opens(folded_lead, word) for word in task_leads):
        return True
    announced = _LAST_PART.split(folded_lead)[-1]
    if folded_lead.endswith(":") and any(_has_word(announced, word) for word in task_leads):
        # "..., cần tập trung thực hiện tốt các nhiệm vụ sau:"; what the colon announces is
        # the last part named: "... nêu 7 nhiệm vụ, 3 khâu đột phá và 12 chỉ tiêu, đó là:".
        return True
    for heading in headings:
        # A heading names tasks when it opens on them ("NHIỆM VỤ VÀ GIẢI PHÁP"); one that
        # lists them among other parts ("PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ") leaves it to the items.
        folded = _HEADING_LABEL.sub("", normalise(heading).strip(" *"))
        if reports_results(folded) or any(_opens(folded, word) for word in task_leads):
            return True
    return False


def _names_group(lead: str) -> bool:
    """Whether a lead names a group of targets: "1.4. Về an ninh trật tự", "Lĩnh vực y tế"."""
    folded = _HEADING_LABEL.sub("", normalise(lead).strip(" *"))
    return any(_opens(folded, normalise(word)) for word in items().sections.group_openers)


def _only_past_years(folded: str, year: int | None) -> bool:
    """Whether every year the item speaks of (not as a base) comes before the plan's."""
    if year is None:
        return False
    spoken = list(_years(folded))
    return bool(spoken) and all(int(found) < year for found in spoken)


def _years(folded: str) -> Iterator[str]:
    """The years an item speaks of, leaving out the bases of comparisons ("so với năm 2020")."""
    bases = _folded(tuple(_words().baseline_words))
    for found in _YEAR.finditer(folded):
        before = folded[max(0, found.start() - _BASELINE_WINDOW) : found.start()].rstrip()
        before = before.removesuffix("năm").rstrip()
        if not any(before == base or before.endswith(f" {base}") for base in bases):
            yield found.group()


# Both look for the phrase as it is written first: most phrases are absent from most
# texts, and a string search answers that without building and running a pattern (issue 18).
def _opens(folded: str, phrase: str) -> bool:
    if not folded.startswith(phrase):
        return False
    return folded == phrase or re.match(rf"{re.escape(phrase)}(?!\w)", folded) is not None


def _has_any(folded: str, phrases: list[str]) -> bool:
    return any(_has_word(folded, phrase) for phrase in _folded(tuple(phrases)))


def _without(folded: str, phrases: list[str]) -> str:
    """The words with every one of ``phrases`` blanked out."""
    for phrase in _folded(tuple(phrases)):
        folded = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", folded)
    return folded


def _has_word(folded: str, phrase: str) -> bool:
    return phrase in folded and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) is not None


@cache
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise(phrase) for phrase in phrases)


@cache
def _words() -> ListWords:
    return ListWords.model_validate(load_yaml(DATA_PATH))
