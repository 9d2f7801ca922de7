"""HTML renderers: one self-contained page per report, and the audit index.

Document text is untrusted (anyone can upload a plan), so the Jinja environment
escapes everything by default and fails on an undefined name instead of
printing nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from reports.audit_view import build_audit_view
from reports.cells import xml_safe
from reports.model import AuditReport, Report
from reports.view import Segment, TextLineView, build_view
from reports.vocabulary import vocabulary

TEMPLATES = Path(__file__).with_name("templates")


def render_html(report: Report) -> str:
    """Render one report as a self-contained HTML page (inline CSS and SVG, no network)."""
    template = environment().get_template("report.html.j2")
    view = build_view(report)
    return template.render(
        report=report, view=view, statuses=_statuses(), text_lines=_text_lines(view.text_lines)
    )


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


def _text_lines(lines: list[TextLineView]) -> Markup:
    """The plan's text as the list items of the report page, written here, not by Jinja.

    What the template wrote for each line (its number, its segments as the ``segments``
    macro marks them, its finding codes), each value shown and escaped as the template
    does (``_visible``, then ``escape``): the same characters. A plan's few hundred lines
    through the template's loop and macro were half of the page's time (issue 18).
    """
    items = []
    for line in lines:
        number = _shown(line.number)
        flagged = ' class="flagged"' if line.codes else ""
        codes = "".join(f'<span class="codes">{_shown(code)}</span>' for code in line.codes)
        items.append(
            f'<li id="L{number}"{flagged}><a class="no" href="#L{number}">{number}</a>'
            f"<span>{xml_safe(_segments(line.segments))}{codes}</span></li>\n"
        )
    return Markup("".join(items))


def _segments(parts: list[Segment]) -> str:
    """What the template's ``segments`` macro writes for these parts."""
    written = []
    for part in parts:
        if part.mark == "differs":
            written.append(
                f'<mark class="differs" title="{_shown(part.title)}">{_shown(part.text)}</mark>'
            )
        elif part.mark:
            written.append(
                f'<span class="{_shown(part.mark)}" title="{_shown(part.title)}">'
                f"{_shown(part.text)}</span>"
            )
        else:
            written.append(_shown(part.text))
    return "".join(written)


def _shown(value: object) -> str:
    """A value as ``{{ value }}`` writes it: ``_visible``, then escaped."""
    return str(escape(_visible(value)))


def _statuses() -> list[tuple[str, object]]:
    return list(vocabulary().coverage_status.items())
