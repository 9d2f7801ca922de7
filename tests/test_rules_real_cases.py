"""The issue's real cases, on the corpus plans through extract.load_plan (repair first)."""

from functools import cache
from typing import Any

import pytest

from extract import load_plan
from extract.model import Plan
from extract.resources import corpus_dir
from rules import check_plan
from rules.findings import CheckResult
from rules.registry import all_rules

PLANS = corpus_dir() / "plans"
CROSS_CODES = {rule.code for rule in all_rules() if rule.scope == "cross"}


@cache
def _plan(name: str) -> Plan:
    return load_plan(PLANS / name)


def town() -> Plan:
    return _plan("thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")


@cache
def ward_result() -> CheckResult:
    return check_plan(_plan("dang-uy-phuong-48-KH-DU-de-an-13.txt"), town())


def _child_target_id(words: str) -> str:
    ward = _plan("dang-uy-phuong-48-KH-DU-de-an-13.txt")
    return next(target.id for target in ward.targets if words in target.text)


def _parent_target_id(words: str) -> str:
    return next(target.id for target in town().targets if words in target.text)


def test_ward_impossible_date() -> None:
    d001 = [finding for finding in ward_result().findings if finding.code == "D001"]
    assert any("30/02/2023" in (finding.evidence.child or "") for finding in d001)


def test_ward_trained_labour_is_weaker_than_the_town() -> None:
    labour = _child_target_id("lao động qua đào tạo")
    [t001] = [
        finding
        for finding in ward_result().findings
        if finding.code == "T001" and finding.target == labour
    ]
    assert t001.severity == "error"
    assert t001.parent_target == _parent_target_id("lao động qua đào tạo")
    assert "55%" in t001.message and "trên 65%" in t001.message


def test_ward_dropped_sub_targets_of_trained_labour() -> None:
    labour = _child_target_id("lao động qua đào tạo")
    c003 = [
        finding
        for finding in ward_result().findings
        if finding.code == "C003" and finding.target == labour
    ]
    messages = " ".join(finding.message for finding in c003)
    assert len(c003) == 2 and "THCS" in messages and "THPT" in messages
    assert all(finding.severity == "warning" for finding in c003)


def test_ward_lacks_the_fishing_vessel_indicator_as_a_warning() -> None:
    vessels = _parent_target_id("tàu thuyền")
    [c001] = [
        finding
        for finding in ward_result().findings
        if finding.code == "C001" and finding.parent_target == vessels
    ]
    assert c001.severity == "warning" and c001.target is None


@pytest.mark.parametrize("words", ["Khu dân cư 6 không", "đồng thuận", "vỉa hè"])
def test_no_t001_where_the_ward_is_more_ambitious(words: str) -> None:
    target = _child_target_id(words)
    assert not [
        finding
        for finding in ward_result().findings
        if finding.code == "T001" and finding.target == target
    ]


@pytest.mark.parametrize("words", ["ngày công", "phân loại rác"])
def test_no_finding_for_rural_indicators_a_ward_does_not_carry(words: str) -> None:
    rural = _parent_target_id(words)
    assert not [finding for finding in ward_result().findings if finding.parent_target == rural]
    [match] = [match for match in ward_result().matches if match.parent_id == rural]
    assert match.not_applicable_reason is not None and "phường" in match.not_applicable_reason


def test_every_parent_target_has_a_row_in_the_matching_table() -> None:
    rows = {match.parent_id for match in ward_result().matches if match.kind == "target"}
    assert {target.id for target in town().targets} <= rows


@cache
def hong_linh_result() -> CheckResult:
    return check_plan(_plan("ubnd-hong-linh-dan-van-chinh-quyen-2023.txt"), town())


def test_hong_linh_gets_no_cross_plan_findings_and_a_scope_note() -> None:
    result = hong_linh_result()
    assert not result.implements_de_an_13
    assert not [finding for finding in result.findings if finding.code in CROSS_CODES]
    assert result.matches == []
    assert result.scope_note is not None and "13-ĐA/TU" in result.scope_note


def test_hong_linh_blank_issue_date() -> None:
    assert "D002" in {finding.code for finding in hong_linh_result().findings}


def test_hong_linh_blank_number() -> None:
    assert "M001" in {finding.code for finding in hong_linh_result().findings}


@cache
def ban_dan_toc_result() -> CheckResult:
    return check_plan(_plan("ban-dan-toc-quang-ngai-de-an-13.txt"), town())


def test_ban_dan_toc_is_matched_against_tasks_not_locality_indicators() -> None:
    result = ban_dan_toc_result()
    assert result.child.level == "agency"
    targets = [match for match in result.matches if match.kind == "target"]
    assert targets and all(match.not_applicable_reason is not None for match in targets)
    assert not [finding for finding in result.findings if finding.code in {"C001", "T001"}]
    paired = [
        match
        for match in result.matches
        if match.kind == "task" and match.child_id is not None and match.parent_id is not None
    ]
    assert len(paired) >= 12
    assert all(match.not_applicable_reason is None for match in paired)


def test_ban_dan_toc_blank_number() -> None:
    assert "M001" in {finding.code for finding in ban_dan_toc_result().findings}


# Seeded defects: the real ward plan with one change each, checked against the real town
# plan through the whole pipeline. Each says which finding the change must (or must not)
# bring, on which item.
WARD_FILE = "dang-uy-phuong-48-KH-DU-de-an-13.txt"
VARIANTS = [
    ("lao động qua đào tạo 55%", "lao động qua đào tạo 50%", "T001", "lao động qua đào tạo", True),
    (
        "lao động qua đào tạo 55%.",
        "lao động qua đào tạo trên 70%; có ít nhất 30% học sinh tốt nghiệp THCS và ít nhất "
        "45% học sinh tốt nghiệp THPT tiếp tục học nghề.",
        "C003",
        "lao động qua đào tạo",
        False,
    ),
    (
        "“Khu dân cư 6 không” đạt tỷ lệ 100%",
        "“Khu dân cư 6 không” đạt tỷ lệ 80%",
        "T001",
        "6 không",
        True,
    ),
    ("pháp luật đạt 95%", "pháp luật đạt 85%", "T001", "đồng thuận", True),
    ("pháp luật đạt 95%", "pháp luật đạt khoảng 91%", "T001", "đồng thuận", False),
    ("(1) 95% vỉa hè", "(1) 65% vỉa hè", "T001", "vỉa hè", True),
    ("giảm 0,5%/năm", "giảm 0,2%/năm", "T001", "hộ nghèo", True),
    ("giảm 0,5%/năm", "giảm 0,6%/năm", "T001", "hộ nghèo", False),
    ("đạt từ 3 đến 4m²", "đạt từ 4 đến 3m²", "T003", "cây xanh", True),
    ("(9) 100% Tổ dân phố", "(9) 105% Tổ dân phố", "T003", "Tổ dân phố đạt chuẩn văn hóa", True),
    ("đạt trên 97%", "đạt trên 90%", "T001", "được cấp phép", True),
]


def _variant_result(old: str, new: str, folder: str) -> tuple[CheckResult, Plan]:
    from pathlib import Path

    text = (PLANS / WARD_FILE).read_text(encoding="utf-8")
    assert old in text, old
    path = Path(folder) / "ward-variant.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    child = load_plan(path)
    return check_plan(child, town()), child


@pytest.mark.parametrize(("old", "new", "code", "words", "fires"), VARIANTS)
def test_seeded_defect_in_the_ward_plan(
    old: str, new: str, code: str, words: str, fires: bool, tmp_path: Any
) -> None:
    result, child = _variant_result(old, new, str(tmp_path))
    target = next(target.id for target in child.targets if words in target.text)
    found = [f for f in result.findings if f.code == code and f.target == target]
    assert bool(found) is fires, [f.message for f in result.findings]


def test_a_dropped_indicator_is_reported_missing(tmp_path: Any) -> None:
    text = (PLANS / WARD_FILE).read_text(encoding="utf-8")
    start = text.index("(10) Tỷ lệ người dân trong độ tuổi lao động")
    end = text.index("2.2. Chỉ tiêu cụ thể")
    path = tmp_path / "ward-without-digital-skills.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = check_plan(load_plan(path), town())
    digital = _parent_target_id("kỹ năng số")
    assert [f.code for f in result.findings if f.parent_target == digital] == ["C001"]


def test_an_added_fishing_target_silences_c001(tmp_path: Any) -> None:
    text = (PLANS / WARD_FILE).read_text(encoding="utf-8")
    anchor = "(8) Phân đấu Khu dân cư"
    added = (
        "(11) Phấn đấu đến năm 2026, 100% phương tiện tàu thuyền trên địa bàn phường không "
        "vi phạm vùng biển nước ngoài.\n\n"
    )
    path = tmp_path / "ward-with-vessels.txt"
    path.write_text(text.replace(anchor, added + anchor, 1), encoding="utf-8")
    result = check_plan(load_plan(path), town())
    vessels = _parent_target_id("tàu thuyền")
    assert not [f for f in result.findings if f.code == "C001" and f.parent_target == vessels]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_ward_as_word_or_pdf_gives_the_same_key_findings(suffix: str, tmp_path: Any) -> None:
    from tests.render import corpus_lines, render_docx, render_pdf

    lines = corpus_lines(PLANS / WARD_FILE)
    target = tmp_path / f"ward.{suffix}"
    (render_docx if suffix == "docx" else render_pdf)(lines, target)
    result = check_plan(load_plan(target), town())
    codes = {(f.code, f.parent_target) for f in result.findings}
    assert ("T001", _parent_target_id("lao động qua đào tạo")) in codes
    assert ("C001", _parent_target_id("tàu thuyền")) in codes
    assert not [f for f in result.findings if f.parent_target == _parent_target_id("ngày công")]


def test_parents_found_in_the_corpus() -> None:
    from rules.linking import find_parent

    plans = [_plan(path.name) for path in sorted(PLANS.glob("*.txt"))]
    by_name = {plan.source.name: plan for plan in plans}
    assert find_parent(by_name[WARD_FILE], plans) is town()
    for name in (
        "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt",
        "ban-dan-toc-quang-ngai-de-an-13.txt",
        "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt",
        "bcd-dan-van-kheo-thi-xa-ke-hoach-2023.txt",
    ):
        assert find_parent(by_name[name], plans) is None, name


def test_garbled_town_plan_as_pdf_parent_gives_the_same_cross_findings(tmp_path: Any) -> None:
    from tests.render import corpus_lines, render_pdf

    lines = corpus_lines(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    town_pdf = load_plan(render_pdf(lines, tmp_path / "town.pdf"))

    def cross(result: CheckResult) -> list[tuple[str, str | None, str | None]]:
        return sorted(
            (f.code, f.target, f.parent_target) for f in result.findings if f.code in CROSS_CODES
        )

    assert cross(check_plan(_plan(WARD_FILE), town_pdf)) == cross(ward_result())


def test_sub_targets_split_into_a_new_item_are_not_reported_dropped(tmp_path: Any) -> None:
    text = (PLANS / WARD_FILE).read_text(encoding="utf-8")
    split = (
        "(5) Tỷ lệ lao động qua đào tạo trên 70%.\n\n(11) Có ít nhất 30% học sinh tốt nghiệp "
        "THCS và ít nhất 40% học sinh tốt nghiệp THPT tiếp tục học nghề."
    )
    path = tmp_path / "ward-split.txt"
    path.write_text(text.replace("(5) Tỷ lệ lao động qua đào tạo 55%.", split, 1), encoding="utf-8")
    result = check_plan(load_plan(path), town())
    labour = _parent_target_id("lao động qua đào tạo")
    assert not [f for f in result.findings if f.parent_target == labour]
