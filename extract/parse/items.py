"""One pass over the lines: targets, tasks, and the label blocks that apply to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from extract.model import Bodies, Deadline, Line, Quantity, Section, Span, Target, Task
from extract.parse.attach import Pending, read_block
from extract.parse.blocks import StartTest, gather, locate, starts_target
from extract.parse.bodies import read_label
from extract.parse.carried_letters import carried_letter_targets
from extract.parse.flat_tables import joined_row_cells
from extract.parse.inline_deadlines import find_inline_deadline
from extract.parse.sections import label_of, read_heading, walk
from extract.parse.tables import TableRow, table_rows
from extract.parse.target_forms import (
    carried_dash_targets,
    inline_targets,
    listed_target,
    listed_target_sections,
    numbered_groups,
    numbered_heading_target,
    opens_lettered_item,
    with_listed_parts,
)
from extract.parse.target_lists import content_areas
from extract.parse.target_titles import is_bare_heading, star_group
from extract.parse.targets import make_target, target_areas, target_ids, target_sections
from extract.parse.tasks import lettered_tasks, parent_ids, task_area, task_sections


@dataclass
class _Item:
    kind: str
    section: Section
    number: int
    text: str
    span: Span
    bodies: Bodies = field(default_factory=Bodies)
    deadline: Deadline | None = None
    # A table row's figures, read from its cells (None: read them from the text).
    quantities: list[Quantity] | None = None


def parse_items(
    lines: list[Line], sections: list[Section], year: int | None = None
) -> tuple[list[Target], list[Task]]:
    """Targets and tasks of the plan, each with the block of labels that applies to it.

    Args:
        lines: The plan's lines (``Line.number`` is the index + 1).
        sections: The section tree from :func:`extract.parse.sections.build_sections`.
        year: The year a deadline without one belongs to, when the plan makes it clear.

    Returns:
        The targets and the tasks, in document order.
    """
    found = _scan(lines, sections, year)
    targets_found = [item for item in found if item.kind == "target"]
    ids = target_ids([(item.section, item.number) for item in targets_found])
    targets = [
        make_target(
            target_id,
            item.section,
            item.number,
            item.text,
            item.span,
            (item.bodies, item.deadline),
            _lines_text(lines, item.span),
            item.quantities,
        )
        for target_id, item in zip(ids, targets_found, strict=True)
    ]
    tasks = [_make_task(item, lines, year) for item in found if item.kind == "task"]
    return _unique(targets), _unique(tasks)


Item = TypeVar("Item", Target, Task)


def _unique(found: list[Item]) -> list[Item]:
    """Ids made unique: a list numbered again from (1) gets "-2", "-3" on its repeats.

    Matching, waivers and reports key items by id; two "2.1(1)" would be one.
    """
    seen: dict[str, int] = {}
    unique = []
    for item in found:
        seen[item.id] = seen.get(item.id, 0) + 1
        if seen[item.id] > 1:
            item = item.model_copy(update={"id": f"{item.id}-{seen[item.id]}"})
        unique.append(item)
    return unique


def _scan(lines: list[Line], sections: list[Section], year: int | None) -> list[_Item]:
    targets = target_sections(sections, lines)
    tasks = task_sections(sections, targets)
    parents = parent_ids(sections)
    innermost = _innermost(lines, sections)
    headings = {section.line_start: section for section, _ in walk(sections)}
    by_id = {section.id: section for section, _ in walk(sections)}
    in_area: dict[int, str] = {}
    areas = target_areas(lines, sections)
    # Lists that look like targets whatever their heading says, outside those found by it.
    covered = {number for number, owner in innermost.items() if owner in targets}
    covered.update(n for area in areas for n in range(area.first, area.last + 1))
    areas += content_areas(lines, sections, covered, year)
    # A heading that opens a list of targets ends the item above it ("- ... 97,8%" /
    # "8 chỉ tiêu xã hội gồm:"): it is no continuation of that item's text.
    area_heads = {area.first for area in areas}
    # The line after a list under a lead ("Quyết định có hiệu lực ...") is none of its items.
    area_after = {_next_with_text(lines, area.last) for area in areas}
    for area in areas:
        # Lines under "Các chỉ tiêu chủ yếu:" are the area's, whatever section holds them.
        targets.add(area.key)
        by_id[area.key] = area.section
        for number in range(area.first, area.last + 1):
            innermost[number] = in_area[number] = area.key
    lettered = lettered_tasks(lines, list(tasks.values()))
    for sub_task in lettered.values():
        # "a)", "b)" under a task are the tasks; the numbered heading groups them.
        headings[sub_task.line_start] = sub_task
        tasks[sub_task.id] = sub_task
        parents[sub_task.id] = sub_task.id.rsplit(".", 1)[0]
    grouping = {parents[sub_task.id] for sub_task in lettered.values()}
    # Rows a page joined on one line ("1 | Tốc độ tăng trưởng | % | 7,5") are read as cells.
    rows, table_lines = table_rows([*lines, *joined_row_cells(lines)], year)
    row_items = _row_items(rows, innermost, by_id, (targets, set(tasks), task_area(sections)))
    grouping.update(owner for owner, _ in row_items.values() if owner in tasks)

    groups = numbered_groups(lines, innermost, targets)
    listing = listed_target_sections(lines, innermost, targets, groups)

    def is_new(line: Line) -> bool:
        return (
            line.number in headings
            or line.number in area_heads
            or line.number in area_after
            or line.number in table_lines
            or read_label(line.text) is not None
            # "b) ..." after "- Cơ quan thực hiện: ..." in a list of targets: the next target.
            or (innermost.get(line.number) in listing and opens_lettered_item(line.text))
            # "* Về văn hóa – xã hội:" between targets: a group, no words of the item above.
            or (innermost.get(line.number) in targets and star_group(line.text))
        )

    found: list[_Item] = []
    pending = Pending()
    index = 0
    while index < len(lines):
        line = lines[index]
        section = headings.get(line.number)
        if line.number in table_lines:
            if line.number in row_items:
                group, item = row_items[line.number]
                found.append(item)
                pending.reset(group)  # a row's own columns are its labels
            index += 1
            continue
        target = starts_target(lines, index, is_new)
        inline = inline_targets(line) if innermost.get(line.number, "") in targets else []
        carried = (
            carried_dash_targets(line) or carried_letter_targets(line)
            if line.number in area_heads
            else []
        )
        if inline:
            owner = by_id[innermost[line.number]]
            for number, text, span in inline:
                found.append(_Item("target", owner, number, text, span))
            pending.reset(owner.id)
            pending.add(owner.id, len(found) - 1)
        elif carried:
            # "Mục tiêu cụ thể ...: - Thu nhập ... - Trên 80% ...": the heading's own line.
            owner = by_id[innermost[line.number]]
            for text, span in carried:
                number = 1 + sum(1 for item in found if item.section is owner)
                found.append(_Item("target", owner, number, text, span))
            pending.reset(owner.id)
            pending.add(owner.id, len(found) - 1)
        elif section is not None:
            owner_id = in_area.get(line.number) or (
                parents.get(section.id, "") if section.id in targets else ""
            )
            # "1. Mục tiêu" names its part; the paragraph under it is no target of its own.
            numbered = (
                None
                if is_bare_heading(section.title)
                else numbered_heading_target(lines, index, section, by_id.get(owner_id), is_new)
            )
            if numbered is not None:
                owner, number, text, span = numbered
                found.append(_Item("target", owner, number, text, span))
                pending.reset(owner.id)
                pending.add(owner.id, len(found) - 1)
            elif section.id in grouping:
                pending.reset(section.id)
            elif section.id in tasks:
                found.append(_task_item(lines, index, section, is_new))
                pending.add(parents[section.id], len(found) - 1)
            else:
                pending.reset(section.id)
        elif line.number in groups and innermost[line.number] in listing:
            pending.reset(innermost[line.number])  # "(1) Về kinh tế:": its items are the targets
        elif target is not None and innermost.get(line.number, "") in targets:
            owner = by_id[innermost[line.number]]
            paragraph = gather(lines, index, target.end(), is_new, mode="item")
            paragraph = with_listed_parts(lines, paragraph, is_new)
            number = int(target["number"])
            found.append(_Item("target", owner, number, paragraph.text, paragraph.span))
            pending.add(owner.id, len(found) - 1)
        elif (listed := listed_target(lines, index, listing, innermost, is_new)) is not None:
            owner = by_id[innermost[line.number]]
            for text, span in listed:
                number = 1 + sum(1 for item in found if item.section is owner)
                found.append(_Item("target", owner, number, text, span))
                pending.add(owner.id, len(found) - 1)
        elif read_label(line.text) is not None:
            block = read_block(lines, index, is_new, year)
            for position in pending.take():
                found[position].bodies = block.bodies
                found[position].deadline = block.deadline
            index = max(index + 1, block.last_line)
            continue
        index += 1
    return found


def _row_items(
    rows: list[TableRow],
    innermost: dict[int, str],
    by_id: dict[str, Section],
    areas: tuple[set[str], set[str], set[str]],
) -> dict[int, tuple[str, _Item]]:
    """Each table row as a target or a task, keyed by its first line, with its section's id.

    A row under a section of targets is a target numbered by its "STT"; a row in
    a part of tasks (or in a plan without headings) is a task under the section
    it sits in; a row elsewhere (a table of who reports what) is no item.
    """
    target_ids_, task_ids, task_parts = areas
    found: dict[int, tuple[str, _Item]] = {}
    for row in rows:
        owner = by_id.get(innermost.get(row.span.line, ""))
        if owner is not None and row.header_line and owner.line_start > row.header_line:
            # A row's "1. Số bác sỹ ..." read as a heading: the table is where its header is.
            owner = by_id.get(innermost.get(row.header_line, ""))
        owner_id = owner.id if owner is not None else ""
        # A target row is found where its number stands ("1" above "Tỷ lệ ...").
        span = row.span.model_copy(update={"line": row.first_line or row.span.line, "start": 0})
        if owner is not None and owner_id in target_ids_:
            item = _Item("target", owner, row.number, row.text, span)
        elif owner is None and row.targets:
            # A table headed "Tên chỉ tiêu | ĐVT | ..." outside any section (a page
            # holding only the plan's appendix of targets) lists targets, not tasks.
            last = row.span.end_line or row.span.line
            table = Section(id="", label="", title="", level=1, line_start=span.line, line_end=last)
            item = _Item("target", table, row.number, row.text, span)
        elif owner is None or owner_id in task_ids or owner_id in task_parts:
            section = Section(
                id=f"{owner_id}.{row.number}" if owner_id else str(row.number),
                label=f"{row.number}.",
                title=row.text,
                level=owner.level + 1 if owner is not None else 1,
                line_start=row.span.line,
                line_end=row.span.end_line or row.span.line,
            )
            item = _Item("task", section, 0, row.text, row.span)
        else:
            continue
        item.bodies, item.deadline = row.bodies, row.deadline
        if item.kind == "target" and row.quantities:
            item.quantities = row.quantities
        found[min(row.lines)] = (owner_id, item)
    return found


def _task_item(lines: list[Line], index: int, section: Section, is_new: StartTest) -> _Item:
    heading = read_heading(lines[index])
    title = heading.title if heading is not None else section.title
    start = lines[index].text.find(title)
    paragraph = gather(lines, index, max(start, 0), is_new, mode="item")
    return _Item("task", section, 0, paragraph.text, paragraph.span)


def _make_task(item: _Item, lines: list[Line], year: int | None) -> Task:
    deadline = item.deadline
    if deadline is None:
        # No "Thời gian thực hiện:" label: the time may close the task's own sentence.
        deadline = find_inline_deadline(item.text, year)
        if deadline is not None:
            span = locate(deadline.raw, _lines_text(lines, item.span))
            deadline = deadline.model_copy(update={"span": span})
    return Task(
        id=item.section.id,
        label=label_of(item.section),
        title=item.text,
        line=item.span.line,
        span=item.span,
        deadline=deadline,
        bodies=item.bodies,
    )


def _next_with_text(lines: list[Line], number: int) -> int:
    """The number of the first line with text after line ``number`` (0 when none)."""
    return next((line.number for line in lines[number:] if line.text.strip()), 0)


def _innermost(lines: list[Line], sections: list[Section]) -> dict[int, str]:
    """The id of the deepest section each line belongs to."""
    owner: dict[int, str] = {}
    for section, _ in walk(sections):  # parents come before children, so deeper wins
        for number in range(section.line_start, section.line_end + 1):
            owner[number] = section.id
    return owner


def _lines_text(lines: list[Line], span: Span) -> dict[int, str]:
    last = span.end_line or span.line
    return {number: lines[number - 1].text for number in range(span.line, last + 1)}
