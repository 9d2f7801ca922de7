"""Loss rates per line: a font that lacks a glyph loses it on every line set in it.

After a first decoding pass, each damaged line has, for each glyph, a count of
occurrences that survived and of fills (weighted by how sure each fill is). How
much a line's own counts should move its rates away from the document's depends
on the document: when its losses come in font runs, a glyph lost once on a line
is lost everywhere on it, and one that survived on a line survives on it; when
losses are scattered at random, a line's counts say nothing the document's do
not. A beta-binomial fit per glyph measures which: the intra-line correlation of
losses (0 for scattered losses, near 1 for font runs) sets how many
pseudo-glyphs of the document's rate a line's counts are weighed against.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from extract.repair.drop_rates import DropRates

# Correlation is capped: a line's counts alone never make a rate exactly 0 or 1.
MAX_CORRELATION = 0.95
# A line's rates are rounded to steps of this many nats (and kept only where they
# differ from the document's) so that lines in one font share the decoder's option cache.
LOG_STEP = 0.7
MIN_CHANGE = 0.7
LOWEST = 0.01
HIGHEST = 0.99
# A glyph whose losses correlate this much within lines tells fonts apart.
FONT_BOUND = 0.3
# Lines share a font when they agree on this many font-bound glyphs and disagree on none.
MIN_AGREEMENT = 2
# Most glyphs a line borrows from lines in its font, per glyph.
BORROWED = 10.0


@dataclass
class LineCounts:
    """One line's glyphs: how many survived, and how many were filled (by confidence)."""

    intact: dict[str, float] = field(default_factory=dict)
    filled: dict[str, float] = field(default_factory=dict)


def line_rates(counts: dict[int, LineCounts], rates: DropRates) -> dict[int, dict[str, float]]:
    """Each line's rate of every glyph it has evidence on, where its counts should count.

    Args:
        counts: Per line index, the line's surviving and filled glyphs.
        rates: The document's rates, the prior each line is drawn towards.

    Returns:
        Per line index, the glyphs whose rate on that line differs from the document's.

    """
    per_glyph: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in counts.values():
        for glyph in set(line.intact) | set(line.filled):
            lost = line.filled.get(glyph, 0.0)
            per_glyph[glyph].append((lost, lost + line.intact.get(glyph, 0.0)))
    correlations = {
        glyph: intra_line_correlation(observations) for glyph, observations in per_glyph.items()
    }
    correlations = {glyph: value for glyph, value in correlations.items() if value > 0}
    pooled = _pooled_by_font(counts, correlations)
    result: dict[int, dict[str, float]] = defaultdict(dict)
    for index, (lost_counts, seen_counts) in pooled.items():
        for glyph, seen in seen_counts.items():
            correlation = correlations[glyph]
            pseudo = 1.0 / correlation - 1.0
            prior = rates.rate(glyph)
            rate = (lost_counts.get(glyph, 0.0) + pseudo * prior) / (seen + pseudo)
            change = math.log(min(max(rate, LOWEST), HIGHEST)) - math.log(prior)
            if abs(change) >= MIN_CHANGE:
                result[index][glyph] = prior * math.exp(round(change / LOG_STEP) * LOG_STEP)
    return dict(result)


def _pooled_by_font(
    counts: dict[int, LineCounts], correlations: dict[str, float]
) -> dict[int, tuple[dict[str, float], dict[str, float]]]:
    """Each line's (lost, seen) glyph counts plus a share of those of lines in the same font.

    Lines are taken to share a font when they agree on every font-bound glyph
    (one whose losses cluster by line) that both have: lost on both or kept on
    both. A heading that lost "n" and "h" thus learns from other headings that
    its font loses "i" too, though its own "i"s were all lost and so never seen
    to survive. What a line borrows is scaled to at most ``BORROWED`` glyphs.
    """
    bound = sorted(glyph for glyph, value in correlations.items() if value >= FONT_BOUND)
    own: dict[int, tuple[dict[str, float], dict[str, float]]] = {}
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for index, line in counts.items():
        # Only glyphs whose losses cluster by line get a rate of their own.
        seen = {glyph: line.intact[glyph] for glyph in line.intact if glyph in correlations}
        lost = {glyph: line.filled[glyph] for glyph in line.filled if glyph in correlations}
        for glyph, number in lost.items():
            seen[glyph] = seen.get(glyph, 0.0) + number
        own[index] = (lost, seen)
        groups[_signature(lost, seen, bound)].append(index)
    if len(bound) < 2:
        return own
    group_totals = {
        key: _summed([own[index] for index in members]) for key, members in groups.items()
    }
    pooled: dict[int, tuple[dict[str, float], dict[str, float]]] = {}
    for key, members in groups.items():
        alike = [other for other in groups if _agreement(key, other) >= MIN_AGREEMENT]
        borrowed = _summed([group_totals[other] for other in alike])
        for index in members:
            lost, seen = own[index]
            others_lost = {g: borrowed[0].get(g, 0.0) - lost.get(g, 0.0) for g in borrowed[1]}
            others_seen = {g: borrowed[1][g] - seen.get(g, 0.0) for g in borrowed[1]}
            pooled[index] = _combined(own[index], (others_lost, others_seen))
    return pooled


def intra_line_correlation(observations: list[tuple[float, float]]) -> float:
    """Method-of-moments estimate of how alike a glyph's losses are within one line.

    Args:
        observations: Per line, (lost, seen) counts of one glyph.

    Returns:
        0 when the losses are no more clustered by line than chance, up to
        ``MAX_CORRELATION`` when each line loses the glyph always or never.

    """
    seen_total = sum(seen for _, seen in observations)
    pairs = sum(seen * (seen - 1.0) for _, seen in observations if seen > 1)
    if seen_total <= 0 or pairs <= 0:
        return 0.0
    mean = sum(lost for lost, _ in observations) / seen_total
    variance = mean * (1.0 - mean)
    if variance <= 0:
        return 0.0
    spread = sum((lost - seen * mean) ** 2 for lost, seen in observations)
    correlation = (spread - variance * seen_total) / (variance * pairs)
    return min(max(correlation, 0.0), MAX_CORRELATION)


def _signature(lost: dict[str, float], seen: dict[str, float], bound: list[str]) -> tuple[int, ...]:
    """Per font-bound glyph: 1 lost (mostly), -1 kept (mostly), 0 not on the line."""
    signs = []
    for glyph in bound:
        number = seen.get(glyph, 0.0)
        signs.append(0 if number <= 0 else 1 if lost.get(glyph, 0.0) * 2 >= number else -1)
    return tuple(signs)


def _agreement(first: tuple[int, ...], second: tuple[int, ...]) -> int:
    """Glyphs both lines have and treat alike; -1 when they treat any glyph differently."""
    agree = 0
    for one, other in zip(first, second, strict=True):
        if one and other:
            if one != other:
                return -1
            agree += 1
    return agree


def _summed(
    parts: list[tuple[dict[str, float], dict[str, float]]],
) -> tuple[dict[str, float], dict[str, float]]:
    lost: dict[str, float] = defaultdict(float)
    seen: dict[str, float] = defaultdict(float)
    for part_lost, part_seen in parts:
        for glyph, number in part_lost.items():
            lost[glyph] += number
        for glyph, number in part_seen.items():
            seen[glyph] += number
    return dict(lost), dict(seen)


def _combined(
    own: tuple[dict[str, float], dict[str, float]],
    others: tuple[dict[str, float], dict[str, float]],
) -> tuple[dict[str, float], dict[str, float]]:
    """A line's counts plus the others', scaled down to at most ``BORROWED`` per glyph."""
    lost = dict(own[0])
    seen = dict(own[1])
    for glyph, number in others[1].items():
        if number <= 1e-9:
            continue
        scale = min(1.0, BORROWED / number)
        seen[glyph] = seen.get(glyph, 0.0) + number * scale
        lost[glyph] = lost.get(glyph, 0.0) + others[0].get(glyph, 0.0) * scale
    return lost, seen
