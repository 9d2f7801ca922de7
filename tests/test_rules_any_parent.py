"""Issue 21: a plan checked against any document it carries out by number, without a catalogue.

Pairs in tests/fixtures/anyparent/ (README there): the Trà Vinh pair was used while
writing the code (development); the two "heldout-" files were written from the real
Gia Lai target list and run once, after the code was done, and not tuned on.
"""

from functools import cache
from pathlib import Path

import pytest

from extract import load_plan
from extract.model import Quantity
from rules import check_plan
from rules.compare import PlacedQuantity, wording_direction
from rules.findings import CheckResult, Finding
from rules.linking.free_matching import subject_of

PAIRS = Path(__file__).parent / "fixtures" / "anyparent"


@cache
def _check(child: str, parent: str) -> CheckResult:
    return check_plan(load_plan(PAIRS / child), load_plan(PAIRS / parent))


def _development() -> CheckResult:
    return _check("cang-long-kh-child.txt", "tra-vinh-nq15-parent.txt")


def _heldout() -> CheckResult:
    return _check("heldout-son-lang-kh-child.txt", "heldout-kong-chro-nq-parent.txt")


def _weaker(result: CheckResult) -> set[str]:
    return {str(finding.target) for finding in result.findings if finding.code == "T001"}


def _coded(result: CheckResult, code: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.code == code]


def test_district_plan_against_provincial_resolution_development_pair() -> None:
    result = _development()
    assert result.basis == "parent" and result.scope_note is None
    assert not result.implements_de_an_13
    # Weaker: a reduction amount (0,3 < 0,5 points), a floor (trên 88% < trên 91%) and a
    # ceiling (dưới 17% > dưới 15%: lower is better).
    assert _weaker(result) == {"1(3)", "1(5)", "1(6)"}
    # Not weaker: stronger growth 1(1), equal 1(4), a stricter ceiling 1(7) ("không quá
    # 0,8%" against 0,9%), a stronger rate 1(8), and absolute shares of the province's
    # totals, 1(2) (2.100 of 24.000 tỷ đồng) and 1(9) (02 of 10 xã).
    missing = _coded(result, "C001")
    assert [finding.parent_target for finding in missing] == ["1(8)"]
    assert "nước hợp vệ sinh" in missing[0].message
    assert _coded(result, "D001") and "31/02/2021" in _coded(result, "D001")[0].message


def test_heldout_commune_plan_against_district_resolution() -> None:
    result = _heldout()
    assert result.basis == "parent"
    # "trên 8%" against "trên 10%" fewer poor households a year (a reduction amount);
    # "giảm xuống còn 6%" against "còn 5%" (a level to fall to: lower is better).
    assert _weaker(result) == {"1(3)", "1(7)"}
    assert [finding.parent_target for finding in _coded(result, "C001")] == ["1(7)"]
    assert "29/02/2023" in _coded(result, "D001")[0].message


def test_every_pairing_is_explained() -> None:
    for result in (_development(), _heldout()):
        pairs = [match for match in result.matches if match.child_id and match.parent_id]
        assert pairs and all(match.method == "subject" for match in pairs)
        assert all("bỏ con số" in match.explanation for match in pairs)


def test_a_parent_absolute_amount_binds_when_it_names_the_unit(tmp_path: Path) -> None:
    text = (PAIRS / "tra-vinh-nq15-parent.txt").read_text(encoding="utf-8")
    assigned = tmp_path / "tra-vinh-nq15-giao-cang-long.txt"
    assigned.write_text(
        text.replace("toàn xã hội đạt 24.000", "toàn xã hội huyện Càng Long đạt 2.500"),
        encoding="utf-8",
    )
    result = check_plan(load_plan(PAIRS / "cang-long-kh-child.txt"), load_plan(assigned))
    assert "1(2)" in _weaker(result)


def test_a_child_that_cites_another_document_is_not_compared() -> None:
    result = check_plan(
        load_plan(PAIRS / "cang-long-kh-child.txt"),
        load_plan(PAIRS / "heldout-kong-chro-nq-parent.txt"),
    )
    assert result.basis == "none" and result.matches == []
    assert not _coded(result, "T001") and _coded(result, "D001")


@pytest.mark.parametrize(
    ("subject", "raw", "op", "expected"),
    [
        ("Tỷ lệ hộ nghèo giảm xuống còn 3%", "3%", "=", "lower"),
        ("Tỷ lệ thất nghiệp dưới 4%", "dưới 4%", "<", "lower"),
        ("tăng dân số tự nhiên không quá 0,9%", "không quá 0,9%", "<=", "lower"),
        ("Tỷ lệ hộ nghèo giảm 0,5%", "0,5%", "=", "higher"),
        ("Tỷ lệ hộ nghèo giảm từ 0,5% trở lên", "từ 0,5% trở lên", ">=", "higher"),
        ("Tỷ lệ lao động qua đào tạo đạt 67%", "67%", "=", "higher"),
        ("Giảm tỷ lệ sinh con thứ 3 trở lên 0,2%", "0,2%", "=", "higher"),
    ],
)
def test_direction_comes_from_the_wording(subject: str, raw: str, op: str, expected: str) -> None:
    quantity = Quantity.model_validate({"op": op, "value": 1.0, "unit": "%", "raw": raw})
    figure = PlacedQuantity(quantity, subject, "main", subject=subject)
    assert wording_direction(figure) == expected


def test_subject_leaves_figures_and_units_out() -> None:
    assert subject_of("Tỷ lệ lao động qua đào tạo đạt 67%") == subject_of(
        "Tỷ lệ lao động qua đào tạo đạt 70%"
    )
    assert subject_of("Tổng vốn đầu tư đạt 2.100 tỷ đồng") == "tong von dau tu"
