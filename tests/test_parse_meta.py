import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extract.model import Line, Period
from extract.parse.dates import find_date_mentions
from extract.parse.header import name_case, parse_header, parse_period
from extract.parse.meta import parse_meta
from extract.parse.meta_vocabulary import META_PATH, MetaVocabulary, load_yaml
from extract.parse.signature import parse_signature
from extract.text import comparable

# No example database written into the repository; no deadline, which would make
# the result depend on the machine's load.
PROPERTY_SETTINGS = settings(
    deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def lines_of(*texts: str) -> list[Line]:
    return [Line(number=index, raw=text, text=text) for index, text in enumerate(texts, 1)]


STATE_HEADER = lines_of(
    "ỦY BAN NHÂN DÂN",
    "HUYỆN SƠN TỊNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 19/KH-UBND",
    "Sơn Tịnh, ngày 05 tháng 01 năm 2023",
    "KẾ HOẠCH",
    "Triển khai thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022",
    "của Ban Dân vận Tỉnh ủy năm 2023",
    "",
    "Thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy về triển khai",
    "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy, UBND huyện",
    "ban hành kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
)

# Both columns of a Party header merged on each line, as text from PDF gives them.
PARTY_HEADER = lines_of(
    "ĐẢNG BỘ TỈNH QUẢNG NGÃI              ĐẢNG CỘNG SẢN VIỆT NAM",
    "HUYỆN ỦY SƠN TỊNH",
    "*",
    "Số 48 -KH/HU                 Sơn Tịnh, ngày    tháng 02 năm 2023",
    "",
    "KẾ HOẠCH",
    "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của",
    "Ban Thường vụ Tỉnh ủy giai đoạn 2022 – 2026",
    "",
    "Thực hiện Đề án số 13 - ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ",
    "Huyện ủy xây dựng kế hoạch thực hiện như sau:",
)


def test_state_header():
    meta = parse_meta(STATE_HEADER)
    assert meta.doc_type == "Kế hoạch"
    assert meta.number == "19/KH-UBND"
    assert meta.issuer == "Ủy ban nhân dân huyện Sơn Tịnh"
    assert meta.issuer_parent is None
    assert meta.place == "Sơn Tịnh"
    assert meta.issue_date == dt.date(2023, 1, 5)
    assert meta.title == (
        "Triển khai thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 "
        "của Ban Dân vận Tỉnh ủy năm 2023"
    )
    assert meta.period == Period(start=2023, end=2023)


def test_plan_relaying_de_an_13_counts_when_the_sentence_names_it():
    implements = parse_meta(STATE_HEADER).implements
    assert implements is not None and implements.reference is not None
    assert implements.reference.number == "90-KH/BDVTU"
    assert implements.is_de_an_13
    assert implements.line == 11


def test_party_header_with_merged_columns_and_blank_day():
    meta = parse_meta(PARTY_HEADER)
    assert meta.issuer == "Huyện ủy Sơn Tịnh"
    assert meta.issuer_parent == "Đảng bộ tỉnh Quảng Ngãi"
    assert meta.number == "48-KH/HU"
    assert meta.number_raw == "48 -KH/HU"
    assert meta.place == "Sơn Tịnh"
    assert meta.issue_date is None
    assert comparable(meta.issue_date_raw or "") == "ngày tháng 02 năm 2023"
    assert meta.period == Period(start=2022, end=2026)
    assert meta.implements is not None and meta.implements.is_de_an_13


@pytest.mark.parametrize(
    "header_lines",
    [
        (
            "UBND TỈNH QUẢNG NGÃI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ NỘI VỤ                              Độc lập - Tự do - Hạnh phúc",
            "_________                                ____________________",
            "Số: 125/KH-SNV                  Quảng Ngãi, ngày 03 tháng 4 năm 2023",
        ),
        (  # columns run together by a narrow gap, as some PDF text gives them
            "UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc SỞ NỘI VỤ",
            "Số: 125/KH-SNV Quảng Ngãi, ngày 03 tháng 4 năm 2023",
        ),
        (
            "| UBND TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "| SỞ NỘI VỤ | Độc lập – Tự do – Hạnh phúc |",
            "| Số: 125 /KH-SNV | Quảng Ngãi, ngày 03/4/2023 |",
        ),
    ],
)
def test_state_header_in_two_columns(header_lines):
    meta = parse_meta(lines_of(*header_lines, "KẾ HOẠCH", "Cải cách hành chính năm 2023"))
    assert (meta.issuer_parent, meta.issuer) == ("UBND tỉnh Quảng Ngãi", "Sở Nội vụ")
    assert meta.number == "125/KH-SNV"
    assert (meta.place, meta.issue_date) == ("Quảng Ngãi", dt.date(2023, 4, 3))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("KẾ HOẠCH", "Kế hoạch"),
        ("**KẾ HOẠCH HÀNH ĐỘNG**", "Kế hoạch"),
        ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
        ("Kế hoạch", "Kế hoạch"),
        ("Kế hoạch thực hiện năm 2023", None),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", None),
    ],
)
def test_kind_line(line, kind):
    assert parse_header(lines_of("UBND XÃ A", line, "về việc x")).doc_type == kind


def test_blank_number_is_null_but_kept_raw():
    header = parse_header(lines_of("UBND THỊ XÃ A", "Số:          /KH-UBND", "KẾ HOẠCH", "Về x"))
    assert header.number is None
    assert header.number_raw == "/KH-UBND"
    assert header.issuer == "UBND thị xã A"


def test_no_header_gives_no_issuer():
    opening = "   Thực hiện Chương trình công tác số 23-CTr/ThU, ngày 08/02/2023 của Ban"
    header = parse_header(lines_of(opening))
    assert header.doc_type is None and header.issuer is None and header.title is None


@pytest.mark.parametrize(
    ("number", "date", "issuer", "expected"),
    [
        ("13-ĐA/TU", "10/10/2022", "Ban Thường vụ Tỉnh ủy", True),
        ("13-ÐA/TU", "10/10/2022", "Tỉnh ủy", True),
        ("13-ĐA/TU", "10/10/2021", "Ban Thường vụ Tỉnh ủy", False),
        ("13-ĐA/TU", "10/10/2022", "Ban Thường vụ Huyện ủy", False),
        ("13-ĐA/TU", "10/10/2022", "Ban Thường vụ Tỉnh", True),  # "ủy" lost in a damaged line
        ("13-ĐA/TU", "10/10/2022", "Ban", False),
        ("14-ĐA/TU", "10/10/2022", "Ban Thường vụ Tỉnh ủy", False),
    ],
)
def test_de_an_13_is_recognised_by_number_date_and_issuer(number, date, issuer, expected):
    meta = parse_meta(lines_of(f"Thực hiện Đề án số {number} ngày {date} của {issuer} về x."))
    assert meta.implements is not None
    assert meta.implements.is_de_an_13 is expected


@pytest.mark.parametrize(
    ("issuer", "expected"), [("Ban Dân vận Tỉnh ủy", True), ("Ban Dân vận Huyện ủy", False)]
)
def test_relay_naming_de_an_13_without_its_number(issuer, expected):
    meta = parse_meta(
        lines_of(
            f"Thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của {issuer} về triển khai "
            "thực hiện Đề án 13, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:"
        )
    )
    assert meta.implements is not None and meta.implements.is_de_an_13 is expected


def test_implements_after_the_legal_bases_of_a_state_plan():
    meta = parse_meta(
        lines_of(
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2023",
            "",
            "Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Quyết định số 12/QĐ-UBND ngày",
            "05/01/2023 của UBND tỉnh; thực hiện Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của",
            "Ban Dân vận Tỉnh ủy về triển khai thực hiện Đề án 13. UBND huyện ban hành kế hoạch.",
            "I. MỤC ĐÍCH",
        )
    )
    assert meta.implements is not None and meta.implements.reference is not None
    assert meta.implements.reference.number == "90-KH/BDVTU"
    assert meta.implements.line == 5
    assert meta.implements.is_de_an_13
    assert meta.implements.raw is not None and meta.implements.raw.endswith("Đề án 13.")


def test_implements_read_from_the_title_when_the_body_does_not_say():
    meta = parse_meta(
        lines_of(
            "KẾ HOẠCH",
            "Về việc triển khai thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của",
            "Ban Thường vụ Tỉnh ủy",
            "",
            "I. MỤC ĐÍCH, YÊU CẦU",
        )
    )
    assert meta.implements is not None and meta.implements.line == 2
    assert meta.implements.is_de_an_13


def test_plan_carrying_out_another_document_is_not_de_an_13():
    meta = parse_meta(lines_of("Thực hiện Chỉ thị số 03/CT-UBND ngày 24/01/2022 của UBND tỉnh."))
    assert meta.implements is not None and not meta.implements.is_de_an_13


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("thực hiện Đề án giai đoạn 2022 – 2026", Period(start=2022, end=2026)),
        ("Thực hiện công tác Dân vận chính quyền năm 2023", Period(start=2023, end=2023)),
        ("ban hành ngày 12 tháng 12 năm 2022", None),
        (None, None),
    ],
)
def test_period_from_title(title, period):
    assert parse_period(title) == period


@pytest.mark.parametrize(
    ("written", "cased"),
    [
        ("UBND TỈNH QUẢNG NGÃI", "UBND tỉnh Quảng Ngãi"),
        ("BAN DÂN VẬN", "Ban Dân vận"),
        ("TỈNH ỦY QUẢNG NGÃI", "Tỉnh ủy Quảng Ngãi"),
        ("ĐẢNG ỦY PHƯỜNG NGHĨA CHÁNH", "Đảng ủy phường Nghĩa Chánh"),
        ("Ban Dân tộc", "Ban Dân tộc"),
        # Nghị định 30/2020/NĐ-CP, Phụ lục II: each field of activity of a ministry or a
        # department opens with a capital (the realdocs Hà Tĩnh and Ninh Thuận headers).
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        (
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH QUẢNG NGÃI",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi",
        ),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN MỘ ĐỨC", "Phòng Giáo dục và Đào tạo huyện Mộ Đức"),
        # A head word ending another word is none: "cơ sở", "văn phòng".
        (
            "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG",
            "Ban Chỉ đạo quy chế dân chủ cơ sở và công tác vận động",
        ),
        ("VĂN PHÒNG HĐND VÀ UBND HUYỆN", "Văn phòng HĐND và UBND huyện"),
        # A school is named after a person or a place (realdocs Hà Nam, Quảng Trị headers).
        ("TRƯỜNG T.H TRẦN HƯNG ĐẠO", "Trường T.H Trần Hưng Đạo"),
        ("TRƯỜNG TIỂU HỌC TIẾN HƯNG A", "Trường Tiểu học Tiến Hưng A"),
        ("TRƯỜNG THCS NGUYỄN DU HUYỆN MỘ ĐỨC", "Trường THCS Nguyễn Du huyện Mộ Đức"),
        ("BỆNH VIỆN ĐA KHOA TỈNH QUẢNG NGÃI", "Bệnh viện Đa khoa tỉnh Quảng Ngãi"),
        # A joint issuer: the second body opens with a capital.
        ("VĂN PHÒNG CHÍNH PHỦ - BỘ NỘI VỤ", "Văn phòng Chính phủ - Bộ Nội vụ"),
    ],
)
def test_name_case(written, cased):
    assert name_case(written) == cased


def test_signature_with_authority_marker_and_recipients():
    signer, recipients = parse_signature(
        lines_of(
            "Nơi nhận:",
            "- Ban Thường vụ Thị ủy,",
            "- Lưu Văn phòng Đảng ủy.",
            "",
            "T/M ĐẢNG ỦY",
            "BÍ THƯ",
            "(Đã ký)",
            "Nguyễn Văn A",
        )
    )
    assert signer is not None and (signer.name, signer.title) == ("Nguyễn Văn A", "BÍ THƯ")
    assert recipients == ["Ban Thường vụ Thị ủy", "Lưu Văn phòng Đảng ủy"]


def test_signature_in_merged_columns_signed_on_behalf():
    signer, recipients = parse_signature(
        lines_of(
            "Nơi nhận:                               KT. CHỦ TỊCH",
            "- Như trên;                             PHÓ CHỦ TỊCH",
            "- Lưu: VT, NV.",
            "",
            "                                        Trần Thị B",
        )
    )
    assert signer is not None and (signer.name, signer.title) == ("Trần Thị B", "PHÓ CHỦ TỊCH")
    assert recipients == ["Như trên", "Lưu: VT, NV"]


def test_acting_signer_title_on_the_marker_line():
    lines = lines_of("Nơi nhận:", "- Lưu: VT.", "Q. GIÁM ĐỐC", "", "Phạm Văn D")
    signer, _ = parse_signature(lines)
    assert signer is not None and (signer.title, signer.name) == ("Q. GIÁM ĐỐC", "Phạm Văn D")


@pytest.mark.parametrize("note", ["(Đã ký)", "(đã ký và đóng dấu)", "Đã ký"])
def test_a_signed_note_between_title_and_name_is_skipped(note: str) -> None:
    lines = lines_of("Nơi nhận:", "- Lưu VP.", "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", note, "Trần Văn Bình")
    signer, _ = parse_signature(lines)
    assert signer is not None and (signer.title, signer.name) == ("PHÓ BÍ THƯ", "Trần Văn Bình")


def test_signer_name_typed_in_capitals():
    lines = lines_of("Nơi nhận:", "- Như trên;", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "NGUYỄN VĂN A")
    signer, recipients = parse_signature(lines)
    assert signer is not None and (signer.title, signer.name) == ("PHÓ BÍ THƯ", "NGUYỄN VĂN A")
    assert recipients == ["Như trên"]


def test_title_in_capitals_over_several_lines():
    header = parse_header(
        lines_of(
            "KẾ HOẠCH",
            "THỰC HIỆN ĐỀ ÁN SỐ 13-ĐA/TU NGÀY 10/10/2022 CỦA BAN THƯỜNG VỤ",
            "TỈNH ỦY GIAI ĐOẠN 2022 - 2026",
            "",
            "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy.",
        )
    )
    assert header.title_lines == [2, 3]
    assert parse_period(header.title) == Period(start=2022, end=2026)


def test_signature_without_marker():
    signer, _ = parse_signature(
        lines_of("- Lưu BCĐ.", "PHÓ BÍ THƯ THỊ ỦY", "kiêm", "TRƯỞNG BAN CHỈ ĐẠO", "", "Lê Văn C")
    )
    assert signer is not None
    assert signer.title == "PHÓ BÍ THƯ THỊ ỦY kiêm TRƯỞNG BAN CHỈ ĐẠO"
    assert signer.name == "Lê Văn C"


def test_dates_with_implied_year_only_where_clear():
    lines = lines_of(
        "Đăng ký mô hình: Trước 31/3 hằng năm; giảm 1/2 số hộ nghèo, đến 1/3 số hộ",
        "báo cáo trước ngày 15/6 năm 2024 và trước 30/02/2023",
    )
    several_years = find_date_mentions(lines, Period(start=2022, end=2026))
    assert [(item.raw, item.iso, item.valid) for item in several_years] == [
        ("31/3", None, True),
        ("15/6", dt.date(2024, 6, 15), True),
        ("30/02/2023", None, False),
    ]
    one_year = find_date_mentions(lines, Period(start=2023, end=2023))
    assert one_year[0].iso == dt.date(2023, 3, 31)
    assert one_year[0].span is not None and one_year[0].span.start == 23


def test_a_target_written_like_three_numbers_is_no_date():
    # Phú Thọ KH 722/KH-UBND (HIV/AIDS, 2018): the UNAIDS target raised D001 "ngày không tồn tại".
    lines = lines_of(
        "hướng đến mục tiêu 90-90-90 (90% người nhiễm HIV biết được tình trạng nhiễm",
        "hạn cuối 30-02-23; báo cáo trước 15-6-23",
    )
    assert [(item.raw, item.valid) for item in find_date_mentions(lines)] == [
        ("30-02-23", False),
        ("15-6-23", True),
    ]


def test_worded_date_with_its_year_on_the_next_line():
    (mention,) = find_date_mentions(lines_of("ban hành ngày 12 tháng 12", "năm 2022 về"))
    assert (mention.raw, mention.iso) == ("ngày 12 tháng 12", dt.date(2022, 12, 12))


def test_worded_date():
    (mention,) = find_date_mentions(lines_of("Quảng Ngãi, ngày 12 tháng 12 năm 2022"))
    assert (mention.raw, mention.iso, mention.line) == (
        "ngày 12 tháng 12 năm 2022",
        dt.date(2022, 12, 12),
        1,
    )


def test_vocabulary_is_validated():
    data = dict(load_yaml(META_PATH))
    MetaVocabulary.model_validate(data)
    del data["document_kinds"]
    with pytest.raises(ValidationError):
        MetaVocabulary.model_validate(data)
    with pytest.raises(ValidationError):
        MetaVocabulary.model_validate({**load_yaml(META_PATH), "unknown": []})


FRAGMENTS = st.sampled_from(
    [
        "KẾ HOẠCH", "Số:", "Số 12 -KH/ĐU", "Nơi nhận:", "- ", "T/M", "KT.", "Q.", "ngày",
        "tháng", "năm 2023", "Thực hiện", "Đề án số 13-ĐA/TU", "Đề án 13", "của",
        "Ban Thường vụ Tỉnh ủy", ",", "   ", "|", "10/10/2022", "31/3", "30/02/2023", "İ", "ß",
        "Ð", "49-", "KH/ThU", "kiêm", "Nguyễn Văn A", "CHỦ TỊCH", "giai đoạn 2022 - 2026",
        "\t", "(Đã ký)", "UBND TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
)  # fmt: skip
LINE_TEXTS = st.one_of(st.text(max_size=80), st.lists(FRAGMENTS, max_size=12).map(" ".join))


@PROPERTY_SETTINGS
@given(st.lists(LINE_TEXTS, max_size=30))
@example(["KẾ HOẠCH", "", "Số:", "Nơi nhận:", "- ", "T/M", "ngày  tháng  năm 2023"])
@example(["Số: 1-", ", ngày 99 tháng 99 năm 2023", "KT.", "Thực hiện Đề án số 13-ĐA/TU của"])
def test_parse_meta_never_raises(texts):
    lines = lines_of(*texts)
    meta = parse_meta(lines)
    assert meta.number is None or " " not in meta.number
    for mention in find_date_mentions(lines, meta.period):
        assert mention.valid or mention.iso is None
        assert mention.span is not None
        assert lines[mention.line - 1].text[mention.span.start : mention.span.end] == mention.raw
    for reference in meta.references:
        assert reference.span is not None and 1 <= reference.line <= len(lines)
        if reference.span.end_line == reference.line:
            text = lines[reference.line - 1].text
            assert text[reference.span.start : reference.span.end] == reference.raw


@pytest.mark.parametrize(
    "texts",
    [
        ("Quảng Ngãi, ngày 12 tháng 12 năm 2022", "Hoàn thành trước ngày 30/11/2022"),
        ("Hoàn thành trước ngày 30/11/2022", "Quảng Ngãi, ngày 12 tháng 12 năm 2022"),
    ],
)
def test_place_date_line_wins_over_a_deadline_in_a_short_text(texts):
    meta = parse_meta(lines_of(*texts))
    assert meta.issue_date == dt.date(2022, 12, 12)
    assert meta.place == "Quảng Ngãi"
