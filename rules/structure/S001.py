"""Đánh số mục bị nhảy hoặc lặp.

Basis: Nghị định 30/2020/NĐ-CP (Phụ lục I, mục II.8) and Hướng dẫn 36-HD/VPTW
number parts, sections and items in sequence; a skipped number usually means an
item was deleted without renumbering (or lost), a repeated one that an item was
copied in, and either makes "mục tiêu (4)" point at the wrong thing.

Anti-pattern:
    (1) Hằng năm có trên 90% hộ gia đình đạt danh hiệu “Gia đình văn hóa”.
    (2) Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.
    (4) Tỷ lệ lao động qua đào tạo trên 65%.

Best practice:
    (1) Hằng năm có trên 90% hộ gia đình đạt danh hiệu “Gia đình văn hóa”.
    (2) Tỷ lệ hộ nghèo giảm bình quân 1,5%/năm.
    (3) Tỷ lệ lao động qua đào tạo trên 65%.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from extract.model import ListMarker, Plan, Section
from extract.text import roman
from rules.base import Rule, RuleContext
from rules.evidence import line_excerpt, make_finding
from rules.findings import Finding

CONFIDENCE = 0.85
# Vietnamese lists run a, b, c, d, đ, e, g, h, ... (Nghị định 30/2020/NĐ-CP, Phụ
# lục I: "điểm" labelled in the Vietnamese alphabet); many writers use the Latin
# one (d, e, f), which is accepted too.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Both alphabets merged in one order, to place any letter.
ALPHABET_ORDER = "abcdđefghijklmnopqrstuvwxyz"
# The bullets a counted "(4)" or "a)" item may stand behind ("+ a)" is a sub-point).
ITEM_BULLETS = frozenset("*_-–•")
# What may follow a label printed between two neighbours for it to count as that label.
LABEL_ENDS = ("", ".", "-", "–", ")", " ")


@dataclass(frozen=True)
class Numbered:
    """One numbered thing as printed: its number, how it is shown, its line and id."""

    number: int
    shown: str
    line: int
    target: str | None = None
    roman: bool = False


def check(context: RuleContext) -> Iterator[Finding]:
    """One finding per number that skips ahead or repeats within its list."""
    plan = context.child
    for sequence in sequences(plan):
        for previous, current in pairwise(sequence):
            problem = describe(previous, current)
            if problem is None or printed_between(plan, previous, current):
                continue
            hint = "Đánh số lại cho liên tục, hoặc bổ sung mục bị thiếu."
            unsure = [item for item in (previous, current) if label_uncertain(plan, item)]
            if unsure:
                # A label the scan was unsure of may be the misread one: the gap is
                # not asserted, the reviewer is sent to the paper.
                problem = uncertain_numbering(previous, current, unsure)
                hint = "Đối chiếu nhãn mục với bản giấy trước khi đánh số lại."
            yield make_finding(
                RULE,
                message=problem,
                hint=hint,
                confidence=context.child_repairs.confidence(current.line, CONFIDENCE),
                line=current.line,
                target=current.target,
                child=line_excerpt(plan, current.line),
            )


def label_uncertain(plan: Plan, item: Numbered) -> bool:
    """Whether the item's label was read from a scan and left marked uncertain.

    Only OCR notes count: the message speaks of the scan, and a typed plan's
    repaired label keeps its finding as before.
    """
    line = next((line for line in plan.lines if line.number == item.line), None)
    if line is None:
        return False
    label_end = line.text.find(item.shown)
    if label_end < 0:
        return False
    label_end += len(item.shown)
    return any(
        note.uncertain
        and note.method.startswith("ocr-")
        and note.line == item.line
        and note.start < label_end
        for note in plan.repairs
    )


def uncertain_numbering(previous: Numbered, current: Numbered, unsure: list[Numbered]) -> str:
    """The break described without asserting it: which label was read uncertainly."""
    labels = ", ".join(f"“{item.shown}”" for item in unsure)
    return (
        f"Đánh số có thể không liên tục: sau {previous.shown} là {current.shown}, nhưng nhãn "
        f"{labels} đọc từ bản quét chưa chắc chắn; chưa kết luận thiếu hay lặp mục."
    )


def printed_between(plan: Plan, previous: Numbered, current: Numbered) -> bool:
    """Whether a skipped number is printed on a line between the two: extraction missed it."""
    if current.number <= previous.number + 1:
        return False
    labels = missing_labels(previous, current)
    return any(
        previous.line < marker.span.line < current.line
        and any(_shows_label(marker, label) for label in labels)
        for marker in plan.markers
    )


def _shows_label(marker: ListMarker, label: str) -> bool:
    """Whether ``marker`` prints ``label`` ('1.4.2' prints the '1.4' above it too)."""
    if marker.shown == label:
        return label.endswith(")") or marker.follows in LABEL_ENDS
    return marker.shown.startswith(label + ".")


def describe(previous: Numbered, current: Numbered) -> str | None:
    """Vietnamese description of a break between two neighbours; None when in sequence."""
    if current.number == previous.number + 1 or current.number == 1:
        return None  # in sequence, or a new list starting over
    if current.number > previous.number + 1:
        names = ", ".join(missing_labels(previous, current))
        return f"Đánh số bị nhảy: sau {previous.shown} là {current.shown}, thiếu {names}."
    if current.number == previous.number:
        return f"Đánh số bị lặp: {current.shown} xuất hiện hai lần liên tiếp."
    return f"Đánh số không liên tục: sau {previous.shown} lại là {current.shown}."


def sequences(plan: Plan) -> list[list[Numbered]]:
    """Every numbered list: '(n)' lines (else targets by section), letters, sibling sections.

    The '(n)' markers as printed come first: extraction may drop an item it cannot
    place (a repeated or out-of-order number), which is exactly what this rule is
    about. Targets read from a table, with no markers, are judged from the model.
    """
    markers = marker_sequences(plan)
    found = markers if markers else target_sequences(plan)
    found.extend(letter_sequences(plan))
    found.extend(section_sequences(plan.sections))
    return [sequence for sequence in found if len(sequence) > 1]


def target_sequences(plan: Plan) -> list[list[Numbered]]:
    """The plan's targets grouped by section, in line order."""
    groups: dict[str, list[Numbered]] = {}
    for target in sorted(plan.targets, key=lambda target: target.line):
        shown = f"({target.number})"
        groups.setdefault(target.section, []).append(
            Numbered(target.number, shown, target.line, target.id)
        )
    return list(groups.values())


def marker_sequences(plan: Plan) -> list[list[Numbered]]:
    """Runs of '(n)' items at line starts; a run restarts at '(1)'."""
    runs: list[list[Numbered]] = []
    target_at = {target.line: target.id for target in plan.targets}
    for marker in _counted(plan, "number"):
        number = marker.value or 0
        if number == 1 or not runs:
            runs.append([])
        line = marker.span.line
        runs[-1].append(Numbered(number, marker.shown, line, target_at.get(line)))
    return runs


def letter_sequences(plan: Plan) -> list[list[Numbered]]:
    """Runs of 'a)', 'b)' items at line starts, numbered in the Vietnamese alphabet."""
    runs: list[list[Numbered]] = []
    for marker in _counted(plan, "letter"):
        letter = marker.shown[0]
        if letter == "a" or not runs:
            runs.append([])
        previous = runs[-1][-1] if runs[-1] else None
        if previous is not None and previous.shown[0] == letter:
            number = previous.number  # a repeat
        elif previous is not None and _letters_follow(previous.shown[0], letter):
            number = previous.number + 1  # in sequence in one alphabet or the other
        else:
            number = ALPHABET_ORDER.index(letter) + 1
        runs[-1].append(Numbered(number, marker.shown, marker.span.line))
    return runs


def _counted(plan: Plan, kind: str) -> list[ListMarker]:
    """Markers of ``kind`` that open an item: behind a plain bullet, a space after them."""
    return [
        marker
        for marker in plan.markers
        if marker.kind == kind
        and all(char.isspace() or char in ITEM_BULLETS for char in marker.bullet)
        and marker.follows[:1].isspace()
    ]


def missing_labels(previous: Numbered, current: Numbered) -> list[str]:
    """The labels a gap between two neighbours leaves out: '(3)', 'III', '1.4', 'c)'."""
    if _is_letter(current):
        before, after = (
            ALPHABET_ORDER.index(previous.shown[0]),
            ALPHABET_ORDER.index(current.shown[0]),
        )
        between = ALPHABET_ORDER[before + 1 : after]
        return [f"{letter})" for letter in between if letter in VIETNAMESE_LETTERS]
    return [_like(current, number) for number in range(previous.number + 1, current.number)]


def _is_letter(item: Numbered) -> bool:
    return item.shown[:1].isalpha() and item.shown.endswith(")")


def _letters_follow(before: str, after: str) -> bool:
    """'e)' then 'g)' follow in the Vietnamese alphabet, 'e)' then 'f)' in the Latin one."""
    for alphabet in (VIETNAMESE_LETTERS, LATIN_LETTERS):
        if before in alphabet and after in alphabet:
            if alphabet.index(after) == alphabet.index(before) + 1:
                return True
    return False


def section_sequences(sections: list[Section]) -> list[list[Numbered]]:
    """Sibling sections whose labels all carry a number, at every depth."""
    found: list[list[Numbered]] = [[]]
    for section in sections:
        numbered = _section_number(section)
        if numbered is None:
            found.append([])  # an unreadable label may be the missing number: do not judge across
        else:
            found[-1].append(numbered)
    for section in sections:
        found.extend(section_sequences(section.children))
    return found


def _section_number(section: Section) -> Numbered | None:
    marker = section.marker
    if marker is None or marker.value is None:
        return None  # "1. ." (a glyph lost) or "a)": nothing to count with
    return Numbered(marker.value, marker.shown, section.line_start, roman=marker.kind == "roman")


def _like(example: Numbered, number: int) -> str:
    """How ``number`` is written in the list ``example`` belongs to: '(3)', 'III', '1.4'."""
    if example.shown.startswith("("):
        return f"({number})"
    if example.roman:
        return roman(number)
    prefix = example.shown.rpartition(".")[0]
    return f"{prefix}.{number}" if prefix else str(number)


RULE = Rule(
    code="S001",
    name="structure.numbering",
    severity="warning",
    scope="document",
    title="Đánh số mục bị nhảy hoặc lặp",
    rationale=(
        "Các phần, mục, mục tiêu phải được đánh số liên tục. Số bị nhảy ((1), (2), (4)) "
        "thường là dấu vết của một mục đã bị xóa hoặc bị mất khi sao chép; số bị lặp là mục "
        "bị chép hai lần. Cả hai làm việc dẫn chiếu “mục tiêu (4)” trỏ sai chỗ và che giấu "
        "một chỉ tiêu bị bỏ sót."
    ),
    example="(1) …, (2) …, rồi (4) Tỷ lệ lao động qua đào tạo trên 65%.",
    check=check,
)
