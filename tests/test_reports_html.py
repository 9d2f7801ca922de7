"""HTML reports parsed back: structure, links, highlights, and escaping of plan text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

import reports
from reports.model import AuditFailure, AuditReport, Report
from tests.test_reports_data import (
    HOSTILE,
    check_result,
    child_plan,
    clean_result,
    coastal_child,
    parent_plan,
    relinked,
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class TreeParser(HTMLParser):
    """Collect every element with its attributes and its text (descendants included)."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "rect", "circle", "path"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if self.stack:
            self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag) and (cls is None or cls in element.classes())
        ]


def parse(html: str) -> TreeParser:
    parser = TreeParser()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def report() -> Report:
    return reports.build_report(check_result(), child_plan(), parent_plan())


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return reports.render_html(report)


@pytest.fixture(scope="module")
def audit(report: Report) -> AuditReport:
    coastal, parent = coastal_child(), parent_plan()
    second = reports.build_report(clean_result(coastal, parent), coastal, parent)
    failure = AuditFailure(
        path="corpus/plans/<x>.pdf", reason="encrypted-pdf", message="Tệp PDF được mã hoá."
    )
    return reports.build_audit([report, second], [failure])


def test_hostile_plan_text_is_escaped(html: str) -> None:
    tree = parse(html)
    assert tree.find("script") == []
    assert tree.find("img") == []
    assert not any(name.startswith("on") for element in tree.elements for name in element.attrs)
    assert "<b>thực hiện</b>" not in html  # message markup is shown, not obeyed
    assert "&lt;b&gt;thực hiện&lt;/b&gt;" in html
    # The hostile line still reads as the words the author typed.
    line = next(element for element in tree.find("li") if element.attrs.get("id") == "L15")
    assert HOSTILE in line.text


def test_self_contained(html: str) -> None:
    tree = parse(html)
    assert tree.find("link") == [] and tree.find("script") == []
    for element in tree.elements:
        for name in ("src", "href"):
            value = element.attrs.get(name, "")
            assert not re.match(r"(https?:)?//", value), (element.tag, value)
    assert len(tree.find("style")) == 1 and "@media print" in tree.find("style")[0].text
    assert tree.find("svg")  # inline graphics only


def test_header_has_both_plans_and_counts(html: str) -> None:
    tree = parse(html)
    header_text = " ".join(element.text for element in tree.find("table", "meta"))
    assert "48-KH/ĐU" in header_text and "13-ĐA/TU" in header_text
    assert "Đảng ủy phường Phổ Ninh" in header_text and "10/10/2022" in header_text
    counts = {element.text.strip() for element in tree.find("div", "count")}
    assert counts == {"2Lỗi", "2Cảnh báo", "0Lưu ý"}
    assert tree.find("div", "failed")[0].text == "Có lỗi cần sửa"


def test_findings_grouped_with_links_and_highlights(html: str, report: Report) -> None:
    tree = parse(html)
    articles = tree.find("article", "finding")
    assert len(articles) == len(report.findings)
    group_titles = [element.text for element in tree.find("h3")]
    assert "Lỗi (2)" in group_titles and "Cảnh báo (2)" in group_titles
    t001 = next(article for article in articles if "T001" in article.text)
    assert "error" in t001.classes() and "2.1. Chỉ tiêu cụ thể" in t001.text
    links = [link.attrs["href"] for link in tree.find("a") if link.attrs.get("href") == "#L11"]
    assert links, "T001 links to line 11"
    marks = [element.text for element in tree.find("mark", "differs")]
    assert "55" in marks and "65" in marks
    line_ids = {element.attrs.get("id") for element in tree.find("li")}
    assert {f"L{number}" for number in range(1, 18)} <= line_ids
    waived = next(article for article in articles if "F002" in article.text)
    assert "waived" in waived.classes() and "Đã chấp nhận" in waived.text


def test_repaired_text_marks_repairs(html: str) -> None:
    tree = parse(html)
    assert [
        element.text for element in tree.find("span", "repair") if element.text != "Đã khôi phục"
    ] == ["nhận"]
    uncertain = [element for element in tree.find("span", "uncertain") if element.text == "thức"]
    assert len(uncertain) == 1 and "thc" in uncertain[0].attrs["title"]
    flagged = {element.attrs["id"] for element in tree.find("li", "flagged")}
    assert {"L11", "L14", "L15"} <= flagged


def test_coverage_table(html: str) -> None:
    tree = parse(html)
    cells = [element.text for element in tree.find("td", "status-cell")]
    assert len(cells) == 4
    assert any("Thấp hơn cấp trên" in cell for cell in cells)
    assert any("Không áp dụng" in cell for cell in cells)


def test_report_without_parent_or_findings_renders() -> None:
    result = check_result()
    result.parent, result.findings, result.matches = None, [], []
    result = relinked(result, None)
    result.scope_note = "Văn bản không nêu căn cứ cấp trên; chỉ kiểm tra thể thức."
    html = reports.render_html(reports.build_report(result, child_plan(), None))
    tree = parse(html)
    assert "Không có phát hiện nào." in html
    assert "Không xác định được kế hoạch cấp trên" in html
    assert tree.find("div", "ok")[0].text == "Không có phát hiện"
    assert tree.find("p", "note")[0].text == result.scope_note


def test_audit_index(audit: AuditReport, report: Report) -> None:
    html = reports.render_audit_index_html(audit, {report.key: "reports/48.html"})
    tree = parse(html)
    assert tree.find("script") == []
    hrefs = [element.attrs.get("href") for element in tree.find("a")]
    assert "reports/48.html" in hrefs
    matrix = tree.find("table", "matrix")[0]
    header = [element.text for element in matrix.children[0].children[0].children]
    assert header[0] == "Chỉ tiêu" and header[2:] == ["48-KH/ĐU", "21-KH/ĐU"]
    assert header[1].startswith("Cấp trên: Đề án số 13-ĐA/TU")
    cells = tree.find("td", "cell")
    assert len(cells) == 4 * 2
    statuses = [next(cls for cls in cell.classes() if cls.startswith("st-")) for cell in cells]
    assert statuses[:2] == ["st-weaker", "st-fine"]  # first row: 2.1(5) in both plans
    assert "st-missing" in statuses and "st-not_applicable" in statuses
    assert "corpus/plans/&lt;x&gt;.pdf" in html  # failures listed, escaped


def test_real_garbled_plan_repairs_all_marked() -> None:
    """The garbled corpus plan: every repair note becomes one marked span in the page."""
    from extract import load_plan
    from rules.findings import CheckResult, PlanSummary
    from tests.conftest import PLANS

    plan = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    summary = PlanSummary(
        path=plan.source.path, name=plan.source.name, sha256=plan.source.sha256, meta=plan.meta
    )
    result = CheckResult(child=summary, implements_de_an_13=True)
    report = reports.build_report(result, plan, None)
    marks = [mark for line in report.text for mark in line.repairs]
    assert len(marks) == len(plan.repairs)
    for line in report.text:
        for mark in line.repairs:
            assert mark.start is not None and mark.end is not None
            assert line.text[mark.start : mark.end] == mark.after
    tree = parse(reports.render_html(report))
    spans = [
        element
        for element in tree.find("span")
        if element.classes() & {"repair", "uncertain"} and element.attrs.get("title")
    ]
    assert len(spans) == len(marks)
    assert sum("uncertain" in span.classes() for span in spans) == sum(
        note.uncertain for note in plan.repairs
    )


# The plan's text as the template's loop and macro wrote it before issue 18 moved it
# into html_report._text_lines: the page must not change by a character.
_TEXT_LINES_BY_TEMPLATE = (
    '{% from "macros.html.j2" import segments %}'
    '{% for line in lines %}<li id="L{{ line.number }}"{% if line.codes %} class="flagged"'
    '{% endif %}><a class="no" href="#L{{ line.number }}">{{ line.number }}</a><span>'
    "{{ segments(line.segments) }}{% for code in line.codes %}"
    '<span class="codes">{{ code }}</span>{% endfor %}</span></li>\n{% endfor %}'
)


@pytest.mark.parametrize("which", ["hostile", "garbled"])
def test_the_text_lines_are_written_as_the_template_wrote_them(report: Report, which: str) -> None:
    from reports import html_report
    from reports.view import Segment, TextLineView, build_view

    if which == "garbled":
        from extract import load_plan
        from rules.findings import CheckResult, PlanSummary
        from tests.conftest import PLANS

        plan = load_plan(PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
        summary = PlanSummary(
            path=plan.source.path, name=plan.source.name, sha256=plan.source.sha256, meta=plan.meta
        )
        report = reports.build_report(
            CheckResult(child=summary, implements_de_an_13=True), plan, None
        )
    lines = build_view(report).text_lines
    odd = TextLineView(
        number=9999,
        segments=[
            Segment('a<b>&"\x1b', "differs", "x\x00'y"),
            Segment("c", "uncertain", "<t>"),
            Segment("d\x07", "", ""),
        ],
        codes=["S<1>", "T&2"],
        repaired=True,
    )
    lines = [*lines, odd, TextLineView(number=10000, segments=[], codes=[], repaired=False)]
    template = html_report.environment().from_string(_TEXT_LINES_BY_TEMPLATE)
    assert any(line.codes for line in lines) and any(
        part.mark for line in lines for part in line.segments
    )
    assert str(html_report._text_lines(lines)) == template.render(lines=lines)


def test_the_page_takes_its_text_lines_from_python(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A plan's few hundred lines through the template's loop and macro were half of
    # the page's time (issue 18): the page takes them written.
    from markupsafe import Markup

    from reports import html_report

    monkeypatch.setattr(html_report, "_text_lines", lambda lines: Markup(f"<li>{len(lines)}</li>"))
    page = reports.render_html(report)
    assert f'<ol class="text">\n<li>{len(report.text)}</li></ol>' in page


class _CountedFindings(list):  # type: ignore[type-arg]
    """A report's findings that count how often they are walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def test_each_lines_codes_come_from_one_walk_of_the_findings(report: Report) -> None:
    # Each text line used to scan every finding for its codes (lines x findings).
    from reports.view import build_view

    assert report.findings and report.text
    findings = _CountedFindings(report.findings)
    counted = report.model_copy(update={"findings": findings})
    lines = build_view(counted).text_lines
    assert _CountedFindings.walks <= 3 < len(report.text)
    for line in lines:
        expected = sorted({item.code for item in report.findings if item.line == line.number})
        assert line.codes == expected
    assert any(line.codes for line in lines)
