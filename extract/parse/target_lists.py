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
from extract.parse.vocabulary import items
from extract.resources import data_file, load_yaml
from extract.text import normalise

DATA_PATH = data_file("extract.parse", "target_lists.yaml")
# A list label at a line's start and what kind it is; a "1." is no "1.5" and no "2020.".
_LABEL = re.compile(
    r"^\s*(?:\((?P<paren>\d{1,2})\)|(?P<dot>\d{1,2})[.)](?![\d.])|(?P<letter>[a-zđ])[.)]"
    r"|(?P<dash>[-–])|(?P<plus>\+)|(?P<bullet>[•●▪]))\s*(?=\S)"
)
_NUMBERED = ("paren", "dot")
# The usual order of a plan's list labels: a label of a higher rank number is a part of
# the item above it ("1." over "(1)" over "a)" over "-" over "+").
_RANKS = {"inline": 0, "dot": 1, "paren": 2, "letter": 3, "dash": 4, "bullet": 4, "plus": 5}
# How a sentence closes: the next line with text starts something new.
_CLOSED = (".", ";", "!", "?", "…", ":")
# "100% xã", "95% hộ gia đình": a share of a noun, the commonest shape of a target.
_SHARE = re.compile(r"\d+(?:[.,]\d+)?\s?%\s+(?!so\b|trở\b|kế\b)[^\W\d_]")
# A year of the 20th or 21st century standing alone ("2025", "năm 2019").
_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d%/])")
# "Thu ngân sách: 12.800 tỷ đồng": an indicator, a colon, then its figure.
_VALUE = re.compile(r":\s*(?:[^\W\d_]+\s+){0,2}\d")
# Cues of an item that sets a level; "value" only gives an indicator its figure.
_STRONG = ("level", "share", "rate", "year")
# The most numbers a line may carry to be read as a list run on in it.
_INLINE_MOST = 40
# "II. ", "2.1. ", "a) " before a heading's words.
_HEADING_LABEL = re.compile(r"^(?:[ivxl]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]\s*")
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
    rate_nouns: list[str] = Field(description="How an indicator given as a rate opens.")
    minimum_items: int = Field(ge=2)
    minimum_targets: int = Field(ge=2)
    minimum_share: float = Field(gt=0.5, le=1.0)
    most_past_share: float = Field(ge=0.0, lt=0.5)


@dataclass
class _Run:
    """Lines labelled alike in a row, with the line before them (its lead)."""

    kind: str
    lead: str
    number: int | None
    # Each item's first and last line and its words, line by line (joined once, when read).
    items: list[tuple[int, int, list[str]]] = field(default_factory=list)
    # Runs of labelled parts of its items ("a)" ... under "2. Mục tiêu cụ thể").
    parts: list[_Run] = field(default_factory=list)


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
        scored = _accepted(run, above, covered, year)
        if scored is not None:
            found.append(scored)
            continue
        for parts in run.parts:  # "a) 100% ..." under "2. Mục tiêu cụ thể", the run no list
            scored = _accepted(parts, above, covered, year)
            if scored is not None:
                found.append(scored)
    return found


def _accepted(
    run: _Run, above: dict[int, tuple[str, ...]], covered: set[int], year: int | None
) -> ContentList | None:
    """The run read as a list of targets, unless covered, announced otherwise, or weak."""
    first, last = run.items[0][0], run.items[-1][1]
    if any(number in covered for number in range(first, last + 1)):
        return None
    if _announces_other(run.lead, above.get(first, ())):
        return None
    return _scored(run, year)


def _scored(run: _Run, year: int | None) -> ContentList | None:
    """The run as a list of targets, or None when it reports, lists tasks, or is too weak.

    Items that set a level (``_STRONG``) must be at least two and half of the list; with
    those that only give an indicator its figure ("Thu ngân sách: 12.800 tỷ đồng") they
    must make the vocabulary's share of it. Group lines ("Về kinh tế:") are no items. A
    list whose items report ("đã", "ước đạt") beyond the vocabulary's share is a report;
    below it, "đã" sits in a clause of a target ("... các xã đã được công nhận").
    """
    words = _words()
    cues = []
    counted = valued = past = 0
    for first, _last, parts in run.items:
        kind = item_kind(" ".join(parts), year)
        if kind == "citing":
            return None  # a list of documents: abstain whole
        if kind == "group":
            continue
        counted += 1
        valued += kind == "value"
        past += kind == "past"
        if kind in _STRONG:
            cues.append((first, kind))
    if past > words.most_past_share * counted:
        return None  # a report on results ("đã đạt", "ước đạt"): abstain whole
    strong = len(cues)
    if counted < words.minimum_items or strong < words.minimum_targets or 2 * strong < counted:
        return None
    if strong + valued < words.minimum_share * counted:
        return None
    return ContentList(run.items[0][0], run.items[-1][1], run.lead, tuple(cues), counted)


def item_kind(text: str, year: int | None) -> str:
    """What one item's words are: its target cue, or "past", "citing", "task", "group", "other".

    A target cue is "level" (a comparison the quantity reader found, or a word that sets
    a level), "share" ("100% xã"), "rate" (a rate given in per cent: "Tỷ lệ hộ dân dùng
    nước hợp vệ sinh 100%") or "year" (a figure for a year from the plan's own on);
    "value" is an indicator given its figure after a colon, a weaker cue. An item needs a
    figure to have a cue.
    """
    folded = normalise(text)
    words = _words()
    if _reports(folded):
        return "past"
    if _has_any(folded, words.citing_words):
        return "citing"
    quantities = parse_quantities(text)
    levelled = any(q.op != "=" or q.direction is not None for q in quantities) or _has_any(
        folded, words.level_words
    )
    if any(folded.startswith(f"{opener} ") for opener in _folded(tuple(words.task_openers))):
        # "Huy động trẻ vào nhà trẻ đạt 12% vào năm 2005" sets a level all the same.
        return "level" if quantities and levelled else "task"
    if not quantities:
        return "group" if folded.endswith(":") else "other"
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
    if folded_lead.endswith(":") and any(_has_word(folded_lead, word) for word in task_leads):
        return True  # "..., cần tập trung thực hiện tốt các nhiệm vụ sau:"
    for heading in headings:
        # A heading names tasks when it opens on them ("NHIỆM VỤ VÀ GIẢI PHÁP"); one that
        # lists them among other parts ("PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ") leaves it to the items.
        folded = _HEADING_LABEL.sub("", normalise(heading).strip(" *"))
        if reports_results(folded) or any(_opens(folded, word) for word in task_leads):
            return True
    return False


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


def _runs(lines: list[Line], headings: set[int]) -> Iterator[_Run]:
    """Runs of lines labelled alike, each item with the unlabelled lines that continue it.

    A label of a lower rank ("+" under "-", "a)" under "1.") is a part of the item above;
    such parts in a row are also kept as a run of their own (``_Run.parts``), read when the
    run above them is no list of targets. A line that numbers two or more items in a row
    ("Về kinh tế: (1) ... (2) ...") is a run of its own.
    """
    builder = _RunBuilder(headings)
    for line in lines:
        if line.text.strip():
            yield from builder.feed(line)
    yield from builder.close()


class _RunBuilder:
    """The state of :func:`_runs`: the open run, its open run of parts, the last line read."""

    def __init__(self, headings: set[int]) -> None:
        self.headings = headings
        self.run: _Run | None = None
        self.lead = ""

    def feed(self, line: Line) -> Iterator[_Run]:
        text = line.text.strip()
        label = _LABEL.match(line.text) if line.cell is None else None
        inline = _inline_run(line, self.lead) if line.cell is None else None
        if label is not None and not _opens_item(line.text, label):
            label = None
        if inline is not None:
            yield from self.close()
            yield inline
        elif label is not None and self.run is not None and _rank(label) > _RANKS[self.run.kind]:
            # "+ Lúa 507 ha" under "- Thực hiện ... 772 ha, trong đó:": a part of the item.
            _extend(self.run, line.number, text)
            _add_part(self.run, line, label, text)
        elif label is not None:
            kind, number = str(label.lastgroup), _number_of(label)
            run = self.run
            if run is None or run.kind != kind or not _follows(run.number, number, kind):
                yield from self.close()
                run = self.run = _Run(kind, self.lead, number)
            run.items.append((line.number, line.number, [line.text[label.end() :].strip()]))
            run.number = number
        elif (
            self.run is not None and line.number not in self.headings and _continues(self.run, text)
        ):
            _extend(self.run, line.number, text)
            if self.run.parts and self.run.parts[-1].items[-1][1] == line.number - 1:
                _extend(self.run.parts[-1], line.number, text)
        else:
            yield from self.close()
        self.lead = text

    def _continues(self, number: int, text: str) -> bool:
        return number not in self.headings and self.run is not None and _continues(self.run, text)

    def close(self) -> Iterator[_Run]:
        if self.run is not None:
            yield self.run
        self.run = None


def _rank(label: re.Match[str]) -> int:
    return _RANKS.get(label.lastgroup or "", 0)


def _extend(run: _Run, number: int, text: str) -> None:
    """The line ``number`` goes on with the last item of ``run``."""
    first, _, parts = run.items[-1]
    parts.append(text)
    run.items[-1] = (first, number, parts)


def _add_part(run: _Run, line: Line, label: re.Match[str], text: str) -> None:
    """A labelled part of the run's last item, kept in a run of parts of its own kind."""
    kind, number = str(label.lastgroup), _number_of(label)
    item_words = run.items[-1][2][0]
    parts = run.parts[-1] if run.parts else None
    if parts is not None and parts.items[-1][1] < run.items[-1][0]:
        parts = None  # the parts of an earlier item
    if parts is not None and _rank(label) > _RANKS[parts.kind]:
        _extend(parts, line.number, text)
        return
    if parts is None or parts.kind != kind or not _follows(parts.number, number, kind):
        parts = _Run(kind, item_words, number)
        run.parts.append(parts)
    parts.items.append((line.number, line.number, [line.text[label.end() :].strip()]))
    parts.number = number


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
        # The Vietnamese order (a, b, c, d, đ, e, ...; Nghị định 30/2020/NĐ-CP, Phụ lục I),
        # then any other letter after them.
        letters = items().sections.letter_labels
        letter = label["letter"]
        return letters.index(letter) if letter in letters else len(letters) + ord(letter)
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


def _opens(folded: str, phrase: str) -> bool:
    return folded == phrase or re.match(rf"{re.escape(phrase)}(?!\w)", folded) is not None


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
