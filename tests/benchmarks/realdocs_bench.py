"""Benchmark of extraction on real documents the corpus never had (tests/realdocs/).

Every text of tests/realdocs/manifest.yaml goes through the real door,
``extract.load_plan``, and what comes out is scored against the hand-made gold,
the development part and the held-out part side by side (the split rule is in
tests/realdocs/README.md; the held-out figures are for reporting, never for tuning):

- header fields (number, issue date, issuer, place, document type): among the
  documents whose text states the field, the share read right; among those whose
  text does not, the share left null (an invented value is a failure);
- numbered targets: the share of gold targets found, the share of found targets
  whose quantities are exactly the gold ones, and the count of invented targets;
- citations (numbered documents cited): precision and recall on the number, and
  the share of found citations that also carry the right date.

Normalisation is deliberately narrow and is this module's own, not the code
under test's (so a change to the parser cannot change how it is scored):
names (issuer, place, document type) are compared after Unicode NFC, case
folding, one tone placement ("Uỷ" = "Ủy", "hoà" = "hòa"), one Đ, dashes and
runs of spaces; numbers after NFC, case folding, one Đ and removing spaces;
units after the name folding and removing spaces, with "%0" read as "‰" and a
trailing "/năm" left out (the model may carry it as ``per``). Nothing else is forgiven:
"UBND tỉnh X" is not "Ủy ban nhân dân tỉnh X", and a literal "\\r\\n" left in a
value makes it wrong.

Run with ``python -m tests.benchmarks realdocs``; ``--split dev`` (or
``--split heldout``) scores only that part and never opens the other part's
files (tuning runs use ``--split dev``; the held-out figure is taken once, at
the end). Add ``--detail`` when running the module itself
(``python -m tests.benchmarks.realdocs_bench --detail``) to list, for the
development part only, each document's misses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from extract import load_plan
from extract.model import Plan, Target
from tests.realdocs.gold import (
    Entry,
    Gold,
    GoldQuantity,
    GoldTarget,
    Split,
    load_gold,
    load_manifest,
)

HEADER_FIELDS = ("number", "issue_date", "issuer", "place", "doc_type")
SPLITS: tuple[Split, ...] = ("dev", "heldout")
SPLIT_NAMES = {"dev": "development", "heldout": "held-out"}
# A found target is paired with the gold target whose label line it covers and
# whose opening words it shares at least this much (difflib ratio on 60 chars).
PAIRING_RATIO = 0.5
_D_VARIANTS = str.maketrans({"Ð": "Đ", "Ɖ": "Đ", "ð": "đ", "ɖ": "đ"})
# Old tone placement "oà, oé, uỷ" -> new "òa, óe, ủy" at the end of a syllable,
# on the decomposed text: vowel pair, then the tone mark, then no more letters.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(rf"([ou])([aey])([{_TONE_MARKS}])(?![^\W\d_])")
_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_LABEL = re.compile(r"^\s*(\(?\d+(\.\d+)*[.)]*|\(?[a-zđ][.)]|[-+•*–])\s*")


def run(split: Split | None = None) -> dict[str, object]:
    """Score the real documents of one part (both when ``split`` is None).

    Print the figures, the parts side by side, and return them keyed by part.
    A one-part run reads only the manifest and that part's files: the other
    part's texts and gold are never opened.
    """
    splits = SPLITS if split is None else (split,)
    started = time.perf_counter()
    scores: dict[str, Score] = {part: Score() for part in splits}
    for entry in load_manifest().documents:
        if entry.split in scores:
            scores[entry.split].add(score_document(entry, load_gold(entry)))
    figures = {part: scores[part].figures() for part in splits}
    counted = " and ".join(f"{scores[part].documents} {SPLIT_NAMES[part]}" for part in splits)
    print(f"{counted} documents, {time.perf_counter() - started:.1f} s")
    for line in table(figures):
        print(line)
    return dict(figures)


# --------------------------------------------------------------------------- one document


def score_document(entry: Entry, gold: Gold) -> Counter[str]:
    """Counts for one document: header fields, targets, citations."""
    return score_plan(load_plan(entry.text_path), gold)


def score_plan(plan: Plan, gold: Gold) -> Counter[str]:
    """Counts for one plan read from a document: header fields, targets, citations."""
    counts: Counter[str] = Counter(documents=1)
    meta = plan.meta.model_dump()
    for field in HEADER_FIELDS:
        expected, found = getattr(gold, field), meta[field]
        if expected is None:
            counts[f"{field}.unstated"] += 1
            counts[f"{field}.null"] += found is None
        else:
            counts[f"{field}.stated"] += 1
            counts[f"{field}.right"] += same_value(field, expected, found)
    counts.update(score_targets(gold.targets, plan))
    counts.update(score_citations(gold, plan))
    return counts


def same_value(field: str, expected: object, found: object) -> bool:
    """Whether an extracted header value equals the gold one, under the narrow folding."""
    if found is None:
        return False
    if field == "issue_date":
        return isinstance(found, dt.date) and found == expected
    if field == "number":
        return fold_number(str(found)) == fold_number(str(expected))
    return fold_name(str(found)) == fold_name(str(expected))


def score_targets(gold: list[GoldTarget], plan: Plan) -> Counter[str]:
    """Found, exactly-quantified and invented targets of one document."""
    pairs = pair_targets(gold, plan)
    counts: Counter[str] = Counter(
        {"targets.gold": len(gold), "targets.extracted": len(plan.targets)}
    )
    counts["targets.found"] = len(pairs)
    counts["targets.exact"] = sum(
        same_quantities(gold[g].quantities, plan.targets[e]) for g, e in pairs.items()
    )
    counts["targets.invented"] = len(plan.targets) - len(pairs)
    return counts


def pair_targets(gold: list[GoldTarget], plan: Plan) -> dict[int, int]:
    """Gold index -> extracted index, one to one, on label line and opening words."""
    candidates = []
    for g, expected in enumerate(gold):
        for e, target in enumerate(plan.targets):
            first, last = _source_lines(target, plan)
            if first <= expected.line <= last:
                ratio = _similarity(expected.text, target.text)
                if ratio >= PAIRING_RATIO:
                    candidates.append((ratio, g, e))
    pairs: dict[int, int] = {}
    for _, g, e in sorted(candidates, key=lambda item: -item[0]):
        if g not in pairs and e not in pairs.values():
            pairs[g] = e
    return pairs


def same_quantities(expected: list[GoldQuantity], target: Target) -> bool:
    """The target's quantities are exactly the gold ones (as multisets).

    Units are compared as printed on both sides (``Quantity.unit_printed`` against the
    gold's printed unit), so the reader's unit vocabulary, which names "tỷ.đ" "tỷ
    đồng", never decides what is right.
    """
    gold = Counter((q.op, round(q.value, 6), fold_unit(q.unit), _round(q.high)) for q in expected)
    found = Counter(
        (q.op, round(q.value, 6), fold_unit(q.unit_printed), _round(q.high))
        for q in target.quantities
    )
    return gold == found


def score_citations(gold: Gold, plan: Plan) -> Counter[str]:
    """Numbered citations: distinct numbers right, extracted, expected, with the right date."""
    expected = {fold_number(ref.number): ref.date for ref in gold.references}
    found: dict[str, dt.date | None] = {}
    for reference in plan.meta.references:
        if reference.number is not None:
            found.setdefault(fold_number(reference.number), reference.date)
    right = expected.keys() & found.keys()
    return Counter(
        {
            "citations.gold": len(expected),
            "citations.extracted": len(found),
            "citations.right": len(right),
            "citations.dated": sum(found[number] == expected[number] for number in right),
        }
    )


# --------------------------------------------------------------------------- normalisation


def fold_name(text: str) -> str:
    """NFC, case, one tone placement, one Đ, dashes and spaces: nothing more."""
    text = unicodedata.normalize("NFC", text).translate(_D_VARIANTS).casefold()
    text = unicodedata.normalize("NFD", text)
    text = _OLD_TONE.sub(r"\1\3\2", text)
    text = unicodedata.normalize("NFC", text)
    text = _DASHES.sub(" - ", text)
    return " ".join(text.split())


def fold_number(text: str) -> str:
    """A number and symbol without spaces, in one case and one Đ."""
    text = unicodedata.normalize("NFC", text).translate(_D_VARIANTS).casefold()
    return "".join(text.split())


def fold_unit(unit: str | None) -> str | None:
    """A unit without spaces; '%0' typed for '‰'; a trailing '/năm' left out.

    The model may carry "per year" in ``Quantity.per`` instead of the unit, so
    "45 lần/người/năm" is right as unit "lần/người/năm" or as "lần/người" + per.
    A PDF font's "ƣ" is the "ư" the page shows (the gold writes "ư", README).
    """
    if unit is None:
        return None
    unit = fold_name(unit.replace("ƣ", "ư")).replace(" ", "").replace("%0", "‰")
    return unit.removesuffix("/năm") or None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _source_lines(target: Target, plan: Plan) -> tuple[int, int]:
    last = target.span.end_line if target.span and target.span.end_line else target.line
    return _source_line(plan, target.line), _source_line(plan, max(last, target.line))


def _source_line(plan: Plan, number: int) -> int:
    line = plan.line(number)
    return line.source_line if line.source_line is not None else number


def _opening(text: str) -> str:
    text = text.replace("\\r", " ").replace("\\n", " ")
    return _LABEL.sub("", fold_name(text))[:60]


def _similarity(expected: str, found: str) -> float:
    return SequenceMatcher(None, _opening(expected), _opening(found)).ratio()


# --------------------------------------------------------------------------- figures


class Score:
    """Counts summed over the documents of one split."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    @property
    def documents(self) -> int:
        return self.counts["documents"]

    def add(self, counts: Counter[str]) -> None:
        self.counts.update(counts)

    def figures(self) -> dict[str, Any]:
        c = self.counts
        header = {
            field: {
                "stated": c[f"{field}.stated"],
                "right": c[f"{field}.right"],
                "right_share": _share(c[f"{field}.right"], c[f"{field}.stated"]),
                "unstated": c[f"{field}.unstated"],
                "null": c[f"{field}.null"],
                "null_share": _share(c[f"{field}.null"], c[f"{field}.unstated"]),
            }
            for field in HEADER_FIELDS
        }
        targets = {
            "gold": c["targets.gold"],
            "found": c["targets.found"],
            "recall": _share(c["targets.found"], c["targets.gold"]),
            "exact": c["targets.exact"],
            "exact_share": _share(c["targets.exact"], c["targets.found"]),
            "invented": c["targets.invented"],
        }
        citations = {
            "gold": c["citations.gold"],
            "extracted": c["citations.extracted"],
            "right": c["citations.right"],
            "precision": _share(c["citations.right"], c["citations.extracted"]),
            "recall": _share(c["citations.right"], c["citations.gold"]),
            "dated_share": _share(c["citations.dated"], c["citations.right"]),
        }
        return {
            "documents": self.documents,
            "header": header,
            "targets": targets,
            "citations": citations,
        }


def table(figures: dict[str, dict[str, Any]]) -> list[str]:
    """Lines of the printed table, one column per part scored, side by side."""
    parts = [figures[split] for split in SPLITS if split in figures]
    names = "".join(f"{SPLIT_NAMES[split]:>22}" for split in SPLITS if split in figures)
    lines = [f"{'':<34}{names}"]
    for field in HEADER_FIELDS:
        for kind, total in (("right", "stated"), ("null", "unstated")):
            label = f"{field}: {'right when stated' if kind == 'right' else 'null when not'}"
            cells = "".join(_cell(part["header"][field], kind, total) for part in parts)
            lines.append(f"{label:<34}{cells}")
    rows = (
        ("targets found (recall)", "targets", "found", "gold"),
        ("targets with exact quantities", "targets", "exact", "found"),
        ("citations precision", "citations", "right", "extracted"),
        ("citations recall", "citations", "right", "gold"),
    )
    for label, group, numerator, denominator in rows:
        cells = "".join(_cell(part[group], numerator, denominator) for part in parts)
        lines.append(f"{label:<34}{cells}")
    invented = "".join(f"{part['targets']['invented']:>22}" for part in parts)
    lines.append(f"{'targets invented':<34}{invented}")
    return lines


def _cell(row: dict[str, Any], numerator: str, denominator: str) -> str:
    share = _share(row[numerator], row[denominator])
    text = f"{row[numerator]}/{row[denominator]}"
    return f"{text:>14} {'—' if share is None else f'{share:.0%}':>7}"


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


# --------------------------------------------------------------------------- detail


def detail() -> None:
    """Each development document's misses (never the held-out part's)."""
    for entry in load_manifest().documents:
        if entry.split != "dev":
            continue
        gold, plan = load_gold(entry), load_plan(entry.text_path)
        problems = []
        for field in HEADER_FIELDS:
            expected, found = getattr(gold, field), getattr(plan.meta, field)
            ok = found is None if expected is None else same_value(field, expected, found)
            if not ok:
                problems.append(f"  {field}: gold {expected!r}, read {found!r}")
        pairs = pair_targets(gold.targets, plan)
        for g, target in enumerate(gold.targets):
            if g not in pairs:
                problems.append(f"  target missed: line {target.line} {target.text[:50]!r}")
            elif not same_quantities(target.quantities, plan.targets[pairs[g]]):
                found_quantities = [
                    (q.op, q.value, q.unit) for q in plan.targets[pairs[g]].quantities
                ]
                problems.append(f"  quantities of line {target.line}: read {found_quantities}")
        for e, target in enumerate(plan.targets):
            if e not in pairs.values():
                problems.append(f"  target invented: line {target.line} {target.text[:50]!r}")
        expected_refs = {fold_number(ref.number) for ref in gold.references}
        found_refs = {fold_number(r.number) for r in plan.meta.references if r.number}
        for number in sorted(expected_refs - found_refs):
            problems.append(f"  citation missed: {number}")
        for number in sorted(found_refs - expected_refs):
            problems.append(f"  citation invented: {number}")
        print(f"{entry.id}: {'ok' if not problems else ''}")
        for problem in problems:
            print(problem)


def main(arguments: list[str]) -> None:
    """The module run on its own: ``--split`` as the package runner takes it, or ``--detail``.

    Any other argument is refused, so that a mistyped part never scores both.
    """
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.realdocs_bench")
    parser.add_argument("--split", choices=SPLITS, help="only this part of the data")
    parser.add_argument("--detail", action="store_true", help="each development document's misses")
    options = parser.parse_args(arguments)
    if options.detail:
        detail()
    else:
        run(options.split)


if __name__ == "__main__":
    main(sys.argv[1:])
