"""The audit's batch-wide files are written without holding every finding (issue 18).

At 3,000 plans the findings are some 45,000 rows; the audit held them all, as an
``AuditReport`` and as openpyxl cells, and its peak memory grew with the batch. Now
audit.json and the workbook read them plan by plan as they write them, and must be
exactly what the whole audit gave.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from app.pipeline import PlanFile, check_one
from reports import AuditReport, Report, build_audit, render_audit_xlsx
from reports.audit import audit_findings, build_audit_summary
from reports.audit_json import write_audit_json
from tests.conftest import PLANS

TOWN = "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
CHILDREN = ("dang-uy-phuong-48-KH-DU-de-an-13.txt", "ban-dan-toc-quang-ngai-de-an-13.txt")


@pytest.fixture(scope="module")
def corpus_reports() -> list[Report]:
    """Summaries (reports without the plan's text) of a town plan and two plans under it."""
    town = check_one(PlanFile(PLANS / TOWN))
    checked = [town] + [
        check_one(PlanFile(PLANS / name), parent=town.child) for name in CHILDREN
    ]
    return [one.report().model_copy(update={"text": []}) for one in checked]


def test_streamed_audit_json_is_the_whole_audits_json_byte_for_byte(corpus_reports: list) -> None:  # type: ignore[type-arg]
    whole = build_audit(corpus_reports, [])
    assert len(whole.findings) > 10
    stream = io.BytesIO()
    summary = build_audit_summary(corpus_reports, [])
    write_audit_json(summary, audit_findings(corpus_reports), stream)
    assert stream.getvalue() == (whole.model_dump_json(indent=2) + "\n").encode("utf-8")


def test_streamed_audit_json_without_findings_is_the_audits_json() -> None:
    audit = AuditReport(counts={"error": 0})
    stream = io.BytesIO()
    write_audit_json(audit, iter(()), stream)
    assert stream.getvalue() == (audit.model_dump_json(indent=2) + "\n").encode("utf-8")


def test_an_audit_that_already_holds_its_findings_is_refused(corpus_reports: list) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        write_audit_json(build_audit(corpus_reports, []), iter(()), io.BytesIO())


def test_streamed_workbook_has_the_same_cells_and_looks_as_from_the_whole_audit(
    corpus_reports: list[Report],
    tmp_path: Path,
) -> None:
    whole, streamed = tmp_path / "whole.xlsx", tmp_path / "streamed.xlsx"
    render_audit_xlsx(build_audit(corpus_reports, []), whole)
    render_audit_xlsx(
        build_audit_summary(corpus_reports, []), streamed, lambda: audit_findings(corpus_reports)
    )
    assert _cells(whole) == _cells(streamed)
    findings = openpyxl.load_workbook(streamed)["Phát hiện"]
    assert findings.max_row == 1 + len(build_audit(corpus_reports, []).findings)
    # An empty cell of a row keeps the table's border, as a written one does.
    empty = [cell for row in findings.iter_rows(min_row=2) for cell in row if cell.value is None]
    assert empty and all(cell.border.left.style == "thin" for cell in empty)


def test_an_audit_builds_no_audit_model_holding_every_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reports.audit
    from app.audit.cache import AuditCache
    from app.audit.runner import run_audit

    made: list[AuditReport] = []
    real = reports.audit.AuditReport

    def recording(**fields: object) -> AuditReport:
        audit = real(**fields)  # type: ignore[arg-type]
        made.append(audit)
        return audit

    monkeypatch.setattr(reports.audit, "AuditReport", recording)
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in (TOWN, *CHILDREN):
        shutil.copy(PLANS / name, folder / name)
    cache = AuditCache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        run_audit(folder, tmp_path / "out", jobs=1, cache=cache)
    finally:
        cache.close()
    written = AuditReport.model_validate_json((tmp_path / "out" / "audit.json").read_bytes())
    assert len(written.findings) > 10
    assert made and all(not audit.findings for audit in made)


def _cells(path: Path) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(path)
    found = []
    for sheet in workbook.worksheets:
        widths = {key: value.width for key, value in sheet.column_dimensions.items()}
        found.append((sheet.title, sheet.freeze_panes, sheet.auto_filter.ref, widths))
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                found.append(
                    (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                        cell.data_type,
                        cell.number_format,
                        cell.quotePrefix,
                        cell.style,
                        repr(cell.font),
                        repr(cell.fill),
                        repr(cell.border),
                        repr(cell.alignment),
                    )
                )
    return found


def test_audit_json_goes_to_the_cache_and_back_in_pieces(tmp_path: Path) -> None:
    # Several pieces (1 MB each) of Vietnamese JSON, packed as ``pack`` packs text; a row cut
    # short is refused rather than restored as a shorter file.
    import zlib

    from app.audit import output
    from app.store.cache_rows import pack, unpack

    text = '{"plans": [' + ",".join(f'"Kế hoạch số {n}-KH/ĐU"' for n in range(150_000)) + "]}"
    original = tmp_path / "audit.json"
    original.write_text(text, encoding="utf-8")
    assert original.stat().st_size > 3 * (1 << 20)
    packed = output.pack_file(original)
    assert unpack(packed) == text and len(packed) < original.stat().st_size // 4
    restored = tmp_path / "restored.json"
    output.unpack_to_file(pack(text), restored)
    assert restored.read_text(encoding="utf-8") == text
    with pytest.raises(zlib.error):
        output.unpack_to_file(packed[: len(packed) // 2], tmp_path / "cut.json")


@pytest.mark.parametrize("broken", [None, ValueError, PermissionError])
def test_a_workbook_written_aside_is_the_one_written_here(
    corpus_reports: list[Report],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    broken: type[Exception] | None,
) -> None:
    # A large batch writes its workbook in a forked worker while audit.json is written
    # (app.audit.output._WorkbookAside): the same cells, and what fails there fails as here.
    import reports.xlsx_audit
    from app.audit.output import write_audit_files
    from app.store.cache_rows import pack

    summary = build_audit_summary(corpus_reports, [])
    packed = [pack(report.model_dump_json()) for report in corpus_reports]
    here, aside = tmp_path / "here", tmp_path / "aside"
    write_audit_files(here, summary, {}, lambda: audit_findings(corpus_reports))
    if broken is not None:

        def fails(*_args: object) -> None:
            raise broken(f"hỏng giả lập trong tiến trình {os.getpid()}")

        monkeypatch.setattr(reports.xlsx_audit, "render_audit_xlsx", fails)
    if broken is PermissionError:  # the output folder cannot be written: the audit stops
        with pytest.raises(PermissionError):
            write_audit_files(aside, summary, {}, lambda: audit_findings(corpus_reports), packed)
        return
    index, problems = write_audit_files(
        aside, summary, {}, lambda: audit_findings(corpus_reports), packed
    )
    assert index is not None and (aside / "audit.json").read_bytes() == (
        here / "audit.json"
    ).read_bytes()
    if broken is None:
        assert problems == {} and _cells(aside / "audit.xlsx") == _cells(here / "audit.xlsx")
    else:
        assert list(problems) == [str(aside / "audit.xlsx")]
        assert not (aside / "audit.xlsx").exists()
        message = problems[str(aside / "audit.xlsx")].message
        assert "hỏng giả lập" in message and f"tiến trình {os.getpid()})" not in message
        assert "audit.xlsx" in index.read_text(encoding="utf-8")
