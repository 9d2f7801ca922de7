"""The tree of headings: Roman parts ("I-", "II."), then numbered ones ("1.", "2.1.").

Vietnamese plans number their parts with Roman numerals and everything inside
with Arabic labels whose depth is the number of components (Nghị định
30/2020/NĐ-CP, Phụ lục I; Hướng dẫn 36-HD/VPTW keeps the same scheme). A label
damaged by a lost glyph ("1. ." where "1.4." was printed) is read as the next
sibling of the heading before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Line, Section
from extract.parse.vocabulary import items
from extract.text import normalise, roman

ROMAN_HEADING = re.compile(
    r"^\s*(?P<label>(?P<roman>[IVX]{1,5})\s*[-.–:)]+)\s*(?P<title>[^\W\d_].*)$"
)
# "2.1.", "2.1", "1." and "1)" followed by a title that starts with a letter or a
# quote; a label of one component needs its closing dot or parenthesis.
NUMBERED_HEADING = re.compile(
    r"^\s*(?P<label>(?P<number>\d{1,2}(?:\.\d{1,2})*)(?P<close>\.|\)|\s?[-–])?)"
    r"\s+(?P<title>[^\W\d_\s]|[\"“(])"
)
# "3. 100% cơ quan ...": a numbered line opening on a figure (a target in a list of
# targets); a heading only when it carries on the numbering.
FIGURE_HEADING = re.compile(
    r"^\s*(?P<label>(?P<number>\d{1,2}(?:\.\d{1,2})*)(?P<close>\.|\)))\s+(?P<title>\d)"
)
# How the line before a heading ends when its sentence is closed; after any other
# ending a numbered line is a heading only if it carries on the numbering.
CLOSED = (".", ":", ";", "!", "?", ")", "”", '"', "…")
# A part heading in capitals is short; a longer line in capitals is a title or text.
PART_TITLE_WORDS = 12
_MARKUP = " \t*#_"
# "a) ", "b. ": a lettered item, the start of a list (never a heading's wrapped words).
_LETTER_ITEM = re.compile(r"^[a-zđ][.)]\s")
DAMAGED_HEADING = re.compile(r"^\s*(?P<label>(?P<number>\d{1,2})\.\s+\.)\s*(?P<title>\S.*)$")


@dataclass
class Heading:
    """A heading line before the tree is built."""

    line: int
    label: str
    parts: tuple[int, ...] | None
    roman: str | None
    title: str
    damaged: bool = False
    after_open_sentence: bool = False
    unnumbered_part: bool = False
    opens_on_figure: bool = False


@dataclass
class _Node:
    heading: Heading
    section_id: str
    level: int
    children: list[_Node] = field(default_factory=list)
    line_end: int = 0


def find_headings(lines: list[Line]) -> list[Heading]:
    """Every heading line, in order, with its parsed label."""
    headings: list[Heading] = []
    previous = ""
    for line in lines:
        heading = read_heading(line)
        if heading is not None:
            heading.title = _with_continuation(heading.title, lines, line.number)
            heading.after_open_sentence = bool(previous) and not previous.endswith(CLOSED)
            headings.append(heading)
            previous = "."  # a heading closes what came before it
        elif line.text.strip():
            previous = line.text.rstrip()
    return headings


def read_heading(line: Line) -> Heading | None:
    """The heading on this line, or None when the line is not a heading."""
    text = line.text
    part = ROMAN_HEADING.match(text)
    if part is not None:
        return Heading(line.number, part["label"], None, part["roman"], part["title"].strip())
    numbered = NUMBERED_HEADING.match(text)
    if numbered is not None and (numbered["close"] or "." in numbered["number"]):
        parts = tuple(int(part) for part in numbered["number"].split("."))
        title = text[numbered.start("title") :].strip()
        return Heading(line.number, numbered["label"].strip(), parts, None, title)
    figure = FIGURE_HEADING.match(text)
    if figure is not None:
        parts = tuple(int(part) for part in figure["number"].split("."))
        title = text[figure.start("title") :].strip()
        return Heading(
            line.number, figure["label"].strip(), parts, None, title, opens_on_figure=True
        )
    damaged = DAMAGED_HEADING.match(text)
    if damaged is not None:
        title = damaged["title"].strip()
        return Heading(line.number, damaged["label"], None, None, title, damaged=True)
    if line.cell is None and _is_unnumbered_part(text):  # a table's "NỘI DUNG" is a column
        return Heading(line.number, "", None, None, text.strip(_MARKUP), unnumbered_part=True)
    return None


def _is_unnumbered_part(text: str) -> bool:
    """A part heading in capitals without a numeral: "NHIỆM VỤ VÀ GIẢI PHÁP"."""
    written = text.strip(_MARKUP)
    if not written or any(char.islower() for char in written):
        return False
    if len(written.split()) > PART_TITLE_WORDS or written.endswith((".", ";", ",")):
        return False
    folded = normalise(written)
    return any(
        folded == word or folded.startswith((f"{word} ", f"{word},"))
        for word in (normalise(title) for title in items().sections.part_titles)
    )


def build_sections(lines: list[Line]) -> list[Section]:
    """The section tree of the document, Roman parts at the top."""
    headings = find_headings(lines)
    if any(heading.roman is not None for heading in headings):
        # Numbered parts: a line in capitals inside one is a sub-title, not a part.
        headings = [heading for heading in headings if not heading.unnumbered_part]
    roots: list[_Node] = []
    stack: list[_Node] = []
    for heading in headings:
        wrapped = heading.after_open_sentence or heading.opens_on_figure
        if wrapped and not _is_next(heading, roots, stack):
            continue  # "... mức độ 3 và" / "4. Mức độ hài lòng ...": a wrapped line
        _place(heading, roots, stack)
    last_line = lines[-1].number if lines else 0
    _close_ends(roots, last_line)
    return [_to_section(node) for node in roots]


def label_of(section: Section) -> str:
    """The label without its closing punctuation: '2.1.' -> '2.1', 'I-' -> 'I'."""
    return section.id.rsplit(".", 1)[-1] if section.level == 1 else _numeric_label(section.id)


def walk(sections: list[Section]) -> list[tuple[Section, list[Section]]]:
    """Every section with its ancestors (outermost first), in document order."""
    found: list[tuple[Section, list[Section]]] = []

    def visit(section: Section, ancestors: list[Section]) -> None:
        found.append((section, ancestors))
        for child in section.children:
            visit(child, [*ancestors, section])

    for section in sections:
        visit(section, [])
    return found


def _numeric_label(section_id: str) -> str:
    head, _, rest = section_id.partition(".")
    return rest if head and not head[0].isdigit() and rest else section_id


def _place(heading: Heading, roots: list[_Node], stack: list[_Node]) -> None:
    """Put a heading under the nearest open heading it can belong to."""
    if heading.roman is not None or heading.unnumbered_part:
        # An unnumbered part takes the numeral its place among the parts gives it.
        part_id = heading.roman or roman(len(roots) + 1)
        node = _Node(heading, part_id, 1)
        roots.append(node)
        stack[:] = [node]
        return
    if heading.damaged:
        heading.parts = _guess_damaged(heading, stack)
    parts = heading.parts or (0,)
    while stack and stack[-1].level > 1 and not _is_prefix(stack[-1].heading.parts, parts):
        stack.pop()
    part_numeral = stack[0].section_id if stack and stack[0].level == 1 else None
    label = ".".join(str(part) for part in parts)
    node = _Node(heading, f"{part_numeral}.{label}" if part_numeral else label, len(parts) + 1)
    (stack[-1].children if stack else roots).append(node)
    stack.append(node)


def _is_next(heading: Heading, roots: list[_Node], stack: list[_Node]) -> bool:
    """Whether a numbered heading carries on the numbering of the open headings."""
    parts = heading.parts
    if parts is None:
        return True  # a Roman part or a damaged label: judged elsewhere
    if len(parts) == 1:
        siblings = stack[0].children if stack and stack[0].level == 1 else roots
    else:
        parent = next((node for node in stack if node.heading.parts == parts[:-1]), None)
        if parent is None:
            return False
        siblings = parent.children
    numbered = [node.heading.parts for node in siblings if node.heading.parts]
    last = numbered[-1][-1] if numbered else 0
    return parts[-1] == last + 1


def _is_prefix(outer: tuple[int, ...] | None, inner: tuple[int, ...]) -> bool:
    if outer is None:
        return False
    if len(inner) == 1:
        return False  # "1." never nests under another numbered heading
    return len(outer) < len(inner) and inner[: len(outer)] == outer


def _guess_damaged(heading: Heading, stack: list[_Node]) -> tuple[int, ...]:
    """The label a damaged heading had: the next sibling of the last heading seen."""
    first = int(heading.label.split(".")[0])
    for node in reversed(stack):
        parts = node.heading.parts
        if parts and len(parts) >= 2 and parts[0] == first:
            return (*parts[:-1], parts[-1] + 1)
    return (first,)


def _close_ends(nodes: list[_Node], end: int) -> None:
    for index, node in enumerate(nodes):
        following = nodes[index + 1].heading.line - 1 if index + 1 < len(nodes) else end
        node.line_end = following
        _close_ends(node.children, following)


def _to_section(node: _Node) -> Section:
    return Section(
        id=node.section_id,
        label=node.heading.label,
        title=node.heading.title,
        level=node.level,
        line_start=node.heading.line,
        line_end=node.line_end,
        children=[_to_section(child) for child in node.children],
    )


def _with_continuation(title: str, lines: list[Line], number: int) -> str:
    """A heading wrapped over the next line: lower-case, or upper-case under upper-case.

    A line that opens on a letter label ("a) Tỷ lệ ...") starts the list under the
    heading, not its wrapped words.
    """
    for line in lines[number : number + 3]:
        text = line.text.strip()
        if not text:
            continue
        starts_lower = text[0].islower() and _LETTER_ITEM.match(text) is None
        upper_under_upper = title.isupper() and text.isupper() and read_heading(line) is None
        if starts_lower or upper_under_upper:
            return f"{title.rstrip()} {text}"
        return title
    return title
