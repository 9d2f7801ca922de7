"""Target lists under leads and group headings (issue 14, session lists14), real excerpts.

Every excerpt is copied from a development document of tests/realdocs/dev (its file is
named beside it); the held-out documents are never used here.
"""

from __future__ import annotations

from tests.plan_text import parsed_plan as _plan

# thua-thien-hue-ubnd-ke-hoach-ktxh-2024.txt: "1. Mục tiêu" is a bare heading over a
# paragraph of general goals; the targets come under "2. Chỉ tiêu ..." (cut before them).
BARE_GOAL_HEADING = (
    "(Theo Quyết định số 1/QĐ-UBND ngày 01/01/2024 của UBND tỉnh)\n"
    "I. MỤC TIÊU, CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU\n"
    "1. Mục tiêu\n"
    "Tập trung hoàn thành các chương trình, đề án phục vụ mục tiêu xây dựng Thừa Thiên Huế"
    " thành phố trực thuộc Trung ương. Tăng cường sức chống chịu nền kinh tế; đẩy mạnh cơ cấu"
    " lại các ngành, lĩnh vực và trong nội ngành gắn với đổi mới mô hình tăng trưởng, nâng cao"
    " năng suất, chất lượng, hiệu quả, sức cạnh tranh.\n"
    "2. Chỉ tiêu kinh tế - xã hội năm 2024\n"
    "Các Sở, ban, ngành theo chức năng, nhiệm vụ chủ trì tổng hợp, theo dõi, tham mưu đề xuất"
    " chỉ đạo và chịu trách nhiệm thực hiện các chỉ tiêu theo kế hoạch ngành; trong"
)


def test_a_bare_goal_heading_over_a_paragraph_is_no_target() -> None:
    assert _plan(BARE_GOAL_HEADING).targets == []
