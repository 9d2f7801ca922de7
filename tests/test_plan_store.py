"""The plan store every front end reads through (issue 17.3): parsed once, kept within bounds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import extract
from app.audit.cache import AuditCache
from app.plan_store import PlanStore, renamed
from tests.web.support import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
PROVINCE = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"


def _copies(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = tmp_path / f"ban-{number}.txt"
        path.write_bytes(WARD.read_bytes() + f"\nBản số {number}.\n".encode())
        paths.append(path)
    return paths


def test_memory_holds_at_most_max_plans_least_recently_used_out(tmp_path: Path) -> None:
    first, second, third = _copies(tmp_path, 3)
    store = PlanStore(max_plans=2)
    store.load(first)
    store.load(second)
    store.load(first)  # used again: the second is now the least recently used
    store.load(third)
    assert store.held == 2 and store.parsed == 3
    store.load(first)
    assert store.parsed == 3  # still held
    store.load(second)
    assert store.parsed == 4  # dropped, read again


def test_memory_holds_at_most_max_json_bytes(tmp_path: Path) -> None:
    paths = _copies(tmp_path, 4)
    one_plan = len(extract.load_plan(paths[0]).model_dump_json())
    store = PlanStore(max_plans=100, max_json_bytes=2 * one_plan + one_plan // 2)
    for path in paths:
        store.load(path)
    assert store.held == 2


def test_a_plan_parsed_by_one_store_is_not_parsed_again_by_another_on_the_same_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two web workers: the one that did not check an upload used to parse it again
    # when it became a parent candidate of the next upload.
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    first, second = PlanStore(AuditCache(url)), PlanStore(AuditCache(url))
    parsed_by_first = first.load(WARD)
    elsewhere = tmp_path / "other-name.txt"
    shutil.copy(WARD, elsewhere)
    from_second = second.load(elsewhere)
    assert first.parsed == 1 and second.parsed == 0
    assert from_second.source.path == str(elsewhere)
    assert from_second.source.name == "other-name.txt"
    assert renamed(from_second, str(WARD)) == parsed_by_first


def test_renamed_names_path_and_reports_name() -> None:
    plan = extract.load_plan(WARD)
    shown = renamed(plan, "ke-hoach.txt", "ke-hoach.txt")
    assert (shown.source.path, shown.source.name) == ("ke-hoach.txt", "ke-hoach.txt")
    moved = renamed(plan, "/khac/ban.txt")
    assert (moved.source.path, moved.source.name) == ("/khac/ban.txt", "ban.txt")
    assert renamed(plan, plan.source.path) is plan
