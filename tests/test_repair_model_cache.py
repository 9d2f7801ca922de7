"""The built repair model kept on disk: loaded when code and data are the same, else built."""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

import pytest

from extract.repair import model_cache
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model


def _counting_build(calls: list[int]) -> dict[str, list[int]]:
    calls.append(1)
    return {"counts": [1, 2, 3]}


def test_a_second_process_loads_the_model_instead_of_building_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    calls: list[int] = []
    first = model_cache.cached_model(lambda: _counting_build(calls))
    again = model_cache.cached_model(lambda: _counting_build(calls))
    assert again == first == {"counts": [1, 2, 3]}
    assert len(calls) == 1
    assert len(list(tmp_path.glob("repair-model-*.pickle"))) == 1


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, "off")
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []
    model_cache.cached_model(lambda: _counting_build(calls))
    model_cache.cached_model(lambda: _counting_build(calls))
    assert len(calls) == 2
    assert model_cache.cache_folder() is None


def test_a_damaged_file_is_built_anew_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    path = tmp_path / f"repair-model-{model_cache.fingerprint()}.pickle"
    path.write_bytes(b"\x80\x05truncated")
    calls: list[int] = []
    assert model_cache.cached_model(lambda: _counting_build(calls)) == {"counts": [1, 2, 3]}
    assert calls == [1]
    assert pickle.loads(path.read_bytes()) == {"counts": [1, 2, 3]}


def test_a_file_that_cannot_be_loaded_says_why_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A cache that never loads would only show as a slower process (issue 18).
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    path = tmp_path / f"repair-model-{model_cache.fingerprint()}.pickle"
    path.write_bytes(b"\x80\x05truncated")
    calls: list[int] = []
    model_cache.cached_model(lambda: _counting_build(calls))
    message = capsys.readouterr().err
    assert str(path) in message and "UnpicklingError" in message
    assert "không nạp được" in message and "could not load" in message
    model_cache.cached_model(lambda: _counting_build(calls))  # the rebuilt file loads
    assert calls == [1]
    assert capsys.readouterr().err == ""


def test_a_missing_file_is_built_without_a_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    calls: list[int] = []
    model_cache.cached_model(lambda: _counting_build(calls))
    assert calls == [1]
    assert capsys.readouterr().err == ""


def test_a_folder_that_cannot_be_written_only_costs_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(model_cache.VARIABLE, str(blocker / "cache"))
    calls: list[int] = []
    assert model_cache.cached_model(lambda: _counting_build(calls)) == {"counts": [1, 2, 3]}


def test_any_change_to_code_or_data_names_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "extract"
    (package / "repair" / "data").mkdir(parents=True)
    for name in ("text.py", "resources.py", "repair/model.py", "repair/data/syllables.tsv"):
        (package / name).write_text("a\t1\n", encoding="utf-8")
    monkeypatch.setattr(model_cache, "_REPAIR", package / "repair")
    before = model_cache.fingerprint()
    (package / "repair" / "data" / "syllables.tsv").write_text("a\t2\n", encoding="utf-8")
    after_data = model_cache.fingerprint()
    (package / "text.py").write_text("# changed\n", encoding="utf-8")
    assert len({before, after_data, model_cache.fingerprint()}) == 3


def test_the_loaded_model_repairs_as_the_built_one() -> None:
    built = default_model()
    loaded = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    lines = ["B n Th  n  v  Th  x  l n  o c c xã, ph  n   ", "Đ  án s  13-ĐA/TU c a Ban"]
    assert repair_dropped_glyphs(lines, model=loaded) == repair_dropped_glyphs(lines, model=built)


def test_only_the_newest_versions_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    for number in range(6):
        old = tmp_path / f"repair-model-old{number}.pickle"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    model_cache.cached_model(lambda: {"counts": []})
    kept = sorted(path.name for path in tmp_path.glob("repair-model-*.pickle"))
    assert len(kept) == model_cache.KEPT_VERSIONS
    assert "repair-model-old5.pickle" in kept and "repair-model-old2.pickle" not in kept


def test_a_loaded_model_is_kept_out_of_the_collectors_walks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(model_cache.VARIABLE, str(tmp_path))
    model_cache.cached_model(lambda: _counting_build([]))
    try:
        loaded = model_cache.cached_model(lambda: _counting_build([]))
        assert not any(tracked is loaded["counts"] for tracked in gc.get_objects())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
