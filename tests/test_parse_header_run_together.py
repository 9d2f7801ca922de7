"""Issue 14: a superior body and its issuer run together on one flattened line.

A page that flattens each cell of the header table with spaces (luatvietnam.vn
gives "ỦY BAN NHÂN DÂN Số: 129/KH-UBND | CỘNG HÒA ...") puts the superior body
and the issuer on one line. The headers below are development openings
(tests/realdocs) laid out that way; the names they hold are real.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extract.parse.header_names import run_together
from tests.test_parse_header_layouts import header_of

# Sở LĐTBXH Hà Tĩnh, Hướng dẫn 20/HD-SLĐTBXH (dev), its name block on one line.
DEPARTMENT_UNDER_PROVINCE = (
    "UBND TỈNH HÀ TĨNH SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI Số: 20/HD-SLĐTBXH | CỘNG HÒA XÃ"
    " HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Tĩnh, ngày 04 tháng 3 năm 2009 |\n"
    "HƯỚNG DẪN\nQUI TRÌNH VÀ KẾ HOẠCH RÀ SOÁT LẠI HỘ NGHÈO, HỘ CẬN NGHÈO"
)
# Ban Dân vận Trung ương, Kế hoạch 06-KH/BDVTW (dev), the same way.
PARTY_BOARD_UNDER_CENTRAL_COMMITTEE = (
    "BAN CHẤP HÀNH TRUNG ƯƠNG BAN DÂN VẬN * Số: 06-KH/BDVTW | ĐẢNG CỘNG SẢN VIỆT NAM Hà Nội,"
    " ngày 19 tháng 02 năm 2020 |\nKẾ HOẠCH\nTHỰC HIỆN \"NĂM DÂN VẬN KHÉO\" 2020"
)


def test_a_department_and_its_province_on_one_line_are_two_bodies():
    assert header_of(DEPARTMENT_UNDER_PROVINCE) == {
        "doc_type": "Hướng dẫn",
        "number": "20/HD-SLĐTBXH",
        "issuer": "Sở Lao động - Thương binh và Xã hội",
        "issuer_parent": "UBND tỉnh Hà Tĩnh",
        "place": "Hà Tĩnh",
        "issue_date": dt.date(2009, 3, 4),
    }


def test_a_party_board_and_the_central_committee_on_one_line():
    header = header_of(PARTY_BOARD_UNDER_CENTRAL_COMMITTEE)
    assert (header["issuer"], header["issuer_parent"]) == (
        "Ban Dân vận Trung ương",
        "Ban Chấp hành Trung ương",
    )
    assert header["number"] == "06-KH/BDVTW"


@pytest.mark.parametrize(
    ("line", "party", "names"),
    [
        # Hướng dẫn 36-HD/VPTW: a commune's Party committee under its district's Party
        # organisation; "Phú Hội" is a commune whose name holds a body word ("Hội").
        (
            "ĐẢNG BỘ HUYỆN PHÚ VANG ĐẢNG ỦY XÃ PHÚ HỘI",
            True,
            ["ĐẢNG BỘ HUYỆN PHÚ VANG", "ĐẢNG ỦY XÃ PHÚ HỘI"],
        ),
        ("TỈNH ỦY QUẢNG NGÃI BAN DÂN VẬN", True, ["TỈNH ỦY QUẢNG NGÃI", "BAN DÂN VẬN"]),
        ("UBND HUYỆN PHÚ VANG PHÒNG NỘI VỤ", False, ["UBND HUYỆN PHÚ VANG", "PHÒNG NỘI VỤ"]),
    ],
)
def test_the_issuer_starts_again_with_a_body_word_after_a_known_place(line, party, names):
    assert run_together(line, party) == names


@pytest.mark.parametrize(
    "line",
    [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",  # "PHÒNG" is a body word inside the city's name
        "ỦY BAN NHÂN DÂN XÃ PHÚ HỘI",  # "HỘI" too
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",  # "XÃ HỘI" is society, not a commune
        "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ",  # "SỞ" ends a word, after no place
        "BAN CHẤP HÀNH TRUNG ƯƠNG HỘI NÔNG DÂN VIỆT NAM",  # not a Party document
        "UBND TỈNH BINH DINH BAN DÂN TỘC",  # "Đ" typed "D" as well: no unit, no cut is guessed
    ],
)
def test_names_holding_body_words_stay_whole(line):
    assert run_together(line, party=False) == [line]


def test_hai_phong_on_one_line_with_its_number_is_one_issuer():
    header = header_of(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG Số: 12/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT"
        " NAM Hải Phòng, ngày 04 tháng 3 năm 2021 |\nKẾ HOẠCH"
    )
    assert (header["issuer"], header["issuer_parent"]) == (
        "Ủy ban nhân dân thành phố Hải Phòng",
        None,
    )


def test_a_place_typed_with_a_wrong_tone_mark_still_ends_the_superior_body():
    # The corpus's Ban Dân tộc Quảng Ngãi plan types its superior body "UBND TỈNH QUANG
    # NGÃI" (the hook of "Quảng" lost); laid out as luatvietnam.vn lays out a cell, the
    # name block runs on with the issuer. Without tone marks the place is Quảng Ngãi.
    names = run_together("UBND TỈNH QUANG NGÃI BAN DÂN TỘC")
    assert names == ["UBND TỈNH QUANG NGÃI", "BAN DÂN TỘC"]
    header = header_of(
        "UBND TỈNH QUANG NGÃI BAN DÂN TỘC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do"
        " – Hạnh phúc |\nSố: | Quảng Ngãi, ngày 12 tháng 12 năm 2022 |\nĐỀ ÁN"
    )
    assert (header["issuer"], header["issuer_parent"]) == ("Ban Dân tộc", "UBND tỉnh Quang Ngãi")


def test_a_name_in_capitals_takes_the_place_as_the_date_line_spells_it():
    # dien-bien-truong-th-ang-nua-bc-chuan-quoc-gia (dev): the school's name typed "ẢNG
    # NƯA" in capitals, its place-date line "Ẳng Nưa, ngày ..." in mixed case.
    header = header_of(
        "UBND HUYỆN MƯỜNG ẢNG\nTRƯỜNG TIỂU HỌC ẢNG NƯA\n––––––––––\n\nCỘNG HOÀ XÃ HỘI CHỦ"
        " NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n––––––––––––––––––––––––\nẲng Nưa, ngày 9"
        " tháng 10 năm 2010\nBÁO CÁO\nTỔNG KẾT 10 NĂM XÂY DỰNG TRƯỜNG CHUẨN QUỐC GIA"
    )
    assert (header["issuer"], header["place"]) == ("Trường Tiểu học Ẳng Nưa", "Ẳng Nưa")
    # Another name is not respelled: only marks and case may differ.
    other = header_of(
        "UBND HUYỆN MƯỜNG ẢNG\nTRƯỜNG TIỂU HỌC ẢNG CANG\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nẲng Nưa, ngày 9 tháng 10 năm 2010\nBÁO CÁO"
    )
    assert other["issuer"] == "Trường Tiểu học Ảng Cang"


def test_a_province_named_as_before_its_renaming_ends_the_superior_body():
    # Thừa Thiên Huế became thành phố Huế on 1 January 2025; the gazetteer's older era was
    # taken after that, so "THỪA THIÊN HUẾ" was unknown and the line stayed one name.
    names = run_together("UBND TỈNH THỪA THIÊN HUẾ SỞ Y TẾ")
    assert names == ["UBND TỈNH THỪA THIÊN HUẾ", "SỞ Y TẾ"]
