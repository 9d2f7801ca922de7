"""The database URL read from the environment without pydantic-settings (app.data_location).

Its answer must be app.settings' answer whenever it gives one (issue 18: the check asks it
first so as not to import pydantic-settings).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.data_location import quick_database_url
from app.settings import database_url

_NAMES = ("PLANCHECK_DATA_DIR", "PLANCHECK_DATABASE_URL", "XDG_DATA_HOME")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.upper() in _NAMES:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.mark.parametrize(
    "variables",
    [
        {},
        {"XDG_DATA_HOME": "xdg"},
        {"PLANCHECK_DATA_DIR": "data"},
        {"PLANCHECK_DATA_DIR": "data", "XDG_DATA_HOME": "xdg"},
        {"PLANCHECK_DATABASE_URL": "sqlite:///elsewhere.sqlite3"},
        {"PLANCHECK_DATABASE_URL": "  postgresql+psycopg://u@db/p  ", "PLANCHECK_DATA_DIR": "d"},
        {"PLANCHECK_DATABASE_URL": "   ", "PLANCHECK_DATA_DIR": "data"},
        {"PLANCHECK_DATABASE_URL": ""},
    ],
)
def test_the_quick_answer_is_the_settings_answer(
    environment: pytest.MonkeyPatch, tmp_path: Path, variables: dict[str, str]
) -> None:
    for name, value in variables.items():
        environment.setenv(name, value)
    quick = quick_database_url()
    assert quick is not None
    assert quick == database_url()
    assert quick_database_url(tmp_path / "given") == database_url(tmp_path / "given")


@pytest.mark.parametrize(
    "variables",
    [
        {"planCHECK_database_url": "sqlite:///x.sqlite3"},  # pydantic-settings ignores case
        {"PLANCHECK_DATABASE_URL": "sqlite:///a.sqlite3", "plancheck_database_url": "b"},
        {"plancheck_data_dir": "data"},
        {"PLANCHECK_DATA_DIR": ""},  # pydantic-settings reads it as the current folder
    ],
)
def test_what_only_pydantic_settings_can_read_is_left_to_it(
    environment: pytest.MonkeyPatch, variables: dict[str, str]
) -> None:
    for name, value in variables.items():
        environment.setenv(name, value)
    assert quick_database_url() is None
    database_url()  # and it answers


def test_the_default_folder_is_created(environment: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    url = quick_database_url()
    assert url == f"sqlite:///{tmp_path / 'xdg' / 'plancheck' / 'plancheck.sqlite3'}"
    assert (tmp_path / "xdg" / "plancheck").is_dir()
