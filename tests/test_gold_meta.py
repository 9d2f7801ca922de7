"""Metadata and dates of every corpus plan against the hand-made gold records.

The comparison is the benchmark's (tests/benchmarks/extract_bench.py): a field
passes when nothing is missed and nothing extra is found. The garbled town plan
depends on the repair of its lost glyphs; where a field is only as good as that
repair (a name or a title with a letter still wrong) it is held to a similarity
of the text instead of equality, so that a parser regression still fails.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import cache
from typing import Any

import pytest

from extract import load_plan
from tests.benchmarks.extract_bench import GOLD, Stats, compare, normalise, plan_path, unwrap

PARTS = ("meta", "dates")
# Fields read from repaired text of the garbled town plan: compared by similarity.
REPAIR_LIMITED = {
    "thi-uy-ke-hoach-thuc-hien-de-an-13-garbled": ("title", "signer.name", "recipients"),
}
SIMILARITY = 0.85


def gold_cases() -> Iterator[tuple[str, str]]:
    for folder in sorted(path for path in GOLD.iterdir() if path.is_dir()):
        for part in PARTS:
            if (folder / f"{part}.json").exists():
                yield folder.name, part


@cache
def extracted(stem: str) -> dict[str, Any]:
    return load_plan(plan_path(stem)).model_dump(mode="json")


def gold(stem: str, part: str) -> Any:
    return unwrap(json.loads((GOLD / stem / f"{part}.json").read_text(encoding="utf-8")), part)


@pytest.mark.parametrize(("stem", "part"), list(gold_cases()))
def test_gold_fields_match(stem, part):
    stats: Stats = defaultdict(Counter)
    compare(gold(stem, part), extracted(stem).get(part), part, stats)
    limited = {f"meta.{field}" for field in REPAIR_LIMITED.get(stem, ())}
    wrong = {
        field: dict(counts)
        for field, counts in stats.items()
        if (counts["fp"] or counts["fn"]) and field not in limited
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("stem", "field"),
    [(stem, field) for stem, fields in REPAIR_LIMITED.items() for field in fields],
)
def test_repair_limited_fields_are_close(stem, field):
    expected: Any = gold(stem, "meta")
    found: Any = extracted(stem)["meta"]
    for key in field.split("."):
        expected, found = expected[key], (found or {}).get(key)
    if isinstance(expected, list):
        assert len(found) == len(expected)
        for item, other in zip(expected, found, strict=True):
            assert similarity(item, other) >= SIMILARITY, (item, other)
    else:
        assert similarity(expected, found) >= SIMILARITY, (expected, found)


def similarity(first: str | None, second: str | None) -> float:
    return SequenceMatcher(None, normalise(first) or "", normalise(second) or "").ratio()


def test_every_corpus_plan_has_gold_metadata(corpus_plans):
    stems = {path.stem for path in corpus_plans if path.suffix == ".txt"}
    assert stems <= {folder.name for folder in GOLD.iterdir() if (folder / "meta.json").exists()}
