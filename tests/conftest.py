"""Shared fixtures: paths to the bundled corpus."""

from __future__ import annotations

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
