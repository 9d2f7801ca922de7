"""The code version in the audit cache's keys: kept between runs, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.store import cache_rows


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A source tree of its own, and a kept digest of its own."""
    root = tmp_path / "root"
    (root / "extract" / "data").mkdir(parents=True)
    (root / "extract" / "__pycache__").mkdir()
    (root / "rules").mkdir()
    (root / "extract" / "reader.py").write_text("READ = 1\n", encoding="utf-8")
    (root / "extract" / "data" / "words.tsv").write_text("kế\thoạch\n", encoding="utf-8")
    (root / "extract" / "__pycache__" / "reader.cpython-311.pyc").write_bytes(b"\0")
    (root / "rules" / "rule.py").write_text("CODE = 'D001'\n", encoding="utf-8")
    (root / "rules" / "notes.md").write_text("not versioned\n", encoding="utf-8")
    monkeypatch.setattr(cache_rows, "_ROOT", root)
    monkeypatch.setattr(cache_rows, "_VERSIONED_FOLDERS", ("extract", "rules", "reports"))
    monkeypatch.setattr(cache_rows, "_KEPT_VERSION", tmp_path / "kept" / "code_version.marshal")
    return root


def _version_counting(monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """The code version as a new process computes it, and how many times it hashed the files."""
    computed = []
    digest = cache_rows._digest

    def counted() -> str:
        computed.append(1)
        return digest()

    monkeypatch.setattr(cache_rows, "_digest", counted)
    return cache_rows.code_version.__wrapped__(), len(computed)


def test_the_kept_version_is_the_computed_one_and_is_used_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, hashed = _version_counting(monkeypatch)
    assert hashed == 1
    assert first == cache_rows._digest()
    again, hashed = _version_counting(monkeypatch)
    assert (again, hashed) == (first, 0)


def test_a_changed_file_is_hashed_again_even_with_its_size_and_time_set_back(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _version_counting(monkeypatch)
    source = tree / "extract" / "reader.py"
    status = source.stat()
    source.write_text("READ = 2\n", encoding="utf-8")  # same size
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    changed, hashed = _version_counting(monkeypatch)
    assert hashed == 1
    assert changed != first
    assert changed == cache_rows._digest()


def test_a_new_or_removed_file_changes_the_version(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _version_counting(monkeypatch)
    (tree / "rules" / "new.yaml").write_text("a: 1\n", encoding="utf-8")
    added, hashed = _version_counting(monkeypatch)
    assert (hashed, added != first) == (1, True)
    (tree / "rules" / "new.yaml").unlink()
    removed, hashed = _version_counting(monkeypatch)
    assert (hashed, removed) == (1, first)
    # Files the version does not cover change nothing.
    (tree / "rules" / "notes.md").write_text("edited\n", encoding="utf-8")
    (tree / "extract" / "__pycache__" / "reader.cpython-311.pyc").write_bytes(b"\1")
    assert _version_counting(monkeypatch) == (first, 0)


def test_a_damaged_or_unwritable_kept_file_costs_only_the_hashing(
    tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first, _ = _version_counting(monkeypatch)
    cache_rows._KEPT_VERSION.write_bytes(b"not marshal")
    assert _version_counting(monkeypatch) == (first, 1)
    blocked = tmp_path / "file-not-folder"
    blocked.write_bytes(b"")
    monkeypatch.setattr(cache_rows, "_KEPT_VERSION", blocked / "code_version.marshal")
    assert _version_counting(monkeypatch) == (first, 1)
    assert _version_counting(monkeypatch) == (first, 1)
