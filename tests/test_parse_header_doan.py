"""Issue 14 (headers20): Youth Union headers and cells glued without a space, from real pages.

Each excerpt is a real opening stored under tests/realdocs/dev (named beside it); what is
asserted is what the text states.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extract import load_plan
from extract.parse.header_layout import LayoutView
from extract.parse.references import find_references
from tests.test_parse_header_layouts import header_of, lines_of

DEV = Path(__file__).resolve().parent / "realdocs" / "dev"

# Trung ương Đoàn, Kế hoạch 225-KH/TWĐTN-CTTN (thieunhivietnam.vn): the columns side by
# side with a wide gap; the Union's name stands where a state header has the motto.
SIDE_BY_SIDE = (
    "BAN CHẤP HÀNH TRUNG ƯƠNG" + " " * 40 + "ĐOÀN TNCS HỒ CHÍ MINH\n\n***\n\n"
    "   Số: 225 - KH/TWĐTN-CTTN" + " " * 40 + "Hà Nội, ngày 16 tháng 5 năm 2024\n\n"
    "KẾ HOẠCH\nTổ chức các\nhoạt động hè dành cho thiếu nhi năm 2024\n"
)


def test_the_youth_unions_name_beside_the_header_is_not_the_issuer():
    header = header_of(SIDE_BY_SIDE)
    assert header["issuer"] == "Ban Chấp hành Trung ương"
    assert header["number"] == "225-KH/TWĐTN-CTTN"
    assert header["issue_date"] == dt.date(2024, 5, 16)
    assert header["doc_type"] == "Kế hoạch"


def test_the_youth_unions_name_in_running_text_is_no_header_line():
    # Thành đoàn Hà Nội's plan without a header: the name in mixed case in the title
    # must not be taken for a header field that makes "KẾ HOẠCH" part of a name.
    header = header_of(
        "KẾ HOẠCH\nTổ chức đại hội Đoàn các cấp, tiến tới Đại hội đại biểu\n"
        "Đoàn TNCS Hồ Chí Minh thành phố Hà Nội lần thứ XIV,\nnhiệm kỳ 2012 - 2017\n"
        "Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh, Ban Chấp hành Thành đoàn Hà Nội ban hành"
        " Kế hoạch tổ chức đại hội đoàn các cấp, cụ thể như sau:"
    )
    assert header["doc_type"] == "Kế hoạch"
    assert header["issuer"] is None
    assert header["number"] is None


def test_cells_glued_without_a_space_are_cut_at_the_seam():
    # Quyết định 367-QĐ/TWĐTN-VP (a forum copy): the whole table run onto one line and
    # its cells glued ("TRUNG ƯƠNG***Số", "VPĐOÀN", "QUYẾT ĐỊNHVề việc").
    text = (DEV / "doan-tw-qd367-ban-hanh-van-ban-cua-doan.txt").read_text(encoding="utf-8")
    cells = [cell.text for cell in LayoutView.of(lines_of(text)).cells[:8]]
    assert "QUYẾT ĐỊNH" in cells
    assert cells[0] == "BAN CHẤP HÀNH TRUNG ƯƠNG"
    meta = load_plan(DEV / "doan-tw-qd367-ban-hanh-van-ban-cua-doan.txt").meta
    assert (meta.doc_type, meta.number, meta.issuer) == (
        "Quyết định",
        "367-QĐ/TWĐTN-VP",
        "Ban Chấp hành Trung ương",
    )
    assert (meta.place, meta.issue_date) == ("Hà Nội", dt.date(2013, 10, 29))


def test_a_seam_needs_two_capitals_before_it():
    # "KHoạch" (one capital too many) and a name in mixed case are not glued cells.
    for text in ("KHoạch năm 2024", "Hội Đồng nhân dân", "ỦY BAN NHÂN DÂN TỈNH"):
        cells = LayoutView.of(lines_of(text)).cells
        assert [cell.text for cell in cells] == [text]


def test_a_plan_of_action_is_a_kind_of_document():
    # Nghị định 30/2020/NĐ-CP, Phụ lục III: "Phương án" (the Phan Rang page cites one).
    references = find_references(
        lines_of("Căn cứ Phương án số 316/PA-UBND ngày 19/01/2024 của Ủy ban nhân dân tỉnh;")
    )
    assert [(ref.number, ref.kind, ref.date) for ref in references] == [
        ("316/PA-UBND", "Phương án", dt.date(2024, 1, 19))
    ]


def test_each_word_of_a_long_one_line_page_is_looked_at_once_for_seams(monkeypatch):
    # A page of 20,000 glued words on one line (the pathological one-line shape): the
    # seam rule looks at each word once, so the work grows with the line, not its square.
    from extract.parse import header_layout

    calls = 0
    seams = header_layout._seams

    def counted(word: str) -> list[int]:
        nonlocal calls
        calls += 1
        return seams(word)

    monkeypatch.setattr(header_layout, "_seams", counted)
    opening = (DEV / "doan-tw-qd367-ban-hanh-van-ban-cua-doan.txt").read_text(encoding="utf-8")
    line = opening + " QUYẾT ĐỊNHVề việc ban hành" * 5_000
    cells = LayoutView.of(lines_of(line)).cells
    assert calls <= len(line.split())
    assert sum(cell.text == "QUYẾT ĐỊNH" for cell in cells) >= 5_000


def test_a_long_generated_document_keeps_its_youth_union_header(tmp_path):
    # Thousands of lines: short numbered paragraphs with blank lines between them, a long
    # table flattened with "|", one very long line; the header is read as on its own.
    body = "\n\n".join(f"{n}. Nội dung công tác Đoàn số {n}." for n in range(1, 3_001))
    table = "\n".join(f"| {n} | Chi đoàn {n} | {n % 97} đoàn viên |" for n in range(1, 2_001))
    long_line = "Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh; " * 490  # under max_line_chars
    path = tmp_path / "long.txt"
    path.write_text(SIDE_BY_SIDE + long_line + "\n" + body + "\n" + table, encoding="utf-8")
    plan = load_plan(path)
    assert (plan.meta.issuer, plan.meta.number) == (
        "Ban Chấp hành Trung ương",
        "225-KH/TWĐTN-CTTN",
    )


def test_a_citation_whose_number_lost_its_hyphen_is_read_after_kind_and_so():
    # Thành đoàn Hà Nội cites "Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011"; a count after
    # "số" ("số 5 Điều 3") or a symbol of one part ("số 12 NQ") is no number.
    references = find_references(
        lines_of(
            "Căn cứ Kế hoạch số 298 KH/TWĐTN ngày 14/7/2011 của Ban Chấp hành Trung ương;"
            " Quyết định số 5 Điều 3; Nghị quyết số 12 NQ ngày 1/2/2020"
        )
    )
    assert [(ref.number, ref.kind, ref.date) for ref in references] == [
        ("298KH/TWĐTN", "Kế hoạch", dt.date(2011, 7, 14))
    ]


def test_the_states_name_after_nuoc_in_an_authority_line_is_no_motto():
    # Quốc hội, Nghị quyết 51/2010/QH12 (tests/realdocs/dev, vietlaw): under the title the
    # authority "QUỐC HỘI" / "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM" names the state;
    # read as a motto split over rows it made "NGHỊ QUYẾT" part of a name and the issuer
    # "Quốc hội Nước".
    meta = load_plan(DEV / "quoc-hoi-nq51-2010-ke-hoach-2011-vietlaw.txt").meta
    assert (meta.doc_type, meta.issuer, meta.number) == ("Nghị quyết", "Quốc hội", "51/2010/QH12")


def test_a_lead_naming_an_urgent_telegram_by_number_and_date_speaks_for_the_page():
    # Ban Thường vụ Tỉnh ủy Thanh Hóa, Công điện khẩn 07-CĐ/TU (tests/realdocs/dev): no
    # header; the lead names the telegram's own number and date after the urgency mark
    # "khẩn" (mức độ khẩn, Nghị định 30/2020/NĐ-CP Phụ lục I). The posting stamp of the
    # next day is no issue date.
    meta = load_plan(DEV / "thanh-hoa-ban-thuong-vu-tinh-uy-cong-dien-07-covid.txt").meta
    assert (meta.doc_type, meta.number, meta.issuer) == (
        "Công điện",
        "07-CĐ/TU",
        "Ban Thường vụ Tỉnh ủy Thanh Hóa",
    )
    assert (meta.issue_date, meta.place) == (dt.date(2022, 2, 19), None)


def test_an_excerpts_mark_in_brackets_leaves_a_title_in_capitals():
    # Quốc hội's resolution on the 2007 plan as a programme site excerpts it (tests/realdocs
    # dev, gopfp): "NGHỊ QUYẾT CỦA QUỐC HỘI VỀ ... NĂM 2007 (Trích)" is a kind line in
    # capitals; the mark "(Trích)" in mixed case made it read as a sentence.
    meta = load_plan(DEV / "quoc-hoi-nq-ke-hoach-ktxh-2007-gopfp.txt").meta
    assert meta.doc_type == "Nghị quyết"
    assert header_of("Nghị quyết của Quốc hội về kế hoạch năm 2007 (Trích)")["doc_type"] is None


def test_the_closing_remark_rule_reads_a_line_of_many_spaces_once():
    # The one-very-long-line shape: only a "(" can open a closing remark, so a line of
    # 200,000 spaces is read in one pass (a pattern opening on spaces would retry each one).
    from extract.parse.header_layout import in_capitals

    assert in_capitals("NGHỊ QUYẾT NĂM 2007 (Trích)")
    assert not in_capitals("A" + " " * 200_000 + "b")
    assert in_capitals("KẾ HOẠCH" + " " * 200_000 + "(Dự thảo)")


def test_a_title_in_capitals_names_its_issuer_after_cua():
    # Quốc hội's resolutions as a programme site excerpts them (tests/realdocs/dev, gopfp):
    # no header, the title "NGHỊ QUYẾT CỦA QUỐC HỘI VỀ ..." / "... CỦA QUỐC HỘI  KHOÁ XI ..."
    # names the issuer (the Party form of Hướng dẫn 36-HD/VPTW: "NGHỊ QUYẾT" / "CỦA BAN
    # THƯỜNG VỤ TỈNH ỦY" / "về ...").
    for page in ("quoc-hoi-nq-ke-hoach-ktxh-2007-gopfp", "quoc-hoi-nq-nhiem-vu-2006-gopfp"):
        assert load_plan(DEV / f"{page}.txt").meta.issuer == "Quốc hội"
    party = header_of(
        "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề lãnh đạo phát triển kinh tế năm 2025\n"
        "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, Ban Thường vụ Tỉnh"
        " ủy ban hành Nghị quyết như sau:"
    )
    assert party["issuer"] == "Ban Thường vụ Tỉnh ủy"
    # A headline in running case reports on a document: no issuer from it.
    assert header_of("Nghị quyết của Quốc hội về kế hoạch năm 2007")["issuer"] is None
