"""Tasks and solutions: the numbered leaf headings of the parts that set tasks.

A part whose title speaks of tasks ("Nhiệm vụ và giải pháp", "Nội dung thực
hiện") holds them; each heading with no sub-heading under it is one task, with
the id of its section ("III.2.1.3"). Sections of targets are not tasks.
"""

from __future__ import annotations

import re

from extract.model import Line, Section
from extract.parse.sections import walk
from extract.parse.vocabulary import items
from extract.text import normalise

# "a) Tuyên truyền ...": a letter, its closing parenthesis, then the text.
_LETTER_LABEL = re.compile(r"^\s*(?P<letter>[^\W\d_])\)\s+(?P<title>\S.*)$")


def task_sections(sections: list[Section], targets: set[str]) -> dict[str, Section]:
    """The task sections by id, with the id of the section each one sits in as the group.

    Args:
        sections: The section tree.
        targets: Ids of the target sections (excluded, with their ancestors).

    Returns:
        Task sections keyed by id, in document order.
    """
    words = [normalise(word) for word in items().sections.task_titles]
    holding_targets = _ancestors_of(sections, targets)
    found: dict[str, Section] = {}
    for section, ancestors in walk(sections):
        if section.children or section.level < 2 or section.id in targets:
            continue
        if section.id in holding_targets:
            continue
        if any(any(word in normalise(a.title) for word in words) for a in ancestors):
            found[section.id] = section
    return found


def task_area(sections: list[Section]) -> set[str]:
    """Ids of the sections that are, or sit in, a part whose title speaks of tasks."""
    words = [normalise(word) for word in items().sections.task_titles]
    return {
        section.id
        for section, ancestors in walk(sections)
        if any(any(word in normalise(s.title) for word in words) for s in [*ancestors, section])
    }


def parent_ids(sections: list[Section]) -> dict[str, str]:
    """The id of each section's parent ('' for a Roman part)."""
    return {
        section.id: ancestors[-1].id if ancestors else "" for section, ancestors in walk(sections)
    }


def _ancestors_of(sections: list[Section], ids: set[str]) -> set[str]:
    found: set[str] = set()
    for section, ancestors in walk(sections):
        if section.id in ids:
            found.update(ancestor.id for ancestor in ancestors)
    return found


def lettered_tasks(lines: list[Line], tasks: list[Section]) -> dict[str, Section]:
    """Sub-tasks "a)", "b)"... of each task, as sections under it, keyed by id.

    Only letters that run in order from "a" count, so a stray "c)" in a sentence
    wrapped onto a new line does not split a task.
    """
    letters = [normalise(letter) for letter in items().sections.letter_labels]
    found: dict[str, Section] = {}
    for task in tasks:
        starts: list[tuple[Line, re.Match[str]]] = []
        for line in lines[task.line_start : task.line_end]:
            label = _LETTER_LABEL.match(line.text)
            if label is not None and len(starts) < len(letters):
                if normalise(label["letter"]) == letters[len(starts)]:
                    starts.append((line, label))
        if not starts:
            continue
        ends = [line.number - 1 for line, _ in starts[1:]] + [task.line_end]
        for (line, label), end in zip(starts, ends, strict=True):
            letter = label["letter"]
            sub_id = f"{task.id}.{letter}"
            found[sub_id] = Section(
                id=sub_id,
                label=f"{letter})",
                title=label["title"].strip(),
                level=task.level + 1,
                line_start=line.number,
                line_end=end,
            )
    return found
