import json
import shutil
from pathlib import Path

import pytest

from app.audit.cache import AuditCache, CachedResult, database_url, make_key
from app.audit.runner import run_audit
from tests.conftest import PLANS


@pytest.fixture
def cache(store_url: str):
    store = AuditCache(store_url)
    yield store
    store.close()


def test_stored_values_come_back_and_survive_reopening(tmp_path: Path, cache: AuditCache) -> None:
    result = CachedResult("{}", "<html></html>", b"PK", '{"a": 1}', has_errors=True)
    cache.store_plans({"p1": '{"plan": 1}'})
    cache.store_parents("batch", {"child": "parent", "root": None})
    cache.store_results({"r1": result})
    reopened = AuditCache(cache.url)
    try:
        assert reopened.plans(["p1", "absent"]) == {"p1": '{"plan": 1}'}
        assert reopened.parents("batch") == {"child": "parent", "root": None}
        assert reopened.parents("other") is None
        assert reopened.results(["r1", "absent"]) == {"r1": result}
    finally:
        reopened.close()


def test_storing_a_key_again_replaces_its_value(cache: AuditCache) -> None:
    cache.store_plans({"p1": "old"})
    cache.store_plans({"p1": "new"})
    assert cache.plans(["p1"]) == {"p1": "new"}


def test_lookups_of_many_keys_are_chunked(cache: AuditCache) -> None:
    rows = {f"key-{number}": str(number) for number in range(1200)}
    cache.store_plans(rows)
    assert cache.plans(list(rows)) == rows


def test_key_parts_cannot_run_into_each_other() -> None:
    assert make_key("ab", "c") != make_key("a", "bc")
    assert make_key("a", "b") == make_key("a", "b")


def test_database_url_comes_from_the_environment_or_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", "sqlite:///elsewhere.sqlite3")
    assert database_url() == "sqlite:///elsewhere.sqlite3"
    monkeypatch.delenv("PLANCHECK_DATABASE_URL")
    monkeypatch.setenv("PLANCHECK_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{(tmp_path / 'data' / 'plancheck.sqlite3').resolve()}"
    assert (tmp_path / "data").is_dir()


def _audit(folder: Path, out: Path, cache: AuditCache):
    return run_audit(folder, out, jobs=1, cache=cache)


def _parents_by_name(out: Path) -> dict[str, str | None]:
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return {row["name"]: row["parent_name"] for row in audit["plans"]}


def test_an_unchanged_re_audit_checks_nothing_again(tmp_path: Path, cache: AuditCache) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    first = _audit(folder, tmp_path / "out1", cache)
    assert (first.checked, first.reused, first.failures) == (first.plans, 0, {})
    again = _audit(folder, tmp_path / "out2", cache)
    assert (again.checked, again.reused) == (0, again.plans)
    first_json = sorted(p.read_text() for p in (tmp_path / "out1" / "reports").glob("*.json"))
    again_json = sorted(p.read_text() for p in (tmp_path / "out2" / "reports").glob("*.json"))
    assert first_json == again_json
    for name in ("index.html", "audit.json", "audit.xlsx"):
        assert (tmp_path / "out2" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes()


def test_a_changed_plan_is_checked_again_with_the_plans_it_is_parent_of(
    tmp_path: Path, cache: AuditCache
) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    _audit(folder, tmp_path / "out1", cache)
    parents = _parents_by_name(tmp_path / "out1")
    leaf = next(name for name in sorted(parents) if name not in parents.values())
    with (folder / leaf).open("a", encoding="utf-8") as handle:
        handle.write("\nGhi chú bổ sung.\n")
    changed = _audit(folder, tmp_path / "out2", cache)
    assert (changed.checked, changed.reused) == (1, changed.plans - 1)
    before = json.loads((tmp_path / "out1" / "audit.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "out2" / "audit.json").read_text(encoding="utf-8"))
    assert [row["key"] for row in after["plans"]] == [row["key"] for row in before["plans"]]
    old_reports = {p.name: p.read_text() for p in (tmp_path / "out1" / "reports").glob("*.json")}
    new_reports = {p.name: p.read_text() for p in (tmp_path / "out2" / "reports").glob("*.json")}
    assert old_reports.keys() == new_reports.keys()
    differ = [name for name in old_reports if old_reports[name] != new_reports[name]]
    assert len(differ) == 1 and differ[0].startswith(leaf)

    parent = min((name for name in parents.values() if name is not None), default=None)
    if parent is None:
        pytest.skip("no plan of the corpus has its parent in the corpus")
    children = sum(1 for value in parents.values() if value == parent)
    with (folder / parent).open("a", encoding="utf-8") as handle:
        handle.write("\nGhi chú bổ sung.\n")
    redone = _audit(folder, tmp_path / "out3", cache)
    assert redone.checked == 1 + children


def test_two_writers_of_one_key_at_once_both_succeed(cache: AuditCache) -> None:
    # Two web workers that missed the cache for the same parent store it at once: the
    # second's insert waits on the first's uncommitted row, then must replace it, not fail
    # (PostgreSQL raised a unique violation and the upload was lost: seen in CI).
    import threading

    from sqlalchemy import insert as sql_insert

    from app.audit.cache import _extractions

    other = AuditCache(cache.url)
    errors: list[BaseException] = []

    def store_second() -> None:
        try:
            other.store_packed_plans({"parent": b"second"})
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    try:
        with cache.engine.begin() as first:
            first.execute(sql_insert(_extractions), [{"key": "parent", "plan_json": b"first"}])
            writer = threading.Thread(target=store_second)
            writer.start()
            writer.join(timeout=1.0)  # SQLite: waits on the lock; PostgreSQL: on the row
        writer.join(timeout=30)
        assert not writer.is_alive() and errors == []
        assert cache.packed_plans(["parent"]) == {"parent": b"second"}
    finally:
        other.close()
