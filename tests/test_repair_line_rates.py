"""Loss rates per line: font runs are told from scattered losses, and fonts pool evidence."""

from __future__ import annotations

import random

from extract.repair.drop_rates import DropRates
from extract.repair.line_rates import (
    HIGHEST,
    LOWEST,
    LineCounts,
    intra_line_correlation,
    line_rates,
)


def _rates(**rates: float) -> DropRates:
    return DropRates(rates, default_letter=0.02, default_other=0.002)


def test_losses_by_font_run_correlate_within_lines_and_scattered_ones_do_not() -> None:
    rng = random.Random(5)
    runs = [(4.0, 4.0) if rng.random() < 0.5 else (0.0, 4.0) for _ in range(60)]
    scattered = [(float(sum(rng.random() < 0.5 for _ in range(4))), 4.0) for _ in range(60)]
    assert intra_line_correlation(runs) > 0.9
    assert intra_line_correlation(scattered) < 0.1


def test_no_correlation_without_lines_seeing_a_glyph_twice() -> None:
    assert intra_line_correlation([(1.0, 1.0), (0.0, 1.0)]) == 0.0
    assert intra_line_correlation([]) == 0.0


def test_a_glyph_that_survived_on_a_line_of_a_font_run_is_unlikely_lost_there() -> None:
    counts = {
        index: LineCounts(filled={"ư": 2.0}) if index % 2 else LineCounts(intact={"ư": 2.0})
        for index in range(40)
    }
    per_line = line_rates(counts, _rates(**{"ư": 0.3}))
    assert _rate(per_line, 0, "ư", 0.3) < 0.1
    assert _rate(per_line, 1, "ư", 0.3) > 0.9


def test_a_line_rate_rounded_up_is_still_a_probability() -> None:
    # 0.3 moved up to 0.99 is 1.19 nats, rounded to two steps of 0.7: 1.22 unbounded.
    counts = {
        index: LineCounts(filled={"ư": 2.0}) if index % 2 else LineCounts(intact={"ư": 2.0})
        for index in range(40)
    }
    rates = [
        rate for line in line_rates(counts, _rates(**{"ư": 0.3})).values() for rate in line.values()
    ]
    assert rates
    assert all(LOWEST <= rate <= HIGHEST for rate in rates)


def test_scattered_losses_leave_the_document_rates() -> None:
    rng = random.Random(3)
    counts = {}
    for index in range(60):
        lost = float(sum(rng.random() < 0.5 for _ in range(4)))
        counts[index] = LineCounts(intact={"ư": 4.0 - lost}, filled={"ư": lost})
    assert line_rates(counts, _rates(**{"ư": 0.5})) == {}


def _body_and_headings() -> dict[int, LineCounts]:
    """Body lines 0-29 keep "n", "h" and "i"; headings 30-35 lose all three; heading 36
    loses "n" and "h" and has no "i" of its own."""
    counts = {index: LineCounts(intact={"n": 3.0, "h": 2.0, "i": 2.0}) for index in range(30)}
    for index in range(30, 36):
        counts[index] = LineCounts(filled={"n": 2.0, "h": 1.0, "i": 2.0})
    counts[36] = LineCounts(filled={"n": 2.0, "h": 2.0})
    return counts


def test_a_heading_learns_from_other_headings_what_its_font_loses() -> None:
    # Body lines keep "n", "h" and "i"; headings lose "n" and "h", and the
    # headings that have an "i" lose it too. Heading 0 has no "i" of its own.
    counts = _body_and_headings()
    per_line = line_rates(counts, _rates(n=0.05, h=0.05, i=0.05))
    assert _rate(per_line, 36, "i", 0.05) > 0.5
    assert _rate(per_line, 0, "i", 0.05) <= 0.05


def test_only_the_wanted_lines_rates_are_worked_out_from_every_lines_counts() -> None:
    # A later pass decodes a few lines: their rates still pool the other headings' counts.
    counts = _body_and_headings()
    rates = _rates(n=0.05, h=0.05, i=0.05)
    every = line_rates(counts, rates)
    wanted = line_rates(counts, rates, wanted=[0, 31, 36])
    assert wanted == {index: every[index] for index in (0, 31, 36) if index in every}
    assert 36 in wanted and len(wanted) < len(every)


def _rate(per_line: dict[int, dict[str, float]], index: int, glyph: str, document: float) -> float:
    """A line's rate of a glyph: its own where it has one, else the document's."""
    return per_line.get(index, {}).get(glyph, document)


def test_a_glyph_never_twice_on_a_line_takes_the_documents_clustering() -> None:
    # "ự" occurs once per line, so its own clustering cannot be measured; "n"
    # shows the document loses glyphs line by line, so headings that lost their
    # "ự" get a high rate of it and body lines a low one.
    counts = {index: LineCounts(intact={"n": 3.0, "ự": 1.0}) for index in range(30)}
    for index in range(30, 36):
        counts[index] = LineCounts(filled={"n": 3.0, "ự": 1.0})
    per_line = line_rates(counts, _rates(n=0.15, **{"ự": 0.15}))
    assert _rate(per_line, 30, "ự", 0.15) > 0.5
    assert _rate(per_line, 0, "ự", 0.15) < 0.05
