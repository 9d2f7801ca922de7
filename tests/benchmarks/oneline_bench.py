r"""Benchmark of plans pasted onto one line (issues 14 and 19): joined versions of real texts.

A plan copied from a web page often arrives as one line: the header's parts, the bases and
the numbered items run together. This benchmark makes such versions of documents whose
lines are known and scores them as the originals are scored:

- the development texts of tests/realdocs (``dev/*.txt``), their lines joined with single
  spaces ("space") and with the literal ``\r\n`` some pages carry ("crlf"), scored against
  the same hand-made gold by the realdocs scorer (every gold target is then on line 1);
- the five corpus plans (corpus/plans), joined the same two ways, scored against what the
  reader gets from the original file: header fields equal, targets found (same opening
  words and quantities). A joined corpus plan is longer than one line may be
  (``PLANCHECK_MAX_LINE_CHARS``): before layout restoring it was refused ("refused").

Joining lines is also how the splitter was built and checked, so these figures are
development-grade; the honest figure is a real one-line page never seen (README).

``run()`` scores the development part only and never opens a held-out file. The
held-out part's joined versions are the lead's to run once (``--split heldout``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extract import load_plan
from extract.errors import PlanInputError
from extract.model import Plan, Target
from tests.benchmarks.realdocs_bench import (
    HEADER_FIELDS,
    Score,
    _similarity,
    score_plan,
    table,
)
from tests.realdocs.gold import Gold, Split, load_gold, load_manifest

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "plans"
JOINS: dict[str, Callable[[list[str]], str]] = {
    "original": lambda lines: "\n".join(lines),
    "space": lambda lines: " ".join(line.strip() for line in lines if line.strip()),
    "crlf": lambda lines: "\\r\\n".join(lines),
}


def run(split: Split = "dev") -> dict[str, object]:
    """Score the joined versions of one part's texts (development unless told) and the corpus."""
    started = time.perf_counter()
    figures: dict[str, Any] = {"split": split}
    with tempfile.TemporaryDirectory(prefix="oneline-") as folder:
        for join_name, join in JOINS.items():
            figures[join_name] = _score_realdocs(split, join, Path(folder) / join_name)
        figures["corpus"] = _score_corpus(Path(folder) / "corpus")
    print(
        f"realdocs {split}: {figures['original']['documents']} documents, "
        f"{time.perf_counter() - started:.1f} s"
    )
    for join_name in JOINS:
        print(f"--- {join_name}")
        for line in table({"dev": figures[join_name]}):
            print(line)
    print("--- corpus plans, joined, against the original file's reading")
    for join_name, row in figures["corpus"].items():
        print(f"{join_name:>8}: {row}")
    return figures


def _score_realdocs(split: Split, join: Callable[[list[str]], str], folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True)
    score = Score()
    for entry in load_manifest().documents:
        if entry.split != split:
            continue
        gold = load_gold(entry)
        joined = join != JOINS["original"]
        path = _write(folder, entry.text_path, join)
        score.add(_score_one(path, gold.model_copy(update=_on_line_one(gold)) if joined else gold))
    return score.figures()


def _on_line_one(gold: Gold) -> dict[str, Any]:
    return {"targets": [target.model_copy(update={"line": 1}) for target in gold.targets]}


def _write(folder: Path, source: Path, join: Callable[[list[str]], str]) -> Path:
    lines = source.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    path = folder / source.name
    path.write_text(join(lines) + "\n", encoding="utf-8")
    return path


def _score_one(path: Path, gold: Gold) -> Counter[str]:
    try:
        plan = load_plan(path)
    except PlanInputError:
        return Counter(documents=1, refused=1)
    return score_plan(plan, gold)


def _score_corpus(folder: Path) -> dict[str, dict[str, int]]:
    """Each joined corpus plan against its original's reading: fields and targets kept."""
    folder.mkdir(parents=True)
    rows: dict[str, Counter[str]] = {name: Counter() for name in JOINS if name != "original"}
    for join_name in rows:
        (folder / join_name).mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        original = load_plan(source)
        for join_name, row in rows.items():
            row.update(_agreement(original, _write(folder / join_name, source, JOINS[join_name])))
    return {name: dict(row) for name, row in rows.items()}


def _agreement(original: Plan, path: Path) -> Counter[str]:
    counts: Counter[str] = Counter(plans=1, targets=len(original.targets))
    try:
        joined = load_plan(path)
    except PlanInputError:
        counts["refused"] += 1
        return counts
    for field in HEADER_FIELDS:
        counts["fields.stated"] += getattr(original.meta, field) is not None
        counts["fields.same"] += getattr(original.meta, field) is not None and getattr(
            original.meta, field
        ) == getattr(joined.meta, field)
    found = 0
    exact = 0
    for target in original.targets:
        match = max(
            joined.targets, key=lambda other: _similarity(target.text, other.text), default=None
        )
        if match is not None and _similarity(target.text, match.text) >= 0.8:
            found += 1
            exact += _figures(match) == _figures(target)
    counts.update(
        {"targets.found": found, "targets.exact": exact, "targets.extracted": len(joined.targets)}
    )
    return counts


def _figures(target: Target) -> list[tuple[object, ...]]:
    return [(q.op, q.value, q.unit, q.high) for q in target.quantities]


def main(arguments: list[str]) -> None:
    """``--split heldout`` scores the held-out part's joined versions (the lead's, once)."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.oneline_bench")
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    run(parser.parse_args(arguments).split)


if __name__ == "__main__":
    main(sys.argv[1:])
