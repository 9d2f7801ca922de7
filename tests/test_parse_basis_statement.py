"""The basis a preamble's closing statement issues the plan for (issue 14, session quant23).

"Căn cứ Kế hoạch số 141-KH/BDVTU ..., UBND tỉnh ban hành Kế hoạch thực hiện ..." (Bắc Kạn
style, tests/realdocs/dev/bac-kan-ubnd-kh21-dan-van-chinh-quyen.txt) says which document the
plan carries out as surely as "Thực hiện ...". The headers below are written after real
plans; the bases are the texts' own shapes.
"""

from __future__ import annotations

import pytest

from extract.model import Line
from extract.parse.meta import parse_meta

HEADER = (
    "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN",
    "Số: 21/KH-UBND",
    "Bắc Kạn, ngày 16 tháng 01 năm 2025",
    "KẾ HOẠCH",
    "Thực hiện công tác dân vận chính quyền năm 2025",
    "",
)


def _lines(*texts: str) -> list[Line]:
    return [Line(number=n, raw=text, text=text) for n, text in enumerate(texts, 1)]


def _implemented(*preamble: str) -> str | None:
    meta = parse_meta(_lines(*HEADER, *preamble, "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"))
    implements = meta.implements
    if implements is None or implements.reference is None:
        return None
    return implements.reference.number


def test_the_basis_joined_to_the_statement_that_issues_the_plan_is_carried_out() -> None:
    # bac-kan-ubnd-kh21-dan-van-chinh-quyen
    preamble = (
        "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác",
        "dân vận năm 2025, Ủy ban nhân dân (UBND) tỉnh ban hành Kế hoạch thực hiện công tác dân",
        "vận chính quyền năm 2025 với nội dung như sau:",
    )
    assert _implemented(*preamble) == "141-KH/BDVTU"
    meta = parse_meta(_lines(*HEADER, *preamble, "I. MỤC ĐÍCH, YÊU CẦU"))
    assert meta.implements is not None and meta.implements.line == 7
    assert meta.implements.raw is not None
    assert meta.implements.raw.startswith("Căn cứ Kế hoạch số 141-KH/BDVTU")
    assert meta.implements.raw.endswith("với nội dung như sau:")
    assert not meta.implements.is_de_an_13


@pytest.mark.parametrize(
    ("preamble", "number"),
    [
        # The last basis of a list, joined by a comma (tra-vinh-ubnd-kh19 shape)
        (
            (
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Căn cứ Quyết định số",
                "553/QĐ-UBND ngày 15/3/2016 của Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện",
                "công tác dân vận chính quyền giai đoạn 2016-2020, Ủy ban nhân dân tỉnh xây dựng",
                "Kế hoạch triển khai thực hiện công tác dân vận chính quyền năm 2020 như sau:",
            ),
            "553/QĐ-UBND",
        ),
        # A basis joined by a colon (thua-thien-hue-ubnd-kh24)
        (
            (
                "Căn cứ Nghị quyết số 14/2020/NQ-HĐND ngày 13/11/2020 của HĐND tỉnh về việc",
                "thông qua Đề án “Xây dựng nếp sống văn minh”: UBND tỉnh ban hành Kế hoạch",
                "triển khai thực hiện Đề án “Xây dựng nếp sống văn minh” như sau:",
            ),
            "14/2020/NQ-HĐND",
        ),
        # A plan of action
        (
            (
                "Căn cứ Chương trình số 05-CTr/TU ngày 02/3/2021 của Tỉnh ủy, UBND tỉnh ban hành",
                "Kế hoạch hành động thực hiện Chương trình như sau:",
            ),
            "05-CTr/TU",
        ),
    ],
)
def test_the_last_basis_before_the_statement_is_carried_out(
    preamble: tuple[str, ...], number: str
) -> None:
    assert _implemented(*preamble) == number


@pytest.mark.parametrize(
    "preamble",
    [
        # The grounds are a list closed by ";": none is singled out (ninh-thuan-ubnd-kh4056)
        (
            "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/7/2022 của Thủ tướng Chính phủ; Căn cứ",
            "Quyết định số 59/QĐ-UBND ngày 14/01/2019 của Ủy ban nhân dân tỉnh; Ủy ban nhân dân",
            "tỉnh ban hành Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm như sau:",
        ),
        # ... or by a full stop (thanh-hoa-xa-cat-van-kh14)
        (
            "Căn cứ Nghị quyết số 25/2018/NQ-HĐND ngày 26/12/2018 của HĐND xã. Ủy ban nhân dân",
            "xã xây dựng kế hoạch thực hiện chương trình giảm nghèo năm 2019 như sau:",
        ),
        # The words "ban hành Kế hoạch thực hiện" belong to a cited decision's subject
        (
            "Căn cứ Quyết định số 175/QĐ-UBND, ngày 19/01/2018 của UBND tỉnh về việc ban hành",
            "Kế hoạch thực hiện Chương trình Phát triển thanh niên; Theo đề nghị của Sở Y tế.",
        ),
        # The last basis cites no document by number (binh-phuoc-truong-th-tien-hung-a-kh25)
        (
            "Căn cứ Công văn số 893/PGD&ĐT-TH ngày 07/9/2017 của Phòng GD&ĐT; Căn cứ vào tình hình",
            "thực tế của đơn vị, trường Tiểu học Tiến Hưng A xây dựng Kế hoạch thực hiện nhiệm vụ",
            "năm học 2017 - 2018 như sau:",
        ),
        # The plan is issued to organise, not to carry out (doan-tw-kh411-dai-hoi-doan)
        (
            "Căn cứ Chỉ thị số 08-CT/TW ngày 20/8/2021 của Ban Bí thư, Ban Chấp hành Trung ương",
            "Đoàn ban hành Kế hoạch tổ chức đại hội đoàn các cấp như sau:",
        ),
    ],
)
def test_no_basis_is_carried_out_when_the_statement_singles_none_out(
    preamble: tuple[str, ...],
) -> None:
    assert _implemented(*preamble) is None


def test_an_opening_that_says_thuc_hien_still_wins() -> None:
    # ha-noi-ubnd-kh168: "Thực hiện ...;" then the statement
    assert (
        _implemented(
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2020 của UBND thành phố; Thực hiện",
            "Quyết định số 1299/QĐ-TTg ngày 03/10/2018 của Thủ tướng Chính phủ, Ủy ban nhân dân",
            "thành phố ban hành Kế hoạch thực hiện Đề án như sau:",
        )
        == "1299/QĐ-TTg"
    )
