"""The repair's confidence map: pool-adjacent-violators, the shipped file, the notes it changes."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
import yaml

from extract.repair import calibration
from extract.repair.calibration import Block, ConfidenceMap, fit, pool_adjacent_violators
from extract.repair.dropped import UNCERTAIN_BELOW, repair_dropped_glyphs
from tests.benchmarks.fit_calibration import COMMAND
from tests.benchmarks.reliability import brier, expected_calibration_error, table
from tests.conftest import PLANS

GARBLED_PLAN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


def _block(raw: float, spans: int, right: int) -> Block:
    return Block(raw, raw, raw * spans, spans, right)


def _shares(blocks: list[Block]) -> list[float]:
    return [block.right / block.spans for block in blocks]


def _pooled_by_first_violation(blocks: list[Block]) -> list[Block]:
    """Another way to the same isotonic fit: merge the first falling pair until none is left."""
    blocks = list(blocks)
    while True:
        for index in range(len(blocks) - 1):
            left, right = blocks[index], blocks[index + 1]
            if left.right * right.spans > right.right * left.spans:
                blocks[index : index + 2] = [left.merged(right)]
                break
        else:
            return blocks


def test_pooling_merges_a_falling_pair_and_keeps_a_rising_one() -> None:
    pooled = pool_adjacent_violators([_block(0.1, 10, 5), _block(0.2, 10, 2), _block(0.3, 10, 9)])
    assert [(block.spans, block.right) for block in pooled] == [(20, 7), (10, 9)]
    assert pooled[0].raw_from == 0.1 and pooled[0].raw_to == 0.2
    rising = [_block(0.1, 4, 1), _block(0.2, 4, 2), _block(0.3, 4, 2)]
    assert len(pool_adjacent_violators(rising)) == 3  # equal shares need no pooling


@pytest.mark.parametrize("seed", range(20))
def test_pooling_is_the_isotonic_fit_whatever_the_order_of_merges(seed: int) -> None:
    rng = random.Random(seed)
    blocks = []
    for index in range(rng.randint(1, 40)):
        spans = rng.randint(1, 30)
        blocks.append(_block(index / 40, spans, rng.randint(0, spans)))
    pooled = pool_adjacent_violators(blocks)
    expected = _pooled_by_first_violation(blocks)
    assert [(b.spans, b.right) for b in pooled] == [(b.spans, b.right) for b in expected]
    shares = _shares(pooled)
    assert shares == sorted(shares)
    assert sum(b.spans for b in pooled) == sum(b.spans for b in blocks)


def test_fitting_keeps_ties_together_and_bins_big_enough() -> None:
    spans = [(0.5, True)] * 7 + [(0.2, False)] * 3 + [(0.9, True)] * 2 + [(0.95, False)]
    blocks = fit(spans, min_bin_spans=4)
    assert all(block.spans >= 4 for block in blocks)
    for value in (0.2, 0.5, 0.9, 0.95):  # each value in exactly one bin
        assert sum(block.raw_from <= value <= block.raw_to for block in blocks) == 1
    with pytest.raises(ValueError):
        fit([])


def test_fitting_work_grows_with_the_spans_not_their_square(monkeypatch) -> None:
    # A run-away guard: the stack pools each block at most once.
    merges = 0
    merged = Block.merged

    def counted(self: Block, other: Block) -> Block:
        nonlocal merges
        merges += 1
        return merged(self, other)

    monkeypatch.setattr(Block, "merged", counted)
    rng = random.Random(7)
    count = 50_000
    spans = [(rng.random(), rng.random() < 0.6) for _ in range(count)]
    blocks = fit(spans, min_bin_spans=1)  # every span its own bin: the most pooling
    assert merges <= 2 * count
    shares = _shares(blocks)
    assert shares == sorted(shares)


def test_the_map_is_monotone_on_all_of_zero_to_one() -> None:
    mapped = calibration.default_map()
    grid = [index / 10_000 for index in range(10_001)]
    values = [mapped(value) for value in grid]
    assert all(0.0 <= value <= 1.0 for value in values)
    assert values == sorted(values)
    assert ConfidenceMap.identity()(0.37) == pytest.approx(0.37)


def test_the_shipped_file_says_how_it_was_fitted_and_holds_its_counts() -> None:
    data = calibration.read()
    assert data.fit.split == "dev"
    assert data.fit.command.startswith(COMMAND)
    # The command written is the one that gives these seeds and bin size.
    assert f"--seeds {','.join(map(str, data.fit.seeds))}" in data.fit.command
    assert f"--min-bin-spans {data.fit.min_bin_spans}" in data.fit.command
    assert f"--profiles {data.fit.profiles_per_seed}" in data.fit.command
    assert all(item.spans >= data.fit.min_bin_spans for item in data.bins)
    # Pooled bins: none right less often than the one before (else PAV pooled them).
    shares = [item.right / item.spans for item in data.bins]
    assert all(left <= right for left, right in itertools.pairwise(shares))


def test_a_file_whose_share_falls_is_refused(tmp_path: Path) -> None:
    text = calibration.DATA.read_text(encoding="utf-8")
    parsed = yaml.safe_load(text)
    parsed["bins"][0], parsed["bins"][-1] = parsed["bins"][-1], parsed["bins"][0]
    broken = tmp_path / "confidence_calibration.yaml"
    broken.write_text(yaml.safe_dump(parsed, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="hiệu chỉnh"):
        calibration.read(broken)


def test_the_map_changes_the_notes_confidence_never_the_readings() -> None:
    lines = GARBLED_PLAN.read_text(encoding="utf-8").split("\n")[:120]
    raw_lines, raw_notes = repair_dropped_glyphs(lines, calibration=ConfidenceMap.identity())
    shipped_lines, shipped_notes = repair_dropped_glyphs(lines)
    assert shipped_lines == raw_lines
    assert len(shipped_notes) == len(raw_notes) > 50
    mapped = calibration.default_map()
    for raw, shipped in zip(raw_notes, shipped_notes, strict=True):
        assert (shipped.line, shipped.start, shipped.after) == (raw.line, raw.start, raw.after)
        assert shipped.confidence == round(mapped(raw.confidence), 4)
        assert shipped.uncertain == (shipped.confidence < UNCERTAIN_BELOW)
    assert any(s.confidence != r.confidence for s, r in zip(shipped_notes, raw_notes, strict=True))


def test_reliability_figures_of_a_known_set() -> None:
    pairs = [(0.9, True)] * 9 + [(0.9, False)] + [(0.2, False)] * 4 + [(0.2, True)]
    assert table(pairs)["0.90-0.97"] == [0.9, 10, 0.9]
    assert table(pairs)["0.00-0.50"] == [0.2, 5, 0.2]
    assert expected_calibration_error(pairs) == pytest.approx(0.0)
    assert brier([(1.0, True), (0.0, True)]) == pytest.approx(0.5)
