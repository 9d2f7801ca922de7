"""Issue 14: pages without a header of their own say nothing of a header.

News items, a library's property list, a portal's list of documents and a school's
headline name documents (in capitals, in lists, in lead sentences); none of these is
the page's own type, number or date (tests/realdocs/README.md, doc_type). Each excerpt
is a real page of the pages corpus, stored in tests/realdocs/dev under the id named
beside it; what is asserted is what the page states.
"""

from __future__ import annotations

import datetime as dt

from extract.parse.meta import parse_meta
from tests.test_parse_header_layouts import header_of, lines_of

NOTHING = {
    "doc_type": None,
    "number": None,
    "issuer": None,
    "issuer_parent": None,
    "place": None,
    "issue_date": None,
}


def test_a_lone_kind_in_a_library_property_list_is_no_kind_line():
    # bo-nnptnt-trogiupluat-tt04-2018-thuoc-tinh: the library's title, then one value a
    # line; "Thông tư" there is the property "type", not the header's kind line.
    page = (
        "Thông tư 04/2018/TT-BNNPTNT Quy định tiêu chí, trình tự, thủ tục công nhận tiến bộ"
        " kỹ thuật trong nông nghiệp\n04/2018/TT-BNNPTNT\nThông tư\nCòn hiệu lực\n"
        "03-05-2018\n01-07-2018"
    )
    assert header_of(page) == NOTHING


def test_a_headline_naming_a_document_by_its_number_is_no_kind_line():
    # bac-lieu-truong-le-van-tam-tin-thong-tu-01-2018: a school's headline in capitals.
    assert header_of("THÔNG TƯ 01/2018 QUY ĐỊNH BỘ ĐỒ DÙNG TỐI THIỂU CẤP HỌC") == NOTHING


def test_a_heading_opening_with_a_word_every_citation_uses_is_no_kind_line():
    # khanh-hoa-dai-hoc-nha-trang-van-ban-mau: a university's list of circulars.
    page = (
        "SliderSlider2\nVĂN BẢN MẪU \n\nThông tư số 55/2012/TT-BGDĐT ngày 25 tháng 12 năm 2012"
        " xem tại đây\n\nThông tư số 08/2015/TT-BGDĐT  ngày 21 tháng 04 năm 2015 xem tại đây"
    )
    meta = parse_meta(lines_of(page))
    assert meta.doc_type is None
    assert [reference.number for reference in meta.references] == [
        "55/2012/TT-BGDĐT",
        "08/2015/TT-BGDĐT",
    ]


# ban-tuyen-giao-tw-tvpl-tin-hd132-bao-chi: a legal library's news item. Its headline
# opens with a kind word and its lead names the guide's number and date, but the page
# sends the reader to the guide ("Xem chi tiết tại ..."): it reports on it.
NEWS_ITEM = (
    "Hướng dẫn báo chí tuyên truyền đại hội đảng các cấp và Đại hội XIII\n\n"
    "15/04/2020 08:57 AM\n\n"
    "Ban Tuyên giáo Trung ương ban hành Hướng dẫn 132-HD/BTGTW ngày 10/4/2020 của về báo chí"
    " tuyên truyền đại hội đảng bộ các cấp và Đại hội đại biểu toàn quốc lần thứ XIII của"
    " Đảng.\n\nẢnh minh họa (Nguồn Internet)\n\n"
    "Theo đó, nội dung tuyên truyền chia thành 03 đợt, căn cứ theo thời gian tổ chức đại hội"
    " đảng bộ các cấp và Đại hội XIII của Đảng:\n\n"
    "Xem chi tiết tại Hướng dẫn 132-HD/BTGTW được ban hành ngày 10/4/2020.\n\nChâu Thanh"
)


def test_a_news_item_that_points_to_the_document_has_no_header():
    meta = parse_meta(lines_of(NEWS_ITEM))
    assert header_of(NEWS_ITEM) == NOTHING
    # The guide is what the page cites, with its date where the lead gives it.
    assert {ref.number for ref in meta.references} == {"132-HD/BTGTW"}
    assert meta.references[0].date == dt.date(2020, 4, 10)


def test_a_page_that_carries_the_document_still_reads_its_lead():
    # Guard (dev thua-thien-hue-tinh-uy-ctr27-rung's form, passes before too): a page
    # titled by the document whose lead names its number and date, and that publishes
    # its full text ("xin đăng toàn văn"), is the document.
    page = (
        "Chương trình thực hiện Chỉ thị 13-CT/TW của Ban Bí thư về tăng cường sự lãnh đạo"
        " của Đảng đối với công tác quản lý, bảo vệ và phát triển rừng\nNgày cập nhật"
        " 30/10/2017\n\nNgày 23/8/2017, Tỉnh Ủy Thừa Thiên Huế đã ban hành Chương trình số"
        " 27-CTr/TU về thực hiện Chỉ thị 13-CT/TW của Ban Bí thư về tăng cường sự lãnh đạo của"
        " Đảng đối với công tác quản lý, bảo vệ và phát triển rừng.\n\nBan quản trị website xin"
        " đăng toàn văn Chương trình quan trọng này:\n"
    )
    header = header_of(page)
    assert (header["doc_type"], header["number"]) == ("Chương trình", "27-CTr/TU")
    assert header["issue_date"] == dt.date(2017, 8, 23)


def test_a_kind_in_capitals_opening_a_page_without_its_header_table_is_read():
    # Guard (dev dak-nong-ubnd-qd-khuyen-nong-2006-2010, passes before too): a print view
    # that lost the header table keeps "QUYẾT ĐỊNH", the title and the authority line.
    page = (
        "Sign In\n\nQUYẾT ĐỊNH\n\nBan hành Kế hoạch Phát triển khuyến nông, khuyến ngư giai"
        " đoạn 2006 - 2010 và định hướng đến năm 2020\n\n______________________________\n\n"
        "ỦY BAN NHÂN DÂN TỈNH ĐĂK NÔNG\n\nCăn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban"
        " nhân dân được Quốc hội thông qua ngày 26 tháng 11 năm 2003;"
    )
    assert header_of(page)["doc_type"] == "Quyết định"


def test_a_portal_clock_above_the_header_gives_way_to_the_place_date():
    # thua-thien-hue-truong-th-tan-my-kh20a-chien-luoc (dev): the school portal prints
    # today's date over its log-in box; the header's own date stands under the motto.
    page = (
        "''\n\nNgày 25 tháng 01 năm 2025\n\nĐĂNG NHẬP TÀI KHOẢN\n\nQuên mật khẩu ?Đăng kí tài"
        " khoản\n\n » Kế hoạch » Kế hoạch chiến lược\n\nKế hoạch chiến lược\n\nCập nhật lúc :"
        " 10:51 09/11/2021  \n\nKê hoạch chiến lược\n\nPHÒNG GD&ĐT PHONG ĐIỀN\n\nTRƯỜNG TH TÂN"
        " MỸ\n\n \n\n     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập – Tự do – Hạnh phúc\n\n"
        "Số: 20a /KH-THTM\n\nPhong Mỹ, ngày 15 tháng 9 năm 2021\n\n \n\nKẾ HOẠCH\n\n"
        "PHÁT TRIỂN TRƯỜNG TIỂU HỌC TÂN MỸ\n\nGIAI ĐOẠN 2020-2025\n"
    )
    header = header_of(page)
    assert (header["place"], header["issue_date"]) == ("Phong Mỹ", dt.date(2021, 9, 15))
    assert header["doc_type"] == "Kế hoạch"
