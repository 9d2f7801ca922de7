"""Shared fixtures: paths to the bundled corpus."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PLANS = CORPUS / "plans"


@pytest.fixture(scope="session")
def corpus_plans() -> list[Path]:
    """Every plan document bundled in corpus/plans/."""
    return sorted(p for p in PLANS.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf"))


# The throwaway PostgreSQL server and the ``store_url`` parameter (SQLite, PostgreSQL).
pytest_plugins = ["tests.postgres"]


# The built repair model is kept in ~/.cache/plancheck for users; a test run keeps its own
# in a folder of the run (shared by the xdist workers, which inherit the variable), so tests
# neither write into the user's cache nor evict the models of other checkouts. A folder set
# by the caller is kept.
# (The variable of extract/repair/model_cache.py, spelled out: importing extract here would
# load it before the tests that check what a command imports.)
REPAIR_CACHE_VARIABLE = "PLANCHECK_REPAIR_CACHE"
_own_repair_cache: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _own_repair_cache
    if REPAIR_CACHE_VARIABLE not in os.environ:
        _own_repair_cache = tempfile.mkdtemp(prefix="plancheck-test-repair-cache-")
        os.environ[REPAIR_CACHE_VARIABLE] = _own_repair_cache


def pytest_unconfigure(config: pytest.Config) -> None:
    if _own_repair_cache is not None:
        shutil.rmtree(_own_repair_cache, ignore_errors=True)
        os.environ.pop(REPAIR_CACHE_VARIABLE, None)
