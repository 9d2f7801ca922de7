"""More shapes of lists the content route reads by what their items set (issue 14, lists23).

Real excerpts are copied from development documents of tests/realdocs/dev (each names its
file and lines), with the words of their headings that name targets made unknown where the
heading route would otherwise read them; the held-out documents are never used here. Each
test also checks the shape the rule must leave alone, so that a rule too wide fails too.
"""

from __future__ import annotations

from extract.parse import target_lists
from extract.parse.list_places import ContentList
from tests.plan_text import parsed_plan


def _content_lists(text: str, year: int | None = 2020) -> list[ContentList]:
    plan = parsed_plan(text)
    return target_lists.content_lists(plan.lines, plan.sections, set(), year)


def _spans(found: list[ContentList]) -> list[tuple[int, int, str]]:
    return [(listed.first, listed.last, listed.cue) for listed in found]


# ha-noi-ubnd-kh168-van-hoa-ung-xu-truong-hoc.txt, lines 32-41: the page's excerpt ends in
# the third item ("- Phấn"), the heading's words of targets made unknown.
CUT_BY_THE_END_OF_THE_PAGE = (
    "2. Nhóm cụ thể\n"
    "- 100% trường học xây dựng và thực hiện\n"
    "quy tắc ứng xử trong trường học theo hướng dẫn của Bộ Giáo dục và Đào tạo; Kế\n"
    "hoạch của UBND Thành phố, đảm bảo phù hợp với điều kiện và đặc trưng của quận,\n"
    "huyện, thị xã và nhà trường.\n"
    "- Hằng năm, 100% cán bộ quản lý, nhà\n"
    "giáo, nhân viên, học sinh, sinh viên được tuyên truyền, phổ biến, học tập các vấn\n"
    "đề liên quan đến văn hóa ứng xử, môi trường văn hóa trong gia đình, nhà trường\n"
    "và cộng đồng.\n"
    "- Phấn "
)


def test_an_item_cut_by_the_end_of_the_text_is_not_judged() -> None:
    found = _content_lists(CUT_BY_THE_END_OF_THE_PAGE)
    assert _spans(found) == [(2, 10, "2/2 items: level, share")]
    # The same item closed, or followed by more text, is judged: then no list.
    closed = CUT_BY_THE_END_OF_THE_PAGE.replace("- Phấn ", "- Xây dựng môi trường văn hóa.")
    assert _content_lists(closed) == []
    assert _content_lists(CUT_BY_THE_END_OF_THE_PAGE + "\nII. NHIỆM VỤ\n") == []


# thanh-hoa-xa-dong-van-chi-tieu-chu-yeu.txt, lines 15-59 (1.1 and 1.2 left out), the
# heading's words of targets made unknown: the last group holds one item, which sets a level.
A_LONE_ITEM_UNDER_A_GROUP = (
    " 1. Các nhóm chủ yếu\n\n"
    "1.3. Về môi trường\n\n"
    "- Tỷ lệ dân số dùng nước sạch: 100%.\n\n"
    "- Tỷ lệ thôn đạt tiêu chuẩn môi trường 100 %.\n\n"
    "1.4. Về an ninh trật tự\n\n"
    "- Tỷ lệ khu dân cư đạt tiêu chuẩn an toàn về an ninh trật tự 100%.\n"
)


def test_a_lone_item_under_a_group_beside_a_list_of_targets_is_a_target() -> None:
    found = _content_lists(A_LONE_ITEM_UNDER_A_GROUP)
    assert _spans(found) == [
        (5, 7, "2/2 items: level, rate"),
        (11, 11, "1/1 items: level, beside a list of targets"),
    ]
    # Alone under its heading, or under a heading that names no group, it is no list.
    alone = (
        A_LONE_ITEM_UNDER_A_GROUP.split("1.3. ")[0] + A_LONE_ITEM_UNDER_A_GROUP.split("%.\n\n")[-1]
    )
    assert _content_lists(alone) == []
    otherwise = A_LONE_ITEM_UNDER_A_GROUP.replace("1.4. Về an ninh trật tự", "1.4. Yêu cầu")
    assert _spans(_content_lists(otherwise)) == [(5, 7, "2/2 items: level, rate")]


# ninh-binh-ubnd-kh149-tai-nan-thuong-tich-tre-em.txt, lines 29-41 (the page cut in the last
# item), the headings' words of targets made unknown: the list is the parts of a part
# ("2." over "a)" over "-").
PARTS_OF_A_PART = (
    "1. Yêu cầu tổng quát\n\n"
    "Kiểm soát, giảm thiểu tình hình tai nạn, thương tích trẻ em.\n\n"
    "2. Yêu cầu cụ thể\n\n"
    "a) Yêu cầu 1: Giảm tỷ lệ tai nạn, thương tích và tử vong do tai nạn, thương tích của trẻ"
    " em.\n\n"
    "- Giảm tỷ suất trẻ em bị tai nạn, thương tích năm 2025 xuống còn 500/100.000 trẻ em và"
    " 450/100.000 trẻ em vào năm 2030.\n\n"
    "- Giảm tỷ suất trẻ em bị tử vong do tai nạn, thương tích năm 2025 xuống còn 16/100.000"
    " trẻ em và 15/100.000 trẻ em vào năm 2030.\n\n"
    "- Hằng năm giảm 5-10% số trẻ em bị tử vong và bị thương do tai nạn giao thông đường"
    " bộ.\n\n"
    "- Giảm 10% số trẻ em bị tử vong do đuối nước năm 2025 và 20% vào năm 2030.\n\n"
    "- 70.000 ngôi nhà thuộc các hộ gia đình có trẻ em đạt tiêu chí Ngôi nhà an toàn vào năm"
    " 2025 và 80.000 vào năm 2030; 170 trường học đạt tiêu chuẩn Trường học an toàn vào năm "
)


def test_the_parts_of_a_part_are_read_when_the_runs_above_them_are_no_lists() -> None:
    found = _content_lists(PARTS_OF_A_PART, 2021)
    assert [(listed.first, listed.last, listed.items) for listed in found] == [(9, 17, 5)]
    assert found[0].lead.startswith("Yêu cầu 1: Giảm tỷ lệ")
