"""The canonical report: what build_report gathers, JSON round trip, golden file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reports
from extract.model import RepairNote
from reports.build import locate_repairs
from reports.model import REPORT_SCHEMA_VERSION, Report
from reports.view import build_view, figure_segments
from rules.findings import Match
from tests.test_reports_data import check_result, child_plan, parent_plan, relinked

GOLDEN = Path(__file__).parent / "golden" / "reports"
REGEN_FLAG = "PLANCHECK_REGEN_GOLDEN"


@pytest.fixture
def report() -> Report:
    return reports.build_report(check_result(), child_plan(), parent_plan())


def test_regenerate_flag_is_off() -> None:
    # Goldens regenerate only on purpose: a run with the flag on must not pass as green.
    assert os.environ.get(REGEN_FLAG, "") in ("", "0"), f"unset {REGEN_FLAG} before committing"


def test_json_matches_golden(report: Report) -> None:
    golden = GOLDEN / "ward-48-KH-DU-vs-de-an-13.json"
    rendered = reports.render_json(report)
    if os.environ.get(REGEN_FLAG) == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing golden {golden}; run with {REGEN_FLAG}=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_json_validates_and_round_trips(report: Report) -> None:
    text = reports.render_json(report)
    data = json.loads(text)
    assert data["schema_version"] == REPORT_SCHEMA_VERSION
    again = Report.model_validate_json(text)
    assert again == report
    assert reports.render_json(again) == text


def test_json_rejects_unknown_fields(report: Report) -> None:
    data = json.loads(reports.render_json(report))
    data["surprise"] = 1
    with pytest.raises(ValueError):
        Report.model_validate(data)


def test_counts_status_and_waived(report: Report) -> None:
    assert report.counts == {"error": 2, "warning": 2, "info": 0}
    assert report.status == "failed"
    assert report.waived_count == 1
    assert report.child.number == "48-KH/ĐU"
    assert report.parent is not None and report.parent.number == "13-ĐA/TU"
    assert report.child.period_start == 2022 and report.child.signer_title == "Bí thư"


def test_no_errors_means_ok() -> None:
    result = check_result()
    result.findings = [finding for finding in result.findings if finding.severity != "error"]
    report = reports.build_report(result, child_plan(), parent_plan())
    assert report.status == "ok"


def test_findings_sorted_and_placed_in_sections(report: Report) -> None:
    assert [finding.code for finding in report.findings] == ["T001", "D001", "C003", "C001", "F002"]
    by_code = {finding.code: finding for finding in report.findings}
    assert by_code["T001"].section_id == "II.2.1"  # innermost section wins
    assert by_code["T001"].section_label == "2.1."
    assert by_code["D001"].section_title == "NHIỆM VỤ VÀ GIẢI PHÁP"
    assert by_code["C001"].section_id is None


def test_excerpts_fall_back_to_lines(report: Report) -> None:
    by_code = {finding.code: finding for finding in report.findings}
    # C001 has no evidence: the parent's words come from the parent's line 10.
    assert by_code["C001"].parent_text is not None
    assert by_code["C001"].parent_text.startswith("(6) 100% xã")
    assert by_code["C001"].child_text is None
    assert by_code["T001"].child_text == "Tỷ lệ lao động qua đào tạo đạt 55% vào năm 2026."


def test_coverage_statuses(report: Report) -> None:
    statuses = {entry.parent_id: entry.status for entry in report.coverage}
    assert statuses == {
        "2.1(5)": "weaker",
        "2.1(6)": "missing",
        "2.1(7)": "fine",
        "2.2(3)": "not_applicable",
    }
    weaker = report.coverage[0]
    assert (weaker.parent_value, weaker.child_value, weaker.codes) == (
        "trên 65%",
        "đạt 55%",
        ["T001"],
    )
    assert weaker.key == "lao-dong-qua-dao-tao"
    assert report.coverage[3].note is not None


def test_coverage_unchecked_without_match() -> None:
    result = check_result()
    result.matches = [match for match in result.matches if match.parent_id == "2.1(5)"]
    report = reports.build_report(relinked(result, parent_plan()), child_plan(), parent_plan())
    statuses = {entry.parent_id: entry.status for entry in report.coverage}
    # Linking compared only 2.1(5): the others are not checked, whatever the findings say.
    assert statuses == {
        "2.1(5)": "weaker",
        "2.1(6)": "unchecked",
        "2.1(7)": "unchecked",
        "2.2(3)": "unchecked",
    }


def test_waived_finding_does_not_decide_coverage() -> None:
    result = check_result()
    result.findings = [
        finding.model_copy(update={"waived": True}) if finding.code == "T001" else finding
        for finding in result.findings
    ]
    report = reports.build_report(relinked(result, parent_plan()), child_plan(), parent_plan())
    assert report.coverage[0].status == "fine"
    assert report.coverage[0].codes == ["T001"]


def test_coverage_status_comes_from_the_result_not_from_rule_codes() -> None:
    result = check_result()
    # A status the check result carries is shown as it is, with no finding to back it ...
    silent = result.model_copy(
        update={
            "findings": [],
            "coverage": [
                item.model_copy(update={"status": "weaker"})
                if item.parent_id == "2.1(7)"
                else item
                for item in result.coverage
            ],
        }
    )
    statuses = {
        entry.parent_id: entry.status
        for entry in reports.build_report(silent, child_plan(), parent_plan()).coverage
    }
    assert statuses["2.1(7)"] == "weaker" and statuses["2.1(5)"] == "weaker"
    # ... and findings the result's coverage does not count change nothing.
    bare = result.model_copy(update={"coverage": []})
    report = reports.build_report(bare, child_plan(), parent_plan())
    assert {entry.status for entry in report.coverage} == {"unchecked"}


def test_coverage_without_parent_plan() -> None:
    result = check_result()
    result.parent = None
    result.matches = [
        Match(child_id="2.1(5)", parent_id="2.1(5)", kind="target", method="x", score=1)
    ]
    report = reports.build_report(relinked(result, None), child_plan(), None)
    assert report.parent is None
    assert [(entry.key, entry.label, entry.status) for entry in report.coverage] == [
        ("2.1(5)", "2.1(5)", "weaker"),
    ]


def test_repaired_spans_located(report: Report) -> None:
    line = report.text[7]
    spans = [
        (line.text[mark.start : mark.end], mark.uncertain)
        for mark in line.repairs
        if mark.start is not None
    ]
    assert spans == [("nhận", False), ("thức", True)]


def test_locate_repairs_falls_back_to_search_and_gives_up_honestly() -> None:
    note = RepairNote(line=1, start=0, end=3, before="abc", after="xyz", method="nfc", confidence=1)
    assert locate_repairs("12 xyz", [note])[0].start == 3
    assert locate_repairs("nothing here", [note])[0].start is None


@given(
    prefix=st.text(alphabet="abc ", max_size=8),
    middle=st.text(alphabet="abc ", max_size=8),
    first=st.text(alphabet="ắặẫ", min_size=1, max_size=3),
    second=st.text(alphabet="ờởợ", min_size=1, max_size=3),
)
def test_locate_repairs_slices_back_to_repaired_words(
    prefix: str, middle: str, first: str, second: str
) -> None:
    before = f"{prefix}#{middle}%"
    after = f"{prefix}{first}{middle}{second}"
    notes = [
        RepairNote(
            line=1,
            start=len(prefix),
            end=len(prefix) + 1,
            before="#",
            after=first,
            method="dropped-glyph",
            confidence=0.9,
        ),
        RepairNote(
            line=1,
            start=len(before) - 1,
            end=len(before),
            before="%",
            after=second,
            method="dropped-glyph",
            confidence=0.9,
        ),
    ]
    marks = locate_repairs(after, notes)
    assert [after[mark.start : mark.end] for mark in marks if mark.start is not None] == [
        first,
        second,
    ]


def test_figure_segments_mark_only_differing_figures() -> None:
    segments = figure_segments("đạt 55% vào năm 2026", "đạt trên 65% vào năm 2026")
    assert [segment.text for segment in segments if segment.mark == "differs"] == ["55"]
    assert "".join(segment.text for segment in segments) == "đạt 55% vào năm 2026"
    assert figure_segments("1,5 triệu", "1.5 triệu")[0].mark == ""  # comma decimal equals dot
    assert all(segment.mark == "" for segment in figure_segments("02 mô hình", None))


def test_view_groups_by_severity_and_names_each_section(report: Report) -> None:
    view = build_view(report)
    assert [group.title for group in view.groups] == ["Lỗi (2)", "Cảnh báo (2)", "Lưu ý (1)"]
    sections = {item.finding.code: item.section for item in view.findings}
    assert sections["T001"] == "2.1. Chỉ tiêu cụ thể"
    assert sections["D001"] == "III. NHIỆM VỤ VÀ GIẢI PHÁP"
    assert sections["C001"] == ""
    assert (view.repair_count, view.uncertain_count) == (2, 1)


def test_render_text_one_line_per_finding(report: Report) -> None:
    lines = reports.render_text(report).splitlines()
    finding_lines = [line for line in lines if line.startswith(("dòng", "toàn", "mục"))]
    assert len(finding_lines) == len(report.findings)
    t001 = next(line for line in finding_lines if "T001" in line)
    assert (
        t001.startswith("dòng 11, mục 2.1(5)") and "Lỗi" in t001 and "55% so với trên 65%" in t001
    )
    assert "(đã chấp nhận)" in next(line for line in finding_lines if "F002" in line)
    assert lines[-1] == "Tổng cộng: 2 lỗi, 2 cảnh báo, 0 lưu ý — Có lỗi cần sửa."


def test_schema_doc_names_every_field() -> None:
    from reports import model

    documented = (Path(reports.__file__).parent / "SCHEMA.md").read_text(encoding="utf-8")
    models = [
        model.Report,
        model.PlanInfo,
        model.ReportFinding,
        model.ReportMatch,
        model.CoverageEntry,
        model.TextLine,
        model.RepairMark,
        model.AuditReport,
        model.AuditPlanRow,
        model.AuditIndicator,
        model.AuditFailure,
    ]
    missing = [
        f"{item.__name__}.{name}"
        for item in models
        for name in item.model_fields
        if f"`{name}`" not in documented
    ]
    assert missing == []
    assert f"schema version {REPORT_SCHEMA_VERSION}" in documented


def test_audit_failure_from_errors() -> None:
    from extract.errors import PlanInputError
    from reports.model import AuditFailure

    failure = AuditFailure.from_error("a.pdf", PlanInputError("a.pdf", "encrypted-pdf"))
    assert (failure.reason, failure.reason_label) == (
        "encrypted-pdf",
        "tệp PDF được mã hóa (có mật khẩu)",
    )
    assert failure.message == "a.pdf: tệp PDF được mã hóa (có mật khẩu)"
    internal = AuditFailure.from_error("b.txt", KeyError("x"))
    assert internal.reason == "internal" and "thiếu một phần bắt buộc" in internal.message
    assert "KeyError" not in internal.message  # issue 15 item 10: no exception class names


def test_figure_segments_compare_years_with_years() -> None:
    marked = [
        segment.text
        for segment in figure_segments("đạt 55% vào năm 2026", "trên 65%")
        if segment.mark == "differs"
    ]
    assert marked == ["55"]
    years = figure_segments("hoàn thành năm 2025", "hoàn thành năm 2024")
    assert [segment.text for segment in years if segment.mark] == ["2025"]
    assert all(segment.mark == "" for segment in figure_segments("55%", "không có số"))


def test_the_html_and_docx_renderings_of_one_report_share_one_view(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An audit renders each report to HTML and to a DOCX note: the view is built once.
    import io

    import reports.view

    built: list[Report] = []
    original = reports.view._build_view

    def counting(seen: Report) -> reports.view.ReportView:
        built.append(seen)
        return original(seen)

    monkeypatch.setattr(reports.view, "_build_view", counting)
    html = reports.render_html(report)
    reports.render_docx(report, io.BytesIO())
    assert built == [report]
    assert build_view(report) is build_view(report)
    # Another report object (a narrowed copy, say) has its own view.
    narrowed = report.model_copy(update={"findings": report.findings[:1]})
    assert build_view(narrowed).findings != build_view(report).findings
    assert reports.render_html(report) == html
