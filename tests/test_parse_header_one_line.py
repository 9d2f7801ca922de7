"""Issue 14: headers run onto one line or flattened cell by cell, from real pages.

Each excerpt is a real opening (tests/realdocs development texts, or the pages
corpus's stored copy, named beside it); what is asserted is what the text states.
"""

from __future__ import annotations

import datetime as dt

from extract.parse.meta import parse_meta
from tests.test_parse_header_layouts import header_of, lines_of


def test_a_number_with_a_space_inside_its_symbol():
    # The symbol's last part typed with a space, as the Phú Thọ plan cites the circular
    # ("01/2016/TT-BGD ĐT"); in a header the same slip gives the whole number.
    header = header_of(
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\n-------\nSố: 01/2016/TT-BGD ĐT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 15 tháng 01 năm 2016\nTHÔNG TƯ\nBan hành Quy chế"
    )
    assert header["number"] == "01/2016/TT-BGDĐT"
    # Letters in capitals before the place-date are the place's ("TP Hồ Chí Minh, ngày").
    place_after_number = header_of(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nSố: 45/KH-UBND TP Hồ Chí Minh, ngày 05 tháng"
        " 3 năm 2020\nKẾ HOẠCH"
    )
    assert place_after_number["number"] == "45/KH-UBND"


def title_of(text: str) -> str | None:
    return parse_meta(lines_of(text)).title


# Bộ LĐTBXH, Quyết định 23/2007/QĐ-BLĐTBXH (tests/realdocs): the title in capitals after
# the kind, then the authority that decides ("BỘ TRƯỞNG BỘ ..."), then the bases.
DECISION_ON_ONE_LINE = (
    "  1. BỘ LAO ĐỘNG – THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BINH VÀ XÃ HỘI Độc lập –"
    " Tự do – Hạnh phúc ******* ******* Số: 23/2007/QĐ-BLĐTBXH Hà Nội, ngày 05 tháng 10 năm"
    " 2007 QUYẾT ĐỊNH BAN HÀNH HỆ THỐNG CHỈ TIÊU THEO DÕI, GIÁM SÁT CHƯƠNG TRÌNH MỤC TIÊU"
    " QUỐC GIA GIẢM NGHÈO GIAI ĐOẠN 2006-2010 CỦA CẤP TỈNH BỘ TRƯỞNG BỘ LAO ĐỘNG – THƯƠNG"
    " BINH VÀ XÃ HỘI Căn cứ Nghị định số 29/2003/NĐ-CP ngày 31 tháng 3 năm 2003 của Chính"
    " phủ quy định chức năng"
)


def test_title_in_capitals_on_one_line_ends_before_the_deciding_authority():
    assert title_of(DECISION_ON_ONE_LINE) == (
        "BAN HÀNH HỆ THỐNG CHỈ TIÊU THEO DÕI, GIÁM SÁT CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM"
        " NGHÈO GIAI ĐOẠN 2006-2010 CỦA CẤP TỈNH"
    )


# Hà Nội, Kế hoạch 129/KH-UBND (luatvietnam.vn, as the pages corpus stores it): each cell
# of the table flattened with spaces, the name and the number in one cell. The stored
# excerpt stops at "06 n"; the page's own attributes give 07/06/2018.
NAME_AND_NUMBER_IN_ONE_CELL = (
    "ỦY BAN NHÂN DÂN Số: 129/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Hà Nội, ngày 07"
    " tháng 06 năm 2018"
)


def test_a_name_and_the_number_in_one_cell_are_both_read():
    assert header_of(NAME_AND_NUMBER_IN_ONE_CELL) == {
        "doc_type": "Kế hoạch",
        "number": "129/KH-UBND",
        "issuer": "Ủy ban nhân dân",
        "issuer_parent": None,
        "place": "Hà Nội",
        "issue_date": dt.date(2018, 6, 7),
    }


# Sở Giáo dục và Đào tạo Ninh Thuận, Công văn 2917/SGDĐT-VP (tailieumienphi.vn, as the
# pages corpus stores it, stray tone marks included): the PDF text on one line, the date
# run on into the letter's subject and its addressees.
LETTER_ON_ONE_LINE = (
    "  1. UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc"
    " lập - Tự do - Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 tháng11 năm"
    " 2010 V/v báo cáo nhanh tinh hình bị thiêt hai ̀ ̣ ̣ do lũ lụt cua nganh Giao duc và Đao"
    " tao. ̉ ̀ ́ ̣ ̀ ̣ Kính gửi: - Ủy ban nhân dân tỉnh Ninh Thuận; - Bộ Giao duc và Đao tao."
)


def test_a_date_run_on_into_a_letters_subject_ends_at_its_year():
    header = header_of(LETTER_ON_ONE_LINE)
    assert header == {
        "doc_type": "Công văn",
        "number": "2917/SGDĐT-VP",
        "issuer": "Sở Giáo dục và Đào tạo",
        "issuer_parent": "UBND tỉnh Ninh Thuận",
        "place": "Phan Rang-Tháp Chàm",
        "issue_date": dt.date(2010, 11, 5),
    }
    assert title_of(LETTER_ON_ONE_LINE).startswith("báo cáo nhanh tinh hình")


def title_under(kind: str, *lines: str) -> str | None:
    return parse_meta(lines_of("\n".join([kind, *lines]))).title


def test_the_deciding_authority_under_a_title_is_no_part_of_it():
    # Trà Vinh, Nghị quyết 15/2020/NQ-HĐND (dev): the council and its session under the title.
    assert title_under(
        "NGHỊ QUYẾT",
        "VỀ NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH TRÀ VINH NĂM 2021",
        "HỘI ĐỒNG NHÂN DÂN TỈNH TRÀ VINH,",
        "KHÓA IX - KỲ HỌP THỨ 18",
        "Căn cứ Luật Tổ chức chính",
    ) == "VỀ NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH TRÀ VINH NĂM 2021"


def test_a_body_joined_to_the_title_by_a_connector_stays_in_it():
    # Tiền Giang, Quyết định 33/2009/QĐ-UBND (thuvienphapluat.vn, pages corpus): the title
    # names the council's network "CỦA ỦY BAN NHÂN DÂN TỈNH", then the authority line.
    title = (
        "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ KHAI THÁC MẠNG TIN HỌC DIỆN RỘNG CỦA ỦY BAN NHÂN"
        " DÂN TỈNH TIỀN GIANG"
    )
    authority = "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG"
    body = "Căn cứ Luật Tổ chức Hội đồng"
    assert title_under(
        "QUYẾT ĐỊNH",
        "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ KHAI THÁC MẠNG TIN HỌC DIỆN",
        "RỘNG CỦA ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
        authority,
        body,
    ) == title
    # The same title broken right after "CỦA": the next line is still the title's.
    assert title_under(
        "QUYẾT ĐỊNH",
        "BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ KHAI THÁC MẠNG TIN HỌC DIỆN RỘNG CỦA",
        "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
        authority,
        body,
    ) == title


def test_a_rule_the_repair_read_as_a_word_still_ends_the_title():
    # Đắk Nông, Quyết định về khuyến nông 2006-2010 (dev, a print view without the header
    # table): the rule of underscores under the title came back from dropped-glyph repair
    # as "và" (earlier "đề"); the authority line under it names the issuer.
    from extract.model import Line

    printed = [
        ("Sign In", "Sign In"),
        ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),
        ("Ban hành Kế hoạch Phát triển khuyến nông, khuyến ngư giai đoạn 2006 - 2010 và"
         " định hướng đến năm 2020", None),
        ("______________________________", "và"),
        ("ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG", "ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG"),
        ("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", None),
    ]
    lines = [
        Line(number=number, raw=raw, text=text or raw)
        for number, (raw, text) in enumerate(printed, start=1)
    ]
    meta = parse_meta(lines)
    assert meta.title == (
        "Ban hành Kế hoạch Phát triển khuyến nông, khuyến ngư giai đoạn 2006 - 2010 và định"
        " hướng đến năm 2020"
    )
    assert meta.issuer == "Ủy ban nhân dân tỉnh Đăk Nông"
