"""Write ``extract/repair/data/drop_rates.yaml`` from the dev gold (a development step).

Counts, over the damaged lines of the gold's 400 lines, how often each glyph was
lost among the times it was seen, and how the losses fall into lines: in how many
of the lines that have the glyph it was lost at least once (a font that lacks a
glyph loses it everywhere on its lines), and how often it was lost within those
lines. Aggregate counts only: the garbling pattern, never the text.

Run with ``python -m tests.benchmarks.count_drop_rates``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from extract.repair.drop_rates import DATA
from tests.benchmarks.repair_bench import GOLD, GOLD_FILE, _plans, _read_lines

HEADER = """\
# How often each glyph was lost, counted on the damaged lines of the dev gold
# (/work/shared/gold/000.lines-0001-0400.gold.txt against the garbled lines 1-400 of
# corpus/plans/thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt). Aggregate counts only:
# the garbling pattern (which glyphs a PDF font subset loses), not text. The decoder
# uses them as a prior and re-estimates the rates on each document it repairs.
# lines: damaged lines that have the glyph; lossy_lines: of those, the lines that lost
# it at least once; seen_in_lossy: the glyph's occurrences in those lines (the
# benchmark's font-run garbling draws from these). Written by
# tests/benchmarks/count_drop_rates.py.
source: dev gold lines 1-400, damaged lines only
default_letter: 0.02
default_other: 0.002
glyphs:
"""


def count(gold: list[str], garbled: list[str]) -> dict[str, Counter[str]]:
    """Per glyph: lost, seen, lines, lossy_lines, seen_in_lossy."""
    counts = {
        key: Counter[str]() for key in ("lost", "seen", "lines", "lossy_lines", "seen_in_lossy")
    }
    for gold_line, garbled_line in zip(gold, garbled, strict=False):
        if gold_line == garbled_line:
            continue
        seen: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        for original, left in zip(gold_line, garbled_line, strict=False):
            if original != " ":
                seen[original] += 1
                lost[original] += left == " "
        for glyph, number in seen.items():
            counts["seen"][glyph] += number
            counts["lost"][glyph] += lost[glyph]
            counts["lines"][glyph] += 1
            if lost[glyph]:
                counts["lossy_lines"][glyph] += 1
                counts["seen_in_lossy"][glyph] += number
    return counts


def render(counts: dict[str, Counter[str]]) -> str:
    """The YAML text: letters and digits, and any other glyph lost at least once."""
    glyphs = [glyph for glyph in counts["seen"] if glyph.isalnum() or counts["lost"][glyph]]
    glyphs.sort(key=lambda glyph: (-counts["lost"][glyph], glyph))
    rows = []
    for glyph in glyphs:
        fields = ", ".join(f"{key}: {counts[key][glyph]}" for key in counts)
        rows.append(f'  "{glyph}": {{{fields}}}\n')
    return HEADER + "".join(rows)


def main() -> None:
    garbled_path, _ = _plans()
    gold = _read_lines(GOLD / GOLD_FILE)
    garbled = _read_lines(garbled_path)[: len(gold)]
    Path(DATA).write_text(render(count(gold, garbled)), encoding="utf-8")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
