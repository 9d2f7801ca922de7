"""``plancheck check``: one plan against its parent, reported in the terminal or a file.

The parent is the ``--against`` plan when given; otherwise it is looked for
among the plans of ``--corpus`` (default the bundled corpus/plans) with
``rules.linking.find_parent``. Plans are read through the plan store over the audit
cache (``app.plan_store``), so a reviewer checking plans one by one pays for reading the
corpus only once; the check itself is ``app.pipeline.check_one``, as in the audit and
the web page.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from app.terminal import shown

if TYPE_CHECKING:
    from app.audit.cache import AuditCache
    from app.plan_store import PlanStore
    from app.store.plan_cache import SqlitePlanCache
    from reports import Report


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"


class Severity(StrEnum):
    """Severities from the most to the least serious (rules.findings.SEVERITY_ORDER)."""

    error = "error"
    warning = "warning"
    info = "info"


# Formats written to a file only: a workbook or a document is no terminal text.
_FILE_FORMATS = (CheckFormat.docx, CheckFormat.xlsx)


# Terminal colours by severity; the words themselves come from reports' vocabulary.
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def check(
    child: Annotated[
        Path,
        typer.Argument(help="Kế hoạch cần rà soát (.txt, .md, .docx, .pdf, ảnh .png/.jpg/.tif)."),
    ],
    against: Annotated[
        Path | None,
        typer.Option("--against", "-a", help="Kế hoạch cấp trên; bỏ trống: tự tìm trong --corpus."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Thư mục các kế hoạch để tìm kế hoạch cấp trên."),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, html, docx hoặc xlsx.")
    ] = CheckFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tệp kết quả (bắt buộc với docx, xlsx)."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Tệp cấu hình quy tắc plancheck.toml.")
    ] = None,
    min_severity: Annotated[
        Severity,
        typer.Option(
            "--min-severity", help="Chỉ hiện phát hiện từ mức này trở lên: error, warning, info."
        ),
    ] = Severity.info,
    fail_on: Annotated[
        Severity,
        typer.Option(
            "--fail-on",
            help="Mã thoát 1 khi có phát hiện (chưa chấp nhận) từ mức này trở lên: "
            "error, warning, info.",
        ),
    ] = Severity.error,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Không in gì ra màn hình; chỉ mã thoát và tệp.")
    ] = False,
) -> None:
    """Rà soát một kế hoạch so với kế hoạch cấp trên (check one plan).

    Mã thoát / exit codes: 0 không có phát hiện ở mức --fail-on (mặc định: Lỗi), 1 có,
    2 lỗi đầu vào hoặc chưa kiểm tra được (không đọc được chữ tin cậy).
    """
    from app.startup import paused

    with paused():  # every check needs the three stages: imported before the collector resumes
        import app.pipeline  # noqa: F401
        import reports.build  # noqa: F401
        import rules.engine  # noqa: F401
        from extract.errors import PlanInputError

    if output_format in _FILE_FORMATS and output is None:
        typer.echo(
            f"Lỗi / Error: định dạng {output_format} cần tệp kết quả -o "
            f"/ {output_format} needs -o FILE",
            err=True,
        )
        raise typer.Exit(2)
    try:
        code = run_check(
            child,
            against=against,
            corpus=corpus,
            output_format=output_format,
            output=output,
            config_path=config,
            options=CheckOptions(min_severity, fail_on, quiet),
        )
    except PlanInputError as error:
        typer.echo(f"Lỗi / Error: {shown(error.message)}", err=True)
        raise typer.Exit(2) from None
    except OSError as error:  # the output file cannot be written
        where = error.filename or output
        where = shown(where)
        typer.echo(f"Lỗi / Error: {where}: không ghi được tệp / cannot write ({error})", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def run_check(
    child_path: Path,
    *,
    against: Path | None,
    corpus: Path | None,
    output_format: CheckFormat,
    output: Path | None,
    config_path: Path | None,
    options: CheckOptions | None = None,
) -> int:
    """Check one plan and write its report; return the exit code.

    The code is 2 when the child's text could not be read reliably (report status
    'unchecked'), else 1 when an active finding reaches ``options.fail_on`` (error by
    default), else 0; hidden findings (``options.min_severity``) still count.

    Raises:
        PlanInputError: When the child, the parent or the configuration cannot be read.
    """
    from app.pipeline import PlanFile, check_one

    config = _load_config(config_path)
    options = options if options is not None else CheckOptions()
    with plan_store() as store:
        child = PlanFile(child_path)
        if against is not None:
            checked = check_one(child, store, parent=PlanFile(against), config=config)
        else:
            candidates = [PlanFile(path) for path in corpus_plans(corpus)]
            checked = check_one(child, store, candidates=candidates, config=config)
    report = checked.report()
    shown = above_severity(report, options.min_severity)
    if not (options.quiet and output is None):
        hidden = len(report.findings) - len(shown.findings)
        write_report(shown, output_format, output, hidden=hidden)
    if report.status == "unchecked":
        return 2  # the text could not be read: an input problem, never a pass (issue 22)
    return 1 if fails_on(report, options.fail_on) else 0


@dataclass(frozen=True)
class CheckOptions:
    """What the reviewer asked of the output: which findings show, which fail, how loud."""

    min_severity: Severity = Severity.info
    fail_on: Severity = Severity.error
    quiet: bool = False


def above_severity(report: Report, least: Severity) -> Report:
    """The report with findings below ``least`` left out, its counts counting those shown."""
    from rules.findings import SEVERITY_ORDER

    limit = SEVERITY_ORDER[least]
    kept = [finding for finding in report.findings if SEVERITY_ORDER[finding.severity] <= limit]
    if len(kept) == len(report.findings):
        return report
    counts = {severity: count for severity, count in report.counts.items()}
    for severity in counts:
        if SEVERITY_ORDER.get(severity, 0) > limit:
            counts[severity] = 0
    waived = sum(1 for finding in kept if finding.waived)
    return report.model_copy(update={"findings": kept, "counts": counts, "waived_count": waived})


def fails_on(report: Report, least: Severity) -> bool:
    """Whether an active (not waived) finding is at ``least`` or more serious."""
    from rules.findings import SEVERITY_ORDER

    limit = SEVERITY_ORDER[least]
    return any(
        not finding.waived and SEVERITY_ORDER[finding.severity] <= limit
        for finding in report.findings
    )


def corpus_plans(corpus: Path | None) -> list[Path]:
    """The plan files under ``corpus`` (default the bundled corpus/plans): parent candidates."""
    from app.audit.discovery import discover_plans
    from extract.resources import corpus_dir

    folder = corpus if corpus is not None else corpus_dir() / "plans"
    return discover_plans(folder).plans


@contextmanager
def plan_store() -> Iterator[PlanStore]:
    """The plan store over the audit cache: a reviewer pays for reading a plan once.

    Checking plans one by one against the same parent, or among the same corpus, reads
    each of those only the first time. The cache only saves time: when its database
    cannot be opened (say, the data folder is read-only) the store keeps plans in
    memory for this check alone.
    """
    from app.plan_store import PlanStore

    cache = _open_cache()
    try:
        yield PlanStore(cache)
    finally:
        if cache is not None:
            cache.close()


def _open_cache() -> AuditCache | SqlitePlanCache | None:
    # An up-to-date SQLite file (every check after the first) is read with sqlite3:
    # SQLAlchemy and Alembic would cost a cold check a quarter of a second (issue 18).
    # A new file is made at the newest schema from its template, without them either
    # (running the migrations one by one cost the first check half a second).
    import sqlite3

    from app.data_location import quick_database_url
    from app.store.plan_cache import open_sqlite_plan_cache, sqlite_file
    from app.store.schema_template import create_at_head

    try:
        url = quick_database_url()
        if url is None:
            from app.settings import database_url

            url = database_url()
        new_file = sqlite_file(url)
        if new_file is not None:
            create_at_head(new_file)
        fast = open_sqlite_plan_cache(url)
    except (sqlite3.Error, OSError):
        fast = None  # AuditCache below gives the same failure its usual handling
    if fast is not None:
        return fast
    from sqlalchemy.exc import SQLAlchemyError

    from app.audit.cache import AuditCache

    try:
        return AuditCache()
    except (SQLAlchemyError, OSError):
        return None


def write_report(
    report: Report, output_format: CheckFormat, output: Path | None, hidden: int = 0
) -> None:
    """Write ``report`` in ``output_format`` to ``output``, or to the terminal.

    Each renderer is imported only when used: python-docx and openpyxl cost a
    reviewer's text check a noticeable part of a second.
    """
    import reports

    if output_format is CheckFormat.docx:
        assert output is not None  # the command refuses docx without -o
        reports.render_docx(report, output)
        return
    if output_format is CheckFormat.xlsx:
        assert output is not None  # the command refuses xlsx without -o
        # The audit workbook of one plan: summary, indicator matrix, findings.
        reports.render_audit_xlsx(reports.build_audit([report], []), output)
        return
    if output_format is CheckFormat.text and output is None:
        print_terminal_report(report, hidden)
        return
    if output_format is CheckFormat.json:
        text = reports.render_json(report)
    elif output_format is CheckFormat.html:
        text = reports.render_html(report)
    else:
        text = reports.render_text(report)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def print_terminal_report(report: Report, hidden: int = 0) -> None:
    """Print the compact report: header, one line per finding, totals; coloured by severity."""
    from rich.console import Console
    from rich.text import Text

    from reports.plan_names import plan_title
    from reports.view import location_label
    from reports.vocabulary import vocabulary

    words = vocabulary()
    console = Console(highlight=False, soft_wrap=True)
    console.print(Text(shown(f"{plan_title(report.child)} [{report.child.name}]"), style="bold"))
    if report.parent is not None:
        # Text, not markup: document text may hold square brackets.
        parent = f"{plan_title(report.parent)} [{report.parent.name}]"
        console.print(Text(shown(f"  đối chiếu với: {parent}")))
    if report.unreadable_note:
        console.print(Text(f"  {report.unreadable_note}", style="bold red"))
    for note in (report.scope_note, report.parent_note):
        if note:
            console.print(Text(f"  {note}", style="dim"))
    width = max((len(location_label(finding)) for finding in report.findings), default=0)
    for finding in report.findings:
        line = Text(f"{location_label(finding).ljust(width)}  ")
        line.append(finding.code, style="bold")
        label = words.severity_label(finding.severity)
        line.append(f"  {label:<8}  ", style=_SEVERITY_STYLE.get(finding.severity, ""))
        line.append(finding.message)
        if finding.waived:
            line.append(" (đã chấp nhận)", style="dim")
        console.print(line)
    totals = ", ".join(
        f"{count} {words.severity_label(severity).lower()}"
        for severity, count in report.counts.items()
    )
    if hidden:
        console.print(Text(f"({hidden} phát hiện ở mức thấp hơn được ẩn: --min-severity)", "dim"))
    outcome = words.outcome_label(report.counts)
    if report.status == "unchecked":
        outcome = words.report_status["unchecked"]
    console.print(Text(f"Tổng cộng: {totals} — {outcome}.", "bold"))


def _load_config(config_path: Path | None) -> Any:
    if config_path is None:
        return None
    from rules.config import load_config

    return load_config(config_path)
