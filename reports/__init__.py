"""reports: findings in, HTML/DOCX/XLSX/JSON out.

Build one canonical ``Report`` per checked plan with ``build_report`` (or an
``AuditReport`` with ``build_audit``), then render it; renderers never re-run
rules. The JSON schema is documented in reports/SCHEMA.md.

Names are imported on first use: a single ``plancheck check`` should not pay
for openpyxl (and numpy behind it) or python-docx when it renders text or JSON.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOME: dict[str, str] = {
    "build_audit": "reports.audit",
    "build_report": "reports.build",
    "render_docx": "reports.docx_report",
    "render_audit_index_html": "reports.html_report",
    "render_html": "reports.html_report",
    "REPORT_SCHEMA_VERSION": "reports.model",
    "AuditFailure": "reports.model",
    "AuditReport": "reports.model",
    "CoverageEntry": "reports.model",
    "PlanInfo": "reports.model",
    "Report": "reports.model",
    "ReportFinding": "reports.model",
    "render_json": "reports.text_report",
    "render_text": "reports.text_report",
    "render_audit_xlsx": "reports.xlsx_audit",
}


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` the first time it is asked for."""
    if name not in _HOME:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name]), name)


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
