"""Issue 14 (headers21): Party committees' pages without a header, from real pages.

Each excerpt is a real opening stored under tests/realdocs/dev (named beside it); what is
asserted is what the text states. A meeting's headline is no issuer; a Party document
cited by serial and date is a citation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extract.parse import header
from extract.parse.references import find_references
from tests.test_parse_header_layouts import header_of, lines_of

DEV = Path(__file__).resolve().parent / "realdocs" / "dev"
NOTHING = {
    "doc_type": None,
    "number": None,
    "issuer": None,
    "issuer_parent": None,
    "place": None,
    "issue_date": None,
}
# ha-noi-dang-uy-khoi-truong-dh-cd-kh-dai-hoi-dang-2020: a portal keeps only the plan's
# opening paragraph, no header, no title line; it cites a plan by serial and date.
PREAMBLE = (
    "Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ chính trị  (Khóa XII) về đại hội"
    " đảng các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Kế hoạch"
    " số 155, ngày 07/7/2019 của Thành ủy Hà Nội về tổ chức đại hội đảng bộ các cấp; căn"
    " cứ tình hình thực tiễn của Đảng bộ Khối, Đảng ủy Khối các trường Đại học, Cao đẳng"
    " Hà Nội xây dựng Kế hoạch tổ chức đại hội Đảng các cấp tiến tới Đại hội đại biểu lần"
    " thứ III Đảng bộ Khối như sau:\n\nChi tiết xem file:"
)


def test_a_meetings_headline_in_capitals_is_no_issuer():
    # bac-kan-dang-bo-xa-vi-huong-tin-hoi-nghi-bch: "HỘI NGHỊ" opens with "Hội" (a body's
    # head word: Hội Nông dân) but names a meeting.
    page = (DEV / "bac-kan-dang-bo-xa-vi-huong-tin-hoi-nghi-bch.txt").read_text(encoding="utf-8")
    assert header_of(page) == NOTHING


def test_a_body_whose_name_opens_with_hoi_is_still_an_issuer():
    header = header_of(
        "HỘI NÔNG DÂN TỈNH BÌNH ĐỊNH\nSố: 12-KH/HND\nQuy Nhơn, ngày 3 tháng 2 năm 2020\n"
        "KẾ HOẠCH\nTổ chức hội nghị sơ kết"
    )
    assert (header["issuer"], header["doc_type"]) == ("Hội Nông dân tỉnh Bình Định", "Kế hoạch")


def test_a_party_document_cited_by_serial_and_date_is_a_citation():
    references = find_references(lines_of(PREAMBLE))
    assert [(ref.number, ref.kind, ref.date) for ref in references] == [
        ("35-CT/TW", "Chỉ thị", dt.date(2019, 5, 30)),
        ("155", "Kế hoạch", dt.date(2019, 7, 7)),
    ]


def test_a_bare_serial_without_its_date_is_no_citation():
    # kimbang category page: "Kế hoạch số 08 về tổ chức đại hội ..." (no date); a count
    # after "số" is no number either.
    text = "Kế hoạch số 08 về tổ chức đại hội; Quyết định số 5 Điều 3; Nghị quyết số 12/5/2020"
    assert find_references(lines_of(text)) == []


def test_a_header_zone_of_five_hundred_lines_invents_nothing():
    # A generated page whose first 500 lines are meeting headlines in capitals (a menu)
    # before a real header: the reader ends, reads no meeting as an issuer, and finds the
    # header when it stands in the first lines (header.HEADER_LINES), not beyond.
    fields = (
        "\nHỘI NÔNG DÂN TỈNH BÌNH ĐỊNH\nSố: 12-KH/HND\n"
        "Quy Nhơn, ngày 3 tháng 2 năm 2020\nKẾ HOẠCH\nTổ chức"
    )
    long_menu = "\n".join(f"HỘI NGHỊ LẦN THỨ {n}" for n in range(500))
    assert header_of(long_menu + fields) == NOTHING
    short_menu = "\n".join(f"HỘI NGHỊ LẦN THỨ {n}" for n in range(20))
    found = header_of(short_menu + fields)
    assert (found["issuer"], found["number"]) == ("Hội Nông dân tỉnh Bình Định", "12-KH/HND")


def test_a_first_line_of_fifty_thousand_characters_is_looked_at_once(monkeypatch):
    # A page run onto one line of 50,000 characters in capitals, opening with a meeting:
    # the event-word rule looks at each cell once, and reads no issuer.
    calls = 0
    opens_with_body = header._opens_with_body

    def counted(text: str) -> bool:
        nonlocal calls
        calls += 1
        return opens_with_body(text)

    monkeypatch.setattr(header, "_opens_with_body", counted)
    page = (DEV / "bac-kan-dang-bo-xa-vi-huong-tin-hoi-nghi-bch.txt").read_text(encoding="utf-8")
    headline, rest = page.split("\n", 1)
    line = (headline + " ") * 1_000
    assert len(line) >= 50_000
    assert header_of(line + "\n" + rest) == NOTHING
    assert calls <= 2


# Headers of mass organisations, schools and hospitals in the shapes Nghị định 30/2020/NĐ-CP
# (Phụ lục I, mục 2) and Hướng dẫn 36-HD/VPTW (mục 3.2) prescribe: the superior body on the
# first line, the issuer under it. The pages corpus holds no such header from a development
# province (headers20 and headers21 searched); these are written in those shapes.
STATE_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def test_a_mass_organisations_committee_under_its_national_body():
    header = header_of(
        "HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH THANH HÓA\n*\nSố: 102-KH/HNDT\n"
        "Thanh Hóa, ngày 10 tháng 2 năm 2023\nKẾ HOẠCH\nTổ chức các hoạt động"
    )
    assert (header["issuer"], header["issuer_parent"]) == (
        "BCH Hội Nông dân tỉnh Thanh Hóa",
        "Hội Nông dân Việt Nam",
    )


def test_abbreviations_in_a_name_in_capitals_stay_in_capitals():
    # A word without a vowel is no Vietnamese syllable: an abbreviation ("LHPN", "CCB").
    header = header_of(
        "HỘI LHPN VIỆT NAM\nHỘI LHPN TỈNH HÀ TĨNH\n" + STATE_MOTTO + "Số: 25/KH-HPN\n"
        "Hà Tĩnh, ngày 10 tháng 2 năm 2023\nKẾ HOẠCH\nTổ chức các hoạt động"
    )
    assert (header["issuer"], header["issuer_parent"]) == (
        "Hội LHPN tỉnh Hà Tĩnh",
        "Hội LHPN Việt Nam",
    )
    school = header_of(
        "PHÒNG GD&ĐT HUYỆN BẠCH THÔNG\nTRƯỜNG THCS HÀ VỊ\n" + STATE_MOTTO + "Số: 45/KH-THCS\n"
        "Hà Vị, ngày 5 tháng 9 năm 2023\nKẾ HOẠCH\nGiáo dục năm học"
    )
    assert (school["issuer"], school["issuer_parent"]) == (
        "Trường THCS Hà Vị",
        "Phòng GD&ĐT huyện Bạch Thông",
    )


def test_a_province_ending_a_name_without_its_level_word_keeps_its_capitals():
    from extract.parse.header_names import name_case

    assert name_case("SỞ Y TẾ CÀ MAU") == "Sở Y tế Cà Mau"
    assert name_case("BAN CHỈ ĐẠO VÌ HÒA BÌNH") == "Ban Chỉ đạo vì hòa bình"


def test_a_joint_issuers_second_body_is_not_the_first_ones_place():
    # Joint documents (liên tịch) join their issuers with a dash; the place after the
    # first body's committee word ends there, and the second body is cased as a body.
    header = header_of(
        "BAN TUYÊN GIÁO TỈNH ỦY - SỞ THÔNG TIN VÀ TRUYỀN THÔNG\n" + STATE_MOTTO
        + "Số: 05-HDLT/BTGTU-STTTT\nBắc Kạn, ngày 3 tháng 4 năm 2022\nHƯỚNG DẪN LIÊN TỊCH\nabc"
    )
    assert header["issuer"] == "Ban Tuyên giáo Tỉnh ủy - Sở Thông tin và Truyền thông"


def test_a_line_of_fifty_thousand_capitals_above_the_number_is_no_name(monkeypatch):
    # A page run together in capitals above "Số:": the cell is far longer than any body's
    # name (header.NAME_BLOCK_WORDS), so it is not cased word by word as an issuer (that
    # took 3.7 s CPU for this line and gave a 50,000-character issuer).
    calls = []
    read_names = header.issuer_and_parent

    def counted(cells, party):
        calls.append(sum(len(cell.split()) for cell in cells))
        return read_names(cells, party)

    monkeypatch.setattr(header, "issuer_and_parent", counted)
    line = "HỘI NGHỊ " + "BAN CHẤP HÀNH " * 3_600
    assert len(line) >= 50_000
    found = header_of(line + "\nSố: 12-KH/HND\nKẾ HOẠCH\nTổ chức")
    assert (found["issuer"], found["number"]) == (None, "12-KH/HND")
    assert all(words <= header.NAME_BLOCK_WORDS for words in calls)


def test_a_motto_a_pdf_layer_damaged_still_cuts_the_names_around_it():
    # tra-vinh-ubnd-qd05-2019-nuoi-tom-nuoc-lo: the text layer runs both columns onto one
    # line, loses a mark and a space ("XàHỘI") and the slogan's dashes; the motto's letters
    # are still there, so the names around it are the issuer.
    from extract import load_plan

    plan = load_plan(DEV / "tra-vinh-ubnd-qd05-2019-nuoi-tom-nuoc-lo.txt")
    assert (plan.meta.issuer, plan.meta.place) == ("Ủy ban nhân dân tỉnh Trà Vinh", "Trà Vinh")
    # The library's title line above the header ("... số 05/2019/QĐ-UBND ...") is the page's.
    assert all(ref.number != "05/2019/QĐ-UBND" for ref in plan.meta.references)


def test_running_text_holding_the_mottos_letters_is_no_damaged_motto():
    from extract.parse.header_fields import _damaged_mottos

    text = (
        "giữ vững độc lập tự do hạnh phúc của nhân dân; Nhà nước Cộng hòa xã hội chủ nghĩa"
        " Việt Nam; cộng hòa xàhội chủ nghĩa việt nam\nĐỘC LẬP TỰ DO HẠNH PHÚC"
    )
    found = _damaged_mottos(text, [])
    assert [field.raw for field in found] == ["ĐỘC LẬP TỰ DO HẠNH PHÚC"]


def test_the_damaged_motto_rule_reads_a_bounded_slice_per_match():
    # A first line of 50,000 characters repeating the slogan: each match looks back a few
    # characters for "nước", never at the whole text before it (that was quadratic).
    from extract.parse import header_fields

    sliced: list[int] = []

    class Counted(str):
        def __getitem__(self, key):
            piece = str.__getitem__(self, key)
            sliced.append(len(piece))
            return piece

    text = Counted("ĐỘC LẬP TỰ DO HẠNH PHÚC " * 2_200)
    assert len(text) >= 50_000
    found = header_fields._damaged_mottos(text, [])
    assert len(found) == 2_200
    assert max(sliced) <= len("ĐỘC LẬP TỰ DO HẠNH PHÚC") + header_fields._WORD_BEFORE


def test_a_party_cell_of_a_hamlet_names_its_own_place():
    # Hướng dẫn 36-HD/VPTW: "ĐẢNG BỘ XÃ HÀ VỊ" over "CHI BỘ THÔN NÀ PÁN". The cell's name
    # holds its hamlet: the commune's place is not added, and the hamlet's name is proper.
    header = header_of(
        "ĐẢNG BỘ XÃ HÀ VỊ\nCHI BỘ THÔN NÀ PÁN\n*\nSố 03-NQ/CB\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hà Vị, ngày 4 tháng 1 năm 2020\nNGHỊ QUYẾT\nLãnh đạo thực hiện nhiệm vụ năm 2020"
    )
    assert (header["issuer"], header["issuer_parent"]) == (
        "Chi bộ thôn Nà Pán",
        "Đảng bộ xã Hà Vị",
    )
