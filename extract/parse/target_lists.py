"""Lists of targets recognised by what their items set, whatever their heading says.

The heading route (``extract.parse.targets``) reads a list as targets when its heading
or lead speaks of them ("Các chỉ tiêu chủ yếu", "Mục tiêu cụ thể"). A plan laid out
otherwise ("Phấn đấu đến năm 2025:", "Về kinh tế:", a heading in words never met) is
missed whole. This route looks at the list itself: a run of lines labelled alike
("1.", "(1)", "a)", "-", "+", "•") whose items look like targets, most of them setting a
figure with words that set a level ("phấn đấu đạt 90%", "trên 65%", "giảm còn 5%",
"100% xã ..."). It abstains, so as to invent no target, when the list reports results
(its lead or a heading above it speaks of kết quả, tình hình; an item says "đã", "ước
đạt", "so với cùng kỳ"), when it lists tasks
or solutions (lead or heading names them, or items open on a verb of work), when an item
cites a document, and below the thresholds of the vocabulary
(``data/target_lists.yaml``). Each list keeps its evidence: which items looked like
targets and on which cue.

The work is linear in the plan's lines: each line is read once to build the runs, and
each item's words once to score it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from pydantic import BaseModel, ConfigDict, Field

from extract.model import Line, Section
from extract.parse.quantities import parse_quantities
from extract.parse.sections import walk
from extract.parse.target_forms import inline_targets
from extract.parse.target_titles import reports_results
from extract.parse.targets import INLINE_NUMBER, TargetArea
from extract.resources import data_file, load_yaml
from extract.text import normalise

DATA_PATH = data_file("extract.parse", "target_lists.yaml")
# A list label at a line's start and what kind it is; a "1." is no "1.5" and no "2020.".
_LABEL = re.compile(
    r"^\s*(?:\((?P<paren>\d{1,2})\)|(?P<dot>\d{1,2})[.)](?![\d.])|(?P<letter>[a-zđ])[.)]"
    r"|(?P<dash>[-–])|(?P<plus>\+)|(?P<bullet>[•●▪]))\s*(?=\S)"
)
_NUMBERED = ("paren", "dot")
# How a sentence closes: the next line with text starts something new.
_CLOSED = (".", ";", "!", "?", "…", ":")
# "100% xã", "95% hộ gia đình": a share of a noun, the commonest shape of a target.
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s?%\s+(?!so\b|trở\b|kế\b)[^\W\d_]")
# A year of the 20th or 21st century standing alone ("2025", "năm 2019").
_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d%/])")
# "Thu ngân sách: 12.800 tỷ đồng": an indicator, a colon, then its figure.
_VALUE = re.compile(r":\s*(?:[^\W\d_]+\s+){0,2}\d")
# Cues of an item that sets a level; "value" only gives an indicator its figure.
_STRONG = ("level", "share", "year")
# The most numbers a line may carry to be read as a list run on in it.
_INLINE_MOST = 40
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
    citing_words: list[str] = Field(description="Words of an item that cites a document.")
    minimum_items: int = Field(ge=2)
    minimum_targets: int = Field(ge=2)
    minimum_share: float = Field(gt=0.5, le=1.0)


@dataclass
class _Run:
    """Lines labelled alike in a row, with the line before them (its lead)."""

    kind: str
    lead: str
    number: int | None
    # Each item's first and last line and its words, line by line (joined once, when read).
    items: list[tuple[int, int, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class ContentList:
    """A list read as targets by what its items set, with its evidence."""

    first: int
    last: int
    lead: str
    # (line, cue) of each item that looked like a target.
    cues: tuple[tuple[int, str], ...]
    items: int

    @property
    def cue(self) -> str:
        """The evidence in a few words: how many items looked like targets, on which cues."""
        kinds = sorted({cue for _, cue in self.cues})
        return f"{len(self.cues)}/{self.items} items: {', '.join(kinds)}"


def content_areas(
    lines: list[Line], sections: list[Section], covered: set[int], year: int | None
) -> list[TargetArea]:
    """Target areas over the lists this route reads as targets, outside ``covered`` lines."""
    inside = _innermost(sections)
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
    above = _headings_above(sections)
    found = []
    for run in _runs(lines, {section.line_start for section, _ in walk(sections)}):
        first, last = run.items[0][0], run.items[-1][1]
        if any(number in covered for number in range(first, last + 1)):
            continue
        if _announces_other(run.lead, above.get(first, ())):
            continue
        scored = _scored(run, year)
        if scored is not None:
            found.append(scored)
    return found


def _scored(run: _Run, year: int | None) -> ContentList | None:
    """The run as a list of targets, or None when it reports, lists tasks, or is too weak.

    Items that set a level (``_STRONG``) must be at least two and half of the list; with
    those that only give an indicator its figure ("Thu ngân sách: 12.800 tỷ đồng") they
    must make the vocabulary's share of it. Group lines ("Về kinh tế:") are no items.
    """
    words = _words()
    cues = []
    counted = valued = 0
    for first, _last, parts in run.items:
        kind = item_kind(" ".join(parts), year)
        if kind in ("past", "citing"):
            return None  # a report on results, or a list of documents: abstain whole
        if kind == "group":
            continue
        counted += 1
        valued += kind == "value"
        if kind in _STRONG:
            cues.append((first, kind))
    strong = len(cues)
    if counted < words.minimum_items or strong < words.minimum_targets or 2 * strong < counted:
        return None
    if strong + valued < words.minimum_share * counted:
        return None
    return ContentList(run.items[0][0], run.items[-1][1], run.lead, tuple(cues), counted)


def item_kind(text: str, year: int | None) -> str:
    """What one item's words are: its target cue, or "past", "citing", "task", "group", "other".

    A target cue is "level" (a comparison the quantity reader found, or a word that sets
    a level), "share" ("100% xã") or "year" (a figure for a year from the plan's own
    on); "value" is an indicator given its figure after a colon, a weaker cue. An item
    needs a figure to have a cue.
    """
    folded = normalise(text)
    words = _words()
    if _has_any(folded, words.past_words):
        return "past"
    if _has_any(folded, words.citing_words):
        return "citing"
    if any(folded.startswith(f"{opener} ") for opener in _folded(tuple(words.task_openers))):
        return "task"
    quantities = parse_quantities(text)
    if not quantities:
        return "group" if folded.endswith(":") else "other"
    if any(q.op != "=" or q.direction is not None for q in quantities):
        return "level"
    if _has_any(folded, words.level_words):
        return "level"
    if _SHARE.search(folded):
        return "share"
    if year is not None and any(int(found) >= year for found in _years(folded)):
        return "year"
    return "value" if _VALUE.search(folded) else "other"


def _announces_other(lead: str, headings: tuple[str, ...]) -> bool:
    """Whether the lead or a heading above the list reports results or names tasks."""
    task_leads = _folded(tuple(_words().task_leads))
    for text in (lead, *headings):
        folded = normalise(text)
        if reports_results(folded) or any(_has_word(folded, word) for word in task_leads):
            return True
    return False


def _years(folded: str) -> Iterator[str]:
    """The years an item speaks of, leaving out the bases of comparisons ("so với năm 2020")."""
    bases = _folded(tuple(_words().baseline_words))
    for found in _YEAR.finditer(folded):
        before = folded[max(0, found.start() - _BASELINE_WINDOW) : found.start()].rstrip()
        before = before.removesuffix("năm").rstrip()
        if not any(before == base or before.endswith(f" {base}") for base in bases):
            yield found.group()


def _runs(lines: list[Line], headings: set[int]) -> Iterator[_Run]:
    """Runs of lines labelled alike, each item with the unlabelled lines that continue it.

    A line that numbers two or more items in a row ("Về kinh tế: (1) ... (2) ...") is a
    run of its own.
    """
    run: _Run | None = None
    lead = ""
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        label = _LABEL.match(line.text) if line.cell is None else None
        inline = _inline_run(line, lead) if line.cell is None else None
        if inline is not None:
            if run is not None:
                yield run
            yield inline
            run = None
        elif label is not None and label.lastgroup is not None and _opens_item(line.text, label):
            kind, number = label.lastgroup, _number_of(label)
            if run is None or run.kind != kind or not _follows(run.number, number, kind):
                if run is not None:
                    yield run
                run = _Run(kind, lead, number)
            run.items.append((line.number, line.number, [line.text[label.end() :].strip()]))
            run.number = number
        elif run is not None and line.number not in headings and _continues(run, text):
            first, _, parts = run.items[-1]
            parts.append(text)
            run.items[-1] = (first, line.number, parts)
        elif run is not None:
            yield run
            run = None
        lead = text
    if run is not None:
        yield run


def _inline_run(line: Line, lead: str) -> _Run | None:
    """The items a line numbers in a row, as a run led by the words before them.

    Lines with more numbers than ``_INLINE_MOST`` are left alone: finding the longest
    row among a line's numbers grows with their square.
    """
    markers = sum(1 for _ in islice(INLINE_NUMBER.finditer(line.text), _INLINE_MOST + 1))
    if markers < 2 or markers > _INLINE_MOST:
        return None
    found = inline_targets(line)
    if len(found) < 2:
        return None
    before = line.text[: found[0][2].start].strip()
    run = _Run("inline", before or lead, None)
    run.items = [(line.number, line.number, [text]) for _, text, _ in found]
    return run


def _opens_item(text: str, label: re.Match[str]) -> bool:
    """A dash before a word in lower case wraps a name ("- xã hội"), it opens no item."""
    return label.lastgroup not in ("dash", "plus") or not text[label.end() :][:1].islower()


def _number_of(label: re.Match[str]) -> int | None:
    if label.lastgroup in _NUMBERED:
        return int(label[label.lastgroup])
    if label.lastgroup == "letter":
        return ord(label["letter"])
    return None


def _follows(last: int | None, number: int | None, kind: str) -> bool:
    """Numbers go on by one, letters go forward; bullets always follow one another."""
    if last is None or number is None:
        return True
    if kind in _NUMBERED:
        return number == last + 1
    return number > last


def _continues(run: _Run, text: str) -> bool:
    """An unlabelled line goes on with the item above unless that item closed its sentence."""
    words = run.items[-1][2][-1].rstrip()
    return not words.endswith(_CLOSED) or text[:1].islower()


def _headings_above(sections: list[Section]) -> dict[int, tuple[str, ...]]:
    """For each line, the titles of the sections it sits in (outermost first)."""
    above: dict[int, tuple[str, ...]] = {}
    for section, ancestors in walk(sections):  # parents come before children, so deeper wins
        titles = (*(ancestor.title for ancestor in ancestors), section.title)
        for number in range(section.line_start + 1, section.line_end + 1):
            above[number] = titles
    return above


def _innermost(sections: list[Section]) -> dict[int, Section]:
    owner: dict[int, Section] = {}
    for section, _ in walk(sections):
        for number in range(section.line_start, section.line_end + 1):
            owner[number] = section
    return owner


def _has_any(folded: str, phrases: list[str]) -> bool:
    return any(_has_word(folded, phrase) for phrase in _folded(tuple(phrases)))


def _has_word(folded: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded) is not None


@cache
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalise(phrase) for phrase in phrases)


@cache
def _words() -> ListWords:
    return ListWords.model_validate(load_yaml(DATA_PATH))
