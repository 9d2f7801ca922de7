"""reports: findings in, HTML/DOCX/XLSX/JSON out.

Build one canonical ``Report`` per checked plan with ``build_report`` (or an
``AuditReport`` with ``build_audit``), then render it; renderers never re-run
rules. The JSON schema is documented in reports/SCHEMA.md.
"""

from reports.audit import build_audit
from reports.build import build_report
from reports.docx_report import render_docx
from reports.html_report import render_audit_index_html, render_html
from reports.model import (
    REPORT_SCHEMA_VERSION,
    AuditFailure,
    AuditReport,
    CoverageEntry,
    PlanInfo,
    Report,
    ReportFinding,
)
from reports.text_report import render_json, render_text
from reports.xlsx_audit import render_audit_xlsx

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "AuditFailure",
    "AuditReport",
    "CoverageEntry",
    "PlanInfo",
    "Report",
    "ReportFinding",
    "build_audit",
    "build_report",
    "render_audit_index_html",
    "render_audit_xlsx",
    "render_docx",
    "render_html",
    "render_json",
    "render_text",
]
