"""Issue 14: a two-column header whose motto is split over rows, read row by row.

A PDF (typed or scanned) of the header table gives each left-column line on the
same line as a piece of the motto, with no gap or bar between them. The excerpts
are development openings (tests/realdocs/dev) as such a PDF reads them.
"""

from __future__ import annotations

import datetime as dt

from extract.model import Line
from extract.parse.header_layout import LayoutView
from extract.parse.meta import parse_meta
from tests.test_parse_header_layouts import DEPARTMENT_UNDER_ITS_PROVINCE, header_of, lines_of

# Bắc Kạn, Kế hoạch 21/KH-UBND (2025): the motto split after "XÃ HỘI".
BAC_KAN_ROWS = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI
TỈNH BẮC KẠN CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 21/KH-UBND
Bắc Kạn, ngày 16 tháng 01 năm 2025
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025
Căn cứ Kế hoạch số 141-KH/BDVTU ngày 02/01/2025 của Ban Dân vận Tỉnh ủy Bắc Kạn."""

# Hà Tĩnh, Hướng dẫn 20/HD-SLĐTBXH (2009): three name rows, the motto broken
# before its last word, the motto's second line beside the third name row.
HA_TINH_ROWS = """UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
SỞ LAO ĐỘNG - THƯƠNG BINH NAM
VÀ XÃ HỘI Độc lập - Tự do - Hạnh phúc
Số: 20/HD-SLĐTBXH Hà Tĩnh, ngày 04 tháng 3 năm 2009
HƯỚNG DẪN
QUI TRÌNH VÀ KẾ HOẠCH RÀ SOÁT LẠI HỘ NGHÈO, HỘ CẬN NGHÈO"""

# Trà Vinh, Nghị quyết 15/2020/NQ-HĐND: the motto broken inside "XÃ HỘI".
TRA_VINH_ROWS = """HỘI ĐỒNG CỘNG HÒA XÃ
NHÂN DÂN HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TRÀ VINH Độc lập - Tự do - Hạnh phúc
Số: 15/2020/NQ-HĐND Trà Vinh, ngày 09 tháng 12 năm 2020
NGHỊ QUYẾT"""


def test_motto_pieces_at_row_ends_are_not_the_issuer():
    assert header_of(BAC_KAN_ROWS) == {
        "doc_type": "Kế hoạch",
        "number": "21/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn",
        "issuer_parent": None,
        "place": "Bắc Kạn",
        "issue_date": dt.date(2025, 1, 16),
    }
    # As the same header reads from its table (capitals as name_case gives them).
    assert header_of(HA_TINH_ROWS) == header_of(DEPARTMENT_UNDER_ITS_PROVINCE)
    assert header_of(HA_TINH_ROWS)["issuer"] == "Sở Lao động - Thương binh và Xã hội"
    assert header_of(TRA_VINH_ROWS)["issuer"] == "Hội đồng nhân dân tỉnh Trà Vinh"


def test_motto_rows_keep_their_line_spans():
    meta = parse_meta(lines_of(BAC_KAN_ROWS))
    issuer = meta.spans["issuer"]
    assert (issuer.line, issuer.end_line) == (1, 2)
    view = LayoutView.of(lines_of(BAC_KAN_ROWS)[:3])
    cells = [(cell.text, cell.line, cell.start, cell.end) for cell in view.cells]
    assert cells[:4] == [
        ("ỦY BAN NHÂN DÂN", 1, 0, 15),
        ("TỈNH BẮC KẠN", 2, 0, 12),
        ("CỘNG HÒA XÃ HỘI", 1, 16, 31),
        ("CHỦ NGHĨA VIỆT NAM", 2, 13, 31),
    ]


def test_a_name_ending_on_motto_words_is_left_whole():
    # "... XÃ HỘI" ends a department's name; no row goes on with the motto.
    rows = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    view = LayoutView.of([Line(number=n, raw=t, text=t) for n, t in enumerate(rows.split("\n"), 1)])
    assert [cell.text for cell in view.cells] == rows.split("\n")


# Ban Dân vận Trung ương, Kế hoạch 06-KH/BDVTW (2020): the Party line on the first
# row, the place and date beside the last line of the name.
BAN_DAN_VAN_ROWS = """BAN ĐẢNG CỘNG SẢN VIỆT NAM
CHẤP HÀNH TRUNG ƯƠNG
BAN DÂN VẬN Hà Nội, ngày 19 tháng 02 năm 2020
Số: 06-KH/BDVTW
KẾ HOẠCH
THỰC HIỆN "NĂM DÂN VẬN KHÉO" 2020"""


def test_place_date_beside_the_last_name_row_takes_no_word_of_the_name():
    assert header_of(BAN_DAN_VAN_ROWS) == {
        "doc_type": "Kế hoạch",
        "number": "06-KH/BDVTW",
        "issuer": "Ban Dân vận Trung ương",
        "issuer_parent": "Ban Chấp hành Trung ương",
        "place": "Hà Nội",
        "issue_date": dt.date(2020, 2, 19),
    }
    # An abbreviated place level in capitals is still part of the place.
    moved = BAN_DAN_VAN_ROWS.replace("Hà Nội,", "TP. Hồ Chí Minh,")
    assert header_of(moved)["place"] == "TP. Hồ Chí Minh"


# The same Bắc Kạn header scanned at 200 dpi (tests/realistic_scans): OCR keeps a
# wide gap between the columns and reads the rule under the name as noise.
BAC_KAN_SCANNED = """ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI
TỈNH BẮC KẠN   CHỦ NGHĨA VIỆT NAM
1ï.   Độc lập - Tự do - Hạnh phúc
Số: 21/KH-UBND   —
Bắc Kạn, ngày 16 tháng 01 năm 2025
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025"""


def test_motto_pieces_in_cells_of_their_own_beside_the_names():
    assert header_of(BAC_KAN_SCANNED)["issuer"] == "Ủy ban nhân dân tỉnh Bắc Kạn"
    # Cells alone on their rows (a web page's table flattened cell by cell) keep their order.
    alone = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM"
    view = LayoutView.of(lines_of(alone))
    assert [cell.text for cell in view.cells] == alone.split("\n")


# Bình Định, Quyết định 1528/QĐ-UBND scanned: the rule under the motto read as noise
# at the end of the number's row.
BINH_DINH_SCANNED = """ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI
TỈNH BÌNH ĐỊNH   CHỦ NGHĨA VIỆT NAM
.ï_—   Độc lập - Tự do - Hạnh phúc
Số: 1528/QĐ-UBND   ¬".Ă--.<—_—_—
Bình Định, ngày 29 tháng 04 năm 2021
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH PHÁT"""


def test_scan_noise_without_a_word_is_no_part_of_the_name():
    assert header_of(BINH_DINH_SCANNED)["issuer"] == "Ủy ban nhân dân tỉnh Bình Định"


# Hà Nội, Kế hoạch 85/KH-UBND scanned: a mark in the gap between the columns read as "Y".
HA_NOI_SCANNED = """ỦY BAN NHÂN DÂN Y CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
THÀNH PHỐ HÀ NỘI Y NAM
Độc lập - Tự do - Hạnh phúc
Số: 85/KH-UBND
Hà Nội, ngày 27 tháng 05 năm 2013
KẾ HOẠCH"""


def test_a_stray_letter_in_the_gap_is_no_part_of_the_name():
    assert header_of(HA_NOI_SCANNED)["issuer"] == "Ủy ban nhân dân thành phố Hà Nội"
