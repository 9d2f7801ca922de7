"""Administrative units across the July 2025 reorganisation (issue 14)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from extract.model import AdminUnit, Line
from extract.parse.admin_units import resolve_unit
from extract.parse.meta import parse_meta
from rules.linking.levels import plan_level
from tests.rules_fixtures import build_plan

BEFORE = dt.date(2023, 1, 5)
AFTER = dt.date(2025, 8, 5)


def test_a_commune_named_by_its_issuer():
    assert resolve_unit("Ủy ban nhân dân xã Dân Lực", "Dân Lực", dt.date(2021, 2, 18)) == AdminUnit(
        level="xa", name="Dân Lực", province="Thanh Hóa", era="legacy"
    )


def test_a_district_before_the_reorganisation_and_the_commune_after_it():
    # Huyện Mộ Đức was abolished on 1 July 2025; xã Mộ Đức is one of the new communes.
    assert resolve_unit("Huyện ủy Mộ Đức", None, BEFORE) == AdminUnit(
        level="huyen", name="Mộ Đức", province="Quảng Ngãi", era="legacy"
    )
    assert resolve_unit("Đảng ủy xã Mộ Đức", None, AFTER) == AdminUnit(
        level="xa", name="Mộ Đức", province="Quảng Ngãi", era="2025"
    )


def test_a_place_alone_tells_the_level_of_its_time():
    before = resolve_unit("Ủy ban nhân dân", "Sơn Tịnh", BEFORE)
    after = resolve_unit("Ủy ban nhân dân", "Sơn Tịnh", AFTER)
    assert (before and before.level, after and after.level) == ("huyen", "xa")


def test_a_merged_unit_is_still_found_after_the_reorganisation():
    unit = resolve_unit(None, "Phổ Ninh", AFTER)  # a ward merged in 2025
    assert unit is not None and (unit.level, unit.era) == ("phuong", "legacy")


def test_a_province_by_the_name_it_had_before_its_renaming():
    # Tỉnh Thừa Thiên Huế has been thành phố Huế since 1 January 2025 (Nghị quyết
    # 1314/NQ-UBTVQH15); its plans of 2017-2024 name the province by its former name.
    assert resolve_unit("Ủy ban nhân dân tỉnh Thừa Thiên Huế", None, BEFORE) == AdminUnit(
        level="tinh", name="Thừa Thiên Huế", province="Huế", era="legacy"
    )


def test_a_commune_named_with_its_province_after_the_reorganisation_is_the_commune():
    # After 1 July 2025 no district stands between a commune and its province: "UBND xã
    # Tân Yên, tỉnh Bắc Ninh" names the commune and places it; the province is no level
    # of the issuer's (it was read as one when a comma cut the commune's name off).
    expected = AdminUnit(level="xa", name="Tân Yên", province="Bắc Ninh", era="2025")
    assert resolve_unit("Ủy ban nhân dân xã Tân Yên, tỉnh Bắc Ninh", None, AFTER) == expected
    assert resolve_unit("Ủy ban nhân dân xã Tân Yên tỉnh Bắc Ninh", None, AFTER) == expected
    # Alone, the commune's name is shared by several provinces: the level only.
    alone = resolve_unit("Ủy ban nhân dân xã Tân Yên", None, AFTER)
    assert alone is not None and (alone.level, alone.province) == ("xa", None)


def test_a_post_reorganisation_party_header_gives_the_commune_and_its_provinces_committee():
    # Hướng dẫn 36-HD/VPTW: the superior committee above the issuer, then "*".
    meta = parse_meta(
        [
            Line(number=index, raw=text, text=text)
            for index, text in enumerate(
                [
                    "ĐẢNG BỘ TỈNH CÀ MAU",
                    "ĐẢNG ỦY XÃ U MINH",
                    "*",
                    "Số: 20-KH/ĐU",
                    "ĐẢNG CỘNG SẢN VIỆT NAM",
                    "U Minh, ngày 20 tháng 8 năm 2025",
                    "KẾ HOẠCH",
                    "Thực hiện Nghị quyết Đại hội Đảng bộ xã",
                ],
                start=1,
            )
        ]
    )
    assert (meta.issuer, meta.issuer_parent, meta.place) == (
        "Đảng ủy xã U Minh",
        "Đảng bộ tỉnh Cà Mau",
        "U Minh",
    )
    assert meta.unit == AdminUnit(level="xa", name="U Minh", province="Cà Mau", era="2025")


def test_a_name_holding_xa_hoi_names_no_commune():
    unit = resolve_unit("Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi", None, BEFORE)
    assert unit is not None and (unit.level, unit.name) == ("tinh", "Quảng Ngãi")


def test_ambiguity_says_nothing():
    # The province and its city share the name; a dozen provinces have a xã Tân Phong.
    assert resolve_unit("Ủy ban nhân dân", "Quảng Ngãi", BEFORE) is None
    tan_phong = resolve_unit("Đảng ủy xã Tân Phong", None, dt.date(2024, 12, 4))
    assert tan_phong is not None and (tan_phong.level, tan_phong.province) == ("xa", None)
    assert resolve_unit(None, "Không Có Nơi Này", BEFORE) is None


def test_the_plan_level_comes_from_the_unit_when_the_issuer_names_no_level():
    lines = [
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
        "Số: 19/KH-UBND | Sơn Tịnh, ngày 05 tháng 01 năm 2023 |",
        "KẾ HOẠCH",
    ]
    meta = parse_meta([Line(number=i, raw=text, text=text) for i, text in enumerate(lines, 1)])
    assert meta.issuer == "Ủy ban nhân dân"
    assert meta.unit is not None and meta.unit.level == "huyen"
    plan = build_plan({"lines": "\n".join(lines), "parse": True})
    assert plan_level(plan) == "huyen"


def test_the_units_are_read_without_importing_the_package():
    # Its parser may geocode over the network; only its data file is read.
    code = (
        "import sys, datetime; from extract.parse.admin_units import resolve_unit; "
        "resolve_unit('Huyện ủy Mộ Đức', None, datetime.date(2023, 1, 1)); "
        "print('vietnamadminunits' in sys.modules)"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_superior_body_places_the_issuers_unit_and_never_stands_for_it():
    # Xã Tân Phong is a commune of ten provinces; "ĐẢNG BỘ HUYỆN QUẢNG XƯƠNG" above it
    # places it in Thanh Hóa. A superior body's unit is not the issuer's: a Sở under
    # "UBND TỈNH BÌNH ĐỊNH" names no unit of its own.
    placed = resolve_unit("Đảng ủy xã Tân Phong", None, BEFORE, "Đảng bộ huyện Quảng Xương")
    assert placed == AdminUnit(level="xa", name="Tân Phong", province="Thanh Hóa", era="legacy")
    assert resolve_unit("Đảng ủy xã Tân Phong", None, BEFORE, "Đảng bộ tỉnh Lai Châu") is None
    assert resolve_unit("Sở Y tế", None, BEFORE, "UBND tỉnh Bình Định") is None
