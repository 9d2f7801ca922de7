"""Where an audit writes: one report per plan, the workbook and the index page.

Layout of the output folder::

    index.html                 the audit's front page, linking every report
    audit.xlsx                 summary, indicator matrix and findings sheets
    audit.json                 the audit report (reports/SCHEMA.md)
    reports/<name>.html|.json  one report per plan

Report file names come from the plan's path relative to the audited folder,
reduced to ASCII letters, digits, dots and dashes (Vietnamese letters lose their
marks, "đ" becomes "d") and followed by a short hash of the full relative path,
so two plans never share a name and no name can climb out of the folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from app.audit.cache import AuditFiles

if TYPE_CHECKING:
    from reports import AuditReport

REPORTS_FOLDER = "reports"
INDEX = "index.html"
WORKBOOK = "audit.xlsx"
AUDIT_JSON = "audit.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")
_MAX_STEM = 80


def report_stem(relative_path: str) -> str:
    """A safe, unique file stem for the report of the plan at ``relative_path``."""
    ascii_text = (
        unicodedata.normalize("NFKD", relative_path.replace("đ", "d").replace("Đ", "D"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    readable = _UNSAFE.sub("-", ascii_text).strip(".-")[:_MAX_STEM].strip(".-") or "plan"
    digest = hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def write_plan_report(out: Path, stem: str, report_json: str, report_html: str) -> str:
    """Write one plan's JSON and HTML reports; return the HTML's path relative to ``out``."""
    folder = out / REPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_text(report_json, encoding="utf-8")
    (folder / f"{stem}.html").write_text(report_html, encoding="utf-8")
    return f"{REPORTS_FOLDER}/{stem}.html"


def write_audit_files(out: Path, audit: AuditReport, report_links: dict[str, str]) -> Path:
    """Write index.html, audit.xlsx and audit.json for ``audit``; return index.html's path.

    Args:
        out: The output folder.
        audit: The ``reports.AuditReport`` of the batch.
        report_links: Plan key -> relative URL of that plan's HTML report.
    """
    from reports import render_audit_index_html, render_audit_xlsx

    out.mkdir(parents=True, exist_ok=True)
    render_audit_xlsx(audit, out / WORKBOOK)
    (out / AUDIT_JSON).write_text(audit.model_dump_json(indent=2) + "\n", encoding="utf-8")
    index = out / INDEX
    index.write_text(render_audit_index_html(audit, report_links), encoding="utf-8")
    return index


def read_audit_files(out: Path) -> AuditFiles:
    """The batch-wide files just written to ``out``, for the cache."""
    return AuditFiles(
        index_html=(out / INDEX).read_text(encoding="utf-8"),
        audit_json=(out / AUDIT_JSON).read_text(encoding="utf-8"),
        workbook=(out / WORKBOOK).read_bytes(),
    )


def restore_audit_files(out: Path, files: AuditFiles) -> Path:
    """Write cached batch-wide files to ``out``; return index.html's path."""
    out.mkdir(parents=True, exist_ok=True)
    (out / WORKBOOK).write_bytes(files.workbook)
    (out / AUDIT_JSON).write_text(files.audit_json, encoding="utf-8")
    index = out / INDEX
    index.write_text(files.index_html, encoding="utf-8")
    return index
