"""Issue 14: a header field extraction could not read is shown, never left out."""

from __future__ import annotations

import datetime as dt

from extract.model import Meta, Span
from reports.build import unread_fields
from reports.model import PlanInfo
from reports.plan_names import line_ranges, plan_rows, unread_note

UNREAD = "không xác định được"


def plan(**header: object) -> PlanInfo:
    return PlanInfo(path="kh.txt", name="kh.txt", sha256="0" * 64, **header)


def test_unread_fields_are_those_with_nothing_read():
    meta = Meta(
        doc_type="Kế hoạch",
        number=None,
        number_raw="/KH-UBND",  # printed blank: read, and M001 reports it
        issue_date=dt.date(2023, 2, 15),
        spans={"doc_type": Span(line=7)},
    )
    assert unread_fields(meta) == ["issuer", "place"]


def test_plan_rows_show_unread_fields_with_the_lines_looked_at():
    rows = dict(
        plan_rows(
            plan(
                doc_type="Kế hoạch",
                number="21/KH-UBND",
                unread_fields=["issuer", "place", "issue_date"],
                header_lines=[1, 2, 4, 6, 7, 9],
            )
        )
    )
    assert rows["Số, ký hiệu"] == "21/KH-UBND"
    assert rows["Cơ quan ban hành"] == f"{UNREAD} (đã xem dòng 1–9)"
    assert rows["Ngày ban hành"] == f"{UNREAD} (đã xem dòng 1–9)"
    assert rows["Địa danh"].startswith(UNREAD)
    assert "Cơ quan cấp trên" not in rows  # not a field every header has


def test_unread_note_names_the_fields():
    note = unread_note(plan(unread_fields=["number", "issue_date"], header_lines=[3, 4, 12]))
    assert note == f"Số, ký hiệu; Ngày ban hành: {UNREAD} (đã xem dòng 3–4, 12)"
    assert unread_note(plan()) is None


def test_line_ranges():
    assert line_ranges([5, 1, 2, 3, 9]) == "1–5, 9"
    assert line_ranges([]) == ""


def test_extract_summary_shows_unread_fields():
    from app.summary import plan_summary
    from tests.rules_fixtures import build_plan

    plan = build_plan(
        {
            "lines": "ỦY BAN NHÂN DÂN\nXÃ DÂN LỰC\nSố:        /KH-UBND\nKẾ HOẠCH\nThông tin",
            "parse": True,
        }
    )
    summary = plan_summary(plan)
    assert "Cơ quan ban hành: Ủy ban nhân dân xã Dân Lực" in summary
    assert "Số, ký hiệu: để trống (/KH-UBND)" in summary
    assert f"Ngày ban hành: {UNREAD} (đã xem dòng 1–4)" in summary
    assert f"Địa danh: {UNREAD} (đã xem dòng 1–4)" in summary


def test_xlsx_summary_shows_unread_fields_with_the_lines_looked_at(tmp_path):
    import openpyxl

    from reports import render_audit_xlsx
    from reports.model import AuditPlanRow, AuditReport

    row = AuditPlanRow(
        key="kh.txt",
        name="kh.txt",
        title="Quyết định của Ủy ban nhân dân tỉnh Đăk Nông",
        issuer="Ủy ban nhân dân tỉnh Đăk Nông",
        counts={},
        status="ok",
        unread_fields=["number", "issue_date"],
        header_lines=[1, 3, 9],
    )
    path = tmp_path / "audit.xlsx"
    render_audit_xlsx(AuditReport(plans=[row], counts={}), path)
    values = [cell.value for cell in openpyxl.load_workbook(path)["Tổng hợp"][2]]
    assert values[3] == "Ủy ban nhân dân tỉnh Đăk Nông"
    assert values[4] == values[5] == f"{UNREAD} (đã xem dòng 1–3, 9)"


def test_audit_index_shows_the_lines_looked_at_beside_an_unread_field(tmp_path, monkeypatch):
    """The index of a real audit: the ward plan prints no issuer above its number.

    Its copy starts at "*" under where the name would be; the per-plan report says
    "không xác định được (đã xem dòng ...)", and the index row must say the same.
    """
    import json
    import shutil

    from typer.testing import CliRunner

    from app.cli import app
    from reports.plan_names import unread_text
    from tests.conftest import PLANS

    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt", folder)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    (row,) = json.loads((out / "audit.json").read_text(encoding="utf-8"))["plans"]
    assert row["issuer"] is None and "issuer" in row["unread_fields"] and row["header_lines"]
    shown = unread_text(row["header_lines"])
    assert shown.startswith(f"{UNREAD} (đã xem dòng ")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"<em>{shown}</em>" in index
    assert f"<em>{UNREAD}</em>" not in index
