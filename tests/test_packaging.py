"""A built wheel works on its own: installed into a fresh venv, `plancheck check` runs
from another folder with the reference data and the corpus it ships (issue 17 item 7).

Offline: the wheel is built with the project venv's setuptools (no build isolation) and
installed without dependencies; the fresh venv reaches the dependencies already installed
through a .pth file naming the project venv's site-packages. That file does not run the
project's editable-install hook (a .pth found through another .pth is not processed), so
`extract`, `rules`, ... come from the wheel alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import PLANS, ROOT

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
# What a wheel is built from: the packages, the corpus and the two files pyproject names.
SOURCES = ("extract", "rules", "reports", "app", "corpus", "pyproject.toml", "README.md")

pytestmark = pytest.mark.slow
# bdist_wheel is built into setuptools from 70.1 (dev extra; `make install` brings it).
pytest.importorskip("setuptools", minversion="70.1")


@pytest.fixture
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a copy so that the checkout gets no build/ folder."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(source))  # fmt: skip
    (built,) = out.glob("plancheck-*.whl")
    return built


@pytest.fixture
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    own = Path(
        sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"]
    )
    (own / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # --ignore-installed: the project's own (editable) plancheck is visible through the
    # .pth; pip must install beside it, never uninstall it.
    _run(str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index",
         "--ignore-installed", "-q", str(wheel))  # fmt: skip
    return venv / "bin"


def test_the_installed_wheel_checks_a_plan_with_the_data_it_ships(
    wheel: Path, installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One test, not several: under xdist each would build and install its own wheel.
    _assert_every_data_file_is_shipped(wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    plan = elsewhere / WARD.name
    shutil.copy2(WARD, plan)
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("PLANCHECK_")
    }
    environment["PLANCHECK_DATABASE_URL"] = f"sqlite:///{tmp_path / 'installed.sqlite3'}"
    origin = _run(str(installed / "python"), "-c", "import extract; print(extract.__file__)",
                  cwd=elsewhere, env=environment)  # fmt: skip
    assert origin.stdout.startswith(str(installed.parent))
    result = subprocess.run(
        [str(installed / "plancheck"), "check", plan.name, "--format", "json", "-o", "out.json"],
        cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    report = json.loads((elsewhere / "out.json").read_text(encoding="utf-8"))
    # The parent was found among the plans shipped in the wheel, not in the checkout.
    assert report["parent"]["path"].startswith(str(installed.parent))
    assert report["implements_de_an_13"]

    # The same plan checked by the checkout's code gives the same findings.
    expected_file = tmp_path / "checkout.json"
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'checkout.sqlite3'}")
    CliRunner().invoke(app, ["check", str(plan), "--format", "json", "-o", str(expected_file)])
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert report["findings"], "the ward plan has findings against its parent"
    for part in ("findings", "counts", "coverage", "status"):
        assert report[part] == expected[part], part


def _assert_every_data_file_is_shipped(wheel: Path) -> None:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", *SOURCES[:5]], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {name for name in tracked if not name.endswith(".py") and (ROOT / name).exists()}
    # Documentation of the code's own format stays in the checkout.
    data -= {"reports/SCHEMA.md"}
    assert data - shipped == set()


def _run(
    *command: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    return result
