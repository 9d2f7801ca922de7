"""How exactly the quantity reader reads figures on text it was not built from.

``python -m tests.benchmarks quantities`` runs :func:`extract.parse.quantities.parse_quantities`
on every sentence and list item of ``tests/quantities`` (real pages, gold typed by hand
before the reader ran on them; README.md there) and compares what it reads with the gold:

- an item is *exact* when the multiset of its quantities (op, value, unit, high) is the
  gold's; the share of exact items is the headline, as realdocs' "exact quantities";
- every quantity that is wrong is put under one kind: *unit* or *op* (the gold figure was
  read, with another unit or comparison), *value* (a figure of the gold's unit read with
  another value or upper bound), *missed* (no reading of it), *invented* (a reading of
  something the gold does not count: a year, a qualifier like "trẻ em dưới 5 tuổi").

Units are compared as printed (``Quantity.unit_printed`` against the gold's unit) after
realdocs' folding (:func:`tests.benchmarks.realdocs_bench.fold_unit`: case, spaces, "%0"
for "‰", a trailing "/năm"), never through the reader's own unit vocabulary. ``--split
dev`` (or ``heldout``) scores and opens only that part; tuning runs use ``--split dev``,
and ``--detail`` prints each development item that is not exact.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence

from extract.parse.quantities import parse_quantities
from tests.benchmarks.realdocs_bench import fold_unit
from tests.quantities.phrases import GoldQuantity, Item, Split, load_items, load_manifest

SPLITS: tuple[Split, ...] = ("dev", "heldout")
SPLIT_NAMES = {"dev": "development", "heldout": "held-out"}
ERROR_KINDS = ("value", "unit", "op", "missed", "invented")
Key = tuple[str, float, str | None, float | None]


def run(split: Split | None = None) -> dict[str, object]:
    """Score one part (both when ``split`` is None); print and return the figures."""
    splits = SPLITS if split is None else (split,)
    started = time.perf_counter()
    figures = {part: figures_of(score_items(items_of(part))) for part in splits}
    print(f"quantity phrases, {time.perf_counter() - started:.1f} s")
    for line in table(figures):
        print(line)
    return dict(figures)


def items_of(split: Split) -> list[Item]:
    """Every item of one part; the other part's files are not opened."""
    entries = [entry for entry in load_manifest().documents if entry.split == split]
    return [item for entry in entries for item in load_items(entry)]


def score_items(items: Iterable[Item]) -> Counter[str]:
    """Counts over items: items, exact items, gold quantities, right ones, error kinds."""
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(score_item(item.gold, read(item.text)))
    return counts


def read(text: str) -> list[Key]:
    """What the reader reads in ``text``, as comparable keys (unit as printed)."""
    return [
        (q.op, round(q.value, 6), fold_unit(q.unit_printed), _round(q.high))
        for q in parse_quantities(text)
    ]


def score_item(gold: Sequence[GoldQuantity], found: Sequence[Key]) -> Counter[str]:
    """Counts for one item: whether it is exact, and each wrong quantity's kind."""
    expected = [(q.op, round(q.value, 6), fold_unit(q.unit), _round(q.high)) for q in gold]
    counts: Counter[str] = Counter(items=1, quantities=len(expected))
    counts["exact"] += Counter(expected) == Counter(found)
    counts.update(error_kinds(expected, list(found)))
    counts["right"] += len(expected) - counts["missed"] - _paired_wrong(counts)
    return counts


def error_kinds(expected: list[Key], found: list[Key]) -> Counter[str]:
    """Each wrong quantity under one kind, pairing what is left after the exact ones.

    A gold figure read with its value (and upper bound) but another unit or op is a
    *unit* or *op* error (a unit error when both differ); one read with its unit but
    another value is a *value* error; the gold's figures left are *missed*, the
    readings left are *invented*.
    """
    left_expected, left_found = _without_common(expected, found)
    kinds: Counter[str] = Counter()
    for wanted in list(left_expected):
        same_figure = next((f for f in left_found if f[1] == wanted[1] and f[3] == wanted[3]), None)
        if same_figure is not None:
            kinds["unit" if same_figure[2] != wanted[2] else "op"] += 1
            left_expected.remove(wanted)
            left_found.remove(same_figure)
    for wanted in list(left_expected):
        same_unit = next((f for f in left_found if f[2] == wanted[2]), None)
        if same_unit is not None:
            kinds["value"] += 1
            left_expected.remove(wanted)
            left_found.remove(same_unit)
    kinds["missed"] += len(left_expected)
    kinds["invented"] += len(left_found)
    return kinds


def figures_of(counts: Counter[str]) -> dict[str, object]:
    """The figures of one part: shares and the error kinds."""
    return {
        "items": counts["items"],
        "exact_items": counts["exact"],
        "exact_share": _share(counts["exact"], counts["items"]),
        "quantities": counts["quantities"],
        "right_quantities": counts["right"],
        "errors": {kind: counts[kind] for kind in ERROR_KINDS},
    }


def table(figures: dict[str, dict[str, object]]) -> list[str]:
    """The parts side by side."""
    parts = list(figures)
    rows = [f"{'':28}" + "".join(f"{SPLIT_NAMES[part]:>20}" for part in parts)]
    rows.append(_row("items exact", figures, parts, "exact_items", "items"))
    rows.append(_row("quantities right", figures, parts, "right_quantities", "quantities"))
    for kind in ERROR_KINDS:
        cells = "".join(f"{figures[part]['errors'][kind]:>20}" for part in parts)  # type: ignore[index]
        rows.append(f"{'  wrong: ' + kind:28}{cells}")
    return rows


def detail() -> None:
    """Print each development item that is not exact, with the gold and the reading."""
    for item in items_of("dev"):
        found = read(item.text)
        if score_item(item.gold, found)["exact"]:
            continue
        gold = [(q.op, q.value, fold_unit(q.unit), q.high) for q in item.gold]
        print(f"{item.source}:{item.line}: {item.text}\n  gold {gold}\n  read {found}")


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--detail", action="store_true", help="the wrong development items")
    options = parser.parse_args(arguments)
    if options.detail:
        detail()
        return
    run(options.split)


def _without_common(expected: list[Key], found: list[Key]) -> tuple[list[Key], list[Key]]:
    left = list(found)
    missing = []
    for wanted in expected:
        if wanted in left:
            left.remove(wanted)
        else:
            missing.append(wanted)
    return missing, left


def _paired_wrong(counts: Counter[str]) -> int:
    return counts["value"] + counts["unit"] + counts["op"]


def _row(
    name: str,
    figures: dict[str, dict[str, object]],
    parts: list[str],
    part_key: str,
    whole_key: str,
) -> str:
    cells = []
    for part in parts:
        row = figures[part]
        share = _share(int(row[part_key]), int(row[whole_key]))  # type: ignore[call-overload]
        cells.append(
            f"{row[part_key]}/{row[whole_key]} ({share:.1%})" if share is not None else "-"
        )
    return f"{name:28}" + "".join(f"{cell:>20}" for cell in cells)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


if __name__ == "__main__":
    main(sys.argv[1:])
