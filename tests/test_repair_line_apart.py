"""A line decoded again is scored without its own earlier reading (extract/repair/line_apart)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.language_model import Evidence, InterpolatedModel, NgramModel
from extract.repair.line_apart import LineLeftOut
from extract.repair.model import build_model, read_data
from extract.repair.name_slot import gazetteer
from extract.repair.tokens import START
from tests.conftest import PLANS

GARBLED_PLAN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
# "chương" rare, as a syllable after "tư" is in real text.
PRIOR = {"thực": 0.2, "hiện": 0.2, "tư": 0.1, "chương": 0.0005, "các": 0.2, "mục": 0.1, ".": 0.1}


def _base() -> InterpolatedModel:
    plans = NgramModel(3, PRIOR)
    plans.add_sequence(["thực", "hiện", "các", "mục", "tiêu"])
    general = NgramModel(3, PRIOR)
    general.add_sequence(["các", "mục", ".", "thực", "hiện"])
    return InterpolatedModel(plans, general, 0.2)


def test_a_document_less_one_line_scores_as_the_document_without_that_line() -> None:
    base = _base()
    others: list[Evidence] = [
        (["2", ".", "thực", "hiện", "các", "mục", "tiêu"], 2.0),
        (["các", "mục", "tiêu", "."], [0.5, 0.5, 0.01, 0.5]),
    ]
    # A doubtful reading: its contexts ("2 . tư", "tư chương") are its alone.
    own: Evidence = (["2", ".", "tư", "chương", "các", "mục"], [0.5, 0.5, 0.02, 0.2, 0.5, 0.5])
    left_out = LineLeftOut(base.with_document([*others, own]), own)
    without = base.with_document(others)
    queries = [
        (("2", "."), "tư"),
        ((".", "tư"), "chương"),
        (("tư", "chương"), "các"),
        (("2", "."), "thực"),
        (("chương", "các"), "mục"),
        (("các", "mục"), "tiêu"),
        (("mục", "tiêu"), "."),
        ((), "các"),
    ]
    for context, token in queries:
        assert left_out.logprob(context, token) == pytest.approx(
            without.logprob(context, token), abs=1e-9
        )


def test_a_doubtful_reading_no_longer_confirms_itself() -> None:
    base = _base()
    own: Evidence = (["2", ".", "tư", "chương", "các"], [0.5, 0.5, 0.02, 0.2, 0.5])
    document = base.with_document([(["2", ".", "thực", "hiện", "các"], 2.0), own])
    left_out = LineLeftOut(document, own)
    # With its own reading counted at a weight of 0.02, "chương" after ". tư" is over a
    # hundred times as likely as the base model says; without it, no likelier.
    base_logprob = math.log(base.probability((".", "tư"), "chương"))
    assert document.logprob((".", "tư"), "chương") - base_logprob > math.log(100)
    assert left_out.logprob((".", "tư"), "chương") <= base_logprob


def test_leaving_a_line_out_reads_only_its_own_contexts() -> None:
    # A context every line has (the line start) must not be copied for each line:
    # a long document's later passes would be quadratic.
    base = _base()
    lines: list[Evidence] = [([f"t{number}", "các"], 1.0) for number in range(3000)]
    document = base.with_document(lines)
    start = (START, START)
    counter, scale, backoff = document.context_weights[start]
    assert len(counter) == 3000

    class Watched(dict[str, float]):
        reads = 0

        def items(self):  # type: ignore[no-untyped-def]
            Watched.reads += 1
            return super().items()

        def __iter__(self):  # type: ignore[no-untyped-def]
            Watched.reads += 1
            return super().__iter__()

    document.context_weights[start] = (Watched(counter), scale, backoff)
    left_out = LineLeftOut(document, lines[7])
    assert left_out.logprob(start, "t7") < document.logprob(start, "t7")
    assert Watched.reads == 0


@pytest.fixture(scope="module")
def town_plan_with_pages() -> list[str]:
    model = build_model(*read_data(), page_weight=0.5)
    model.inventory.prepare()
    model.names = gazetteer()
    lines = Path(GARBLED_PLAN).read_text(encoding="utf-8").split("\n")
    return repair_dropped_glyphs(lines, model)[0]


def test_the_town_plans_heading_reads_right_with_the_plan_pages(town_plan_with_pages) -> None:
    # The first pass reads line 80 "2. Tư chương các mục tiêu" (its heading font loses
    # h, n, i, ệ, ự, which the body font keeps); scored with that reading among the
    # document's, the second pass kept it.
    assert town_plan_with_pages[79] == "2. Thực hiện các mục tiêu cụ thể của Đề án đến năm 2026 "
