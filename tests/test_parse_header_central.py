"""Issue 14: central bodies' headers, from real pages (tests/realdocs development texts).

What is asserted is what the page states; the excerpts are the pages corpus's copies.
"""

from __future__ import annotations

import datetime as dt

from tests.test_parse_header_layouts import header_of

# ubtvqh-nq653-2019-sap-xep-don-vi-hanh-chinh: a legal library's page. The Standing
# Committee labels its number "Nghị quyết số:", its name wraps "ỦY BAN THƯỜNG VỤ" /
# "QUỐC HỘI", and the first basis names the state ("Hiến pháp nước Cộng hòa xã hội chủ
# nghĩa Việt Nam") right under the kind line.
STANDING_COMMITTEE = (
    "Nghị quyết 653/2019/UBTVQH14\n\nNghị quyết 653/2019/UBTVQH14 về sắp xếp các đơn vị hành"
    " chính cấp huyện, xã trong giai đoạn 2019-2021 do Ủy ban Thường vụ Quốc hội ban hành\n\n"
    "Nội dung toàn văn Nghị quyết 653/2019/UBTVQH14 sắp xếp các đơn vị hành chính cấp huyện"
    " xã giai đoạn 2019 2021\n\n\nỦY BAN THƯỜNG VỤ\nQUỐC HỘI\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ"
    " NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\nNghị quyết số:"
    " 653/2019/UBTVQH14\n\nHà Nội, ngày 12 tháng 3 năm 2019\n\n \n\nNGHỊ QUYẾT\n\nVỀ VIỆC SẮP"
    " XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP HUYỆN, CẤP XÃ TRONG GIAI ĐOẠN 2019 - 2021\n\nỦY BAN"
    " THƯỜNG VỤ QUỐC HỘI\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n"
    "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;\n\nCăn cứ Luật Tổ chức chính quyền địa"
    " phương số 77/2015/QH13;\n"
)


def test_the_standing_committees_header():
    assert header_of(STANDING_COMMITTEE) == {
        "doc_type": "Nghị quyết",
        "number": "653/2019/UBTVQH14",
        "issuer": "Ủy ban Thường vụ Quốc hội",
        "issuer_parent": None,
        "place": "Hà Nội",
        "issue_date": dt.date(2019, 3, 12),
    }


def test_a_citation_opening_a_line_is_no_number_label():
    # Guard (passes before too): "Nghị quyết số 18-NQ/TW ..." without the label's colon
    # opens a citation; only "Nghị quyết số:" labels the header's number.
    header = header_of(
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n\nNghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017"
        " của Ban Chấp hành Trung ương Đảng\n\nKẾ HOẠCH"
    )
    assert header["number"] is None
