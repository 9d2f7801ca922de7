"""Issue 14 (headers20): a portal's banner and lists of documents are not the page's header.

The shapes are the ones issue 14 names from real portal pages ("THÔNG BÁO VĂN BẢN MỚI" over
a list of new documents; a list of letters each with its "Số:" and "V/v" line); the texts
below are written in those shapes, since the development pages hold none. A header has one
number and one subject (Nghị định 30/2020/NĐ-CP, Phụ lục I): two are a list.
"""

from __future__ import annotations

import datetime as dt

from tests.test_parse_header_layouts import header_of

NEWS = (
    "Hội nghị triển khai công tác dân vận năm 2024 được tổ chức tại hội trường Ủy ban nhân"
    " dân huyện, với sự tham dự của các phòng ban."
)


def test_a_banner_announcing_new_documents_names_no_kind():
    header = header_of(
        "THÔNG BÁO VĂN BẢN MỚI\n"
        "Kế hoạch số 45/KH-UBND ngày 12/3/2024 của UBND huyện về công tác dân vận năm 2024\n"
        "Quyết định số 120/QĐ-UBND ngày 10/3/2024 của UBND huyện về việc kiện toàn Ban chỉ đạo\n"
        + NEWS
    )
    assert header == dict.fromkeys(header, None)


def test_a_list_of_letters_gives_the_page_no_number_subject_or_issuer():
    header = header_of(
        "THÔNG BÁO VĂN BẢN MỚI\n"
        "Số: 45/KH-UBND V/v triển khai công tác dân vận năm 2024\n"
        "Số: 46/UBND-VP V/v tổ chức hội nghị\n" + NEWS
    )
    assert header == dict.fromkeys(header, None)


def test_subject_lines_of_a_list_are_not_a_letters_own():
    header = header_of(
        "Các văn bản khác\nV/v tăng cường công tác phòng chống dịch (12/03/2024)\n"
        "V/v triển khai tiêm chủng (10/03/2024)\n" + NEWS
    )
    assert header["doc_type"] is None


def test_a_letter_with_one_number_and_one_subject_is_still_read():
    header = header_of(
        "ỦY BAN NHÂN DÂN\nHUYỆN MỘ ĐỨC\n-------\nSố: 120/UBND-VX\n"
        "V/v tăng cường công tác phòng chống dịch\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Mộ Đức, ngày 12 tháng 3 năm 2024\nKính gửi: Các phòng, ban.\n" + NEWS
    )
    assert header["doc_type"] == "Công văn"
    assert header["number"] == "120/UBND-VX"
    assert header["issuer"] == "Ủy ban nhân dân huyện Mộ Đức"
    assert header["issue_date"] == dt.date(2024, 3, 12)
