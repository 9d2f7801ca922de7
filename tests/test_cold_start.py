"""Cold start of the command line (issue 18): what each command imports, and the fast exit.

Tests of imports and of behaviour, not timed tests: each runs the command in a fresh
interpreter and looks at ``sys.modules`` or at what the process wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"

# Runs the command line in-process, then prints the top-level packages it imported.
_MODULES_SCRIPT = """
import json, sys
sys.argv = ["plancheck", *sys.argv[1:]]
from app.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

# Packages that no command needs before it does its work: the web stack, the store's ORM,
# the renderers of formats not asked for, the PDF reader for a text plan.
_WEB_AND_RENDERERS = (
    "fastapi",
    "uvicorn",
    "jinja2",
    "openpyxl",
    "docx",
    "pdfplumber",
    "pdfminer",
    "sqlalchemy.orm",
    "alembic.config",
    "alembic.command",
    "PIL",
)


def _imported(*arguments: str, environment: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_SCRIPT, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name in modules)


def test_help_imports_no_heavy_module() -> None:
    modules = _imported("--help")
    heavy = ("sqlalchemy", "alembic", "pydantic", "extract", "rules", "reports", "socket")
    assert _loaded(modules, heavy + _WEB_AND_RENDERERS) == []


def test_help_once_compiled_imports_no_yaml() -> None:
    # The command line's words are kept parsed beside their file after the first run.
    first = _imported("--help")
    second = _imported("--help")
    assert "typer.rich_utils" in first and "typer.rich_utils" in second
    assert "yaml" not in second


def test_json_check_of_a_text_plan_imports_no_web_stack_orm_or_other_renderer(
    tmp_path: Path,
) -> None:
    environment = {
        **os.environ,
        "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}",
    }
    out = tmp_path / "check.json"
    arguments = ("check", str(WARD), "-a", str(TOWN), "-f", "json", "-o", str(out))
    _imported(*arguments, environment=environment)  # creates (migrates) the database
    modules = _imported(*arguments, environment=environment)
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert _loaded(modules, _WEB_AND_RENDERERS) == []


def test_a_cached_check_imports_no_sqlalchemy_or_alembic(tmp_path: Path) -> None:
    # The cache at the newest schema is read with sqlite3, and the first check makes the
    # database from the schema template (app.store.schema_template), without them either.
    environment = {
        **os.environ,
        "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}",
    }
    out = tmp_path / "check.json"
    arguments = ("check", str(WARD), "-a", str(TOWN), "-f", "json", "-o", str(out))
    first = _imported(*arguments, environment=environment)
    assert (tmp_path / "cache.sqlite3").is_file()
    assert _loaded(first, ("sqlalchemy", "alembic")) == []
    created = out.read_bytes()
    out.unlink()
    cached = _imported(*arguments, environment=environment)
    assert out.read_bytes() == created
    assert _loaded(cached, ("sqlalchemy", "alembic")) == []
    # Nor pydantic-settings (asyncio, ssl, dotenv) only to learn the database's URL.
    assert _loaded(cached, ("pydantic_settings", "asyncio", "ssl")) == []


def test_a_first_check_on_a_database_of_an_older_schema_still_migrates(tmp_path: Path) -> None:
    # The template makes new files only: a file Alembic must bring up goes through it.
    import sqlite3

    database = tmp_path / "cache.sqlite3"
    environment = {**os.environ, "PLANCHECK_DATABASE_URL": f"sqlite:///{database}"}
    out = tmp_path / "check.json"
    arguments = ("check", str(WARD), "-a", str(TOWN), "-f", "json", "-o", str(out))
    _imported(*arguments, environment=environment)
    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE audit_results_z DROP COLUMN report_docx")
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
    connection.close()
    again = _imported(*arguments, environment=environment)
    assert _loaded(again, ("sqlalchemy", "alembic")) == ["alembic", "sqlalchemy"]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() != [
            ("0004",)
        ]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(audit_results_z)")]
    connection.close()
    assert "report_docx" in columns


def test_a_json_check_of_a_clean_plan_imports_only_what_it_uses(tmp_path: Path) -> None:
    # Each of these serves another case: a rules configuration (tomllib), the audit's pool
    # (concurrent.futures), the text/HTML/DOCX view, a PDF with unmapped glyphs (the cid
    # solver), a damaged text (the repair model's disk cache, pickle, the gazetteer slot).
    environment = {
        **os.environ,
        "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}",
    }
    out = tmp_path / "check.json"
    clean_parent = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"
    arguments = ("check", str(WARD), "-a", str(clean_parent), "-f", "json", "-o", str(out))
    _imported(*arguments, environment=environment)  # creates (migrates) the database
    modules = _imported(*arguments, environment=environment)
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    unused = (
        "tomllib",
        "concurrent.futures",
        "reports.view",
        "extract.repair.cid_model",
        "extract.repair.cid_search",
        "extract.repair.model_cache",
        "extract.repair.name_slot",
        "pickle",
    )
    assert _loaded(modules, unused) == []


def test_reading_a_typed_pdf_imports_no_ocr(tmp_path: Path) -> None:
    # Pillow, Tesseract's wrapper and the scan reader serve pages without a text layer:
    # a typed PDF, read by pdfium, loads none of them (issue 18). Nor pypdfium2's Python
    # helpers: the text layer is read through pdfium's C functions (pypdfium2_raw).
    from tests.render import corpus_lines, render_pdf

    pdf = render_pdf(corpus_lines(WARD), tmp_path / "ward-plan.pdf")
    modules = _imported("extract", str(pdf), "--format", "json")
    assert "pypdfium2_raw" in modules
    unused = (
        "PIL",
        "extract.loaders.scan",
        "extract.loaders.ocr_engine",
        "tesserocr",
        "pypdfium2",
    )
    assert _loaded(modules, unused) == []


def test_reading_a_clean_text_plan_imports_no_decoder_or_ocr_correction() -> None:
    # The dropped-glyph decoder, its rates and the OCR correction serve damaged or
    # scanned text only: a typed plan found clean does not load them (issue 18).
    modules = _imported("extract", str(WARD), "--format", "json")
    assert "extract.repair.dropped" in modules  # the plan was judged clean by it
    unused = (
        "extract.repair.decoder",
        "extract.repair.run_reader",
        "extract.repair.drop_rates",
        "extract.repair.evidence",
        "extract.repair.ocr_correct",
        "extract.repair.ocr_surface",
    )
    assert _loaded(modules, unused) == []


def test_a_command_that_prints_no_help_imports_no_help_renderer() -> None:
    # typer draws help and errors with rich (Markdown, panels): extract or check draws neither.
    modules = _imported("extract", str(WARD), "--format", "json")
    assert "extract.parse" in modules
    assert _loaded(modules, ("typer.rich_utils", "rich.markdown", "markdown_it")) == []


# The console entry point, with an object whose finaliser would run at interpreter teardown.
_CONSOLE_SCRIPT = """
import os, sys
class Teardown:
    def __del__(self):
        os.write(2, b"teardown ran")
kept = Teardown()
sys.argv = ["plancheck", *sys.argv[1:]]
from app.cli import console_main
console_main()
"""


def _console(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    # Block-buffered stdout (no PYTHONUNBUFFERED): the fast exit must flush it itself.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", _CONSOLE_SCRIPT, *arguments],
        capture_output=True,
        env=environment,
        check=False,
    )


def test_console_entry_point_flushes_output_and_skips_teardown() -> None:
    done = _console("extract", str(WARD), "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout.decode("utf-8"))
    assert plan["sections"]
    assert b"teardown ran" not in done.stderr


def test_console_entry_point_keeps_the_exit_code_and_the_message() -> None:
    done = _console("extract", "/no/such/plan.txt")
    assert done.returncode == 2
    assert "Lỗi / Error" in done.stderr.decode("utf-8")
    assert b"teardown ran" not in done.stderr


def test_in_process_main_still_raises_system_exit() -> None:
    from app.cli import main

    saved = sys.argv
    sys.argv = ["plancheck", "--version"]
    try:
        main()
    except SystemExit as ended:
        assert ended.code in (0, None)
    else:
        raise AssertionError("main() must end with SystemExit, not leave the interpreter")
    finally:
        sys.argv = saved


# The console entry point, reporting at exit how the cyclic collector was left (app.startup).
_COLLECTOR_SCRIPT = """
import atexit, gc, json, sys
full = []
gc.callbacks.append(lambda phase, info: phase == "start" and full.append(info["generation"]))
atexit.register(lambda: print(json.dumps(
    {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count(), "collections": len(full)}
), file=sys.stderr))
sys.argv = ["plancheck", *sys.argv[1:]]
from app.cli import {entry}
{entry}()
"""


def _collector_after(entry: str, *arguments: str, tmp_path: Path) -> dict[str, object]:
    environment = {
        **os.environ,
        "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'cache.sqlite3'}",
    }
    script = _COLLECTOR_SCRIPT.replace("{entry}", entry)
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True, text=True, env=environment, check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return report


# A clean parent: repairing the garbled town plan freezes its model (extract.repair), which
# would hide whether the command line did.
CLEAN_PARENT = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"


def test_a_console_check_keeps_what_it_imported_out_of_the_collector(tmp_path: Path) -> None:
    # The stages' modules, classes and schemas are frozen once imported, not walked by
    # every collection while they pile up; the collector runs again for the check itself.
    out = tmp_path / "check.json"
    after = _collector_after(
        "console_main", "check", str(WARD), "-a", str(CLEAN_PARENT), "-f", "json", "-o", str(out),
        tmp_path=tmp_path,
    )
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert after["enabled"] is True
    assert isinstance(after["frozen"], int) and after["frozen"] > 50_000


def test_other_console_commands_collect_again_once_started(tmp_path: Path) -> None:
    after = _collector_after(
        "console_main", "extract", str(WARD), "--format", "json", tmp_path=tmp_path
    )
    assert after["enabled"] is True
    assert isinstance(after["frozen"], int) and after["frozen"] > 0


def test_an_in_process_check_never_pauses_or_freezes_the_collector(tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    after = _collector_after(
        "main", "check", str(WARD), "-a", str(CLEAN_PARENT), "-f", "json", "-o", str(out),
        tmp_path=tmp_path,
    )
    assert after == {"enabled": True, "frozen": 0, "collections": after["collections"]}
    assert isinstance(after["collections"], int) and after["collections"] > 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "--help"],
        ["check"],
        ["check", "--bogus"],
        ["check", str(WARD), "-a", str(WARD)],
        ["extract", "--help"],
        ["rules", "D001"],
        ["chek", "x"],
        ["--version"],
    ],
)
def test_a_run_of_one_command_says_what_the_whole_command_line_says(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from app.cli import app, command_line

    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    alone = CliRunner().invoke(command_line(arguments), arguments)
    whole = CliRunner().invoke(app, arguments)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


def test_a_run_of_one_command_builds_that_command_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer.main

    from app.cli import app, command_line

    built: list[str] = []
    build = typer.main.get_command_from_info

    def counted(command_info, **settings):  # type: ignore[no-untyped-def]
        command = build(command_info, **settings)
        built.append(command.name)
        return command

    monkeypatch.setattr(typer.main, "get_command_from_info", counted)
    typer.main.get_command(command_line(["rules", "--help"]))
    assert built == ["rules"]
    built.clear()
    typer.main.get_command(command_line(["--help"]))
    assert len(built) == len(app.registered_commands) > 1
