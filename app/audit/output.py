"""Where an audit writes: one report per plan, the workbook and the index page.

Layout of the output folder::

    index.html                 the audit's front page, linking every report
    audit.xlsx                 summary, indicator matrix and findings sheets
    audit.json                 the audit report (reports/SCHEMA.md)
    reports/<name>.html|.json  one report per plan
    reports/<name>.docx        its review note (Word), to edit, sign and forward

Report file names come from the plan's path relative to the audited folder,
reduced to ASCII letters, digits, dots and dashes (Vietnamese letters lose their
marks, "đ" becomes "d") and followed by a short hash of the full relative path,
so two plans never share a name and no name can climb out of the folder.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from app.audit.cache import AuditFiles
from app.audit.engine import Failure, report_failure, unpack
from extract.text import ascii_name

if TYPE_CHECKING:
    from reports import AuditReport
    from reports.model import AuditFindingRow

# Gives the audit's findings anew at each call: each file that lists them reads them in turn.
Findings = Callable[[], Iterable["AuditFindingRow"]]

REPORTS_FOLDER = "reports"
INDEX = "index.html"
WORKBOOK = "audit.xlsx"
AUDIT_JSON = "audit.json"
_MAX_STEM = 80
# How much of audit.json is read or written at a time when it goes to or from the cache.
_PIECE = 1 << 20


def report_stem(relative_path: str) -> str:
    """A safe, unique file stem for the report of the plan at ``relative_path``."""
    readable = ascii_name(relative_path).strip(".-")[:_MAX_STEM].strip(".-") or "plan"
    digest = hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def write_plan_report(
    out: Path, stem: str, report_json: bytes, report_html: bytes, report_docx: bytes = b""
) -> str:
    """Write one plan's JSON, HTML and DOCX reports; return the HTML's path relative to ``out``.

    The JSON and HTML come as UTF-8 bytes, as they leave their packing; an empty
    ``report_docx`` (the note could not be written) writes no .docx.
    """
    folder = out / REPORTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_bytes(report_json)
    (folder / f"{stem}.html").write_bytes(report_html)
    if report_docx:
        (folder / f"{stem}.docx").write_bytes(report_docx)
    return f"{REPORTS_FOLDER}/{stem}.html"


def write_audit_files(
    out: Path,
    audit: AuditReport,
    report_links: dict[str, str],
    findings: Findings,
    aside: list[bytes] | None = None,
) -> tuple[Path | None, dict[str, Failure]]:
    """Write audit.xlsx, audit.json and index.html for ``audit``.

    The findings are not held in ``audit``: the workbook and audit.json read them as
    they write them (a large batch's findings are most of its audit: issue 18).

    Each file is written on its own: an exception while writing one (a defect of
    ours, a character a library refuses) loses that file only. The files that
    failed are listed in the index as failures of the audit, and returned so
    that the audit exits 2 ("a file could not be done"), never 1 ("error
    findings") nor with a traceback.

    Args:
        out: The output folder.
        audit: The ``reports.AuditReport`` of the batch, without its findings
            (``reports.audit.build_audit_summary``).
        report_links: Plan key -> relative URL of that plan's HTML report.
        findings: Gives the audit's findings, in order, anew at each call.
        aside: Each plan's packed summary (``pack``), in the order ``findings`` reads
            them, to write the workbook from in a process of its own while this one
            writes audit.json (``_WorkbookAside``); None: the workbook is written here.

    Returns:
        index.html's path (None if it could not be written), and the files that
        could not be written, by path, with why.
    """
    from reports import AuditFailure, render_audit_index_html, render_audit_xlsx

    out.mkdir(parents=True, exist_ok=True)
    problems: dict[str, Failure] = {}
    json_problems: dict[str, Failure] = {}

    def write_json(path: Path) -> None:
        _write_audit_json(path, audit, findings)

    if aside is None:
        _write_one(out / WORKBOOK, lambda path: render_audit_xlsx(audit, path, findings), problems)
        _write_one(out / AUDIT_JSON, write_json, json_problems)
    else:
        with _WorkbookAside(out / WORKBOOK, audit, aside, problems):
            _write_one(out / AUDIT_JSON, write_json, json_problems)
    problems.update(json_problems)  # the workbook's first, as when written one after the other
    if problems:
        failed = [
            AuditFailure(path=path, reason=failure.reason, message=failure.message_vi)
            for path, failure in problems.items()
        ]
        audit = audit.model_copy(update={"failures": [*audit.failures, *failed]})
    index = out / INDEX

    def write_index(path: Path) -> None:
        path.write_text(render_audit_index_html(audit, report_links), encoding="utf-8")

    return (index if _write_one(index, write_index, problems) else None), problems


class _WorkbookAside:
    """The workbook written in a worker process while this one writes audit.json.

    At the end of an audit the pool's workers are gone and one core is idle, while this
    process wrote the batch-wide files one after the other: the workbook, about half of
    that time (some 4 ms a plan: openpyxl writes each cell), now runs beside audit.json.
    The worker is forked from this process (it has every module loaded) and is given each
    plan's packed summary; what goes wrong there is what ``_write_one`` makes of it here:
    an OSError stops the audit, anything else (the worker lost too) loses the workbook only.
    """

    def __init__(
        self, path: Path, audit: AuditReport, summaries: list[bytes], problems: dict[str, Failure]
    ) -> None:
        import multiprocessing
        import os
        from concurrent.futures import ProcessPoolExecutor

        from app.lifetime import exit_with_parent

        self.path = path
        self.problems = problems
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=exit_with_parent,
            initargs=(os.getpid(), True),
        )
        self.future = self.pool.submit(_write_workbook, str(path), audit, summaries)

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exception: object) -> None:
        try:
            _write_one(self.path, lambda _path: self.future.result(), self.problems)
        finally:
            self.pool.shutdown()


def _write_workbook(path: str, audit: AuditReport, summaries: list[bytes]) -> None:
    """Write the workbook from each plan's packed summary (in a worker: ``_WorkbookAside``)."""
    from reports import Report, render_audit_xlsx
    from reports.audit import audit_findings

    def findings() -> Iterable[AuditFindingRow]:
        return audit_findings(Report.model_validate_json(unpack(packed)) for packed in summaries)

    render_audit_xlsx(audit, Path(path), findings)


def _write_audit_json(path: Path, audit: AuditReport, findings: Findings) -> None:
    """audit.json, streamed: the findings go to the file one by one (reports.audit_json)."""
    from reports.audit_json import write_audit_json

    with path.open("wb") as stream:
        write_audit_json(audit, findings(), stream)


def _write_one(path: Path, write: Callable[[Path], object], problems: dict[str, Failure]) -> bool:
    try:
        write(path)
    except OSError:
        raise  # the output folder itself cannot be written: the whole audit stops (exit 2)
    except Exception as error:  # one report lost, the audit goes on
        path.unlink(missing_ok=True)  # never leave a half-written file as if it were good
        problems[str(path)] = report_failure(str(path), path.name, error)
        return False
    return True


def read_audit_files(out: Path) -> AuditFiles:
    """The batch-wide files just written to ``out``, for the cache."""
    return AuditFiles(
        index_html=(out / INDEX).read_text(encoding="utf-8"),
        audit_json_packed=pack_file(out / AUDIT_JSON),
        workbook=(out / WORKBOOK).read_bytes(),
    )


def restore_audit_files(out: Path, files: AuditFiles) -> Path:
    """Write cached batch-wide files to ``out``; return index.html's path."""
    out.mkdir(parents=True, exist_ok=True)
    (out / WORKBOOK).write_bytes(files.workbook)
    unpack_to_file(files.audit_json_packed, out / AUDIT_JSON)
    index = out / INDEX
    index.write_text(files.index_html, encoding="utf-8")
    return index


def pack_file(path: Path) -> bytes:
    """The file's bytes compressed as ``pack`` compresses text, read a piece at a time.

    audit.json is tens of megabytes at a few thousand plans: read whole, as a string, it
    was the largest thing the audit held at its end (issue 18).
    """
    compressor = zlib.compressobj(1)
    pieces = []
    with path.open("rb") as stream:
        while piece := stream.read(_PIECE):
            pieces.append(compressor.compress(piece))
    pieces.append(compressor.flush())
    return b"".join(pieces)


def unpack_to_file(packed: bytes, path: Path) -> None:
    """Write what ``pack_file`` (or ``pack``) compressed to ``path``, a piece at a time."""
    decompressor = zlib.decompressobj()
    with path.open("wb") as stream:
        for start in range(0, len(packed), _PIECE):
            stream.write(decompressor.decompress(packed[start : start + _PIECE]))
        stream.write(decompressor.flush())
        if not decompressor.eof:
            raise zlib.error("audit.json trong bộ nhớ đệm bị cụt / cached audit.json is cut short")
