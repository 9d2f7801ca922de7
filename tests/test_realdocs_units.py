"""The realdocs benchmark compares units as printed, not as the reader names them.

The gold writes a unit as the page prints it ("tỷ.đ"); the reader names it through
its own vocabulary ("tỷ đồng") and keeps the printed form beside it
(``Quantity.unit_printed``). The scorer compares printed with printed, so a change
of the reader's vocabulary cannot make a figure right or wrong.
"""

from __future__ import annotations

from extract.model import Quantity, Target
from tests.benchmarks import realdocs_bench
from tests.realdocs.gold import GoldQuantity


def _target(*quantities: Quantity) -> Target:
    return Target(id="(1)", section="", number=1, text="x", line=1, quantities=list(quantities))


def test_quantities_compare_the_printed_unit() -> None:
    found = _target(Quantity(op="=", value=187.2, unit="tỷ đồng", unit_printed="tỷ.đ"))
    printed = [GoldQuantity(value=187.2, unit="tỷ.đ", op="=")]
    named = [GoldQuantity(value=187.2, unit="tỷ đồng", op="=")]
    assert realdocs_bench.same_quantities(printed, found)
    assert not realdocs_bench.same_quantities(named, found)


def test_a_figure_without_a_printed_unit_matches_a_bare_gold_figure_only() -> None:
    found = _target(Quantity(op="=", value=70, unit=None, unit_printed=None))
    assert realdocs_bench.same_quantities([GoldQuantity(value=70, unit=None, op="=")], found)
    assert not realdocs_bench.same_quantities([GoldQuantity(value=70, unit="hộ", op="=")], found)


def test_a_pdf_look_alike_of_u_horn_is_the_letter_the_page_shows() -> None:
    # thanh-hoa-huyen-nong-cong-chi-tieu-luan-van.txt prints "6 trƣờng" with U+01A3.
    assert realdocs_bench.fold_unit("trƣờng") == realdocs_bench.fold_unit("trường")
