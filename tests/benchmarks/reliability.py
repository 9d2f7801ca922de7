"""Reliability of repaired spans' confidences: tables, Brier score and ECE, before and after a map.

A span is one repair note of the honest bench, with the decoder's own (raw) confidence
and whether its text is the gold's. "Before" reads the raw confidence, "after" the
confidence the shipped map (``extract/repair/calibration.py``) turns it into, which is
what a note shows. Confidences are well calibrated when the spans given about 0.8 are
right about 8 times in 10: the table's share right beside its mean confidence, the
Brier score (mean squared gap between confidence and right, lower is better) and the
expected calibration error (ECE: the gap of each of ``ECE_BINS`` equal-width bins,
weighted by its spans).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from extract.repair.dropped import UNCERTAIN_BELOW

TABLE_EDGES = (0.0, 0.5, 0.7, 0.9, 0.97, 1.0001)
ECE_BINS = 10


@dataclass(frozen=True)
class Span:
    """One repaired span: the profile that garbled it, the decoder's confidence, right or not."""

    profile: str
    raw: float
    right: bool

    @property
    def seed(self) -> str:
        return self.profile.split("p")[0]  # "s2p3" -> "s2"


Pairs = list[tuple[float, bool]]


def table(pairs: Pairs, edges: tuple[float, ...] = TABLE_EDGES) -> dict[str, list[float]]:
    """Confidence bin -> [share right, spans, mean confidence] (bins with spans only)."""
    rows: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for confidence, right in pairs:
        index = next(i for i, edge in enumerate(edges[1:]) if confidence < edge)
        rows[index][0] += right
        rows[index][1] += 1
        rows[index][2] += confidence
    return {
        f"{edges[i]:.2f}-{min(edges[i + 1], 1.0):.2f}": [
            round(right / total, 4),
            int(total),
            round(confidence / total, 4),
        ]
        for i, (right, total, confidence) in sorted(rows.items())
    }


def brier(pairs: Pairs) -> float:
    """Mean of (confidence - right)^2."""
    return sum((confidence - right) ** 2 for confidence, right in pairs) / max(len(pairs), 1)


def expected_calibration_error(pairs: Pairs, bins: int = ECE_BINS) -> float:
    """Spans-weighted mean gap between share right and mean confidence, equal-width bins."""
    edges = (*(index / bins for index in range(bins)), 1.0001)
    rows = table(pairs, edges)
    total = max(len(pairs), 1)
    return sum(spans * abs(share - mean) for share, spans, mean in rows.values()) / total


def flagged(pairs: Pairs, below: float = UNCERTAIN_BELOW) -> dict[str, float]:
    """Shares of the wrong and of the right spans flagged uncertain (confidence < ``below``)."""
    wrong = [confidence for confidence, right in pairs if not right]
    right = [confidence for confidence, is_right in pairs if is_right]
    return {
        "wrong_flagged": round(sum(c < below for c in wrong) / max(len(wrong), 1), 4),
        "right_flagged": round(sum(c < below for c in right) / max(len(right), 1), 4),
        "flagged": sum(c < below for c in wrong) + sum(c < below for c in right),
    }


def summary(spans: Iterable[Span], mapped: Callable[[float], float]) -> dict[str, object]:
    """Figures before and after the map: all spans, per seed, per profile."""
    spans = list(spans)
    groups: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        groups["all"].append(span)
        groups[f"seed:{span.seed}"].append(span)
        groups[f"profile:{span.profile}"].append(span)
    figures: dict[str, object] = {}
    for key, members in groups.items():
        before = [(span.raw, span.right) for span in members]
        after = [(mapped(span.raw), span.right) for span in members]
        figures[key] = {
            "spans": len(members),
            "brier": [round(brier(before), 4), round(brier(after), 4)],
            "ece": [
                round(expected_calibration_error(before), 4),
                round(expected_calibration_error(after), 4),
            ],
            "flags": flagged(after),
        }
    all_before = [(span.raw, span.right) for span in spans]
    all_after = [(mapped(span.raw), span.right) for span in spans]
    figures["table"] = {"before": table(all_before), "after": table(all_after)}
    return figures


def print_summary(figures: dict[str, object], fit_seeds: list[int]) -> None:
    """The reliability table before | after, then Brier and ECE by seed and profile."""
    tables: dict[str, dict[str, list[float]]] = figures["table"]  # type: ignore[assignment]
    in_sample = ", ".join(f"s{seed}" for seed in fit_seeds)
    print(
        "  calibration (new): confidence bin -> share right (spans), mean confidence;"
        f" before the map | after it (map fitted on dev {in_sample}: in-sample there)"
    )
    for name in TABLE_EDGES_NAMES:
        before = _row(tables["before"].get(name))
        after = _row(tables["after"].get(name))
        print(f"    {name}: {before:>32} | {after:>32}")
    keys = [key for key in figures if key == "all"]  # none when no span was repaired
    keys += sorted(key for key in figures if key.startswith(("seed:", "profile:")))
    print(
        "  Brier, ECE before -> after the map | shares of the wrong and of the right spans"
        f" flagged uncertain (shown confidence < {UNCERTAIN_BELOW}):"
    )
    for key in keys:
        row: dict[str, list[object]] = figures[key]  # type: ignore[assignment]
        flags: dict[str, float] = row["flags"]  # type: ignore[assignment]
        print(
            f"    {key:14} {row['brier'][0]:.4f} -> {row['brier'][1]:.4f}, "
            f"{row['ece'][0]:.4f} -> {row['ece'][1]:.4f} | "
            f"wrong {flags['wrong_flagged']:.3f}, right {flags['right_flagged']:.3f} "
            f"({row['spans']} spans)"
        )


TABLE_EDGES_NAMES = [
    f"{TABLE_EDGES[i]:.2f}-{min(TABLE_EDGES[i + 1], 1.0):.2f}" for i in range(len(TABLE_EDGES) - 1)
]


def _row(cell: list[float] | None) -> str:
    if cell is None:
        return "—"
    share, spans, mean = cell
    return f"{share:.3f} ({spans:.0f}), mean {mean:.3f}"
