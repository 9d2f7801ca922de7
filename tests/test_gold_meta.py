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
from tests.conftest import PLANS
from tests.render import corpus_lines, render_docx, render_header_docx, render_pdf

PARTS = ("meta", "dates")
# Fields read from repaired text of the garbled town plan: compared by similarity.
REPAIR_LIMITED = {
    "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong": ("title", "signer.name", "recipients"),
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


FORMAT_FIELDS = (
    "doc_type", "number", "number_raw", "issuer", "issuer_parent", "place", "issue_date",
    "title", "period", "signer", "recipients",
)  # fmt: skip


def format_view(meta: Any) -> dict[str, Any]:
    """Metadata that must not depend on the file format (line numbers may)."""
    dumped = meta.model_dump(mode="json")
    view = {field: dumped[field] for field in FORMAT_FIELDS}
    view["references"] = [
        (item["kind"], item["number"], item["date"], item["issuer"])
        for item in dumped["references"]
    ]
    view["is_de_an_13"] = (dumped["implements"] or {}).get("is_de_an_13")
    return view


CLEAN_PLANS = sorted(path for path in PLANS.glob("*.txt") if "loi-phong" not in path.stem)


@pytest.mark.parametrize("plan", CLEAN_PLANS, ids=lambda path: path.stem)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_same_metadata_from_every_format(plan, suffix, tmp_path):
    render = render_docx if suffix == ".docx" else render_pdf
    rendered = render(corpus_lines(plan), tmp_path / f"{plan.stem}{suffix}")
    assert format_view(load_plan(rendered).meta) == format_view(load_plan(plan).meta)


def test_header_in_a_word_table(tmp_path):
    meta = load_plan(render_header_docx(tmp_path / "header.docx")).meta
    assert (meta.issuer, meta.issuer_parent) == ("Đảng ủy phường", "Đảng bộ thị xã")
    assert (meta.place, str(meta.issue_date)) == ("Quảng Ngãi", "2023-01-05")
    assert meta.doc_type == "Kế hoạch"
    assert meta.period is not None and (meta.period.start, meta.period.end) == (2022, 2026)
    assert meta.signer is None
