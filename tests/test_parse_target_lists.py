"""The content route to target lists: a list read by what its items set (issue 14, sections21).

Real excerpts are copied from development documents of tests/realdocs/dev (each names its
file and lines); the held-out documents are never used here. Each positive test also
reads the excerpt without the route, so that it fails where the route is missing. The last
test runs the reader on a long generated plan of the pathological shapes and bounds the
work per line.
"""

from __future__ import annotations

import pytest

from extract.parse import items as items_module
from extract.parse import list_places, target_lists
from extract.parse.target_lists import item_kind
from tests.plan_text import figures
from tests.plan_text import parsed_plan as _plan

# gia-lai-xa-lo-ku-chi-tieu-2021-2025.txt, lines 8-15, without the heading above them ("2- Các
# chỉ tiêu chủ yếu ..."): a group line in words no heading rule knows, over "(n)" items.
UNDER_A_GROUP_LINE = (
    "* Về kinh tế\n"
    "(1) Cơ cấu kinh tế đến năm 2025: Nông - lâm nghiệp 80%; thương mại - dịch vụ 15%;  tiểu"
    " thủ công nghiệp: 5 %.\n"
    "(2) Tổng diện tích gieo trồng hằng năm: 3.830 ha.\n"
    "(3) Tổng đàn gia súc: 3.200 con.\n"
    "(4) Trồng rừng mới:  30 ha/năm.\n"
    "(5) Thu nhập bình quân đầu người đến năm 2025: 45 triệu đồng/người/năm.\n"
    "(6) Thu cân đối ngân sách xã hưởng: tăng 10%/năm trở lên.\n"
    "(7) Phấn đấu tỷ lệ cấp giấy chứng nhận quyền sử dụng đất công đạt 100%; cá nhân đạt 80%.\n"
)


def test_a_list_under_a_group_line_never_met_is_read_by_what_its_items_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = _plan(UNDER_A_GROUP_LINE)
    assert [target.number for target in plan.targets] == [1, 2, 3, 4, 5, 6, 7]
    assert figures(plan.targets[5]) == [(">=", 10.0, "%")]
    monkeypatch.setattr(items_module, "content_areas", lambda *_arguments: [])
    assert _plan(UNDER_A_GROUP_LINE).targets == []


def test_the_evidence_names_the_items_and_their_cues() -> None:
    plan = _plan(UNDER_A_GROUP_LINE)
    lines = plan.lines
    found = target_lists.content_lists(lines, plan.sections, set(), None)
    assert len(found) == 1
    assert (found[0].first, found[0].last, found[0].lead) == (2, 8, "* Về kinh tế")
    assert dict(found[0].cues) == {2: "level", 3: "level", 6: "level", 7: "level", 8: "level"}
    assert found[0].cue == "5/7 items: level"


# ha-noi-dang-bo-chi-tieu-2025-nhandan.txt, line 5 (cut after "(3)"): a group's targets run
# on in one line after "Về kinh tế:", the page's title of targets left out.
INLINE_UNDER_A_GROUP = (
    "Về kinh tế: (1) Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân giai đoạn"
    " 2021 - 2025: từ 7,5 đến 8%; (2) GRDP bình quân đầu người đến năm 2025: 8.300-8.500"
    " USD; (3) Tỷ trọng kinh tế số so với GRDP đến năm 2025: khoảng 30%."
)


def test_a_group_line_carrying_its_numbered_targets_is_read_by_what_they_set() -> None:
    plan = _plan(INLINE_UNDER_A_GROUP)
    assert [target.number for target in plan.targets] == [1, 2, 3]
    assert figures(plan.targets[2]) == [("~", 30.0, "%")]


# bo-tttt-thong-ke-de-an-thong-tin-nong-thon.txt, lines 11-22: shares of communes under a
# heading of results ("Kết quả thực hiện ..."): reached levels, no targets.
RESULTS = (
    "I - Kết quả thực hiện các mục tiêu\n"
    "\n"
    "1. Về cơ sở hạ tầng\n"
    "a) Điểm cung cấp dịch vụ bưu chính, viễn thông công cộng\n"
    "- 70,2% số đơn vị cấp xã có điểm bưu điện – văn hóa xã\n"
    "\n"
    "b) Phủ sóng phát thanh, truyền hình trung ương; hệ thống truyền thanh\n"
    "- 99,5% xã thu được tín hiệu phát thanh của Đài tiếng nói Việt Nam\n"
    "- 90,9% xã thu được tín hiệu phát thanh của Đài phát thanh địa phương\n"
    "- 98,9% xã thu được tín hiệu truyền hình của Đài truyền hình Việt Nam\n"
    "- 87,9% xã thu được tín hiệu truyền hình của Đài truyền hình địa phương\n"
    "- 83,4% xã có trạm truyền thanh\n"
)


def test_shares_under_a_heading_of_results_are_no_targets() -> None:
    assert _plan(RESULTS).targets == []


# phu-tho-ubnd-kh335-tuyen-sinh-2023.txt, lines 5-8 (cut): a numbered list of the documents
# the plan rests on; their years and numbers set nothing.
CITED_DOCUMENTS = (
    "1. Điều lệ trường trung học cơ sở (THCS), trường trung học phổ thông (THPT) và trường phổ"
    " thông có nhiều cấp học, ban hành kèm theo Thông tư số 32/2020/TT-BGDĐT , ngày 15/9/2020"
    " của Bộ trưởng Bộ GD&ĐT;\n"
    "2. Quy chế tuyển sinh THCS và tuyển sinh THPT ban hành kèm theo Thông tư số"
    " 11/2014/TT-BGDĐT , ngày 18/4/2014 của Bộ trưởng Bộ GD&ĐT;\n"
    "3. Quy chế tổ chức và hoạt động của trường THPT chuyên, ban hành kèm theo Thông tư số"
    " 06/2012/TT-BGDĐT , ngày 15/02/2012 của Bộ trưởng Bộ GD&ĐT;\n"
)


def test_a_list_of_cited_documents_is_no_list_of_targets() -> None:
    assert _plan(CITED_DOCUMENTS).targets == []


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        # quoc-hoi-dienbien-tin-nq25-nong-thon-moi.txt, line 3 (cut)
        ("Phấn đấu cả nước có ít nhất 80% số xã đạt chuẩn nông thôn mới", "level"),
        # bo-tttt-thong-ke-de-an-thong-tin-nong-thon.txt, line 22
        ("83,4% xã có trạm truyền thanh", "share"),
        # lao-cai-hdnd-25-chi-tieu-2024-laocaitv.txt, line 17
        ("Thu ngân sách nhà nước: 12.800 tỷ đồng", "value"),
        # Generated: words of a report, of work to do, of a group.
        ("Tỷ lệ hộ nghèo đã giảm còn 3,2%", "past"),
        ("Tổng sản phẩm ước đạt 8.500 tỷ đồng", "past"),
        ("Tổ chức 02 lớp tập huấn cho 100% cán bộ", "task"),
        ("Về văn hóa - xã hội:", "group"),
    ],
)
def test_what_an_item_sets_is_read_from_its_words(item: str, kind: str) -> None:
    assert item_kind(item, 2024) == kind


def test_a_figure_for_a_year_from_the_plans_own_on_sets_a_level() -> None:
    assert item_kind("Số thôn có nhà văn hóa năm 2025: 12 thôn", 2024) == "year"
    assert item_kind("Số thôn có nhà văn hóa năm 2025: 12 thôn", 2026) == "other"


def _long_plan(groups: int) -> str:
    """A generated plan of the pathological shapes, ``groups`` times over.

    Short numbered task paragraphs with blank lines between them, a list of targets under
    a lead in words no heading rule knows, a table joined by "|", and one very long line of
    numbers.
    """
    lines = ["KẾ HOẠCH", ""]
    for group in range(groups):
        lines += ["Nhiệm vụ:", ""]
        for number in range(1, 11):
            lines += [f"{number}. Tổ chức hội nghị lần {number} của nhóm {group}.", ""]
        lines += ["Phấn đấu đến năm 2030:", ""]
        lines += [f"- Tỷ lệ hộ dùng nước sạch ở nhóm {group} đạt {90 + n % 9}%." for n in range(5)]
        lines += [""]
        lines += [f"{row} | Số lớp học nhóm {group} | lớp | {row * 3}" for row in range(1, 4)]
        lines += [""]
    lines += [" ".join(f"{n % 90 + 1}. Mục {n} có {n} người." for n in range(3000))]
    return "\n".join(lines)


def test_a_long_plan_reads_each_item_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = target_lists.item_kind

    def counted(text: str, year: int | None) -> str:
        asked.append(text)
        return real(text, year)

    dated: list[str] = []
    real_dates = list_places.find_dates

    def counted_dates(text: str, require_year: bool = False) -> object:
        dated.append(text)
        return real_dates(text, require_year)

    monkeypatch.setattr(target_lists, "item_kind", counted)
    monkeypatch.setattr(list_places, "find_dates", counted_dates)
    text = _long_plan(150)
    plan = _plan(text)
    assert len(asked) <= len(text.split("\n"))
    assert len(dated) <= len(text.split("\n"))  # a page without a year: each line dated once
    listed = [target for target in plan.targets if target.text.startswith("Tỷ lệ hộ")]
    assert len(listed) == 5 * 150
    assert not any(target.text.startswith("Tổ chức") for target in plan.targets)


def _content_lists(text: str) -> list[target_lists.ContentList]:
    plan = _plan(text)
    return target_lists.content_lists(plan.lines, plan.sections, set(), 2022)


# ba-ria-vung-tau-xa-tam-phuoc-chi-tieu-2022.txt, lines 8-22: "+" parts under a "-" item
# ending "trong đó:" belong to it; they do not cut the "-" list in two.
PARTS_UNDER_AN_ITEM = (
    "- Thực hiện tổng diện tích gieo trồng 772 ha, trong đó:\n"
    "\n"
    "+ Lúa 507 ha\n"
    "\n"
    "+ Màu và Cây CNNN: 265 ha.\n"
    "\n"
    "- Sản lượng lúa:2.961 tấn; Sản lượng bắp: 14 tấn\n"
    "\n"
    "- Giá trị sản lượng nông nghiệp tăng 7,5 - 8,0%.\n"
    "\n"
    "- Giá trị Công nghiệp, tiểu thủ công nghiệp tăng 5-7%.\n"
    "\n"
    "- Kinh doanh dịch vụ tăng từ 10% trở lên.\n"
    "\n"
    "- Tổng thu ngân sách trên địa bàn đạt 100% chỉ tiêu trở lên.\n"
)


def test_parts_of_a_lower_rank_belong_to_the_item_above() -> None:
    found = _content_lists(PARTS_UNDER_AN_ITEM)
    assert [(listed.first, listed.last, listed.items) for listed in found] == [(1, 15, 6)]


# ninh-binh-ubnd-kh22-nguoi-cao-tuoi.txt, lines 24-32 (cut): "1." and "2." name the parts,
# the "a)" items under "2." are the list; read as one run the numbered items are no list.
LETTERED_PARTS = (
    "1. Mục tiêu chung\n"
    "Chăm sóc, nâng cao sức khỏe người\n"
    "cao tuổi (người từ đủ 60 tuổi trở lên) bảo đảm thích ứng với già hóa dân\n"
    "số, góp phần thực hiện thành công Chiến lược Dân số Việt Nam đến năm 2030.\n"
    "2. Mục tiêu cụ thể\n"
    "a) 100% cấp ủy Đảng, chính quyền\n"
    "các cấp ban hành nghị quyết, kế hoạch, đầu tư ngân sách cho chăm sóc sức khỏe\n"
    "người cao tuổi vào năm 2025 và duy trì đến năm 2030;\n"
    "b) 75% người cao tuổi hoặc người\n"
    "thân trực tiếp chăm sóc người cao tuổi được cung cấp thông tin về già hóa dân số.\n"
)


def test_a_run_of_parts_is_read_when_the_run_above_it_is_no_list() -> None:
    found = _content_lists(LETTERED_PARTS)
    assert [(listed.first, listed.last, listed.lead) for listed in found] == [
        (6, 10, "Mục tiêu cụ thể")
    ]


def test_letters_follow_in_the_vietnamese_order() -> None:
    # Generated: "đ)" comes between "d)" and "e)" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
    letters = ["a", "b", "c", "d", "đ", "e", "g"]
    text = "\n".join(
        f"{letter}) Tỷ lệ hộ nhóm {n} đạt {90 + n}%;" for n, letter in enumerate(letters)
    )
    found = _content_lists(text)
    assert [(listed.first, listed.last, listed.items) for listed in found] == [(1, 7, 7)]


# Generated: the shape of a plan's "Thực trạng" part, rates where things stand; and an item
# that speaks only of a year before the plan's own gives no cue.
SITUATION = (
    "1. Thực trạng\n"
    "- Tỷ lệ hộ nghèo: 3,5%;\n"
    "- Tỷ lệ lao động qua đào tạo: 60%;\n"
    "- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng: 12%.\n"
)


def test_rates_where_things_stand_are_no_targets() -> None:
    assert _content_lists(SITUATION) == []
    assert item_kind("Tỷ lệ hộ nghèo năm 2020: 3,5%", 2022) == "other"
    assert item_kind("Tỷ lệ hộ nghèo năm 2025: 3,5%", 2022) == "rate"


# thanh-hoa-qd969-chi-tieu-chuyen-doi-so-muong-lat.txt, lines 3-19: a portal's page without a
# header (no year of its own); its lead dates it, and "- Năm 2022: 94 xã ..." sets a figure
# for each year from then on.
DATED_BY_ITS_LEAD = (
    "Ngày 18/3/2022, Chủ tịch UBND tỉnh Thanh Hóa ban hành Quyết định số 969/QĐ-UBND về việc"
    " thực hiện chuyển đổi số cấp huyện, cấp xã trên địa bàn tỉnh Thanh Hóa giai đoạn"
    " 2022-2025.\n\n"
    "             1. Chuyển đổi số cấp huyện\n\n"
    "            Đến năm 2025, hoàn thành chuyển đổi số tại 12 huyện, thị xã, thành phố.\n\n"
    "            2. Chuyển đổi số cấp xã\n\n"
    "            Số xã, phường, thị trấn tại các huyện, thị xã, thành phố hoàn thành chuyển đổi"
    " số theo từng năm, cụ thể như sau:\n\n"
    "            - Năm 2022: 94 xã, phường, thị trấn.\n\n"
    "            - Năm 2023: 132 xã, phường, thị trấn.\n\n"
    "            - Năm 2024: 133 xã, phường, thị trấn.\n\n"
    "            - Năm 2025: 118 xã, phường, thị trấn.\n"
)


def test_a_page_without_a_year_of_its_own_is_dated_by_the_dates_written_above_a_list() -> None:
    plan = _plan(DATED_BY_ITS_LEAD)
    found = target_lists.content_lists(plan.lines, plan.sections, set(), None)
    assert [(listed.first, listed.last, listed.cue) for listed in found] == [
        (3, 17, "2/2 items: level, year")
    ]
    # Posted after the last of its years, the same list states the past: no list.
    later = _plan("Ngày đăng 05/01/2026\n\n" + DATED_BY_ITS_LEAD)
    assert target_lists.content_lists(later.lines, later.sections, set(), None) == []


# gia-lai-phuong-hoi-phu-chi-tieu-nhiem-ky.txt, lines 14-19 (the page cut in item 6): item 4
# sets a level with no figure ("không còn hộ nghèo"), which counts towards the list's share.
A_LEVEL_WITHOUT_A_FIGURE = (
    "1. Duy trì cơ cấu kinh tế: Thương mại -Dịch vụ - Công nghiệp - Xây dựng – Nông nghiệp. Tỷ"
    " trọng cơ cấu kinh tế: Thương mại-Dịch vụ chiếm 52%, Công nghiệp-Xây dựng chiếm 43%, Nông"
    " nghiệp chiếm 5%.\n"
    "2. Thu ngân sách Nhà nước theo phân cấp tăng 5% hàng năm.\n"
    "3. Tỷ lệ tăng dân số tự nhiên hàng năm 1,1%.\n"
    "4. Phấn đấu đến năm 2025 không còn hộ nghèo trên địa bàn phường.\n"
    "5. Tỷ lệ lao động qua đào tạo: 88,7%.\n"
    "6. Huy đ"
)


def test_an_item_setting_a_level_without_a_figure_counts_towards_the_share() -> None:
    assert item_kind("Phấn đấu đến năm 2025 không còn hộ nghèo trên địa bàn phường.", 2020) == "aim"
    assert item_kind("Huy đ", 2020) == "other"
    found = _content_lists(A_LEVEL_WITHOUT_A_FIGURE)
    # Item 6, cut by the page's end ("Huy đ"), is not judged (lists23).
    assert [(listed.first, listed.last, listed.items) for listed in found] == [(1, 6, 5)]


# gia-lai-phuong-chi-lang-chi-tieu-2025.txt, lines 13-19 (the page cut in item 7): item (2)
# has "đã" in a clause ("đoạn đường ... đã xuống cấp"); one item in seven does not make a
# report, and the item is judged by what it sets.
PAST_WORD_IN_A_CLAUSE = (
    "(1). Thu ngân sách theo phân cấp trên địa bàn tăng bình quân từ 3 – 5%/năm.\n"
    "(2). Tiếp tục thực hiện nhựa hóa, bê tông hóa từ 08 đến 10 đường hẻm chính và phụ (2,5"
    " km); duy tu bảo dưỡng từ 06 đến 08 đoạn đường (1,5 km) đã xuống cấp; lắp điện chiếu sáng"
    " đường hẻm từ 50 bóng trở lên.\n"
    " (3). Tỷ lệ tăng dân số tự nhiên hằng năm 1,05%.\n"
    "(4). Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2025 đạt 80 %.\n"
    "(5). Tỷ lệ hộ nghèo (theo chuẩn nghèo giai đoạn 2016 – 2020) đến năm 2025 giảm dưới 1%; hộ"
    " cận nghèo giảm dưới 2%.\n"
    "(6). Tỷ lệ lao động qua đào tạo đến năm 2025 đạt 67%.\n"
    "(7). Tỷ lệ trẻ em 5 tuổi ra lớp và trẻ em trong độ tuổi đến lớp ở bậc học phổ thông (tiểu"
    " học, trung học cơ sở) hằ"
)


def test_an_item_with_a_past_word_in_a_list_that_is_no_report_is_judged_by_what_it_sets() -> None:
    found = _content_lists(PAST_WORD_IN_A_CLAUSE)
    assert [(listed.first, listed.last, listed.cue) for listed in found] == [
        (1, 7, "6/6 items: level")  # item 7, cut by the page's end, is not judged
    ]


# ha-noi-phuong-ngoc-lam-chi-tieu-nhiem-ky.txt, line 8 (cut after item 3): the lead names
# tasks among other parts, but what its colon announces is the last part named.
LEAD_NAMING_TASKS_FIRST = (
    "Trong Nghị quyết Đại hội Đảng bộ phường đã đề ra phương hướng, nhiệm vụ trọng tâm, mục"
    " tiêu tổng quát của nhiệm kỳ 2020 – 2025. Về phương hướng, nhiệm vụ Nghị quyết nêu cụ thể"
    " 7 nhiệm, 3 khâu đột phá và 12 chỉ tiêu chủ yếu đó là: (1) Thu ngân sách nhà nước trên địa"
    " bàn tăng bình quân 10-12 %/năm theo chỉ tiêu Quận giao. (2) Phấn đấu số trường công lập"
    " đạt chuẩn quốc gia tăng thêm 01 trường, (3) Kết nạp đảng viên mới hàng năm từ 8 đến 10"
)


def test_a_lead_announces_the_last_part_it_names() -> None:
    found = _content_lists(LEAD_NAMING_TASKS_FIRST)
    assert [(listed.first, listed.items) for listed in found] == [(1, 3)]
    tasks_last = LEAD_NAMING_TASKS_FIRST.replace("12 chỉ tiêu chủ yếu đó là", "các nhiệm vụ sau")
    assert _content_lists(tasks_last) == []


# thanh-hoa-xa-dong-van-chi-tieu-chu-yeu.txt, lines 15-55 (the heading's words made unknown):
# "1.1. Về kinh tế" gives each indicator its figure, fewer than half set a level; its sibling
# parts under the same heading set levels, so it is a list of targets as they are.
BESIDE_A_LIST = (
    " 1. Các nhóm chủ yếu\n\n1.1. Về kinh tế\n\n"
    "- Giá trị sản xuất nông nghiệp và thủy sản: 165 tỷ đồng\n\n"
    "- Sản lượng lương thực có hạt bình quân hàng năm: 4.310 tấn\n\n"
    "- Diện tích, sản lượng các cây trồng chủ yếu: 419,91 ha, 5.028 tấn\n\n"
    "- Tổng đàn gia súc, gia cầm: 275 nghìn con\n\n"
    "- Số hộ sản xuất kinh doanh cá thể trên địa bàn: 1.177 hộ\n\n"
    "- Doanh nghiệp trên địa bàn: 27 DN\n\n"
    "- Số trang trại trên địa bàn: 30 trang trại\n\n"
    "- Tỷ lệ thu ngân sách hàng năm tăng: 12%\n\n"
    "- Thu nhập bình quân đầu người/năm (triệu đồng): 58 triệu đồng.\n\n"
    "1.2. Về văn hóa - xã hội\n\n"
    "- Tỷ lệ tăng sinh tự nhiên hàng năm: 0,3%\n\n"
    "- Tỷ lệ hộ nghèo năm 2020: 1,2%\n\n"
    "- Tỷ lệ nhà ở kiên cố của các hộ gia đình đến năn 2020 là 100%\n\n"
    "- Tỷ lệ trẻ em dưới 6 tuổi được tiêm phòng hàng năm 100%.\n\n"
    "- Tỷ lệ gia đình đạt chuẩn gia đình văn hóa năm 2020 là 98 %.\n\n"
    "- Duy trì và nâng cao các tiêu chí kiểu mẫu của 7 thôn, xã, cơ quan.\n"
)


def test_a_list_giving_figures_beside_a_list_of_targets_under_one_heading_is_targets() -> None:
    plan = _plan(BESIDE_A_LIST)
    found = target_lists.content_lists(plan.lines, plan.sections, set(), 2016)
    assert [(listed.first, listed.beside) for listed in found] == [(5, True), (25, False)]
    assert found[0].cue == "3/9 items: level, beside a list of targets"
    # Alone under its heading, the same list is no list of targets.
    alone = _plan(BESIDE_A_LIST.split("1.2. ")[0])
    assert target_lists.content_lists(alone.lines, alone.sections, set(), 2016) == []


def test_the_law_in_general_cites_no_document() -> None:
    # chi-doan-d2s-vb2a-chi-tieu-nam-hoc-2023-2024.txt, lines 22-23.
    item = (
        "100% đoàn viên thanh niên được học tập, quán triệt, tuyên truyền về các nghị quyết của"
        " Đảng, của Đoàn, chính sách, pháp luật của Nhà nước."
    )
    assert item_kind(item, 2023) == "share"
    assert item_kind("Thực hiện Luật Thanh niên năm 2020 đạt 100%", 2023) == "citing"
