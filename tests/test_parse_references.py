import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract.model import Line
from extract.parse.numbers import (
    DocumentNumber,
    normalise_number,
    number_key,
    parse_number,
    same_number,
)
from extract.parse.references import JoinedText, find_references

# No example database written into the repository; no deadline, which would make
# the result depend on the machine's load.
PROPERTY_SETTINGS = settings(
    deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def lines_of(*texts: str) -> list[Line]:
    return [Line(number=index, raw=text, text=text) for index, text in enumerate(texts, 1)]


def test_party_citation_with_date_and_issuer():
    (reference,) = find_references(
        lines_of("Thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy về ...")
    )
    assert reference.kind == "Kế hoạch"
    assert reference.number == "90-KH/BDVTU"
    assert reference.date == dt.date(2022, 11, 23)
    assert reference.date_raw == "23/11/2022"
    assert reference.issuer == "Ban Dân vận Tỉnh ủy"
    assert reference.raw == "Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy"
    assert reference.line == 1


def test_issuer_stops_before_the_next_basis_of_a_government_plan():
    first, _ = find_references(
        lines_of(
            "về thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
            "",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ;",
        )
    )
    assert first.issuer == "Ban Thường vụ Tỉnh ủy"


def test_issuer_stops_before_a_heading_on_the_next_line():
    plan, de_an = find_references(
        lines_of(
            "Thực hiện Kế hoạch số 125/KH-UBND ngày 20/3/2023 của Ủy ban nhân dân huyện Ba Tơ",
            "về thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
            "",
            "I. MỤC ĐÍCH, YÊU CẦU",
        )
    )
    assert plan.issuer == "Ủy ban nhân dân huyện Ba Tơ"
    assert (de_an.number, de_an.issuer) == ("13-ĐA/TU", "Ban Thường vụ Tỉnh ủy")


def test_state_citation_and_symbol_without_so():
    found = find_references(
        lines_of(
            "là Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ, Chỉ thị 29-CT/UBND "
            "của UBND tỉnh về tiếp tục"
        )
    )
    assert [(item.number, item.issuer) for item in found] == [
        ("33/CT-TTg", "Thủ tướng Chính phủ"),
        ("29-CT/UBND", "UBND tỉnh"),
    ]


def test_letter_cited_as_van_ban_with_a_worded_date():
    (reference,) = find_references(
        lines_of("theo Văn bản số 1234/UBND-NC ngày 05 tháng 6 năm 2023 của UBND tỉnh;")
    )
    assert (reference.kind, reference.number) == ("Văn bản", "1234/UBND-NC")
    assert reference.date == dt.date(2023, 6, 5)
    assert reference.issuer == "UBND tỉnh"


def test_number_and_date_split_by_comma():
    (reference,) = find_references(lines_of("Đề án số 13-ĐA/TU, ngày 10/10/2022 của Tỉnh ủy"))
    assert reference.date == dt.date(2022, 10, 10)
    assert reference.issuer == "Tỉnh ủy"


def test_number_and_date_split_by_line_break_with_blank_lines():
    found = find_references(
        lines_of(
            "Quyết định số",
            "",
            "269-QĐ/TU ngày 30/11/2021 của Ban Thường vụ",
            "",
            "Tỉnh ủy ban hành",
        )
    )
    (reference,) = found
    assert reference.number == "269-QĐ/TU"
    assert reference.issuer == "Ban Thường vụ Tỉnh ủy"
    assert reference.line == 1
    assert reference.span is not None and reference.span.end_line == 5


def test_number_broken_after_hyphen():
    (reference,) = find_references(
        lines_of("Kế hoạch số 49-", "KH/ThU, ngày 24/02/2023 của Ban Thường vụ Thị ủy thực hiện")
    )
    assert reference.number == "49-KH/ThU"
    assert reference.date == dt.date(2023, 2, 24)


def test_two_issuers_joined_by_comma():
    (reference,) = find_references(
        lines_of(
            "Thực hiện Chương trình công tác số 23-CTr/ThU, ngày 08/02/2023 của Ban Chấp hành "
            "Đảng bộ, Ban Thường vụ Thị ủy năm 2023 và tình hình"
        )
    )
    assert reference.kind == "Chương trình"
    assert reference.issuer == "Ban Chấp hành Đảng bộ, Ban Thường vụ Thị ủy"


def test_year_inside_number_and_impossible_date():
    (reference,) = find_references(
        lines_of("Theo Quyết định số 04/2022/QĐ-TTg ngày 30/02/2022 của Thủ tướng Chính phủ")
    )
    assert reference.number == "04/2022/QĐ-TTg"
    assert reference.date is None
    assert reference.date_raw == "30/02/2022"


@pytest.mark.parametrize(
    "text",
    [
        "thực hiện Đề án 13 và Kế hoạch của Đảng ủy",
        "Đề án 13",
        "- Cơ quan thực hiện: Đảng ủy",
        "Kế hoạch số 2",
    ],
)
def test_no_citation_without_a_symbol(text):
    assert find_references(lines_of(text, "- Cơ quan lãnh đạo: Đảng ủy")) == []


def test_short_name_followed_by_bullet_is_not_a_number():
    assert find_references(lines_of("triển khai thực hiện Đề án 13", "- Cơ quan lãnh đạo")) == []


def test_joined_text_maps_offsets_back_to_lines():
    joined = JoinedText.of(lines_of("abc", "", "de"))
    assert joined.text == "abc de"
    assert joined.locate(4) == (3, 0)
    assert joined.locate(2) == (1, 2)


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("48 -KH/ĐU", "48-KH/ĐU"),
        ("        /KH-UBND", None),
        ("", None),
        (None, None),
        ("19/KH-UBND.", "19/KH-UBND"),
    ],
)
def test_normalise_number(raw, number):
    assert normalise_number(raw) == number


def test_same_number_ignores_spacing_case_and_d_lookalikes():
    assert same_number("13 - ĐA/TU", "13-đa/tu")
    assert same_number("13-ÐA/TU", "13-ĐA/TU")  # Icelandic eth from a converter
    assert not same_number("13-ĐA/TU", "31-ĐA/TU")
    assert not same_number(None, None)


SYMBOL_PART = st.sampled_from(["KH", "ĐU", "BDVTU", "CT", "UBND", "QĐ", "TTg", "ThU", "CTr", "TW"])
NUMBERS = st.builds(
    DocumentNumber,
    serial=st.from_regex(r"\A[0-9]{1,4}\Z"),
    year=st.one_of(st.none(), st.integers(1990, 2030).map(str)),
    joiner=st.sampled_from(["-", "/"]),
    symbol=st.lists(SYMBOL_PART, min_size=2, max_size=3).map("/".join),
)


@PROPERTY_SETTINGS
@given(NUMBERS, st.lists(st.sampled_from(["", " "]), min_size=40, max_size=40))
def test_number_round_trips_through_stray_spaces(number, spaces):
    written = str(number)
    spaced = "".join(
        (spaces[index] if char in "-/" else "") + char for index, char in enumerate(written)
    )
    parsed = parse_number(f"Kế hoạch số {spaced} ngày")
    assert parsed is not None
    assert str(parsed) == written
    assert normalise_number(spaced) == written
    assert normalise_number(written) == written
    assert number_key(spaced) == number_key(written.lower())


@PROPERTY_SETTINGS
@given(st.text())
@example("Kế hoạch số 1-")
@example("của của Ban, , Ban")
@example("Chỉ thị số 9/9999/A-B ngày 99/99/9999 của")
def test_find_references_never_raises(text):
    lines = lines_of(*text.split("\n"))
    for reference in find_references(lines):
        assert reference.line >= 1
        assert reference.number is None or " " not in reference.number


# Issue 14: citation forms met in real documents.


def test_symbol_with_an_ampersand():
    (reference,) = find_references(
        lines_of("Thực hiện Công văn số 3862/SKHCN-BCVT&CĐS ngày 05/12/2022 của Sở Khoa học")
    )
    assert (reference.number, reference.date) == ("3862/SKHCN-BCVT&CĐS", dt.date(2022, 12, 5))


def test_date_and_issuer_before_the_number():
    (reference,) = find_references(
        lines_of("Ngày 9/12/2022, HĐND tỉnh ban hành Nghị quyết số 11/NQ-HĐND về phát triển.")
    )
    assert (reference.number, reference.date, reference.issuer) == (
        "11/NQ-HĐND",
        dt.date(2022, 12, 9),
        "HĐND tỉnh",
    )


def test_date_before_in_another_sentence_is_not_the_citations():
    text = "Họp ngày 9/12/2022. Ban hành Nghị quyết số 11/NQ-HĐND"
    (reference,) = find_references(lines_of(text))
    assert reference.date is None


def test_date_after_a_long_symbol_with_spaces():
    (reference,) = find_references(
        lines_of("Chương trình phối hợp số 05-CTrPH/BDVTU-BCSĐ UBND tỉnh ngày 28/03/2022 giữa")
    )
    assert reference.date == dt.date(2022, 3, 28)
    # The joint symbol's last part is "BCSĐ UBND" (Ban cán sự đảng UBND), typed with a space.
    assert reference.number == "05-CTrPH/BDVTU-BCSĐUBND"


def test_a_symbol_with_a_space_inside_is_read_whole():
    # Phú Thọ, Kế hoạch 335/KH-UBND (tests/realdocs): the circular's symbol typed "TT-BGD ĐT".
    (_, circular) = find_references(
        lines_of(
            "5. Căn cứ Quyết định số 932/QĐ-UBND ngày 22/4/2016 của UBND tỉnh Phú Thọ về việc"
            " quy định cụ thể hóa Điều 18 và Điều 20 của Thông tư 01/2016/TT-BGD ĐT ngày"
            " 15/01/2016 của Bộ trư"
        )
    )
    assert (circular.kind, circular.number, circular.date) == (
        "Thông tư",
        "01/2016/TT-BGDĐT",
        dt.date(2016, 1, 15),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Kế hoạch số 12/KH-UBND UBND tỉnh giao các sở",  # the body named again
        "theo Kế hoạch số 12/KH-UBND BAN CHỈ ĐẠO",  # words in capitals that go on
        "theo Kế hoạch số 12/KH-UBND HUẾ, ngày",  # a name, not letters of a symbol
        "theo Kế hoạch số 12/KH-UBND TP. Huế",
    ],
)
def test_a_word_in_capitals_after_a_symbol_is_not_part_of_it(text):
    (reference,) = find_references(lines_of(text))
    assert reference.number == "12/KH-UBND"


def test_each_item_of_a_list_takes_the_lists_kind():
    # Hưng Yên, Chương trình 28: "các Nghị quyết của HĐND tỉnh: số ...; số ...; ...".
    found = find_references(
        lines_of(
            "tiền tệ hỗ trợ Chương trình; các Nghị quyết của Hội đồng nhân dân tỉnh: số",
            "340/NQ-HĐND ngày 22/12/2020 về nhiệm vụ phát triển kinh tế - xã hội 5 năm giai",
            "đoạn 2021-2025; số 160/NQ-HĐND ngày 08/12/2021 về kế hoạch đầu tư công trung hạn",
            "5 năm giai đoạn 2021-2025; 148/NQ-HĐND ngày 26/10/2021 về kế hoạch tài chính 5",
        )
    )
    assert [(ref.kind, ref.number, ref.date) for ref in found] == [
        ("Nghị quyết", "340/NQ-HĐND", dt.date(2020, 12, 22)),
        ("Nghị quyết", "160/NQ-HĐND", dt.date(2021, 12, 8)),
        ("Nghị quyết", "148/NQ-HĐND", dt.date(2021, 10, 26)),
    ]


def test_a_law_named_before_its_number_and_a_serial_with_a_letter():
    found = find_references(
        lines_of(
            "Căn cứ Luật Lâm nghiệp số",
            "16/2017/QH14 ngày 15/11/2017;",
            "Căn cứ Nghị quyết số",
            "30a/2008/NQ-CP ngày 27/12/2008 của Chính phủ về Chương trình hỗ trợ giảm nghèo",
        )
    )
    assert [(ref.kind, ref.number) for ref in found] == [
        ("Luật", "16/2017/QH14"),
        ("Nghị quyết", "30a/2008/NQ-CP"),
    ]


def test_a_plan_carrying_out_a_named_document_cites_that_document_only():
    found = find_references(lines_of("KẾ HOẠCH Triển khai thực hiện Đề án số 13-ĐA/TU"))
    assert [(ref.kind, ref.number) for ref in found] == [("Đề án", "13-ĐA/TU")]


def test_a_council_committee_report_named_by_its_kind_of_review():
    # lao-cai-hdnd-nq30-ke-hoach-ktxh-2021-2025 (realdocs dev): "Báo cáo thẩm tra số" / number.
    (reference,) = find_references(
        lines_of(
            "tỉnh Lào Cai; Báo cáo thẩm tra số",
            "277/BC-KTNS ngày 01 tháng 12 năm 2020 của Ban Kinh tế - Ngân sách Hội đồng nhân",
        )
    )
    assert (reference.kind, reference.number) == ("Báo cáo", "277/BC-KTNS")
    assert reference.date == dt.date(2020, 12, 1)


def test_so_typed_twice_still_labels_the_number():
    # Sở LĐTBXH Hà Tĩnh, Hướng dẫn 20/HD-SLĐTBXH (2009), its bases.
    references = find_references(
        lines_of(
            "Quyết định số 117/2008/QĐ ngày 27/8/2008 của Thủ tướng Chính phủ; Chỉ thị số số"
            " 03/CT-UBND của UBND tỉnh về rà soát lại hộ nghèo."
        )
    )
    assert [(reference.kind, reference.number) for reference in references] == [
        ("Quyết định", "117/2008/QĐ"),
        ("Chỉ thị", "03/CT-UBND"),
    ]
    assert references[1].issuer == "UBND tỉnh"


def test_old_prime_minister_number_after_kind_and_so():
    # Sở LĐTBXH Hà Tĩnh, Hướng dẫn 20/HD-SLĐTBXH (2009): "170/TTg" is the old form.
    (reference,) = find_references(
        lines_of("Căn cứ Quyết định số 170/TTg ngày 08/7/2005 của Thủ tướng Chính phủ về ban hành")
    )
    assert (reference.number, reference.date) == ("170/TTg", dt.date(2005, 7, 8))
    assert find_references(lines_of("Tổ 170/TTg")) == []


def test_party_citations_naming_the_issuer_first_and_losing_a_space():
    # Văn phòng Trung ương, Hướng dẫn 11-HD/VPTW (tests/realdocs dev, a blog's copy):
    # "Quyết định của <body> số 31-QĐ/TW, ngày ...", with the space after "số" lost.
    found = find_references(
        lines_of(
            "Thi hành Điều 2 Quyết định của Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997 ban hành"
            " Quy định “về thể loại, thẩm quyền banhành và thể thức văn bản của Đảng” và Điều 2"
            " Quyết định của Ban Bí thư số91-QĐ/TW, ngày 16-02-2004 bổ sung thẩm quyền"
        )
    )
    assert [(ref.kind, ref.number, ref.date) for ref in found] == [
        ("Quyết định", "31-QĐ/TW", dt.date(1997, 10, 1)),
        ("Quyết định", "91-QĐ/TW", dt.date(2004, 2, 16)),
    ]


def test_a_spaced_symbol_tail_right_before_its_date_is_the_symbols():
    # Hà Nam, Trường TH Trần Hưng Đạo KH 123 (tests/realdocs dev): "PGD ĐT" typed with a
    # space, the date after a comma; "ĐT" is no place before the date.
    found = find_references(
        lines_of(
            "Căn cứ công văn số 928/PGD ĐT, ngày 21/12/2016 của phòng GD-ĐT thành phố Phủ Lý về"
            " việc xây dựng kế hoạch củng cố, xây dựng trường Tiểu học đạt chuẩn Quốc gia"
        )
    )
    assert [(ref.number, ref.date) for ref in found] == [("928/PGDĐT", dt.date(2016, 12, 21))]


def test_a_law_named_with_a_clause_verb_is_cited():
    # Ủy ban Thường vụ Quốc hội, Nghị quyết 653/2019/UBTVQH14 (tests/realdocs dev): a
    # law's name holds "Tổ chức", which elsewhere opens a clause ("Tổ chức thực hiện ...").
    found = find_references(
        lines_of(
            "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;",
            "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;",
        )
    )
    assert [(ref.kind, ref.number) for ref in found] == [
        ("Luật", "57/2014/QH13"),
        ("Luật", "77/2015/QH13"),
    ]
