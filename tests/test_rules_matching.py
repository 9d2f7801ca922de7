from typing import Any

import pytest

from extract.text import fold_text
from rules.linking.catalogue import Applicability, classify, contains_keyword
from rules.linking.matching import match_plans
from rules.reference import load_reference
from tests.rules_fixtures import build_plan

WARD = Applicability(level="phuong", coastal=None)


def _plan(targets: list[dict[str, Any]], tasks: list[dict[str, Any]] | None = None) -> Any:
    return build_plan({"lines": "KẾ HOẠCH", "targets": targets, "tasks": tasks or []})


def test_classify_by_keyword() -> None:
    hit = classify(
        "(10) Tỷ lệ người dân được đào tạo kỹ năng số cơ bản đạt trên 70%.",
        load_reference().indicators,
    )
    assert hit is not None and hit.entry.id == "digital_skills"
    assert "ky nang so" in hit.keywords


def test_classify_unrelated_text_is_none() -> None:
    assert classify("Tổ chức hội thi văn nghệ quần chúng.", load_reference().indicators) is None


def test_one_damaged_glyph_is_tolerated_but_another_word_is_not() -> None:
    assert contains_keyword(fold_text("xây dựng, ban hành quy chế phối hơp"), "quy che phoi hop")
    assert not contains_keyword(
        fold_text("hướng tới xây dựng đô thị văn minh"), "trong xay dung do thi van minh"
    )


def test_pairs_reordered_targets_through_the_catalogue() -> None:
    child = _plan(
        [
            {
                "id": "2.1(8)",
                "text": "(8) Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” đạt 100%.",
            },
            {"id": "2.1(9)", "text": "(9) 100% Tổ dân phố đạt chuẩn văn hóa."},
        ]
    )
    parent = _plan(
        [
            {
                "id": "2.1(10)",
                "text": "(10) Thôn, tổ dân phố đạt chuẩn văn hóa đạt tỷ lệ trên 90%.",
            },
            {
                "id": "2.1(9)",
                "text": "(9) Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” trên 84%.",
            },
        ]
    )
    matches = match_plans(child, parent, load_reference(), WARD)
    pairs = {(match.child_id, match.parent_id, match.canonical_id) for match in matches}
    assert pairs == {
        ("2.1(8)", "2.1(9)", "six_no_residential_areas"),
        ("2.1(9)", "2.1(10)", "cultural_villages"),
    }
    assert all(match.method == "catalogue" and match.score >= 80 for match in matches)
    assert all("danh mục Đề án 13" in match.explanation for match in matches)


def test_unmatched_items_on_both_sides_are_kept() -> None:
    child = _plan([{"id": "2.1(12)", "text": "(12) Tổ chức 02 hội thi văn nghệ quần chúng."}])
    parent = _plan(
        [{"id": "2.1(11)", "text": "(11) Tỷ lệ người dân được đào tạo kỹ năng số cơ bản trên 70%."}]
    )
    matches = match_plans(child, parent, load_reference(), WARD)
    assert {(match.child_id, match.parent_id) for match in matches} == {
        (None, "2.1(11)"),
        ("2.1(12)", None),
    }
    assert all(match.method == "unmatched" and match.score == 0 for match in matches)


def test_uncatalogued_items_pair_by_text_similarity() -> None:
    text = "(12) Tổ chức hội thi tìm hiểu lịch sử Đảng bộ cho đoàn viên thanh niên hằng năm."
    child = _plan([{"id": "2.1(12)", "text": text.replace("hằng năm", "mỗi năm")}])
    parent = _plan([{"id": "2.1(12)", "text": text}])
    [match] = match_plans(child, parent, load_reference(), WARD)
    assert match.method == "fuzzy" and match.score >= 72
    assert "ngưỡng" in match.explanation


def test_items_of_different_catalogue_entries_are_never_paired_by_text() -> None:
    child = _plan([{"id": "2.1(4)", "text": "(4) Tỷ lệ hộ nghèo toàn phường giảm 0,5%/năm."}])
    parent = _plan(
        [{"id": "2.1(4)", "text": "(4) Tỷ lệ lao động qua đào tạo toàn thị xã trên 65%."}]
    )
    matches = match_plans(child, parent, load_reference(), WARD)
    assert all(match.child_id is None or match.parent_id is None for match in matches)


def test_rural_indicator_not_applicable_to_a_ward() -> None:
    parent = _plan(
        [
            {
                "id": "2.2.2(1)",
                "text": "(1) Nhân dân đóng góp ít nhất 10.000 ngày công xây dựng nông thôn mới.",
            }
        ]
    )
    [match] = match_plans(_plan([]), parent, load_reference(), WARD)
    assert match.child_id is None
    assert match.not_applicable_reason is not None and "phường" in match.not_applicable_reason
    commune = Applicability(level="xa", coastal=None)
    [match] = match_plans(_plan([]), parent, load_reference(), commune)
    assert match.not_applicable_reason is None


def test_fishing_vessels_not_applicable_only_when_known_inland() -> None:
    parent = _plan(
        [
            {
                "id": "2.1(8)",
                "text": "(8) 100% phương tiện tàu thuyền không vi phạm vùng biển nước ngoài.",
            }
        ]
    )
    [unknown] = match_plans(_plan([]), parent, load_reference(), WARD)
    inland = Applicability(level="xa", coastal=False)
    [known] = match_plans(_plan([]), parent, load_reference(), inland)
    assert unknown.not_applicable_reason is None
    assert known.not_applicable_reason is not None and "biển" in known.not_applicable_reason


def test_agency_gets_no_locality_indicators_but_tasks() -> None:
    agency = Applicability(level="agency", coastal=None)
    parent = _plan(
        [
            {
                "id": "2.1(11)",
                "text": "(11) Tỷ lệ người dân được đào tạo kỹ năng số cơ bản trên 70%.",
            }
        ],
        [
            {
                "id": "III.1.5",
                "title": "Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận",
            }
        ],
    )
    child = _plan(
        [],
        [
            {
                "id": "II.2.1.5",
                "title": "Quan tâm quy hoạch, đào tạo, bồi dưỡng cán bộ làm công tác dân vận.",
            }
        ],
    )
    matches = match_plans(child, parent, load_reference(), agency)
    target = next(match for match in matches if match.kind == "target")
    task = next(match for match in matches if match.kind == "task")
    assert target.not_applicable_reason is not None
    assert (task.child_id, task.parent_id, task.not_applicable_reason) == (
        "II.2.1.5",
        "III.1.5",
        None,
    )


def test_one_child_item_covers_two_parent_items_of_the_same_kind() -> None:
    child = _plan(
        [],
        [
            {
                "id": "II.1",
                "title": "Xây dựng Kế hoạch và tổ chức quán triệt, triển khai thực hiện Đề án 13",
            }
        ],
    )
    parent = _plan(
        [],
        [
            {
                "id": "II.1.1",
                "title": "Quán triệt, xây dựng kế hoạch triển khai thực hiện Đề án 13",
            },
            {
                "id": "II.1.2",
                "title": "Tổ chức triển khai và xây dựng kế hoạch thực hiện Đề án phù hợp",
            },
        ],
    )
    matches = match_plans(child, parent, load_reference(), WARD)
    assert sorted((match.child_id, match.parent_id) for match in matches) == [
        ("II.1", "II.1.1"),
        ("II.1", "II.1.2"),
    ]


def test_indicator_named_outside_any_item_is_mentioned_not_missing() -> None:
    child = build_plan(
        {
            "lines": "KẾ HOẠCH\n(1) Tỷ lệ hộ nghèo giảm 0,5%/năm.\n"
            "- Phấn đấu tỷ lệ người dân được đào tạo kỹ năng số cơ bản đạt trên 70%.",
            "targets": [{"id": "2.1(1)", "line": 2, "text": "(1) Tỷ lệ hộ nghèo giảm 0,5%/năm."}],
        }
    )
    parent = _plan([{"id": "2.1(11)", "text": "(11) Người dân được đào tạo kỹ năng số cơ bản."}])
    [row] = [m for m in match_plans(child, parent, load_reference(), WARD) if m.parent_id]
    assert (row.child_id, row.method) == (None, "mentioned")
    assert "dòng 3" in row.explanation


def test_a_word_far_from_the_targets_does_not_excuse_a_missing_indicator() -> None:
    lines = ["KẾ HOẠCH", "(1) Tỷ lệ hộ nghèo giảm 0,5%/năm."] + ["Nội dung."] * 30
    lines.append("3. Tổ chức tập huấn kỹ năng số cho cán bộ.")
    child = build_plan(
        {
            "lines": "\n".join(lines),
            "targets": [{"id": "2.1(1)", "line": 2, "text": "(1) Tỷ lệ hộ nghèo giảm 0,5%/năm."}],
        }
    )
    parent = _plan([{"id": "2.1(11)", "text": "(11) Người dân được đào tạo kỹ năng số cơ bản."}])
    [row] = [m for m in match_plans(child, parent, load_reference(), WARD) if m.parent_id]
    assert row.method == "unmatched"


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("(5) Phấn đấu 70% lao động được đào tạo nghề.", "trained_labour"),
        ("(4) Giảm nghèo bền vững, mỗi năm giảm 1%.", "poverty_reduction"),
        ("(1) Mỗi năm xây dựng ít nhất 01 mô hình “Dân vận khéo”.", "dv_in_work_programs"),
        ("(9) 100% khu dân cư đạt danh hiệu khu dân cư văn hóa.", "cultural_villages"),
        (
            "(8) Khu dân cư đạt tiêu chuẩn “Khu dân cư 6 không” đạt 100%.",
            "six_no_residential_areas",
        ),
        ("(2) 100% hộ xây dựng nhà ở có giấy phép xây dựng.", "licensed_housing"),
        (
            "(3) Ban Thanh tra nhân dân hoạt động có hiệu quả từ 85% trở lên.",
            "people_inspection_boards",
        ),
        ("(1) 95% vỉa hè không bị lấn chiếm để kinh doanh.", "sidewalks_free"),
    ],
)
def test_classify_other_wordings(text: str, entry_id: str) -> None:
    hit = classify(text, load_reference().indicators)
    assert hit is not None and hit.entry.id == entry_id
