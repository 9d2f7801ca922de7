"""Compare target figures: which sub-target a figure belongs to, and which is more ambitious.

A numbered target often carries several figures ("trên 65%", "ít nhất 30% học sinh tốt
nghiệp THCS", "ít nhất 40% ... THPT"). Each figure is assigned to a *part* of its
catalogue indicator by the part keyword nearest to it within its clause; figures are
then compared part by part, direction-aware, only when their units can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extract.model import Quantity
from extract.resources import data_file, load_yaml
from extract.text import fold_text
from rules.reference import CatalogueEntry, IndicatorPart, Level

Verdict = Literal["weaker", "fine", "incomparable", "unknown"]
Direction = Literal["higher", "lower"]
MAIN_PART = "main"
# "khoảng 92%" promises about 92: a child figure within this share of it is not weaker.
DEFAULT_APPROX_TOLERANCE = 0.02
# A clause ends at a full stop, semicolon or colon followed by a space; "0,4" and
# "10.000" have no space after the mark. A line break is only a wrapped line.
_CLAUSE_END = re.compile(r"[.;:](?=\s)")
_DATA = data_file("rules", "units.yaml")
# How much of a sub-target's words a message quotes around its figure.
SUBJECT_WORDS_BEFORE = 8
SUBJECT_WORDS_AFTER = 6


class _UnitWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    percent_over_hundred_words: list[str]
    lower_is_better_words: list[str]
    absolute_kinds: list[str]


@cache
def unit_words() -> _UnitWords:
    """The unit vocabulary, loaded once."""
    return _UnitWords.model_validate(load_yaml(_DATA))


def unit_kind(quantity: Quantity) -> str | None:
    """'percent', 'area', ... or 'count:<noun>' for a counted noun; None without a unit.

    Kinds come from the extraction's unit vocabulary (extract/parse/data/units.yaml),
    the one place units are named and normalised: the model carries each figure's
    canonical unit and its kind.
    """
    if quantity.unit_canonical is None:
        return None  # no unit, or one extraction did not name: nothing is claimed
    if quantity.unit_kind is not None:
        return quantity.unit_kind
    stripped = quantity.unit_canonical.lower()
    return f"count:{fold_text(stripped) or stripped}"


def is_absolute_amount(quantity: Quantity) -> bool:
    """An amount a unit holds as its share of a total (đồng, ha, tấn, a count of xã)."""
    kind = unit_kind(quantity)
    if kind is None:
        return False
    return kind.split(":", 1)[0] in unit_words().absolute_kinds


def wording_direction(figure: PlacedQuantity) -> Direction:
    """Which way a figure without a catalogue entry is better, read from its wording.

    A ceiling ("dưới 35%", "không quá 2%") or a fall *to* a level ("giảm xuống còn 3%")
    wants lower values; a level, a rise ("tăng", "trên", "từ ... trở lên") or an amount of
    reduction ("giảm 0,5%", "giảm từ 0,5% trở lên") wants higher ones.
    """
    if figure.quantity.op in ("<", "<="):
        return "lower"
    before = figure.subject.split(figure.quantity.raw, 1)[0] if figure.quantity.raw else ""
    words = fold_text(before).split()[-3:]
    tail = " ".join(words)
    for phrase in unit_words().lower_is_better_words:
        if tail == phrase or tail.endswith(" " + phrase):
            return "lower"
    return "higher"


def compare(
    child: Quantity,
    parent: Quantity,
    direction: Direction,
    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE,
) -> Verdict:
    """Tell whether the child's figure is less ambitious than the parent's.

    Args:
        child: The child's figure.
        parent: The parent's figure for the same sub-target.
        direction: 'higher' when a larger figure is better, 'lower' otherwise.
        approx_tolerance: Relative slack granted when either figure is approximate ('~').

    Returns:
        'weaker', 'fine', 'incomparable' (units of different kinds) or 'unknown'
        (a unit, a period or a bound is missing, so nothing is claimed).
    """
    child_kind, parent_kind = unit_kind(child), unit_kind(parent)
    if child_kind is None or parent_kind is None:
        return "unknown"
    if child_kind != parent_kind:
        both_counts = child_kind.startswith("count:") and parent_kind.startswith("count:")
        return "unknown" if both_counts else "incomparable"
    if child.per != parent.per:
        return "unknown"
    slack = 0.0
    if "~" in (child.op, parent.op):
        slack = abs(parent.value) * approx_tolerance
    if direction == "higher":
        child_floor, parent_floor = floor(child), floor(parent)
        if child_floor is None or parent_floor is None:
            return "unknown"
        return "weaker" if child_floor < parent_floor - slack else "fine"
    child_ceiling, parent_ceiling = ceiling(child), ceiling(parent)
    if child_ceiling is None or parent_ceiling is None:
        return "unknown"
    return "weaker" if child_ceiling > parent_ceiling + slack else "fine"


def floor(quantity: Quantity) -> float | None:
    """The least the figure commits to; None for 'dưới', 'không quá'."""
    if quantity.op in (">", ">=", "=", "~"):
        return quantity.value
    if quantity.op == "range":
        return min(quantity.value, quantity.high if quantity.high is not None else quantity.value)
    return None


def ceiling(quantity: Quantity) -> float | None:
    """The most the figure allows; None for 'trên', 'ít nhất'."""
    if quantity.op in ("<", "<=", "=", "~"):
        return quantity.value
    if quantity.op == "range":
        return max(quantity.value, quantity.high if quantity.high is not None else quantity.value)
    return None


@dataclass(frozen=True)
class PlacedQuantity:
    """One sub-target of a target: a figure, its subject phrase, and the part it measures.

    A target with several figures ("giám sát ít nhất 01 chính sách, phản biện xã hội
    ít nhất 02 chính sách") is split into one sub-target per figure: its *segment* is
    the stretch of the clause that belongs to that figure alone (from the end of the
    figure before it to the comma after it), its *subject* the words of the segment
    around the figure, the phrase a reviewer reads to know what the figure counts.
    """

    quantity: Quantity
    clause: str
    part: str
    shared: bool = False
    """True when the figure's segment names other parts too ("giám sát, phản biện ít nhất
    01"): one figure for several sub-targets."""
    item_id: str | None = None
    """The target the figure belongs to, when figures of several targets are pooled."""
    item_line: int | None = None
    subject: str = ""
    """The sub-target as written around the figure, for messages."""
    parts: tuple[str, ...] = ()
    """Every part the figure's segment names (more than one when ``shared``)."""

    def measures(self, part: str) -> bool:
        """Whether this figure speaks for ``part``: its own, or one its segment shares."""
        return part == self.part or (self.shared and part in self.parts)


def place_quantities(
    text: str, quantities: list[Quantity], entry: CatalogueEntry | None
) -> list[PlacedQuantity]:
    """Split a target into its sub-targets: each figure with its part and subject.

    Args:
        text: The target's text.
        quantities: Its figures, in text order.
        entry: The catalogue indicator, or None when the target is not catalogued.

    Returns:
        One placed figure per quantity; the part is 'main' when the indicator has no
        parts, else the part whose keyword is nearest within the figure's segment (the
        first part when no keyword is there).
    """
    found: list[tuple[Quantity, int, int]] = []
    cursor = 0
    for quantity in quantities:
        start = text.find(quantity.raw, cursor) if quantity.raw else -1
        if start >= 0:
            cursor = start + len(quantity.raw)
        found.append((quantity, start, start + len(quantity.raw)))
    placed: list[PlacedQuantity] = []
    previous_end = 0
    for index, (quantity, start, end) in enumerate(found):
        if start < 0:
            fallback = quantity.raw or text
            placed.append(
                PlacedQuantity(quantity, fallback, _default_part(entry), subject=fallback)
            )
            continue
        clause_start, clause_end = clause_bounds(text, start, end)
        following = [later for _, later, _ in found[index + 1 :] if later >= 0]
        segment_start, segment_end = _segment(
            text, (clause_start, clause_end), (start, end), previous_end, following
        )
        previous_end = end
        before, after = text[segment_start:start], text[end:segment_end]
        part = _nearest_part(before, after, entry)
        named = _parts_named(text[segment_start:segment_end], entry)
        placed.append(
            PlacedQuantity(
                quantity,
                text[clause_start:clause_end].strip(),
                part,
                shared=len(named) > 1,
                subject=subject_phrase(before, quantity.raw, after),
                parts=tuple(sorted(named | {part})),
            )
        )
    return placed


def subject_phrase(before: str, figure: str, after: str) -> str:
    """The sub-target as a reviewer reads it: a few words either side of the figure.

    At most SUBJECT_WORDS_BEFORE words before it and up to the next comma (at most
    SUBJECT_WORDS_AFTER words) after it; '…' marks a cut.
    """
    words_before = before.split()
    head = words_before[-SUBJECT_WORDS_BEFORE:]
    tail_text = re.split(r"[,;.]\s", after + " ", maxsplit=1)[0]
    words_after = tail_text.split()
    tail = words_after[:SUBJECT_WORDS_AFTER]
    phrase = " ".join([*head, figure, *tail]).strip(" ,;.:")
    if len(head) < len(words_before):
        phrase = "…" + phrase
    if len(tail) < len(words_after):
        phrase += "…"
    return phrase


def _segment(
    text: str,
    clause: tuple[int, int],
    figure: tuple[int, int],
    previous_end: int,
    following: list[int],
) -> tuple[int, int]:
    """The stretch of the clause that belongs to one figure alone.

    It starts after the comma that follows the figure before it in the clause (or at
    the clause start) and, when another figure follows in the clause, ends at the
    last comma before that one.
    """
    (clause_start, clause_end), (start, end) = clause, figure
    segment_start = clause_start
    if clause_start < previous_end <= start:
        comma = text.find(",", previous_end, start)
        segment_start = comma + 1 if comma >= 0 else previous_end
    segment_end = clause_end
    nearest = next((later for later in following if later < clause_end), None)
    if nearest is not None:
        comma = text.rfind(",", end, nearest)
        segment_end = comma if comma >= 0 else nearest
    return segment_start, segment_end


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from the previous clause end to the next."""
    clause_start = 0
    for found in _CLAUSE_END.finditer(text, 0, start):
        clause_start = found.end()
    following = _CLAUSE_END.search(text, end)
    clause_end = following.end() if following is not None else len(text)
    return clause_start, clause_end


def part_applies(part: IndicatorPart, level: Level | None) -> bool:
    """Whether a part applies to a child of this level (unknown level: yes)."""
    return part.levels is None or level is None or level in part.levels


def over_hundred_is_normal(clause: str) -> bool:
    """Whether a clause speaks of growth or plan fulfilment, where >100% is normal."""
    folded = fold_text(clause)
    return any(
        re.search(rf"\b{re.escape(word)}\b", folded)
        for word in unit_words().percent_over_hundred_words
    )


def _default_part(entry: CatalogueEntry | None) -> str:
    return entry.parts[0].id if entry is not None and entry.parts else MAIN_PART


def _nearest_part(before: str, after: str, entry: CatalogueEntry | None) -> str:
    if entry is None or not entry.parts:
        return MAIN_PART
    folded_before, folded_after = fold_text(before), fold_text(after)
    best: tuple[int, str] | None = None
    for part in entry.parts:
        for keyword in part.keywords:
            distances = []
            left = _last_index(folded_before, keyword)
            if left is not None:
                distances.append(len(folded_before) - (left + len(keyword)))
            right = _first_index(folded_after, keyword)
            if right is not None:
                distances.append(right)
            for distance in distances:
                if best is None or distance < best[0]:
                    best = (distance, part.id)
    return best[1] if best is not None else entry.parts[0].id


def _parts_named(clause: str, entry: CatalogueEntry | None) -> set[str]:
    if entry is None:
        return set()
    folded = fold_text(clause)
    return {
        part.id
        for part in entry.parts
        if any(_first_index(folded, keyword) is not None for keyword in part.keywords)
    }


# Both look for the keyword as written first: most keywords are absent from most clauses,
# and a string search answers that without building and running a pattern (issue 18).
def _last_index(folded: str, keyword: str) -> int | None:
    if keyword not in folded:
        return None
    found = list(re.finditer(rf"(?<![0-9a-z]){re.escape(keyword)}(?![0-9a-z])", folded))
    return found[-1].start() if found else None


def _first_index(folded: str, keyword: str) -> int | None:
    if keyword not in folded:
        return None
    found = re.search(rf"(?<![0-9a-z]){re.escape(keyword)}(?![0-9a-z])", folded)
    return found.start() if found is not None else None
