"""Bundled YAML kept parsed beside its file (issue 18): a cold run parses no YAML twice.

Behaviour tests, not timed ones: what a fresh interpreter imports, and that the kept form
is never read stale.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extract import resources
from tests.conftest import ROOT

# Loads one bundled vocabulary in a fresh interpreter; prints whether PyYAML was imported.
_LOAD_SCRIPT = """
import json, sys
from extract.resources import data_file, load_yaml
data = load_yaml(data_file("extract.parse", "meta.yaml"))
print(json.dumps({"yaml": "yaml" in sys.modules, "kind": type(data).__name__}))
"""


def _load_in_a_fresh_interpreter() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_bundled_file_parsed_once_is_read_without_pyyaml_afterwards() -> None:
    _load_in_a_fresh_interpreter()  # parses it (and keeps it) if no earlier run did
    again = _load_in_a_fresh_interpreter()
    assert again == {"yaml": False, "kind": "dict"}


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package root, so that the test writes nothing into the checkout."""
    monkeypatch.setattr(resources, "_PACKAGE_ROOT", tmp_path.resolve())
    return tmp_path


def _load(path: Path) -> object:
    return resources.load_yaml.__wrapped__(path)  # type: ignore[attr-defined]


def test_the_kept_form_gives_what_yaml_gives_dates_included(package: Path) -> None:
    path = package / "data" / "words.yaml"
    path.parent.mkdir()
    path.write_text(
        "version: 1\ndate: 2022-10-10\nlist: [a, 2, 2.5, null, true, {when: 2023-01-31}]\n",
        encoding="utf-8",
    )
    parsed = _load(path)
    kept = resources.kept_path(path)
    assert kept is not None and kept.is_file()
    assert _load(path) == parsed == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(parsed, dict) and parsed["date"] == dt.date(2022, 10, 10)
    assert _load(path)["list"][-1] == {"when": dt.date(2023, 1, 31)}  # type: ignore[index]


def test_an_edited_file_is_parsed_again_never_read_stale(package: Path) -> None:
    path = package / "words.yaml"
    path.write_text("words: [một]\n", encoding="utf-8")
    assert _load(path) == {"words": ["một"]}
    path.write_text("words: [một, hai]\n", encoding="utf-8")
    assert _load(path) == {"words": ["một", "hai"]}
    assert _load(path) == {"words": ["một", "hai"]}  # and the new text's form is kept


def test_a_damaged_kept_form_is_parsed_again(package: Path) -> None:
    path = package / "words.yaml"
    path.write_text("words: [ba]\n", encoding="utf-8")
    _load(path)
    kept = resources.kept_path(path)
    assert kept is not None
    kept.write_bytes(b"\x00not marshal")
    assert _load(path) == {"words": ["ba"]}


def test_a_file_outside_the_package_is_parsed_and_nothing_written_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_PACKAGE_ROOT", (tmp_path / "package").resolve())
    outside = tmp_path / "corpus" / "reference.yaml"
    outside.parent.mkdir()
    outside.write_text("a: 1\n", encoding="utf-8")
    assert resources.kept_path(outside) is None
    assert _load(outside) == {"a": 1}
    assert sorted(path.name for path in outside.parent.iterdir()) == ["reference.yaml"]


def test_a_kept_build_is_built_once_and_again_when_a_source_changes(package: Path) -> None:
    source = package / "names.txt"
    source.write_text("Dân Lực\n", encoding="utf-8")
    kept = package / "__pycache__" / "names.marshal"
    builds: list[str] = []

    def build() -> dict[str, list[tuple[str, str]]]:
        text = source.read_text(encoding="utf-8").strip()
        builds.append(text)
        return {text.lower(): [("xa", text)]}

    first = resources.kept_build(kept, [source], build)
    assert resources.kept_build(kept, [source], build) == first == {"dân lực": [("xa", "Dân Lực")]}
    assert builds == ["Dân Lực"]
    source.write_text("Tân Phong\n", encoding="utf-8")  # same size, other bytes
    assert resources.kept_build(kept, [source], build) == {"tân phong": [("xa", "Tân Phong")]}
    assert builds == ["Dân Lực", "Tân Phong"]


def test_a_large_source_counts_by_size_and_modification_time(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_HASHED_BYTES", 4)
    source = package / "dataset.db"
    source.write_bytes(b"0123456789")
    kept = package / "__pycache__" / "index.marshal"
    assert resources.kept_build(kept, [source], lambda: 1) == 1
    assert resources.kept_build(kept, [source], lambda: 2) == 1  # unchanged: kept
    stamp = source.stat().st_mtime_ns + 1_000_000_000
    os.utime(source, ns=(stamp, stamp))
    assert resources.kept_build(kept, [source], lambda: 3) == 3


def test_the_gazetteer_index_is_kept_and_equals_a_fresh_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from extract.parse import admin_units

    kept = {era: admin_units._units.__wrapped__(era) for era in ("legacy", "2025")}

    def refuse(*_: object) -> None:
        raise AssertionError("the gazetteer was read again")

    monkeypatch.setattr(admin_units, "_build_units", refuse)
    for era in ("legacy", "2025"):
        assert admin_units._units.__wrapped__(era) == kept[era]
    monkeypatch.undo()
    assert kept["2025"] == admin_units._build_units("2025")
    assert kept["legacy"] == admin_units._build_units("legacy")


def test_install_prepares_every_kept_form() -> None:
    # make install runs `python -m extract.prepare`: an installed copy whose folders a user
    # cannot write still starts from the kept forms.
    from extract import prepare
    from extract.resources import data_dir

    assert prepare.main() == 0
    files = prepare.bundled_yaml()
    assert {path.name for path in files} >= {"meta.yaml", "spelling.yaml", "de_an_13.yaml"}
    assert all("app" not in path.relative_to(ROOT).parts[:1] for path in files)
    for path in files:
        kept = resources.kept_path(path)
        assert kept is not None and kept.is_file(), path
    for era in ("legacy", "2025"):
        assert (data_dir("extract.parse") / "__pycache__" / f"admin_units-{era}.marshal").is_file()


def test_the_kept_gazetteer_holds_each_names_units_as_one_text() -> None:
    # Reading ten thousand lists of tuples back cost more than looking names up.
    import marshal

    from extract.parse import admin_units
    from extract.resources import data_dir

    index = admin_units._units.__wrapped__("2025")
    kept = data_dir("extract.parse") / "__pycache__" / "admin_units-2025.marshal"
    _, packed = marshal.loads(kept.read_bytes())
    assert isinstance(packed, dict) and packed
    assert all(isinstance(units, str) for units in packed.values())
    name = next(iter(packed))
    assert index.get(name) == admin_units._build_units("2025")[name]
    assert index.get("không có đơn vị này", []) == []
