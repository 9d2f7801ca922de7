"""Issue 14: headers as real pages give them, one test per failure class.

Each excerpt is a short opening of a real document (tests/realdocs, the realdev
set) or the form the issue quotes; what is asserted is what the text states.
"""

from __future__ import annotations

import datetime as dt

from extract.model import Line
from extract.parse.meta import parse_meta


def lines_of(text: str) -> list[Line]:
    return [
        Line(number=index, raw=line, text=line)
        for index, line in enumerate(text.split("\n"), start=1)
    ]


def header_of(text: str) -> dict[str, object]:
    meta = parse_meta(lines_of(text))
    return {
        "doc_type": meta.doc_type,
        "number": meta.number,
        "issuer": meta.issuer,
        "issuer_parent": meta.issuer_parent,
        "place": meta.place,
        "issue_date": meta.issue_date,
    }


# Trà Vinh, Kế hoạch 19/KH-UBND: cells on lines of their own between "|" lines,
# the motto broken after "CỘNG".
TABLE_CELLS_ON_LINES = """ỦY BAN NHÂN DÂN
TỈNH TRÀ VINH
-------
|
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 19/KH-UBND
|
Trà Vinh, ngày 06 tháng 4 năm 2020
|
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TRÊN ĐỊA
BÀN TỈNH TRÀ VINH NĂM 2020"""


def test_motto_broken_over_cells_is_never_the_issuer():
    assert header_of(TABLE_CELLS_ON_LINES) == {
        "doc_type": "Kế hoạch",
        "number": "19/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Trà Vinh",
        "issuer_parent": None,
        "place": "Trà Vinh",
        "issue_date": dt.date(2020, 4, 6),
    }


def test_cells_joined_by_bars_on_one_line():
    # The issue's example, and Bạc Liêu's Kế hoạch 71/KH-UBND.
    header = header_of(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 91/KH-UBND | Quảng Ngãi, ngày 17 tháng 6 năm 2021 |\n"
        "Căn cứ Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021 của Chính phủ ban hành "
        "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030;"
    )
    assert header["number"] == "91/KH-UBND"
    assert header["place"] == "Quảng Ngãi"
    assert header["issue_date"] == dt.date(2021, 6, 17)
    assert header["issuer"] == "Ủy ban nhân dân"
    assert header["doc_type"] == "Kế hoạch"  # from the symbol: no kind line on the page


def test_written_out_line_breaks_of_a_web_page():
    # Lạng Sơn, Kế hoạch 54/KH-UBND: "\r\n" as text.
    header = header_of(
        "\\r\\n ỦY BAN NHÂN DÂN | \\r\\n \\r\\n CỘNG\\r\\n HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | \\r\\n\n"
        "\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020 \\r\\n |"
    )
    assert (header["issuer"], header["number"], header["place"]) == (
        "Ủy ban nhân dân",
        "54/KH-UBND",
        "Lạng Sơn",
    )


def test_number_under_its_label_and_place_broken_before_the_comma():
    # Thừa Thiên Huế, Kế hoạch 24/KH-UBND.
    header = header_of(
        "ỦY\nBAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\n-------\n|\nCỘNG\n"
        "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\nSố:\n24/KH-UBND\n|\n"
        "Thừa\nThiên Huế, ngày 23 tháng 01 năm 2021\n|\nKẾ HOẠCH"
    )
    assert header["number"] == "24/KH-UBND"
    assert header["place"] == "Thừa Thiên Huế"
    assert header["issuer"] == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"


def test_date_broken_over_lines():
    # Bắc Kạn, Kế hoạch 21/KH-UBND; the issue's Tuyên Quang form.
    bac_kan = header_of("Số: 21/KH-UBND\n|\nBắc Kạn, ngày 16\ntháng 01 năm 2025\n|\nKẾ HOẠCH")
    tuyen_quang = header_of("Số: 7/KH-UBND\nTuyên Quang, ngày\n14 tháng 3 năm 2023\nKẾ HOẠCH")
    assert (bac_kan["place"], bac_kan["issue_date"]) == ("Bắc Kạn", dt.date(2025, 1, 16))
    assert (tuyen_quang["place"], tuyen_quang["issue_date"]) == (
        "Tuyên Quang",
        dt.date(2023, 3, 14),
    )


def test_related_documents_above_the_header_are_not_citations():
    # Bạc Liêu's page lists related documents before the plan itself.
    meta = parse_meta(
        lines_of(
            "- 1 Nghị quyết 28/NQ-CP năm 2021 Chiến lược quốc gia về bình đẳng giới giai đoạn "
            "2021-2030 do Chính phủ ban hành\n"
            "- 2 Kế hoạch 164/KH-UBND năm 2019 thực hiện Chiến lược quốc gia về bình đẳng giới "
            "tỉnh Thừa Thiên Huế giai đoạn 2016-2020\n"
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 71/KH-UBND | Bạc Liêu, ngày 29 tháng 4 năm 2021 |\n"
            "Căn cứ Nghị quyết số 28/NQ-CP ngày 03 tháng 3 năm 2021 của Chính phủ;"
        )
    )
    assert meta.number == "71/KH-UBND"
    assert [reference.number for reference in meta.references] == ["28/NQ-CP"]
    assert meta.references[0].line == 5


def test_page_lead_names_the_document():
    # Thừa Thiên Huế, Chương trình 27-CTr/TU: a portal's lead above the programme.
    meta = parse_meta(
        lines_of(
            "Chương trình thực hiện Chỉ thị 13-CT/TW của Ban Bí thư về tăng cường sự lãnh đạo "
            "của Đảng đối với công tác quản lý, bảo vệ và phát triển rừng\n"
            "Ngày cập nhật 30/10/2017\n"
            "Ngày 23/8/2017, Tỉnh Ủy Thừa Thiên Huế đã ban hành Chương trình số 27-CTr/TU về "
            "thực hiện Chỉ thị 13-CT/TW của Ban Bí thư.\n"
            "CHƯƠNG TRÌNH\n"
            "Thực hiện Chỉ thị 13-CT/TW của Ban Bí thư về tăng cường sự lãnh đạo của Đảng\n"
            "Thực hiện Chỉ thị 13-CT/TW, ngày 12/01/2017 của Ban Bí thư, Ban Thường vụ Tỉnh ủy "
            "ban hành chương trình thực hiện như sau:"
        )
    )
    assert (meta.doc_type, meta.number, meta.issue_date, meta.issuer) == (
        "Chương trình",
        "27-CTr/TU",
        dt.date(2017, 8, 23),
        "Tỉnh Ủy Thừa Thiên Huế",
    )
    cited = [(ref.number, ref.date) for ref in meta.references]
    assert ("13-CT/TW", dt.date(2017, 1, 12)) in cited
    assert all(number != "27-CTr/TU" for number, _ in cited)  # its own number
    assert meta.spans["number"].line == 3


def test_issuer_words_are_not_the_document_type():
    # A Tổng cục's letter: "KẾ HOẠCH HÓA GIA ĐÌNH" is part of its name.
    header = header_of(
        "BỘ Y TẾ\nTỔNG CỤC DÂN SỐ -\nKẾ HOẠCH HÓA GIA ĐÌNH\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 123/TCDS-KHTC\nV/v xây dựng kế hoạch và chỉ tiêu dân số năm 2023\n"
        "Hà Nội, ngày 10 tháng 11 năm 2022\n"
        "Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương."
    )
    assert header["doc_type"] == "Công văn"
    assert header["issuer"] == "Tổng cục Dân số - Kế hoạch hóa gia đình"
    assert header["issuer_parent"] == "Bộ Y tế"
    assert header["number"] == "123/TCDS-KHTC"


def test_document_types_that_are_not_plans():
    # Bình Định, Quyết định 1528/QĐ-UBND; a Báo cáo and a Nghị quyết header.
    decision = header_of(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n|\n"
        "Số: 1528/QĐ-UBND\n|\nBình Định, ngày\n29 tháng 04 năm 2021\n|\nQUYẾT ĐỊNH\n"
        "BAN HÀNH KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH PHÁT TRIỂN CÔNG TÁC\nỦY BAN NHÂN DÂN TỈNH"
    )
    report = header_of("ỦY BAN NHÂN DÂN\nXÃ TÂN PHONG\nSố: 94/BC-UBND\nBÁO CÁO\nKết quả năm 2023")
    resolution = header_of("HỘI ĐỒNG NHÂN DÂN\nTỈNH TRÀ VINH\nSố: 15/NQ-HĐND\nNGHỊ QUYẾT")
    assert (decision["doc_type"], decision["issue_date"]) == (
        "Quyết định",
        dt.date(2021, 4, 29),
    )
    assert decision["issuer"] == "Ủy ban nhân dân tỉnh Bình Định"
    assert report["doc_type"] == "Báo cáo"
    assert resolution["doc_type"] == "Nghị quyết"


def test_no_header_fields_invented_from_body_text():
    # Bà Rịa - Vũng Tàu, xã Tam Phước: a page with targets and no header.
    header = header_of(
        "CÁC CHỈ TIÊU CHỦ YẾU CỦA NĂM 2022:\n"
        "Các chỉ tiêu chủ yếu của năm 2022:\n"
        "- Tỷ lệ tăng dân số tự nhiên: 0,9%\n"
        "- Sản lượng lúa:2.961 tấn; Sản lượng bắp: 14 tấn"
    )
    assert header == dict.fromkeys(header, None)


def test_party_issuer_takes_its_superior_place():
    # Ban Dân vận Trung ương, Kế hoạch 06-KH/BDVTW.
    header = header_of(
        "BAN\nCHẤP HÀNH TRUNG ƯƠNG\nBAN DÂN VẬN\n*\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n---------------\n|\n"
        "Số: 06-KH/BDVTW\n|\nHà Nội, ngày 19 tháng 02 năm 2020\n|\nKẾ HOẠCH"
    )
    assert header["issuer"] == "Ban Dân vận Trung ương"
    assert header["issuer_parent"] == "Ban Chấp hành Trung ương"


def test_every_field_keeps_its_line_span():
    meta = parse_meta(lines_of(TABLE_CELLS_ON_LINES))
    assert {name: span.line for name, span in meta.spans.items()} == {
        "issuer": 1,
        "number": 10,
        "issue_date": 12,
        "place": 12,
        "doc_type": 14,
        "title": 15,
    }
    assert meta.spans["issuer"].end_line == 2
    assert meta.header_lines[0] == 1 and meta.header_lines[-1] == 14


def test_header_typed_in_mixed_case():
    # Some pages set the header in mixed case; the name block is still the issuer's.
    header = header_of(
        "UBND tỉnh Quảng Ngãi   Cộng hòa xã hội chủ nghĩa Việt Nam\n"
        "Sở Nội vụ    Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-SNV    Quảng Ngãi, ngày 3 tháng 5 năm 2024\n"
        "KẾ HOẠCH"
    )
    assert (header["issuer"], header["issuer_parent"]) == ("Sở Nội vụ", "UBND tỉnh Quảng Ngãi")


# Bộ Lao động - Thương binh và Xã hội, Quyết định 23/2007/QĐ-BLĐTBXH as a document-sharing
# page gives it: the PDF's header run onto one line, its two columns interleaved word
# by word, after the page's own lines naming the document.
HEADER_ON_ONE_LINE = """Quyết định số 23/2007/QĐ-BLĐTBXH
Nội dung Text: Quyết định số 23/2007/QĐ-BLĐTBXH

  1. BỘ LAO ĐỘNG – THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM BINH VÀ XÃ HỘI Độc lập – Tự\
 do – Hạnh phúc ******* ******* Số: 23/2007/QĐ-BLĐTBXH Hà Nội, ngày 05 tháng 10 năm 2007\
 QUYẾT ĐỊNH BAN HÀNH HỆ THỐNG CHỈ TIÊU THEO DÕI, GIÁM SÁT CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA\
 GIẢM NGHÈO GIAI ĐOẠN 2006-2010 CỦA CẤP TỈNH BỘ TRƯỞNG BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI\
 Căn cứ Nghị định số 29/2003/NĐ-CP ngày 31 tháng 3 năm 2003 của Chính phủ quy định chức\
 năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Lao động – Thương binh và Xã hội;"""


def test_header_run_onto_one_line_is_cut_where_its_cells_met():
    meta = parse_meta(lines_of(HEADER_ON_ONE_LINE))
    assert header_of(HEADER_ON_ONE_LINE) == {
        "doc_type": "Quyết định",
        "number": "23/2007/QĐ-BLĐTBXH",
        "issuer": "Bộ Lao động – Thương binh và Xã hội",
        "issuer_parent": None,
        "place": "Hà Nội",
        "issue_date": dt.date(2007, 10, 5),
    }
    # The page's own lines name the document: they are not citations.
    assert [reference.number for reference in meta.references] == ["29/2003/NĐ-CP"]


def test_motto_in_running_text_does_not_cut_a_sentence():
    sentence = "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;"
    assert header_layout_cells(sentence) == [sentence]


def header_layout_cells(text: str) -> list[str]:
    from extract.parse.header_layout import line_cells

    return [cell.text for cell in line_cells(Line(number=1, raw=text, text=text))]


# Văn phòng Hội đồng bầu cử quốc gia, Công văn 64 (2021): the page lost the issuer's
# column and the number; the motto and its second line share one line.
LETTER_WITHOUT_ISSUER_COLUMN = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\
 ---------------
V/v tiếp tục triển khai các công việc chuẩn bị tổ chức bầu cử
Hà Nội, ngày 24 tháng 2 năm 2021
Kính gửi:
Đến nay, các địa phương đều đã tổ chức xong hội nghị hiệp thương lần thứ nhất và đang\
 triển khai các thủ tục giới thiệu người ứng cử của cơ quan, tổ chức, đơn vị."""


def test_motto_line_with_its_second_line_is_no_sentence():
    assert header_of(LETTER_WITHOUT_ISSUER_COLUMN) == {
        "doc_type": "Công văn",
        "number": None,
        "issuer": None,
        "issuer_parent": None,
        "place": "Hà Nội",
        "issue_date": dt.date(2021, 2, 24),
    }


# Đăk Nông, a decision on agricultural extension (2007) in a print view that lost the
# header table: the authority line under the title is all that names the issuer.
AUTHORITY_LINE_ONLY = """Sign In

QUYẾT ĐỊNH

Ban hành Kế hoạch Phát triển khuyến nông, khuyến ngư giai đoạn 2006 - 2010 và định hướng\
 đến năm 2020

______________________________

ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG

Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân được Quốc hội thông qua ngày 26\
 tháng 11 năm 2003;"""


def test_authority_line_under_the_title_names_the_issuer_when_the_table_is_lost():
    meta = parse_meta(lines_of(AUTHORITY_LINE_ONLY))
    assert header_of(AUTHORITY_LINE_ONLY) == {
        "doc_type": "Quyết định",
        "number": None,
        "issuer": "Ủy ban nhân dân tỉnh Đăk Nông",
        "issuer_parent": None,
        "place": None,
        "issue_date": None,
    }
    assert meta.spans["issuer"].line == 9
    assert 9 in meta.header_lines


def test_a_chairman_under_the_title_is_not_the_issuing_body():
    text = AUTHORITY_LINE_ONLY.replace(
        "ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG"
    )
    assert header_of(text)["issuer"] is None


# Sở Lao động - Thương binh và Xã hội tỉnh Hà Tĩnh, Hướng dẫn 20/HD-SLĐTBXH (2009): the
# superior body above the issuer; "XÃ HỘI" is a word, not a commune.
DEPARTMENT_UNDER_ITS_PROVINCE = """UBND TỈNH HÀ TĨNH
SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 20/HD-SLĐTBXH

Hà Tĩnh, ngày 04 tháng 3 năm 2009

HƯỚNG DẪN

QUI TRÌNH VÀ KẾ HOẠCH RÀ SOÁT LẠI HỘ NGHÈO, HỘ CẬN NGHÈO"""


def test_xa_hoi_in_a_department_name_is_not_a_commune():
    assert header_of(DEPARTMENT_UNDER_ITS_PROVINCE) == {
        "doc_type": "Hướng dẫn",
        "number": "20/HD-SLĐTBXH",
        "issuer": "Sở Lao động - Thương binh và Xã hội",
        "issuer_parent": "UBND tỉnh Hà Tĩnh",
        "place": "Hà Tĩnh",
        "issue_date": dt.date(2009, 3, 4),
    }


# Bộ Giáo dục và Đào tạo, Thông tư 28/2014/TT-BGDĐT as a document-sharing page gives
# it: the header on one line with single spaces, rules of dashes between its fields.
HEADER_ON_ONE_LINE_WITH_RULES = (
    "  1. BỘ GIÁO DỤC VÀ ĐÀO TẠO CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM -------------- Độc lập -"
    " Tự do - Hạnh phúc Số: 28/2014/TT-BGDĐT -------------------------------------- Hà Nội,"
    " ngày 26 tháng 8 năm 2014 THÔNG TƯ Quy định về việc bồi dưỡng và cấp chứng chỉ bồi"
    " dưỡng nghiệp vụ quản lý giáo dục Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2005;"
)


def test_header_on_one_line_is_cut_at_its_rules_number_and_place_date():
    assert header_of(HEADER_ON_ONE_LINE_WITH_RULES) == {
        "doc_type": "Thông tư",
        "number": "28/2014/TT-BGDĐT",
        "issuer": "Bộ Giáo dục và Đào tạo",
        "issuer_parent": None,
        "place": "Hà Nội",
        "issue_date": dt.date(2014, 8, 26),
    }
    # The title follows the kind on the same line and ends where the bases start.
    assert parse_meta(lines_of(HEADER_ON_ONE_LINE_WITH_RULES)).title == (
        "Quy định về việc bồi dưỡng và cấp chứng chỉ bồi dưỡng nghiệp vụ quản lý giáo dục"
    )
