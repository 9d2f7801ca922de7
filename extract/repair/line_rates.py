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
from collections.abc import Collection
from dataclasses import dataclass, field

from extract.repair.drop_rates import DropRates

# Correlation is capped: a line's counts alone never make a rate exactly 0 or 1.
MAX_CORRELATION = 0.95
# Weight, in pairs of occurrences on one line, of the document's correlation in a glyph's.
DOCUMENT_PAIRS = 50.0
# A line's rates are rounded to steps of this many nats (and kept only where they
# differ from the document's) so that lines in one font share the decoder's option cache.
LOG_STEP = 0.7
MIN_CHANGE = 0.7  # nats: a smaller difference keeps the document's rate
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


def line_rates(
    counts: dict[int, LineCounts], rates: DropRates, wanted: Collection[int] | None = None
) -> dict[int, dict[str, float]]:
    """Each line's rate of every glyph it has evidence on, where its counts should count.

    Args:
        counts: Per line index, the line's surviving and filled glyphs.
        rates: The document's rates, the prior each line is drawn towards.
        wanted: The lines whose rates are needed (all by default): every line's
            counts still count, but only these lines' rates are worked out.

    Returns:
        Per line index, the glyphs whose rate on that line differs from the document's.

    """
    per_glyph: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in counts.values():
        for glyph in set(line.intact) | set(line.filled):
            lost = line.filled.get(glyph, 0.0)
            per_glyph[glyph].append((lost, lost + line.intact.get(glyph, 0.0)))
    # Only glyphs whose losses cluster by line get a rate of their own.
    correlations = _correlations(per_glyph)
    glyphs = list(correlations)
    pseudo = [1.0 / correlations[glyph] - 1.0 for glyph in glyphs]
    priors = [rates.rate(glyph) for glyph in glyphs]
    log_priors = [math.log(prior) for prior in priors]
    result: dict[int, dict[str, float]] = {}
    pooled = _pooled_by_font(counts, glyphs, correlations, wanted)
    for index, (lost_counts, seen_counts) in pooled.items():
        line_result = {}
        for position, seen in enumerate(seen_counts):
            if seen <= 0:
                continue
            rate = (lost_counts[position] + pseudo[position] * priors[position]) / (
                seen + pseudo[position]
            )
            change = math.log(min(max(rate, LOWEST), HIGHEST)) - log_priors[position]
            if abs(change) >= MIN_CHANGE:
                steps = round(change / LOG_STEP) * LOG_STEP
                # A rate stays a probability once rounded: 0.3 raised 1.19 nats, rounded
                # to 1.4, would be 1.22, and a fill of that glyph would raise a score.
                stepped = priors[position] * math.exp(steps)
                line_result[glyphs[position]] = min(max(stepped, LOWEST), HIGHEST)
        if line_result:
            result[index] = line_result
    return result


Counts = tuple[list[float], list[float]]  # (lost, seen) per glyph, in one order


def _pooled_by_font(
    counts: dict[int, LineCounts],
    glyphs: list[str],
    correlations: dict[str, float],
    wanted: Collection[int] | None = None,
) -> dict[int, Counts]:
    """Each line's (lost, seen) glyph counts plus a share of those of lines in the same font.

    Lines are taken to share a font when they agree on every font-bound glyph
    (one whose losses cluster by line) that both have: lost on both or kept on
    both. A heading that lost "n" and "h" thus learns from other headings that
    its font loses "i" too, though its own "i"s were all lost and so never seen
    to survive. What a line borrows is scaled to at most ``BORROWED`` glyphs.
    Only the ``wanted`` lines' counts are returned (pooling is pairwise over the
    groups of lines: a third pass wants a few lines of a long document).
    """
    keep = set(counts) if wanted is None else set(wanted)
    bound = [position for position, glyph in enumerate(glyphs) if correlations[glyph] >= FONT_BOUND]
    own: dict[int, Counts] = {}
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, line in counts.items():
        lost = [line.filled.get(glyph, 0.0) for glyph in glyphs]
        seen = [
            number + line.intact.get(glyph, 0.0) for glyph, number in zip(glyphs, lost, strict=True)
        ]
        own[index] = (lost, seen)
        groups[_signature(lost, seen, bound)].append(index)
    if len(bound) < 2:
        return {index: own[index] for index in own if index in keep}
    totals = {key: _summed([own[index] for index in members]) for key, members in groups.items()}
    pooled: dict[int, Counts] = {}
    for key, members in groups.items():
        members = [index for index in members if index in keep]
        if not members:
            continue
        borrowed = _summed([totals[other] for other in groups if _alike(key, other)])
        for index in members:
            pooled[index] = _combined(own[index], borrowed)
    return pooled


def _signature(lost: list[float], seen: list[float], bound: list[int]) -> tuple[int, int]:
    """Bit masks of the font-bound glyphs a line mostly lost, and of those it mostly kept."""
    lost_mask = kept_mask = 0
    for bit, position in enumerate(bound):
        if seen[position] > 0:
            if lost[position] * 2 >= seen[position]:
                lost_mask |= 1 << bit
            else:
                kept_mask |= 1 << bit
    return lost_mask, kept_mask


def _alike(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two lines treat no glyph differently and at least ``MIN_AGREEMENT`` alike."""
    if first[0] & second[1] or first[1] & second[0]:
        return False
    return ((first[0] & second[0]) | (first[1] & second[1])).bit_count() >= MIN_AGREEMENT


def _summed(parts: list[Counts]) -> Counts:
    return (
        [sum(column) for column in zip(*(part[0] for part in parts), strict=True)],
        [sum(column) for column in zip(*(part[1] for part in parts), strict=True)],
    )


def _combined(own: Counts, borrowed: Counts) -> Counts:
    """A line's counts plus the others' (``borrowed`` less its own), at most ``BORROWED`` each."""
    lost = list(own[0])
    seen = list(own[1])
    for position, total in enumerate(borrowed[1]):
        others = total - own[1][position]
        if others <= 1e-9:
            continue
        scale = min(1.0, BORROWED / others)
        seen[position] += others * scale
        lost[position] += (borrowed[0][position] - own[0][position]) * scale
    return lost, seen


def _correlations(per_glyph: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    """Each glyph's intra-line correlation, where positive, drawn towards the document's.

    A glyph seldom seen twice on one line ("ự") measures its own poorly: its
    estimate is weighed, by its pairs, against the document's (the mean over
    glyphs lost some of the time, weighted by their pairs): a font that loses
    glyphs by line loses its rare ones so too.
    """
    weighted = total_pairs = 0.0
    own: dict[str, tuple[float, float]] = {}
    for glyph, observations in sorted(per_glyph.items()):
        pairs = _pairs(observations)
        own[glyph] = (intra_line_correlation(observations), pairs)
        if 0 < _lost_share(observations) < 1:
            weighted += own[glyph][0] * pairs
            total_pairs += pairs
    document = weighted / total_pairs if total_pairs else 0.0
    correlations = {}
    for glyph, (value, pairs) in own.items():
        if _lost_share(per_glyph[glyph]) > 0:
            shrunk = (value * pairs + document * DOCUMENT_PAIRS) / (pairs + DOCUMENT_PAIRS)
            if shrunk > 0:
                correlations[glyph] = shrunk
    return correlations


def _pairs(observations: list[tuple[float, float]]) -> float:
    return sum(seen * (seen - 1.0) for _, seen in observations if seen > 1)


def _lost_share(observations: list[tuple[float, float]]) -> float:
    seen = sum(seen for _, seen in observations)
    return sum(lost for lost, _ in observations) / seen if seen > 0 else 0.0


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
