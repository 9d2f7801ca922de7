"""How far the target reader's recall rests on the words that open a target section (issue 14).

Development documents only: this module reads the manifest and the files under
``tests/realdocs/dev/``, never the held-out part. It is the development stand-in for
headings never seen: each document's targets are read again with the opener
vocabulary it relies on made unknown, and the gold targets still found are counted.

The opener vocabulary is the list of ``OPENERS`` (``extract/parse/data/items.yaml``):
the heads of target headings ("chỉ tiêu", "mục tiêu"), the words before them ("các",
"một số"), the verbs of a lead that sets targets ("giao", "đề ra"), the words of intent
("cần", "phấn đấu"), the damaged headings, and the table headers that make rows targets.
An entry is made unknown by replacing it with a token no text contains.

A document *relies on* an entry when making it unknown loses one of its gold targets;
reliance is closed (the entries it then relies on are added, until nothing more is
lost or nothing is left), so that two headings of one document that would each do are
both counted. Its reliance is taken with the content route (targets recognised by
what the items set, ``extract.parse.target_lists``) switched off, so that it names the
words the heading route needs, the same before and after that route exists. Figures:

- ``alone``: each document read without the entries it alone relies on (no other
  development document relies on them);
- ``own``: each document read without every entry it relies on, shared or not;
- ``none``: every document read with the whole opener vocabulary unknown.

Run with ``python -m tests.benchmarks openers``; ``python -m
tests.benchmarks.openers_bench --detail`` lists each document: what opened each list
it found (the rule and the heading or lead line), the entries it relies on, and its
counts in each stage.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from unittest import mock

from extract import load_plan
from extract.model import Line, Plan, Section
from extract.parse import context_year, item_lines
from extract.parse import items as items_module
from extract.parse import target_lists as target_lists_module
from extract.parse import vocabulary as vocabulary_module
from extract.parse.items import parse_items
from extract.parse.sections import build_sections, walk
from extract.parse.target_titles import introduces_targets, is_target_title, lists_goals
from extract.parse.targets import target_areas, target_sections
from extract.resources import load_yaml
from tests.benchmarks.realdocs_bench import pair_targets
from tests.realdocs.gold import Entry, load_gold, load_manifest

# (group, list) of items.yaml whose entries open a target section or a list of targets.
OPENERS: tuple[tuple[str, str], ...] = (
    ("sections", "target_heads"),
    ("sections", "goal_heads"),
    ("sections", "title_quantifiers"),
    ("sections", "target_verbs"),
    ("sections", "intent_words"),
    ("sections", "damaged_heads"),
    ("table_columns", "target_content"),
)
# The lists an entry is made unknown in besides its own. The words of a text column that
# names targets (table_columns.target_content) are also words of a text column
# (table_columns.content), and tables.column_kind reads a content word that is no target word
# as the text column's even beside a year ("Mục tiêu đến năm 2020" then a second text column,
# and the table no table): left in content, the word would be reclassified, not unknown.
_ALSO_IN: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("table_columns", "target_content"): (
        ("table_columns", "target_content"),
        ("table_columns", "content"),
    ),
}
# What an unknown entry becomes: a token that no text contains and no regex reads.
UNKNOWN = "⊘"
OpenerEntry = tuple[str, str, str]


@dataclass
class Document:
    """A development document with targets, read once up to its item lines."""

    entry: Entry
    plan: Plan
    lines: list[Line]
    sections: list[Section]
    year: int | None
    gold_count: int


def run() -> dict[str, object]:
    """Print and return the stages' figures over the development documents with targets."""
    started = time.process_time()
    documents = development_documents()
    reliance = {document.entry.id: relied_on(document) for document in documents}
    figures = stage_figures(documents, reliance)
    figures["without_targets"] = invented_without_targets()
    print(f"{len(documents)} development documents with targets, {_cpu(started)}")
    for line in figure_lines(figures):
        print(line)
    return figures


def invented_without_targets() -> dict[str, int]:
    """Targets read in the development documents that have none, openers known and unknown."""
    documents = development_documents(with_targets=False)
    everything = set(opener_entries())
    return {
        "documents": len(documents),
        "invented_full": sum(found_and_invented(d, set())[1] for d in documents),
        "invented_none": sum(found_and_invented(d, everything)[1] for d in documents),
    }


def development_documents(with_targets: bool = True) -> list[Document]:
    """The development documents whose gold has targets, or has none (held-out never opened)."""
    documents = []
    for entry in load_manifest().documents:
        if entry.split != "dev":
            continue
        gold = load_gold(entry)
        if bool(gold.targets) != with_targets:
            continue
        plan = load_plan(entry.text_path)
        lines = item_lines(plan.lines)
        documents.append(
            Document(
                entry, plan, lines, build_sections(lines), context_year(plan), len(gold.targets)
            )
        )
    return documents


def opener_entries() -> list[OpenerEntry]:
    """Every entry of the opener vocabulary, as (group, list, word)."""
    data = load_yaml(vocabulary_module.ITEMS_PATH)
    return [(group, name, word) for group, name in OPENERS for word in data[group][name]]


def found_and_invented(document: Document, unknown: set[OpenerEntry]) -> tuple[int, int]:
    """Gold targets found and targets invented with the ``unknown`` entries made unknown."""
    with vocabulary_without(unknown):
        targets, _ = parse_items(document.lines, document.sections, document.year)
    plan = document.plan.model_copy(update={"targets": targets})
    pairs = pair_targets(load_gold(document.entry).targets, plan)
    return len(pairs), len(targets) - len(pairs)


def relied_on(document: Document) -> set[OpenerEntry]:
    """The opener entries the heading route needs to find this document's targets (closed)."""
    entries = opener_entries()
    unknown: set[OpenerEntry] = set()
    with heading_route_only():
        found, _ = found_and_invented(document, unknown)
        while found > 0:
            left = [entry for entry in entries if entry not in unknown]
            added = {
                entry
                for entry in left
                if found_and_invented(document, unknown | {entry})[0] < found
            }
            if not added:
                # Two headings that would each do: no entry alone loses a target, a pair does.
                added = next(
                    (
                        {first, second}
                        for position, first in enumerate(left)
                        for second in left[position + 1 :]
                        if found_and_invented(document, unknown | {first, second})[0] < found
                    ),
                    set(),
                )
            if not added:
                break
            unknown |= added
            found, _ = found_and_invented(document, unknown)
    return unknown


def stage_figures(
    documents: list[Document], reliance: dict[str, set[OpenerEntry]]
) -> dict[str, object]:
    """Found and invented targets in each stage, summed over the documents."""
    everything = set(opener_entries())
    stages: dict[str, dict[str, int]] = {
        name: {"found": 0, "invented": 0} for name in ("full", "alone", "own", "none")
    }
    for document in documents:
        own = reliance[document.entry.id]
        others = set().union(*(r for key, r in reliance.items() if key != document.entry.id))
        for name, unknown in (
            ("full", set()),
            ("alone", own - others),
            ("own", own),
            ("none", everything),
        ):
            found, invented = found_and_invented(document, unknown)
            stages[name]["found"] += found
            stages[name]["invented"] += invented
    gold = sum(document.gold_count for document in documents)
    return {
        "documents": len(documents),
        "gold": gold,
        "stages": stages,
        "relying_documents": sum(1 for r in reliance.values() if r),
    }


def figure_lines(figures: dict[str, Any]) -> list[str]:
    """The printed table: each stage's found targets (share of gold) and invented targets."""
    names = {
        "full": "every opener known",
        "alone": "its own unshared openers unknown",
        "own": "every opener it relies on unknown",
        "none": "the whole opener vocabulary unknown",
    }
    lines = [f"{'stage':<40}{'found':>14}{'invented':>10}"]
    for key, name in names.items():
        stage = figures["stages"][key]
        share = stage["found"] / figures["gold"] if figures["gold"] else 0.0
        lines.append(
            f"{name:<40}{stage['found']:>6}/{figures['gold']:<4}{share:>4.0%}{stage['invented']:>10}"
        )
    if "without_targets" in figures:
        none = figures["without_targets"]
        lines.append(
            f"{none['documents']} development documents without targets: invented"
            f" {none['invented_full']} (openers known), {none['invented_none']} (all unknown)"
        )
    return lines


@contextmanager
def vocabulary_without(unknown: set[OpenerEntry]) -> Iterator[None]:
    """The item vocabulary with the ``unknown`` entries replaced by a token no text has."""
    if not unknown:
        yield
        return
    data = load_yaml(vocabulary_module.ITEMS_PATH)
    changed = {group: dict(data[group]) for group in data if isinstance(data[group], dict)}
    for group, name, word in unknown:
        for also in _ALSO_IN.get((group, name), ((group, name),)):
            changed[also[0]][also[1]] = [
                UNKNOWN if w == word else w for w in changed[also[0]][also[1]]
            ]
    with mock.patch.object(vocabulary_module, "load_yaml", lambda _path: {**data, **changed}):
        _clear_caches()
        try:
            yield
        finally:
            _clear_caches()
    _clear_caches()


@contextmanager
def heading_route_only() -> Iterator[None]:
    """The reader without its content route: targets only where a heading or lead says so."""
    with mock.patch.object(items_module, "content_areas", lambda *_arguments: []):
        yield


def _clear_caches() -> None:
    """Forget every vocabulary-derived cache of the parse modules (and the vocabulary)."""
    for module in _parse_modules():
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _parse_modules() -> list[ModuleType]:
    return [
        module
        for name, module in sys.modules.items()
        if name == "extract.parse" or name.startswith("extract.parse.")
    ]


def detail() -> None:
    """Each development document with targets: its openers, reliance and stage counts."""
    documents = development_documents()
    reliance = {document.entry.id: relied_on(document) for document in documents}
    everything = set(opener_entries())
    for document in documents:
        own = reliance[document.entry.id]
        others = set().union(*(r for key, r in reliance.items() if key != document.entry.id))
        counts = [
            found_and_invented(document, unknown)[0]
            for unknown in (set(), own - others, own, everything)
        ]
        print(
            f"{document.entry.id}: gold {document.gold_count}, found full/alone/own/none {counts}"
        )
        print(f"  relies on: {sorted(word for _, _, word in own) or '-'}")
        for line in openings(document):
            print(f"  {line}")
        with vocabulary_without(everything):  # what the content route reads on its own
            for listed in target_lists_module.content_lists(
                document.lines, document.sections, set(), document.year
            ):
                print(f"  openers unknown: lines {listed.first}-{listed.last}, {listed.cue}")


def openings(document: Document) -> list[str]:
    """What opened each list of targets the reader found: rule and line."""
    targets, _ = parse_items(document.lines, document.sections, document.year)
    owners = _openers(document)
    described = []
    for target in targets:
        owner = max((o for o in owners if o[0] <= target.line <= o[1]), default=None)
        text = "no section: a table of targets" if owner is None else f"{owner[2]}: {owner[3]!r}"
        if text not in described:
            described.append(text)
    return [f"line {d}" if d[0].isdigit() else d for d in described]


def _openers(document: Document) -> list[tuple[int, int, str, str]]:
    """(first line, last line, rule, heading text) of each section and area of targets."""
    lines, sections = document.lines, document.sections
    found = target_sections(sections, lines)
    owners = []
    for section, _ancestors in walk(sections):
        if section.id not in found:
            continue
        if is_target_title(section.title):
            rule = "section titled so"
        elif lists_goals(section.title):
            rule = "section listing goals, items set figures"
        else:
            rule = "inside a section of targets"
        owners.append((section.line_start, section.line_end, rule, section.title[:70]))
    for area in target_areas(lines, sections):
        text = lines[area.first - 1].text
        rule = "lead announcing targets" if introduces_targets(text) else "heading outside the tree"
        owners.append((area.first, area.last, rule, text.strip()[:70]))
    covered = {n for start, end, _, _ in owners for n in range(start, end + 1)}
    for listed in target_lists_module.content_lists(lines, sections, covered, document.year):
        owners.append((listed.first, listed.last, f"content route, {listed.cue}", listed.lead))
    return sorted(owners)


def _cpu(started: float) -> str:
    return f"{time.process_time() - started:.1f} s CPU"


def main(arguments: list[str]) -> None:
    """The module on its own: the figures, or ``--detail`` for each document."""
    if arguments == ["--detail"]:
        detail()
    elif not arguments:
        run()
    else:
        raise SystemExit("usage: python -m tests.benchmarks.openers_bench [--detail]")


if __name__ == "__main__":
    main(sys.argv[1:])
