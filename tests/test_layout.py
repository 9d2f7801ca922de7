"""Layout restoring (issues 14 and 19): a plan pasted onto one line is read as the clerk wrote it.

Each test states what a reviewer needs: the header and the targets read from the run-together
text, every value pointing at the user's own line and column, ordinary documents untouched,
and bounded work on long and pathological lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import load_plan
from extract.errors import PlanInputError
from extract.layout import cuts as layout_cuts
from extract.layout import dash_cuts, label_cuts, marks, restore_layout
from extract.layout.vocabulary import layout_words
from extract.limits import Limits
from extract.loaders.txt import load_text
from extract.model import FontRun, Line, Target

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "corpus" / "plans").glob("*.txt"))
WARD_PLAN = ROOT / "corpus" / "plans" / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN_PLAN = ROOT / "corpus" / "plans" / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"

# A commune plan as a web page pastes it: header, bases, parts and items on one line.
ONE_LINE = (
    "ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
    "Hạnh phúc Số: 12/KH-UBND Tam Phước, ngày 05 tháng 3 năm 2024 KẾ HOẠCH Triển khai "
    "thực hiện công tác dân vận năm 2024 Căn cứ Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 "
    "của Ban Dân vận Tỉnh ủy; Căn cứ tình hình thực tế của địa phương, UBND xã xây dựng kế "
    "hoạch như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích Nâng cao chất lượng công tác dân vận. "
    "2. Yêu cầu Bám sát nhiệm vụ. II. MỤC TIÊU 1. Mục tiêu chung Tăng cường khối đại đoàn "
    "kết. 2. Mục tiêu cụ thể (1) Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa đạt 95%; "
    "(2) Có ít nhất 80% khu dân cư đạt chuẩn văn hóa; (3) Giảm tỷ lệ hộ nghèo xuống dưới "
    "2%. III. NHIỆM VỤ, GIẢI PHÁP 1. Tuyên truyền - Tổ chức tuyên truyền các chủ trương "
    "của Đảng. - Thời gian thực hiện: trong quý II/2024. IV. TỔ CHỨC THỰC HIỆN Giao Văn "
    "phòng UBND xã theo dõi. Nơi nhận: - Ban Dân vận Huyện ủy; - Lưu: VT."
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _joined(path: Path, separator: str = " ") -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    if separator == " ":
        return " ".join(line.strip() for line in lines if line.strip()) + "\n"
    return separator.join(lines) + "\n"


def test_a_plan_on_one_line_gives_its_header_and_targets(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, "mot-dong.txt", ONE_LINE + "\n"))
    assert (plan.meta.number, str(plan.meta.issue_date)) == ("12/KH-UBND", "2024-03-05")
    assert plan.meta.issuer == "Ủy ban nhân dân xã Tam Phước"
    assert plan.meta.doc_type == "Kế hoạch" and plan.meta.place == "Tam Phước"
    assert [target.id for target in plan.targets] == ["2(1)", "2(2)", "2(3)"]
    assert [(q.op, q.value) for t in plan.targets for q in t.quantities] == [
        ("=", 95.0), (">=", 80.0), ("<", 2.0),
    ]  # fmt: skip


def test_every_restored_line_points_at_the_users_line_and_column(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, "mot-dong.txt", "Dòng đầu\n" + ONE_LINE + "\n"))
    assert len(plan.lines) > 20
    assert plan.lines[0].source_column is None and plan.lines[0].source_line == 1
    for line in plan.lines[1:]:
        assert line.source_line == 2 and line.source_column is not None
        assert ONE_LINE[line.source_column : line.source_column + len(line.raw)] == line.raw
    for target in plan.targets:
        line = plan.line(target.line)
        assert target.span is not None and line.source_column is not None
        column = line.source_column + target.span.start
        assert ONE_LINE[column:].startswith(line.text[target.span.start :][:20])


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_a_document_of_ordinary_lines_passes_untouched(path: Path) -> None:
    lines = load_text(path, path.read_bytes()).lines
    assert restore_layout(lines) is lines


def test_an_inline_list_a_clerk_wrote_in_a_paragraph_is_not_cut() -> None:
    paragraph = (
        "Phấn đấu đến năm 2025 đạt các chỉ tiêu sau: (1) Tỷ lệ hộ nghèo giảm còn dưới 2%; "
        "(2) Tỷ lệ lao động qua đào tạo đạt 70%; (3) Tỷ lệ người dân tham gia bảo hiểm y tế "
        "đạt trên 95%, trong đó mọi hộ cận nghèo được hỗ trợ mua thẻ bảo hiểm y tế."
    )
    # In a document of its lines (a document of this one line alone was pasted).
    heading = "2. Mục tiêu cụ thể"
    lines = [
        Line(number=1, raw=heading, text=heading, source_line=1),
        Line(number=2, raw=paragraph, text=paragraph, source_line=2),
    ]
    assert restore_layout(lines) is lines


def test_a_joined_corpus_plan_reads_like_its_original(tmp_path: Path) -> None:
    original = load_plan(WARD_PLAN)
    for separator in (" ", "\\r\\n"):
        joined = load_plan(_write(tmp_path, WARD_PLAN.name, _joined(WARD_PLAN, separator)))
        assert joined.meta.number == original.meta.number
        assert [t.text[:40] for t in joined.targets] == [t.text[:40] for t in original.targets]
        assert [_bodies(t) for t in joined.targets] == [_bodies(t) for t in original.targets]
        assert {line.source_line for line in joined.lines} == {1}


def _bodies(target: Target) -> list[tuple[str, str | None]]:
    """Each body named for a target with its role (its span counts the restored lines)."""
    bodies = target.bodies
    named = (*bodies.lead, *bodies.advisory, *bodies.implementing, *bodies.coordinating)
    return [(body.name, body.role) for body in named]


def test_a_label_with_a_comma_opens_its_own_line() -> None:
    # The ward plan's body block: "Cơ quan tham mưu, thực hiện:" names two roles at once.
    text = (
        "KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU (3) Phấn đấu 100% thủ tục hành chính được cung cấp "
        "trực tuyến. - *Cơ quan lãnh đạo:* Đảng ủy - *Cơ quan tham mưu, thực hiện:* Ủy ban nhân "
        "dân phường. - *Thời gian thực hiện:* thường xuyên"
    )
    restored = _restored(text)
    assert "- *Cơ quan lãnh đạo:* Đảng ủy" in restored
    assert "- *Cơ quan tham mưu, thực hiện:* Ủy ban nhân dân phường." in restored


def test_a_line_over_the_line_limit_that_restores_into_lines_is_read(tmp_path: Path) -> None:
    text = _joined(TOWN_PLAN)
    assert len(text) > Limits().max_line_chars  # refused whole before layout restoring
    plan = load_plan(_write(tmp_path, TOWN_PLAN.name, text))
    assert len(plan.targets) == len(load_plan(TOWN_PLAN).targets)


def test_a_long_line_without_structure_is_refused_naming_it(tmp_path: Path) -> None:
    text = "Kế hoạch\n" + "rất dài không có cấu trúc " * 8_000 + "\n"  # 208,000 characters
    with pytest.raises(PlanInputError) as caught:
        load_plan(_write(tmp_path, "dai.txt", text))
    assert caught.value.reason == "over-limit"
    assert "PLANCHECK_MAX_LINE_CHARS" in caught.value.detail and "line 2" in caught.value.detail


def test_a_restored_line_still_too_long_is_named_by_line_and_column(tmp_path: Path) -> None:
    text = "KẾ HOẠCH Số: 5/KH-UBND Căn cứ Luật số 1; Căn cứ " + "điều kiện thực tế " * 40
    with pytest.raises(PlanInputError) as caught:
        load_plan(_write(tmp_path, "cot.txt", text), Limits(max_line_chars=300))
    assert "line 1, cột 42 / column 42" in caught.value.detail


def test_font_runs_are_cut_with_their_text() -> None:
    raw = ONE_LINE
    fonts = [FontRun(start=0, end=29, font="A"), FontRun(start=29, end=len(raw), font="B")]
    line = Line(number=1, raw=raw, text=raw, paragraph=0, fonts=fonts)
    restored = restore_layout([line])
    assert restored[0].raw == "ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC"
    assert restored[0].fonts == [FontRun(start=0, end=28, font="A")]
    second = restored[1]
    assert second.paragraph == 0 and second.fonts == [
        FontRun(start=0, end=len(second.raw), font="B")
    ]


def test_literal_line_breaks_keep_the_pages_blank_lines() -> None:
    raw = "\\r\\n".join(["KẾ HOẠCH", "", "Căn cứ Luật số 1;", "", "I. MỤC TIÊU", "x" * 200])
    restored = restore_layout([Line(number=1, raw=raw, text=raw, source_line=1)])
    assert [line.raw for line in restored] == [
        "KẾ HOẠCH", "", "Căn cứ Luật số 1;", "", "I. MỤC TIÊU", "x" * 200,
    ]  # fmt: skip


def _items_on_one_line(count: int) -> str:
    items = " ".join(
        f"- Tỷ lệ hộ thứ {number} đạt {number % 90}%;" for number in range(1, count + 1)
    )
    return f"KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Mục tiêu cụ thể: {items} II. TỔ CHỨC THỰC HIỆN"


def _counted_work(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, int]:
    """Cuts found in ``text`` and the calls of the look-behind helper while finding them."""
    calls = 0
    look_behind = marks.word_before

    def counted(text: str, position: int) -> str | None:
        nonlocal calls
        calls += 1
        return look_behind(text, position)

    for module in (marks, layout_cuts, label_cuts, dash_cuts):  # each calls it by its own name
        monkeypatch.setattr(module, "word_before", counted)
    return len(layout_cuts.find_cuts(text, layout_words())), calls


def test_the_work_grows_with_the_line_not_faster(monkeypatch: pytest.MonkeyPatch) -> None:
    # Last session a reader was quadratic on 1,000 paragraphs: each look-behind reads a
    # fixed window, and the calls grow as the items do.
    small_cuts, small_calls = _counted_work(monkeypatch, _items_on_one_line(1_000))
    large_cuts, large_calls = _counted_work(monkeypatch, _items_on_one_line(4_000))
    assert small_cuts >= 1_000 and large_cuts >= 4_000
    assert large_calls <= 4.4 * small_calls


def test_thousands_of_items_on_one_line_become_lines(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, "nhieu.txt", _items_on_one_line(3_000) + "\n"))
    assert len(plan.lines) > 3_000 and len(plan.targets) == 3_000


def test_pathological_lines_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = {
        "no structure": "a " * 100_000,
        "spaces": " " * 200_000,
        "dashes": "- " * 100_000,
        "table": "| Tỷ lệ | 95% | " * 12_000,
        "labels": "1. " * 60_000,
        "backslashes": "\\" * 200_000,
    }
    for text in shapes.values():
        _, calls = _counted_work(monkeypatch, text)
        assert calls <= len(text) // 2


def test_a_restored_plan_tells_the_reviewer_its_line_numbers_are_the_restored_ones(
    tmp_path: Path,
) -> None:
    plan = load_plan(_write(tmp_path, "mot-dong.txt", "Dòng đầu\n" + ONE_LINE + "\n"))
    notes = [note for note in plan.notes if "đã được tách" in note]
    assert len(notes) == 1 and "dòng 2 của tệp" in notes[0]
    assert f"2 dòng thành {len(plan.lines)} dòng" in notes[0]
    assert not [note for note in load_plan(WARD_PLAN).notes if "đã được tách" in note]


def _restored(text: str) -> list[str]:
    return [line.raw for line in restore_layout([Line(number=1, raw=text, text=text)])]


def test_a_banner_before_the_issuer_and_the_mottos_dashes_stay_apart() -> None:
    # A legal library's banner runs into the issuer; the motto keeps its dashes.
    text = (
        "Hệ thống pháp luật HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG -------- CỘNG HÒA XÃ HỘI CHỦ "
        "NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------- Số: 08/2015/NQ-HĐND "
        "An Giang, ngày 10 tháng 12 năm 2015 NGHỊ QUYẾT Về kế hoạch phát triển kinh tế - xã "
        "hội 5 năm 2016 - 2020 Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;"
    )
    assert _restored(text)[:8] == [
        "Hệ thống pháp luật",
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG",
        "--------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "----------------",
        "Số: 08/2015/NQ-HĐND",
        "An Giang, ngày 10 tháng 12 năm 2015",
    ]


def test_a_dash_inside_a_name_in_capitals_is_no_item() -> None:
    text = (
        "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – "
        "Tự do – Hạnh phúc Số: 23/2007/QĐ-BLĐTBXH Hà Nội, ngày 05 tháng 10 năm 2007 QUYẾT ĐỊNH "
        "BAN HÀNH HỆ THỐNG CHỈ TIÊU Căn cứ Nghị định số 29/2003/NĐ-CP; Căn cứ Quyết định số "
        "20/2007/QĐ-TTg;"
    )
    restored = _restored(text)
    assert restored[0] == "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert "Độc lập – Tự do – Hạnh phúc" in restored


def test_a_pages_posting_stamp_is_cut_off_the_heading() -> None:
    items = " ".join(f"{number}. Tỷ lệ hộ thứ {number} đạt {number}%." for number in range(1, 8))
    restored = _restored(f" date 2018-02 Các chỉ tiêu kinh tế - xã hội năm 2018 {items}")
    assert restored[:3] == [
        "date 2018-02",
        "Các chỉ tiêu kinh tế - xã hội năm 2018",
        "1. Tỷ lệ hộ thứ 1 đạt 1%.",
    ]


def test_a_docx_paragraph_holding_the_whole_plan_is_restored_with_its_paragraph(
    tmp_path: Path,
) -> None:
    from tests.render import render_docx

    path = render_docx(["Kế hoạch dán từ trang web", ONE_LINE], tmp_path / "mot-doan.docx")
    plan = load_plan(path)
    assert plan.meta.number == "12/KH-UBND" and len(plan.targets) == 3
    restored = [line for line in plan.lines if line.source_column is not None]
    assert restored and {line.paragraph for line in restored} == {1}
    for line in restored:
        assert line.source_column is not None
        assert ONE_LINE[line.source_column : line.source_column + len(line.raw)] == line.raw


def test_a_dash_after_a_figure_opens_the_next_target_but_a_range_stays_whole() -> None:
    # Laocaitv's list of the province's 2024 targets, each "- ..." line without a full stop.
    items = (
        "- Tỷ lệ trường học đạt chuẩn quốc gia: 68% - Tỷ lệ tăng dân số tự nhiên dưới 1,2% "
        "- Tỷ lệ che phủ rừng 59,2% - Thu gom rác thải đô thị đạt 96%; khu vực nông thôn đạt "
        "80% - 94% dân cư thành thị được dùng nước sạch"
    )
    text = f"KẾ HOẠCH Số: 1/KH-UBND I. MỤC TIÊU 1. Chỉ tiêu nhiệm kỳ 2020 - 2025: {items}"
    restored = _restored(text)
    assert "1. Chỉ tiêu nhiệm kỳ 2020 - 2025:" in restored
    assert restored[-4:] == [
        "- Tỷ lệ trường học đạt chuẩn quốc gia: 68%",
        "- Tỷ lệ tăng dân số tự nhiên dưới 1,2%",
        "- Tỷ lệ che phủ rừng 59,2%",
        "- Thu gom rác thải đô thị đạt 96%; khu vực nông thôn đạt 80% - 94% dân cư thành thị "
        "được dùng nước sạch",
    ]


def test_a_star_opens_a_labelled_line_and_is_a_rule_otherwise() -> None:
    text = (
        "ĐẢNG BỘ TỈNH GIA LAI ĐẢNG CỘNG SẢN VIỆT NAM ĐẢNG ỦY PHƯỜNG CHI LĂNG * Số 12-NQ/ĐU "
        "Pleiku, ngày 05 tháng 8 năm 2020 * Mục tiêu tổng quát: Phát triển kinh tế. * Các chỉ "
        "tiêu chủ yếu đến năm 2025: (1). Thu ngân sách tăng bình quân 3 – 5%/năm. (2). Tỷ lệ hộ "
        "nghèo giảm còn dưới 1%."
    )
    restored = _restored(text)
    assert "*" in restored and "Số 12-NQ/ĐU" in restored
    assert "* Mục tiêu tổng quát: Phát triển kinh tế." in restored
    assert "* Các chỉ tiêu chủ yếu đến năm 2025:" in restored
    assert "(1). Thu ngân sách tăng bình quân 3 – 5%/năm." in restored


def test_a_pasted_documents_other_lines_go_on_with_its_lists() -> None:
    # Nhân Dân's page of Hà Nội's targets: each group of targets run onto one line; the
    # last group holds two items only, and its list goes on from the lines before.
    first = "Về kinh tế: " + " ".join(
        f"({number}) Chỉ tiêu thứ {number} về phát triển kinh tế đạt {number}%."
        for number in range(1, 7)
    )
    last = (
        "Về môi trường: (13) Tỷ lệ huyện đạt chuẩn nông thôn mới: 100%. (14) Tỷ lệ đô thị "
        "hóa từ 60 đến 62%; Tỷ lệ diện tích phủ kín của các quy hoạch phân khu, quy hoạch "
        "chi tiết trên địa bàn thành phố đạt 100%."
    )
    alone = [Line(number=1, raw="Mục tiêu", text="Mục tiêu"), Line(number=2, raw=last, text=last)]
    assert restore_layout(alone) is alone  # two labels alone: an ordinary paragraph
    lines = [
        Line(number=index, raw=raw, text=raw, source_line=index)
        for index, raw in enumerate([first, "", last], start=1)
    ]
    restored = [line.raw for line in restore_layout(lines)]
    assert restored[-3:] == [
        "Về môi trường:",
        "(13) Tỷ lệ huyện đạt chuẩn nông thôn mới: 100%.",
        "(14) Tỷ lệ đô thị hóa từ 60 đến 62%; Tỷ lệ diện tích phủ kín của các quy hoạch "
        "phân khu, quy hoạch chi tiết trên địa bàn thành phố đạt 100%.",
    ]
