"""HTML renderers: one self-contained page per report, and the audit index.

Document text is untrusted (anyone can upload a plan), so the Jinja environment
escapes everything by default and fails on an undefined name instead of
printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from reports.audit_view import build_audit_view
from reports.cells import xml_safe
from reports.model import AuditReport, Report
from reports.view import build_view
from reports.vocabulary import vocabulary

TEMPLATES = Path(__file__).with_name("templates")


def render_html(report: Report) -> str:
    """Render one report as a self-contained HTML page (inline CSS and SVG, no network)."""
    template = environment().get_template("report.html.j2")
    return template.render(report=report, view=build_view(report), statuses=_statuses())


def render_audit_index_html(audit: AuditReport, report_links: dict[str, str]) -> str:
    """Render the audit's index page: plans, coverage matrix, failures.

    Args:
        audit: The audit built by ``build_audit``.
        report_links: Plan key (``Report.key``, the child's path) -> relative URL of
            that plan's HTML report; plans without a link are listed without one.

    Returns:
        A self-contained HTML page.

    """
    template = environment().get_template("audit_index.html.j2")
    view = build_audit_view(audit, report_links)
    return template.render(audit=audit, view=view, statuses=_statuses())


@cache
def environment() -> jinja2.Environment:
    """Return the strict, autoescaping template environment, built once."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_visible,
    )


def _visible(value: object) -> object:
    # A control character in a plan is no valid HTML either: show its sign instead.
    if isinstance(value, Markup):
        return Markup(xml_safe(str(value)))
    return xml_safe(value) if isinstance(value, str) else value


def _statuses() -> list[tuple[str, object]]:
    return list(vocabulary().coverage_status.items())
