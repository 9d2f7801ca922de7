"""Plans named by what they are; an audit index and workbook a reviewer can trust (15.6, 15.9)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import reports
from reports.audit_view import build_audit_view
from reports.model import AuditReport, PlanInfo, Report
from reports.plan_names import plan_title
from rules.findings import Evidence, Finding
from tests.test_reports_data import (
    check_result,
    child_plan,
    clean_result,
    coastal_child,
    parent_plan,
    relinked,
)

FILE = "scan-0042-garbled-final.txt"


def _info(**fields: object) -> PlanInfo:
    return PlanInfo(path=f"/tmp/{FILE}", name=FILE, sha256="0" * 64, **fields)  # type: ignore[arg-type]


def test_a_plan_is_named_by_number_date_and_issuer() -> None:
    info = _info(doc_type="Kế hoạch", number="48-KH/ĐU", issuer="Đảng ủy phường Phổ Ninh")
    assert plan_title(info) == "Kế hoạch số 48-KH/ĐU của Đảng ủy phường Phổ Ninh"


def test_a_plan_without_number_is_named_by_issuer_and_title_never_its_file() -> None:
    info = _info(doc_type="Kế hoạch", issuer="Ban Dân tộc", title="Triển khai thực hiện Đề án 13")
    assert plan_title(info) == "Kế hoạch của Ban Dân tộc «Triển khai thực hiện Đề án 13»"
    unread = plan_title(_info())
    assert FILE not in unread and "chưa xác định được" in unread
    long_title = plan_title(_info(doc_type="Kế hoạch", title="thực hiện " * 40))
    assert long_title.endswith("…»") and len(long_title) < 140


def _renamed(result_plan: str) -> Report:
    result = check_result()
    result.child.name = FILE
    return reports.build_report(result, child_plan(), parent_plan())


def test_reports_name_the_file_once_and_never_say_garbled_elsewhere(tmp_path: Path) -> None:
    report = _renamed(FILE)
    html = reports.render_html(report)
    assert html.count(FILE) == 1
    text = reports.render_text(report)
    assert text.count(FILE) == 1 and text.startswith("Kế hoạch số 48-KH/ĐU")


def _audit_with_a_plan_checked_alone() -> AuditReport:
    report = reports.build_report(check_result(), child_plan(), parent_plan())
    coastal, parent = coastal_child(), parent_plan()
    alone = clean_result(coastal, parent)
    alone.parent = None
    alone.matches = []
    alone = relinked(alone, None)
    alone.findings = [
        Finding(
            code="D002",
            name="dates.issue-date-missing",
            severity="warning",
            confidence=0.9,
            message="Không thấy ngày ban hành",
        ).with_fingerprint()
    ]
    return reports.build_audit([report, reports.build_report(alone, coastal, None)], [])


def test_matrix_has_columns_only_for_plans_compared_with_a_parent() -> None:
    view = build_audit_view(_audit_with_a_plan_checked_alone(), {})
    assert len(view.plans) == 2
    assert [column.label for column in view.columns] == ["48-KH/ĐU"]
    assert all(len(row.cells) == 1 for row in view.matrix)
    assert view.matrix_parent.startswith("Cấp trên: Đề án số 13-ĐA/TU")
    assert view.plans[1].parent_label == "Không đối chiếu với kế hoạch cấp trên"


def test_warnings_are_not_a_green_pass() -> None:
    view = build_audit_view(_audit_with_a_plan_checked_alone(), {})
    alone = view.plans[1]
    assert alone.row.counts["warning"] == 1 and alone.row.counts["error"] == 0
    assert alone.status_label == "Không có lỗi, có cảnh báo cần xem"
    assert alone.status_class != "st-fine"
    html = reports.render_audit_index_html(_audit_with_a_plan_checked_alone(), {})
    assert "Không có lỗi, có cảnh báo cần xem" in html
    assert ">Không có lỗi<" not in html


def test_a_matrix_cell_names_every_finding_on_its_indicator() -> None:
    """2.2.1(3) showed ✓ while the plan's report raised C003 on it."""
    result = check_result()
    result.findings.append(
        Finding(
            code="C003",
            name="coverage.missing-subtarget",
            severity="warning",
            confidence=0.7,
            message="Chỉ tiêu 2.1(7) không nêu cơ quan chủ trì",
            target="2.1(7)",
            parent_target="2.1(7)",
            line=12,
            evidence=Evidence(child="Hằng năm xây dựng ít nhất 02 mô hình"),
        ).with_fingerprint()
    )
    audit = reports.build_audit([reports.build_report(result, child_plan(), parent_plan())], [])
    view = build_audit_view(audit, {})
    row = next(row for row in view.matrix if "02 mô hình" in row.label or "(7)" in row.key)
    cell = row.cells[0]
    assert cell.status == "fine" and "C003" in cell.text and "C003" in cell.title
    for indicator in audit.indicators:
        for cell_data in indicator.cells.values():
            raised = {
                finding.finding.code
                for finding in audit.findings
                if not finding.finding.waived
                and indicator.key in (finding.finding.parent_target, finding.finding.target)
            }
            assert raised <= {*cell_data.codes, *cell_data.finding_codes}


@pytest.mark.parametrize("name", ["=1+1.txt", "@SUM(A1).txt"])
def test_single_check_workbook_neutralises_a_formula_file_name(name: str, tmp_path: Path) -> None:
    result = check_result()
    result.child.name = name
    report = reports.build_report(result, child_plan(), parent_plan())
    path = tmp_path / "check.xlsx"
    reports.render_audit_xlsx(reports.build_audit([report], []), path)
    values = [
        cell
        for row in openpyxl.load_workbook(path)["Tổng hợp"].iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    named = [cell for cell in values if cell.value == name]
    assert named and all(cell.quotePrefix for cell in named)
    assert all(cell.data_type != "f" for cell in values)
