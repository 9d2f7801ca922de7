"""Tasks and solutions: the numbered leaf headings of the parts that set tasks.

A part whose title speaks of tasks ("Nhiệm vụ và giải pháp", "Nội dung thực
hiện") holds them; each heading with no sub-heading under it is one task, with
the id of its section ("III.2.1.3"). Sections of targets are not tasks.
"""

from __future__ import annotations

from extract.model import Section
from extract.parse.sections import walk
from extract.parse.vocabulary import items, normalise


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
