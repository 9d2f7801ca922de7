"""The facts extraction records for the rules, read from text, each with its span.

Rules read only the model (an import-linter contract holds them to it), so each
fact a rule judges is checked here where it is parsed: blank parts of the
header's number and date, date parts and deadline cues, labelled deadlines,
list labels as printed, who an item opens with, and what a unit measures.
"""

from __future__ import annotations

from pathlib import Path

from extract import load_plan
from extract.model import Line, Meta, Plan, Source, Span
from extract.parse import parse_plan
from extract.parse.markers import find_markers
from extract.parse.printed_header import read_printed_header
from extract.parse.rule_facts import (
    complete_facts,
    has_deadline_cue,
    labelled_deadlines,
    quantity_facts,
)


def _lines(*texts: str) -> list[Line]:
    return [Line(number=index, raw=text, text=text) for index, text in enumerate(texts, 1)]


def _plan(*texts: str) -> Plan:
    source = Source(path="p.txt", name="p.txt", format="txt", sha256="0", size=0)
    return parse_plan(Plan(source=source, lines=_lines(*texts)))


def _sliced(lines: list[Line], span: Span | None) -> str:
    assert span is not None and span.end is not None
    return lines[span.line - 1].text[span.start : span.end]


# --------------------------------------------------------------------------- header number


def test_a_blank_number_is_recorded_as_printed_with_its_span() -> None:
    lines = _lines("ĐẢNG BỘ XÃ NGHĨA HÀ", "Số:    -KH/ĐU", "KẾ HOẠCH")
    printed = read_printed_header(lines, Meta()).number_line
    assert printed is not None
    assert printed.blank and printed.raw == "Số:    -KH/ĐU"
    assert printed.span.line == 2 and _sliced(lines, printed.span) == printed.raw


def test_a_written_number_is_not_blank() -> None:
    for text in ("Số: 25/KH-UBND", "Số 48-KH/ĐU"):
        printed = read_printed_header(_lines("UBND XÃ", text), Meta()).number_line
        assert printed is not None and not printed.blank, text


def test_a_blank_number_without_colon_is_blank() -> None:
    printed = read_printed_header(_lines("ĐẢNG ỦY", "Số     -KH/ĐU"), Meta()).number_line
    assert printed is not None and printed.blank


def test_a_number_on_the_line_under_its_label_is_written() -> None:
    printed = read_printed_header(_lines("Số:", "424/QĐ-UBND"), Meta()).number_line
    assert printed is not None and not printed.blank


def test_the_number_column_of_a_merged_two_column_header_is_cut_at_the_gap() -> None:
    lines = _lines("Số:    /KH-UBND          Quảng Ngãi, ngày 12 tháng 12 năm 2022")
    printed = read_printed_header(lines, Meta()).number_line
    assert printed is not None and printed.blank
    assert printed.raw == "Số:    /KH-UBND" and _sliced(lines, printed.span) == printed.raw


def test_a_number_line_after_the_first_part_is_not_the_header() -> None:
    lines = _lines("KẾ HOẠCH", "I. MỤC ĐÍCH", "Số:    /KH-UBND")
    assert read_printed_header(lines, Meta()).number_line is None


# --------------------------------------------------------------------------- header date


def test_a_blank_day_is_recorded_with_the_parts_that_are_written() -> None:
    lines = _lines("UBND XÃ", "Hồng Lĩnh, ngày         tháng 3 năm 2023")
    printed = read_printed_header(lines, Meta()).date_line
    assert printed is not None
    assert (printed.day, printed.month, printed.year) == (None, 3, 2023)
    assert printed.missing_parts == ["ngày"] and printed.date is None
    assert _sliced(lines, printed.span) == printed.raw
    assert printed.raw.startswith("Hồng Lĩnh, ngày")


def test_a_date_with_every_part_blank_misses_all_three() -> None:
    printed = read_printed_header(_lines("ngày ... tháng ... năm ..."), Meta()).date_line
    assert printed is not None and printed.missing_parts == ["ngày", "tháng", "năm"]


def test_a_complete_date_line_gives_its_date() -> None:
    lines = _lines("Số: 25/KH-UBND          Quảng Ngãi, ngày 12 tháng 12 năm 2022")
    printed = read_printed_header(lines, Meta()).date_line
    assert printed is not None and printed.date is not None
    assert printed.date.isoformat() == "2022-12-12" and printed.missing_parts == []
    assert _sliced(lines, printed.span) == "Quảng Ngãi, ngày 12 tháng 12 năm 2022"


def test_the_read_issue_date_is_located_and_split_into_parts() -> None:
    lines = _lines("KẾ HOẠCH", "Bắc Kạn, ngày    tháng 01 năm 2025")
    meta = Meta(issue_date_raw="Bắc Kạn, ngày    tháng 01 năm 2025")
    parts = read_printed_header(lines, meta).issue_date_parts
    assert parts is not None and parts.missing_parts == ["ngày"]
    assert parts.span is not None and parts.span.line == 2


def test_a_full_date_broken_over_header_lines_is_noticed() -> None:
    lines = _lines("Bắc Kạn, ngày 16", "tháng 01 năm 2025", "KẾ HOẠCH")
    meta = read_printed_header(lines, Meta(header_lines=[1, 2, 3]))
    assert meta.header_has_full_date
    assert not read_printed_header(lines, Meta(header_lines=[3])).header_has_full_date


# --------------------------------------------------------------------------- date mentions


def test_each_date_mention_keeps_its_parts_and_the_year_as_written() -> None:
    plan = _plan("KẾ HOẠCH năm 2023", "Hoàn thành trước 30/02/2023; báo cáo trước ngày 31/4.")
    by_raw = {mention.raw: mention for mention in plan.dates}
    invalid = by_raw["30/02/2023"]
    assert (invalid.day, invalid.month, invalid.year) == (30, 2, 2023) and not invalid.valid
    yearless = by_raw["31/4"]
    assert (yearless.day, yearless.month, yearless.year) == (31, 4, None)
    for mention in plan.dates:
        assert _sliced(plan.lines, mention.span) == mention.raw
        assert mention.deadline_cue


def test_a_date_without_a_deadline_word_has_no_cue() -> None:
    plan = _plan("Căn cứ Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận.")
    assert [mention.deadline_cue for mention in plan.dates] == [False]


def test_a_deadline_cue_may_stand_before_the_word_ngay() -> None:
    assert has_deadline_cue("chậm nhất ngày 15/6/2023", len("chậm nhất ngày "))
    assert not has_deadline_cue("Hội nghị ngày 15/6/2023", len("Hội nghị ngày "))


# --------------------------------------------------------------------------- labelled deadlines


def test_a_labelled_deadline_line_is_read_with_the_span_of_its_value() -> None:
    lines = _lines("1. Rà soát", "- Thời gian hoàn thành: trong quý IV/2022.", "- Ghi chú: x")
    found = labelled_deadlines(lines)
    assert len(found) == 1
    deadline = found[0]
    assert deadline.kind == "within" and deadline.end is not None
    assert deadline.end.isoformat() == "2022-12-31"
    assert _sliced(lines, deadline.span).startswith("trong quý IV/2022")


# --------------------------------------------------------------------------- list labels


def test_list_labels_are_recorded_as_printed() -> None:
    lines = _lines("(4) Tỷ lệ", "+ đ) Nội dung", "III. TỔ CHỨC", "2.1. Mục tiêu", "2022 là năm")
    markers = find_markers(lines)
    shown = [(marker.kind, marker.shown, marker.value, marker.bullet) for marker in markers]
    assert shown == [
        ("number", "(4)", 4, ""),
        ("letter", "đ)", None, "+ "),
        ("roman", "III", 3, ""),
        ("arabic", "2.1", 1, ""),
    ]
    for marker in markers:
        assert _sliced(lines, marker.span) == marker.shown
    assert [marker.follows for marker in markers] == [" ", " ", ".", "."]


def test_a_section_label_is_read_as_a_marker_unless_a_part_is_unreadable() -> None:
    plan = _plan("KẾ HOẠCH", "I. MỤC ĐÍCH", "1. Mục đích", "1. . Yêu cầu", "II. NHIỆM VỤ")
    markers = [(section.label, section.marker) for section in plan.sections]
    assert [(label, marker.kind, marker.value) for label, marker in markers if marker] == [
        ("I.", "roman", 1),
        ("II.", "roman", 2),
    ]
    children = plan.sections[0].children
    assert [child.marker.value if child.marker else None for child in children] == [1, None]


# --------------------------------------------------------------------------- bodies, units


def test_bodies_know_their_own_leadership_and_a_lead_that_carries_out() -> None:
    plan = _plan(
        "III. NHIỆM VỤ",
        "1. Tuyên truyền",
        "- Cơ quan chủ trì: Ủy ban nhân dân xã",
        "- Cơ quan thực hiện: Cấp ủy, lãnh đạo cơ quan",
        "2. Quán triệt",
        "Cấp ủy đảng, lãnh đạo cơ quan tổ chức quán triệt nghị quyết.",
    )
    first, second = plan.tasks
    assert [body.carries_out for body in first.bodies.lead] == [True]
    assert any(body.own_leadership for body in first.bodies.implementing)
    assert second.subject_roles == ["implementing", "lead"]


def test_a_unit_is_named_canonically_with_its_kind() -> None:
    plan = _plan(
        "II- NỘI DUNG THỰC HIỆN",
        "2. Thực hiện các mục tiêu cụ thể",
        "2.1. Chỉ tiêu chung",
        "(1) Tỷ suất sinh giảm 0,5%0.",
        "(2) Đạt 2,1 bác sỹ/1 vạn dân.",
    )
    units = {
        quantity.unit_canonical: quantity.unit_kind
        for target in plan.targets
        for quantity in target.quantities
    }
    assert units.get("‰") == "per_mille"
    # A rate of a counted noun has no kind: the rules compare it by its name.
    assert "bác sĩ/10.000 dân" in units and units["bác sĩ/10.000 dân"] is None


def test_quantity_facts_of_a_figure_without_unit_are_empty() -> None:
    from extract.model import Quantity

    bare = quantity_facts(Quantity(op="=", value=3))
    assert bare.unit_canonical is None and bare.unit_kind is None


def test_facts_are_derived_again_the_same() -> None:
    plan = _plan("UBND XÃ", "Số:    /KH-UBND", "ngày   tháng 3 năm 2023", "(1) Đạt 65%.")
    assert complete_facts(plan) == plan


# --------------------------------------------------------------------------- corpus


def test_every_printed_fact_of_the_corpus_slices_back_to_its_text(
    corpus_plans: list[Path],
) -> None:
    for path in corpus_plans:
        plan = load_plan(path)
        meta = plan.meta
        for printed in (meta.number_line, meta.date_line):
            if printed is not None:
                assert _sliced(plan.lines, printed.span) == printed.raw, path.name
        for marker in plan.markers:
            assert _sliced(plan.lines, marker.span) == marker.shown, path.name
        for mention in plan.dates:
            assert _sliced(plan.lines, mention.span) == mention.raw, path.name
            assert mention.day is not None and mention.month is not None, path.name
        for deadline in plan.labelled_deadlines:
            assert deadline.raw and deadline.raw in _sliced(plan.lines, deadline.span), path.name
        assert complete_facts(plan) == plan, path.name
