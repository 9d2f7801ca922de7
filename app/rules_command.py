"""``plancheck rules``: the rules a check runs, their default severity and why they exist.

``plancheck rules`` prints a table (code, severity, title); ``plancheck rules D001``
prints one rule's rationale and example; ``--format json`` gives the same as data
and ``--format markdown`` the rule reference kept in docs/rules.md (a test checks
that the file matches the registry, so it cannot drift).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rules.base import Rule

EXIT_UNKNOWN_RULE = 2
SCOPE_LABELS_VI = {
    "document": "từng văn bản",
    "cross": "đối chiếu với kế hoạch cấp trên",
}
MARKDOWN_HEADER = """\
# Các quy tắc rà soát (rules)

Sinh tự động từ sổ đăng ký quy tắc (`rules.registry`) bằng lệnh
`plancheck rules --format markdown > docs/rules.md`; một kiểm thử so tệp này với
sổ đăng ký, nên không sửa tay. Mức độ là mặc định; `plancheck.toml` có thể đổi
mức độ hoặc tắt quy tắc. Quy tắc phạm vi "từng văn bản" chạy trên mọi kế hoạch;
quy tắc "đối chiếu với kế hoạch cấp trên" chỉ chạy khi kế hoạch thực hiện Đề án 13
và có kế hoạch cấp trên.
"""


class RulesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def rules(
    code: Annotated[
        str | None, typer.Argument(help="Mã quy tắc (ví dụ D001) để xem lý do và ví dụ.")
    ] = None,
    format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="table: bảng; json: dữ liệu; markdown: tài liệu."),
    ] = RulesFormat.table,
) -> None:
    """Liệt kê các quy tắc rà soát (list the rules, or show one)."""
    from rules.registry import all_rules

    selected = list(all_rules())
    if code is not None:
        selected = [rule for rule in selected if rule.code == code.strip().upper()]
        if not selected:
            known = ", ".join(rule.code for rule in all_rules())
            typer.echo(f"Lỗi / Error: không có quy tắc “{code}”. Các mã: {known}.", err=True)
            raise typer.Exit(EXIT_UNKNOWN_RULE)
    if format is RulesFormat.json:
        data: Any = rule_data(selected[0]) if code is not None else [
            rule_data(rule) for rule in selected
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif format is RulesFormat.markdown:
        sys.stdout.write(render_markdown(selected))
    elif code is not None:
        _print_detail(selected[0])
    else:
        _print_table(selected)


def rule_data(rule: Rule) -> dict[str, str]:
    """A rule's metadata as JSON-ready data (English keys, Vietnamese text)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "scope": rule.scope,
        "title": rule.title,
        "rationale": rule.rationale,
        "example": rule.example,
    }


def render_markdown(selected: list[Rule]) -> str:
    """The rule reference: a summary table, then each rule's rationale and example."""
    from rules.findings import SEVERITY_LABELS_VI

    lines = [MARKDOWN_HEADER, "| Mã | Mức độ | Phạm vi | Quy tắc |", "|---|---|---|---|"]
    for rule in selected:
        severity = SEVERITY_LABELS_VI[rule.severity]
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {severity} ({rule.severity}) "
            f"| {SCOPE_LABELS_VI[rule.scope]} | {_cell(rule.title)} |"
        )
    for rule in selected:
        lines += [
            "",
            f"## {rule.code}",
            "",
            f"**{rule.title}** — mức độ mặc định: "
            f"{SEVERITY_LABELS_VI[rule.severity]} ({rule.severity}), "
            f"phạm vi: {SCOPE_LABELS_VI[rule.scope]}.",
            "",
            rule.rationale,
            "",
            f"Ví dụ: {rule.example}",
        ]
    return "\n".join(lines) + "\n"


def _print_table(selected: list[Rule]) -> None:
    from rich.console import Console
    from rich.table import Table

    from rules.findings import SEVERITY_LABELS_VI

    table = Table(title="Các quy tắc rà soát")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Mức độ", no_wrap=True)
    table.add_column("Quy tắc")
    for rule in selected:
        table.add_row(rule.code, SEVERITY_LABELS_VI[rule.severity], rule.title)
    Console().print(table)


def _print_detail(rule: Rule) -> None:
    from rich.console import Console
    from rich.markup import escape

    from rules.findings import SEVERITY_LABELS_VI

    console = Console()
    console.print(f"[bold]{rule.code}[/bold] — {escape(rule.title)}", highlight=False)
    console.print(
        f"Mức độ mặc định: {SEVERITY_LABELS_VI[rule.severity]} "
        f"({rule.severity}); phạm vi: {SCOPE_LABELS_VI[rule.scope]}",
        markup=False,
        highlight=False,
    )
    console.print()
    console.print(rule.rationale, markup=False, highlight=False)
    console.print()
    console.print(f"Ví dụ: {rule.example}", markup=False, highlight=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
