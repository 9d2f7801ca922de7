"""One settings object for the PLANCHECK_* variables (issue 17.6): one folder, one database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.audit.cache import database_url as cache_database_url
from app.cli import app
from app.store import database_url as store_database_url
from app.web.settings import Settings

VARIABLES = (
    "PLANCHECK_DATA_DIR",
    "PLANCHECK_DATABASE_URL",
    "PLANCHECK_SECRET_KEY",
    "PLANCHECK_MAX_UPLOAD_BYTES",
    "PLANCHECK_SECURE_COOKIES",
    "PLANCHECK_CHECK_WORKERS",
    "PLANCHECK_CHECK_SECONDS",
)


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path


def test_the_web_page_and_the_cache_default_to_one_database_in_one_folder(clean: Path) -> None:
    # There were two defaults: ~/.local/share/plancheck/audit-cache.sqlite3 for the
    # cache and ./data/plancheck.sqlite3 for the web page.
    expected = f"sqlite:///{(clean / 'xdg' / 'plancheck' / 'plancheck.sqlite3').resolve()}"
    assert cache_database_url() == expected
    web = Settings.from_env()
    assert web.data_dir == clean / "xdg" / "plancheck"
    assert web.database_url == expected
    assert store_database_url(web.data_dir) == expected


def test_every_variable_keeps_its_name(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHECK_DATA_DIR", str(clean / "du-lieu"))
    monkeypatch.setenv("PLANCHECK_SECRET_KEY", "khoa-bi-mat")
    monkeypatch.setenv("PLANCHECK_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("PLANCHECK_SECURE_COOKIES", "1")
    monkeypatch.setenv("PLANCHECK_CHECK_WORKERS", "3")
    monkeypatch.setenv("PLANCHECK_CHECK_SECONDS", "30")
    web = Settings.from_env()
    assert web.data_dir == clean / "du-lieu" and web.data_dir.is_dir()
    assert web.secret_key == b"khoa-bi-mat"
    assert web.max_upload_bytes == 1000 and web.secure_cookies
    assert (web.check_limits.workers, web.check_limits.seconds) == (3, 30)
    assert cache_database_url() == web.database_url
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", "postgresql+psycopg://plancheck@db/plancheck")
    assert Settings.from_env().database_url == "postgresql+psycopg://plancheck@db/plancheck"
    assert cache_database_url() == "postgresql+psycopg://plancheck@db/plancheck"


def test_a_web_setting_of_the_wrong_kind_stops_serve_naming_it(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It used to be ignored silently (the default was taken instead).
    monkeypatch.setenv("PLANCHECK_CHECK_WORKERS", "hai")
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(clean / "data")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "PLANCHECK_CHECK_WORKERS" in result.output
    assert "biến môi trường không hợp lệ" in result.output
    assert "invalid environment" in result.output
    # The command line's cache does not depend on the web page's settings.
    assert cache_database_url().endswith("plancheck.sqlite3")


def test_an_existing_web_folder_of_the_old_default_is_kept(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before 2026-12-07 serve kept its history in ./data; after the upgrade the same
    # command in the same folder must not open an empty site beside the old one.
    from app.settings import legacy_web_folder

    work = clean / "work"
    (work / "data").mkdir(parents=True)
    assert legacy_web_folder(None, work) is None  # no old database: the new default
    (work / "data" / "plancheck.sqlite3").write_bytes(b"")
    assert legacy_web_folder(None, work) == work / "data"
    assert legacy_web_folder(clean / "chosen", work) is None  # --data-dir wins
    monkeypatch.setenv("PLANCHECK_DATA_DIR", str(clean / "du-lieu"))
    assert legacy_web_folder(None, work) is None
    monkeypatch.delenv("PLANCHECK_DATA_DIR")
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", "postgresql+psycopg://plancheck@db/plancheck")
    assert legacy_web_folder(None, work) is None
    monkeypatch.delenv("PLANCHECK_DATABASE_URL")
    new_default = clean / "xdg" / "plancheck"
    new_default.mkdir(parents=True)
    (new_default / "plancheck.sqlite3").write_bytes(b"")
    assert legacy_web_folder(None, work) is None  # the new folder is in use already
