"""How often a repaired span is right, for the confidence its note shows (issue 19, item 8).

The decoder's confidence (``decoder._confidence``, hedged over the passes in
``dropped._hedged``) ranks its readings well but is no probability: on the honest
bench's development part, spans it gave 0.38 were right 45% of the time and spans it
gave 0.995 were right 98%. A monotone map, fitted by pool-adjacent-violators on that
bench (the fit's inputs are written in the data file), turns the decoder's confidence
into the share of spans right at that confidence.

The map is applied to the notes only: the confidence a reviewer reads and the
"uncertain" flag. The decoder's own uses of its confidence (which lines are decoded
again, how much a reading weighs as evidence) keep the raw scale they were tuned on,
so the readings are the same with or without it. The cid repair's glyph confidences
come from another solver on another scale, never seen by the fit: ``cid.py`` keeps its own.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml

DATA = data_file("extract.repair", "confidence_calibration.yaml")
FORMAT_VERSION = 1
# Least spans in a bin before the bins are pooled: the share right of fewer spans is too
# noisy to order (a bin of 40 spans at 0.98 right has a standard error of 2 points).
MIN_BIN_SPANS = 300
SHARE_DIGITS = 4


class CalibrationFit(BaseModel):
    """How the map was fitted, so that it can be fitted again the same way."""

    model_config = ConfigDict(extra="forbid")

    command: str = Field(description="The command that wrote the file.")
    code_commit: str = Field(description="The commit of the repair code measured.")
    split: Literal["dev"] = Field(description="Only the development part is ever fitted on.")
    seeds: list[int] = Field(min_length=1, description="Seeds of the loss profiles.")
    profiles_per_seed: int = Field(gt=0)
    documents: int = Field(gt=0, description="Documents garbled with each profile.")
    min_bin_spans: int = Field(gt=0, description="Least spans of a bin before pooling.")


class CalibrationBin(BaseModel):
    """One pooled bin: the spans whose raw confidence lies in a range, and how many were right."""

    model_config = ConfigDict(extra="forbid")

    raw_from: float = Field(ge=0.0, le=1.0)
    raw_to: float = Field(ge=0.0, le=1.0)
    mean_raw: float = Field(ge=0.0, le=1.0)
    spans: int = Field(gt=0)
    right: int = Field(ge=0)
    share_right: float = Field(ge=0.0, le=1.0)


class CalibrationFile(BaseModel):
    """The schema of ``data/confidence_calibration.yaml``."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    method: Literal["dropped-glyph"]
    fit: CalibrationFit
    bins: list[CalibrationBin] = Field(min_length=1)


@dataclass(frozen=True)
class ConfidenceMap:
    """A monotone map from the decoder's confidence to the share of spans right.

    Linear between the pooled bins' (mean raw confidence, share right), flat beyond
    the first and the last: defined on all of [0, 1], never decreasing.
    """

    raw: tuple[float, ...]
    share: tuple[float, ...]

    @classmethod
    def identity(cls) -> ConfidenceMap:
        """The map that leaves the decoder's confidence as it is (to measure or fit it)."""
        return cls((0.0, 1.0), (0.0, 1.0))

    @classmethod
    def from_bins(cls, bins: list[CalibrationBin]) -> ConfidenceMap:
        return cls(tuple(b.mean_raw for b in bins), tuple(b.share_right for b in bins))

    def __call__(self, confidence: float) -> float:
        """The share of spans right at the decoder's ``confidence``."""
        index = bisect.bisect_right(self.raw, confidence)
        if index == 0:
            return self.share[0]
        if index == len(self.raw):
            return self.share[-1]
        left, right = self.raw[index - 1], self.raw[index]
        weight = (confidence - left) / (right - left)
        return self.share[index - 1] + weight * (self.share[index] - self.share[index - 1])


@dataclass
class Block:
    """Spans of adjacent raw confidences pooled together: their range, count and right ones."""

    raw_from: float
    raw_to: float
    raw_total: float
    spans: int
    right: int

    def merged(self, other: Block) -> Block:
        return Block(
            self.raw_from,
            other.raw_to,
            self.raw_total + other.raw_total,
            self.spans + other.spans,
            self.right + other.right,
        )

    def as_bin(self) -> CalibrationBin:
        return CalibrationBin(
            raw_from=self.raw_from,
            raw_to=self.raw_to,
            mean_raw=round(self.raw_total / self.spans, SHARE_DIGITS + 2),
            spans=self.spans,
            right=self.right,
            share_right=round(self.right / self.spans, SHARE_DIGITS),
        )


def pool_adjacent_violators(blocks: list[Block]) -> list[Block]:
    """Merge neighbouring blocks until the share right never falls as raw confidence rises.

    The blocks come in order of raw confidence. Each new block is pooled with the
    last kept one for as long as it is right less often (a stack: linear time); the
    result is the isotonic regression of right on raw confidence, weighted by spans.
    """
    pooled: list[Block] = []
    for block in blocks:
        pooled.append(block)
        # right/spans compared as cross products: no rounding decides an order.
        while len(pooled) > 1 and pooled[-2].right * pooled[-1].spans > (
            pooled[-1].right * pooled[-2].spans
        ):
            last = pooled.pop()
            pooled[-1] = pooled[-1].merged(last)
    return pooled


def fit(spans: Iterable[tuple[float, bool]], min_bin_spans: int = MIN_BIN_SPANS) -> list[Block]:
    """Pooled bins of (raw confidence, right) spans: bins of equal count first, then PAV.

    Spans of one raw confidence always share a bin (a bin's range never splits a value);
    a last bin smaller than ``min_bin_spans`` joins the one before it.
    """
    ordered = sorted(spans)
    if not ordered:
        raise ValueError("no span to fit the confidence map on")
    bins: list[Block] = []
    current: Block | None = None
    for index, (raw, right) in enumerate(ordered):
        if current is None:
            current = Block(raw, raw, 0.0, 0, 0)
        current = current.merged(Block(raw, raw, raw, 1, int(right)))
        ends_value = index + 1 == len(ordered) or ordered[index + 1][0] != raw
        if ends_value and current.spans >= min_bin_spans:
            bins.append(current)
            current = None
    if current is not None:
        bins[-1:] = [bins[-1].merged(current)] if bins else [current]
    return pool_adjacent_violators(bins)


def read(path: Path = DATA) -> CalibrationFile:
    """The calibration file, validated (see :func:`validated`)."""
    return validated(load_yaml(path), path)


def validated(parsed: object, path: Path) -> CalibrationFile:
    """The parsed calibration file checked: its schema, then what the map needs of its bins."""
    data = CalibrationFile.model_validate(parsed)
    problems = _problems(data.bins)
    if problems:
        raise ValueError(f"{path}: bảng hiệu chỉnh độ tin cậy không hợp lệ: {'; '.join(problems)}")
    return data


@cache
def default_map() -> ConfidenceMap:
    """The shipped map (``data/confidence_calibration.yaml``), read and checked once."""
    return ConfidenceMap.from_bins(read().bins)


def _problems(bins: list[CalibrationBin]) -> list[str]:
    """What is wrong with the bins: counts, order of ranges, a share that falls."""
    problems = []
    for number, item in enumerate(bins, 1):
        if item.right > item.spans:
            problems.append(f"bin {number}: right {item.right} > spans {item.spans}")
        if round(item.right / item.spans, SHARE_DIGITS) != item.share_right:
            problems.append(f"bin {number}: share_right is not right/spans")
        if not item.raw_from <= item.mean_raw <= item.raw_to:
            problems.append(f"bin {number}: mean_raw outside [raw_from, raw_to]")
    for number, (left, right) in enumerate(itertools.pairwise(bins), 2):
        if right.raw_from <= left.raw_to:
            problems.append(f"bin {number}: its range does not follow the one before")
        if right.share_right < left.share_right:
            problems.append(f"bin {number}: share_right falls (the map must be monotone)")
    return problems
