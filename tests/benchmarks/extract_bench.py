"""Benchmark of extraction against the hand-made gold records in ``tests/gold/``.

Each folder ``tests/gold/<stem>/`` holds JSON files named after a part of the plan
model (``meta.json``, ``dates.json``, ``targets.json``, ``tasks.json``,
``sections.json``); the plan is ``corpus/plans/<stem>.*``. The comparison is
generic:

- a scalar counts as a true positive when gold and extraction agree (strings
  compared case-folded with unified tone placement, dashes and spaces), a false
  negative when gold has a value the extraction misses or gets wrong, a false
  positive when the extraction gives a value gold does not have or a wrong one;
- a list of objects is matched item by item on a key (``id`` for targets, tasks
  and sections; line and number for references; line and raw text for dates;
  the whole item otherwise, e.g. quantities and bodies), counted at ``path[]``,
  then each field of matched items is compared at ``path[].field``;
- a list of strings (recipients) is compared as a multiset;
- only fields present in the gold file are compared; ``raw`` and ``span`` are
  provenance, not facts, and are skipped unless they are the key.

Per field it prints precision and recall for the text files. The same plans are
then rendered to .docx and .pdf (tests/render.py) and compared again without line
numbers (a PDF wraps lines, so they differ by format): one micro-averaged
precision and recall per format shows whether the format changes what is read.
Run with ``python -m tests.benchmarks extract``.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from extract import load_plan
from extract.text import comparable
from tests.render import corpus_lines, render_docx, render_pdf

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
PLANS = ROOT / "corpus" / "plans"
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# How list items are paired, by the name of the list.
LIST_KEYS: dict[str, tuple[str, ...]] = {
    "references": ("line", "number"),
    "dates": ("line", "raw"),
    "targets": ("id",),
    "tasks": ("id",),
    "sections": ("id",),
    "children": ("id",),
}
SKIPPED = frozenset({"raw", "span"})
RENDERERS = {".docx": render_docx, ".pdf": render_pdf}

Stats = dict[str, Counter[str]]


def run() -> dict[str, object]:
    """Compare every gold record with a fresh extraction; print and return the figures."""
    started = time.perf_counter()
    folders = sorted(path for path in GOLD.iterdir() if path.is_dir())
    stats: Stats = defaultdict(Counter)
    for folder in folders:
        compare_folder(folder, load_plan(plan_path(folder.name)).model_dump(mode="json"), stats)
    figures = summarise(stats)
    print(f"{len(folders)} documents, {time.perf_counter() - started:.1f} s")
    print(f"{'field':<44} {'prec':>6} {'recall':>6} {'tp':>5} {'fp':>4} {'fn':>4}")
    for field, row in figures.items():
        print(
            f"{field:<44} {_percent(row['precision']):>6} {_percent(row['recall']):>6}"
            f" {row['tp']:>5} {row['fp']:>4} {row['fn']:>4}"
        )
    formats = _formats(folders)
    for suffix, row in formats.items():
        print(
            f"all fields but line numbers, {suffix:<5} precision {_percent(row['precision'])}"
            f" recall {_percent(row['recall'])}"
        )
    return {"documents": len(folders), "fields": figures, "formats": formats}


def compare_folder(
    folder: Path, plan: dict[str, Any], stats: Stats, skipped: frozenset[str] = SKIPPED
) -> None:
    """Compare every gold file of ``folder`` with the dumped ``plan``."""
    for gold_file in sorted(folder.glob("*.json")):
        part = gold_file.stem
        gold = unwrap(json.loads(gold_file.read_text(encoding="utf-8")), part)
        compare(gold, plan.get(part), part, stats, skipped)


def _formats(folders: list[Path]) -> dict[str, dict[str, Any]]:
    """Micro-averaged figures per format, line numbers left out of keys and fields."""
    per_format: dict[str, dict[str, Any]] = {}
    without_lines = SKIPPED | {"line"}
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in (".txt", *RENDERERS):
            stats: Stats = defaultdict(Counter)
            for folder in folders:
                source = plan_path(folder.name)
                if suffix in RENDERERS:
                    target = Path(scratch) / f"{folder.name}{suffix}"
                    source = RENDERERS[suffix](corpus_lines(source), target)
                plan = load_plan(source).model_dump(mode="json")
                compare_folder(folder, plan, stats, without_lines)
            total = Counter[str]()
            for counts in stats.values():
                total.update(counts)
            per_format[suffix] = summarise({"all": total})["all"]
    return per_format


def plan_path(stem: str) -> Path:
    """The corpus file a gold folder describes (the first format found)."""
    for suffix in SUFFIXES:
        candidate = PLANS / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no plan in {PLANS} for gold folder {stem!r}")


def unwrap(gold: Any, part: str) -> Any:
    """Accept both ``[...]`` and ``{"<part>": [...]}`` in a gold file."""
    if isinstance(gold, dict) and set(gold) == {part}:
        return gold[part]
    return gold


def compare(
    gold: Any, extracted: Any, path: str, stats: Stats, skipped: frozenset[str] = SKIPPED
) -> None:
    """Add the counts of comparing ``extracted`` with ``gold`` under ``path`` to ``stats``.

    Keys in ``skipped`` are neither compared nor used to pair list items.
    """
    if isinstance(gold, dict):
        found = extracted if isinstance(extracted, dict) else {}
        for key, value in gold.items():
            if key not in skipped:
                compare(value, found.get(key), f"{path}.{key}", stats, skipped)
    elif isinstance(gold, list) and any(isinstance(item, dict) for item in gold):
        items = extracted if isinstance(extracted, list) else []
        _compare_items(gold, items, path, stats, skipped)
    elif isinstance(gold, list):
        _compare_multiset(gold, extracted if isinstance(extracted, list) else [], path, stats)
    else:
        _compare_scalar(gold, extracted, path, stats)


def normalise(value: Any) -> Any:
    """Comparison form of a scalar: folded text, floats for numbers, None for blanks."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = comparable(value).strip(" .,;:")
        return text or None
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def summarise(stats: Stats) -> dict[str, dict[str, Any]]:
    """Precision and recall per field, fields in name order."""
    figures = {}
    for field in sorted(stats):
        counts = stats[field]
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        if not tp + fp + fn:
            continue  # an empty gold list read as empty: nothing to count
        figures[field] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    return figures


def _compare_scalar(gold: Any, extracted: Any, path: str, stats: Stats) -> None:
    if isinstance(extracted, dict | list):
        extracted = json.dumps(extracted, sort_keys=True, ensure_ascii=False)
    expected, found = normalise(gold), normalise(extracted)
    if expected is None and found is None:
        return
    if expected == found:
        stats[path]["tp"] += 1
        return
    if expected is not None:
        stats[path]["fn"] += 1
    if found is not None:
        stats[path]["fp"] += 1


def _compare_multiset(gold: list[Any], extracted: list[Any], path: str, stats: Stats) -> None:
    expected = Counter(normalise(item) for item in gold)
    found = Counter(normalise(item) for item in extracted)
    common = sum((expected & found).values())
    stats[path]["tp"] += common
    stats[path]["fn"] += sum(expected.values()) - common
    stats[path]["fp"] += sum(found.values()) - common


def _compare_items(
    gold: list[dict[str, Any]],
    extracted: list[Any],
    path: str,
    stats: Stats,
    skipped: frozenset[str],
) -> None:
    name = path.rsplit(".", 1)[-1].removesuffix("[]")
    fields = [field for field in LIST_KEYS.get(name, ()) if field not in skipped] or None
    unmatched = [item for item in extracted if isinstance(item, dict)]
    for item in gold:
        key = _key(item, fields, skipped)
        partner = next(
            (other for other in unmatched if _key(other, fields, skipped, item) == key), None
        )
        if partner is None:
            stats[f"{path}[]"]["fn"] += 1
            continue
        unmatched.remove(partner)
        stats[f"{path}[]"]["tp"] += 1
        if fields is not None:
            compare(item, partner, f"{path}[]", stats, skipped)
    stats[f"{path}[]"]["fp"] += len(unmatched)


def _key(
    item: dict[str, Any],
    fields: list[str] | None,
    skipped: frozenset[str],
    like: dict[str, Any] | None = None,
) -> tuple[Any, ...]:
    """The matching key of a list item: its key fields, else every compared field of gold."""
    if fields is None:
        names = [name for name in (like or item) if name not in skipped]
        return tuple(normalise(_flat(item.get(name))) for name in names)
    return tuple(normalise(item.get(name)) for name in fields)


def _flat(value: Any) -> Any:
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"
