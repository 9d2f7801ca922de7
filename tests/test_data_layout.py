"""Vocabulary has one home per kind: each stage's words in its data/ folder (issue 17.4)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from extract.resources import corpus_dir, data_dir, data_file
from tests.conftest import ROOT

WORD_FILES = (".yaml", ".yml", ".tsv", ".txt", ".json")


def test_every_word_file_of_the_code_sits_in_a_data_folder() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "extract", "rules", "reports", "app"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    stray = [name for name in tracked if name.endswith(WORD_FILES) and "/data/" not in name]
    assert stray == []


def test_the_audit_cache_key_covers_every_data_file() -> None:
    """A changed word list must invalidate stored results (the .tsv tables once did not)."""
    from app.store.cache_rows import _VERSIONED_FOLDERS, _VERSIONED_SUFFIXES

    tracked = subprocess.run(
        ["git", "ls-files", *_VERSIONED_FOLDERS],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    data = [name for name in tracked if "/data/" in name or name.startswith("corpus/")]
    assert data
    assert [name for name in data if Path(name).suffix not in _VERSIONED_SUFFIXES] == []


def test_data_paths_name_the_stage_folders() -> None:
    assert data_dir("extract.parse") == ROOT / "extract" / "parse" / "data"
    assert data_file("rules", "hierarchy.yaml").is_file()
    assert data_file("reports", "vocabulary.yaml").is_file()
    assert (corpus_dir() / "reference" / "de_an_13.yaml").is_file()
