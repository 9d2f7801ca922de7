from typing import Any

import pytest

from extract.model import Plan
from rules import check_plan
from rules.linking import find_parent
from rules.linking.levels import is_coastal, level_of_issuer, plan_level
from rules.linking.parent import UNCITED_PARENT_NOTE, parent_note
from tests.rules_fixtures import build_plan

IMPLEMENTS = "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        ("Đảng ủy phường Phổ Ninh", "phuong"),
        ("ĐẢNG ỦY XÃ NGHĨA KỲ", "xa"),
        ("Ủy ban nhân dân thị trấn La Hà", "xa"),
        ("Ban Thường vụ Thị ủy", "huyen"),
        ("Huyện ủy Sơn Tịnh", "huyen"),
        ("UBND thị xã Hồng Lĩnh", "huyen"),
        ("Ban Thường vụ Tỉnh ủy", "tinh"),
        ("Ban Dân vận Tỉnh ủy", "tinh"),
        ("UBND tỉnh Quảng Ngãi", "tinh"),
        ("Ban Dân tộc", "agency"),
        ("ĐẢNG BỘ XÃ BÌNH CHÂU", "xa"),
        ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "tinh"),
        ("ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", "huyen"),
        ("Ủy ban Mặt trận Tổ quốc xã Tịnh Hà", "xa"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "agency"),
        ("Ban Tuyên giáo Tỉnh ủy", "agency"),
    ],
)
def test_level_of_issuer(issuer: str, level: str) -> None:
    assert level_of_issuer(issuer) == level


def test_level_of_unknown_issuer_is_none() -> None:
    assert level_of_issuer("Hội Nông dân") is None


def test_level_from_how_the_plan_names_its_own_bodies() -> None:
    plan = build_plan(
        {
            "lines": "KẾ HOẠCH\n- Cơ quan thực hiện: Ủy ban nhân dân phường; Mặt trận phường.\n"
            "- Cơ quan thực hiện: Ủy ban nhân dân phường.\n- Đảng ủy các xã, phường."
        }
    )
    assert plan_level(plan) == "phuong"


def test_plural_lower_units_do_not_make_a_town_a_ward() -> None:
    plan = build_plan(
        {
            "lines": "KẾ HOẠCH\n- Cơ quan thực hiện: UBND thị xã; Đảng ủy các xã, phường.\n"
            "- Cơ quan thực hiện: UBND thị xã; Đảng ủy các xã, phường.\n"
            "- Cơ quan tham mưu: UBND thị xã."
        }
    )
    assert plan_level(plan) == "huyen"


def test_level_unknown_without_evidence() -> None:
    assert plan_level(build_plan({"lines": "KẾ HOẠCH\nNội dung."})) is None


@pytest.mark.parametrize(
    ("text", "coastal"),
    [
        ("100% phương tiện tàu thuyền không vi phạm vùng biển nước ngoài", True),
        ("hỗ trợ ngư dân bám biển", True),
        ("vùng đồng bào dân tộc thiểu số và miền núi", False),
        ("xây dựng đô thị văn minh", None),
        # The words inside longer words are not the phrase: "ngư dân" in "ngư dânh" is not.
        ("khen thưởng ngư dânh và vùng biểnn", None),
        ("Ngư dân", True),
    ],
)
def test_is_coastal(text: str, coastal: bool | None) -> None:
    assert is_coastal(build_plan({"lines": text})) is coastal


def _plan(issuer: str, number: str | None, lines: str, name: str, **meta: Any) -> Plan:
    return build_plan(
        {"lines": lines, "meta": {"issuer": issuer, "number": number, **meta}}, name=name
    )


def _agency_citing_90() -> Plan:
    return _plan(
        "Ban Dân tộc",
        None,
        IMPLEMENTS,
        "bdt.txt",
        references=[{"number": "90-KH/BDVTU", "raw": "Kế hoạch số 90-KH/BDVTU", "line": 1}],
    )


def test_parent_by_cited_number() -> None:
    provincial = _plan("Ban Dân vận Tỉnh ủy", "90-KH/BDVTU", IMPLEMENTS, "p90.txt")
    child = _agency_citing_90()
    other = _plan("Ban Thường vụ Thị ủy", None, IMPLEMENTS, "town.txt")
    assert find_parent(child, [other, provincial, child]) is provincial


def test_parent_by_level_one_above() -> None:
    town = _plan("Ban Thường vụ Thị ủy", None, IMPLEMENTS, "town.txt")
    province = _plan("Ban Thường vụ Tỉnh ủy", "13-ĐA/TU", "Đề án", "province.txt")
    ward = _plan("Đảng ủy phường An Phú", "48-KH/ĐU", IMPLEMENTS, "ward.txt")
    assert find_parent(ward, [province, town, ward]) is town


def test_no_parent_when_candidate_does_not_implement_the_same_de_an() -> None:
    other_town = _plan("UBND thị xã Hồng Lĩnh", None, "Kế hoạch dân vận chính quyền", "hl.txt")
    ward = _plan("Đảng ủy phường An Phú", "48-KH/ĐU", IMPLEMENTS, "ward.txt")
    assert find_parent(ward, [other_town]) is None


def test_agency_is_never_a_locality_parent() -> None:
    agency = _plan("Ban Dân tộc", None, IMPLEMENTS, "bdt.txt")
    ward = _plan("Đảng ủy phường An Phú", "48-KH/ĐU", IMPLEMENTS, "ward.txt")
    district = _plan("Ban Thường vụ Huyện ủy", None, IMPLEMENTS, "district.txt")
    assert find_parent(ward, [agency]) is None
    assert find_parent(district, [agency]) is None


def test_nearest_level_wins_over_a_cited_higher_document() -> None:
    de_an = _plan("Ban Thường vụ Tỉnh ủy", "13-ĐA/TU", "ĐỀ ÁN", "de-an.txt")
    town = _plan("Ban Thường vụ Thị ủy", None, IMPLEMENTS, "town.txt")
    ward = _plan(
        "Đảng ủy phường An Phú",
        "48-KH/ĐU",
        IMPLEMENTS,
        "ward.txt",
        references=[{"number": "13-ĐA/TU", "raw": "Đề án số 13-ĐA/TU", "line": 1}],
    )
    assert find_parent(ward, [de_an, town]) is town
    assert find_parent(ward, [de_an]) is de_an


def test_a_lower_plan_is_never_the_parent_even_if_cited() -> None:
    ward = _plan("Đảng ủy phường An Phú", "48-KH/ĐU", IMPLEMENTS, "ward.txt")
    town = _plan(
        "Ban Thường vụ Thị ủy",
        None,
        IMPLEMENTS,
        "town.txt",
        references=[{"number": "48-KH/ĐU", "raw": "Kế hoạch số 48-KH/ĐU", "line": 1}],
    )
    assert find_parent(town, [ward]) is None


@pytest.mark.parametrize(
    ("text", "implements"),
    [
        (IMPLEMENTS, True),
        ("Triển khai thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận", True),
        ("Căn cứ Chỉ thị số 33/CT-TTg; Kế hoạch công tác dân vận chính quyền năm 2023", False),
        ("KẾ HOẠCH công tác năm 2023\nI. CĂN CỨ\n- Đề án số 13-ĐA/TU.", False),
    ],
)
def test_implements_de_an_13_from_the_text(text: str, implements: bool) -> None:
    from rules.linking.levels import implements_de_an_13
    from rules.reference import load_reference

    assert implements_de_an_13(build_plan({"lines": text}), load_reference()) is implements


def test_among_several_towns_the_one_the_ward_names_wins() -> None:
    duc_pho = _plan("Ban Thường vụ Thị ủy Đức Phổ", None, IMPLEMENTS, "a.txt", place="Đức Phổ")
    other = _plan("Ban Thường vụ Thị ủy Hương Trà", None, IMPLEMENTS, "b.txt", place="Hương Trà")
    ward = _plan(
        "Đảng ủy phường Phổ Ninh",
        "48-KH/ĐU",
        f"{IMPLEMENTS}\nNơi nhận: Ban Thường vụ Thị ủy Đức Phổ",
        "ward.txt",
        issuer_parent="Đảng bộ thị xã Đức Phổ",
    )
    assert find_parent(ward, [other, duc_pho]) is duc_pho
    assert find_parent(ward, [duc_pho, other]) is duc_pho


def test_a_parent_the_child_does_not_cite_comes_with_a_note() -> None:
    provincial = _plan("Ban Dân vận Tỉnh ủy", "90-KH/BDVTU", IMPLEMENTS, "p90.txt")
    citing = _agency_citing_90()
    town = _plan("Ban Thường vụ Thị ủy", None, IMPLEMENTS, "town.txt")
    ward = _plan("Đảng ủy phường An Phú", "48-KH/ĐU", IMPLEMENTS, "ward.txt")
    assert parent_note(citing, provincial) is None
    assert parent_note(ward, town) == UNCITED_PARENT_NOTE
    assert check_plan(ward, town).parent_note == UNCITED_PARENT_NOTE
    assert check_plan(ward).parent_note is None


HUYEN_PLAN = (
    "Thực hiện Kế hoạch số 45-KH/HU ngày 15/12/2022 của Ban Thường vụ Huyện ủy Sơn Tịnh "
    "về thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"
)


def _commune_of_son_tinh() -> Plan:
    implements = {
        "reference": {
            "kind": "Kế hoạch",
            "number": "45-KH/HU",
            "issuer": "Ban Thường vụ Huyện ủy Sơn Tịnh",
            "raw": "Kế hoạch số 45-KH/HU",
            "line": 1,
        },
        "is_de_an_13": True,
    }
    return _plan("Đảng ủy xã Tịnh An", "27-KH/ĐU", HUYEN_PLAN, "xa.txt", implements=implements)


def test_a_commune_is_not_given_another_districts_plan() -> None:
    town = _plan(
        "",
        None,
        IMPLEMENTS + "\nBan Thường vụ Thị ủy chỉ đạo.\nThị ủy giao.\nBan Thường vụ Thị ủy.",
        "town.txt",
    )
    other_district = _plan("Huyện ủy Mộ Đức", None, IMPLEMENTS, "mo-duc.txt")
    own_district = _plan("Huyện ủy Sơn Tịnh", None, IMPLEMENTS, "son-tinh.txt")
    commune = _commune_of_son_tinh()
    assert find_parent(commune, [town]) is None
    assert find_parent(commune, [town, other_district]) is None
    assert find_parent(commune, [town, other_district, own_district]) is own_district
