"""The audit's coordinating process hands out work and collects results (issue 18).

What takes CPU per plan (reading, choosing parents, checking, rendering) runs in
the worker processes; the coordinator must not turn plans back into models, or
it becomes the one part of the audit that does not spread over the cores.
"""

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.audit.cache import AuditCache
from app.audit.runner import run_audit
from tests.conftest import PLANS


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for path in sorted(PLANS.iterdir()):
        shutil.copy(path, folder)
    return folder


def _audit(folder: Path, out: Path, database: Path, jobs: int) -> None:
    cache = AuditCache(f"sqlite:///{database}")
    try:
        run_audit(folder, out, jobs=jobs, cache=cache)
    finally:
        cache.close()


@pytest.fixture
def models_made_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plan models this process (not a forked worker) makes from JSON."""
    from extract.model import Plan

    made: list[str] = []
    coordinator = os.getpid()
    original = Plan.model_validate_json

    def counted(cls: Any, data: Any, **options: Any) -> Any:
        if os.getpid() == coordinator:
            made.append("plan")
        return original(data, **options)

    monkeypatch.setattr(Plan, "model_validate_json", classmethod(counted))
    return made


def test_the_coordinator_makes_no_plan_model_while_parents_are_chosen_and_plans_checked(
    tmp_path: Path, models_made_here: list[str]
) -> None:
    folder = _corpus(tmp_path / "plans")
    _audit(folder, tmp_path / "out", tmp_path / "cache.sqlite3", jobs=2)
    audit = (tmp_path / "out" / "audit.json").read_text(encoding="utf-8")
    assert '"parent_name": "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"' in audit
    assert models_made_here == []


def test_the_coordinator_compresses_no_report_for_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    coordinator = os.getpid()
    original = zlib.compress
    packed: list[int] = []

    def counted(data: Any, *args: Any, **options: Any) -> bytes:
        if os.getpid() == coordinator:
            packed.append(len(data))
        return original(data, *args, **options)

    monkeypatch.setattr(zlib, "compress", counted)
    folder = _corpus(tmp_path / "plans")
    _audit(folder, tmp_path / "out", tmp_path / "cache.sqlite3", jobs=2)
    assert len(list((tmp_path / "out" / "reports").glob("*.json"))) == 5
    assert packed == []


def test_parents_chosen_and_plans_checked_by_workers_match_one_process(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "plans")
    _audit(folder, tmp_path / "alone", tmp_path / "alone.sqlite3", jobs=1)
    _audit(folder, tmp_path / "pool", tmp_path / "pool.sqlite3", jobs=2)
    for name in ("audit.json", "index.html"):
        alone = (tmp_path / "alone" / name).read_bytes()
        assert (tmp_path / "pool" / name).read_bytes() == alone, name
    reports = sorted(path.name for path in (tmp_path / "alone" / "reports").iterdir())
    assert reports == sorted(path.name for path in (tmp_path / "pool" / "reports").iterdir())
    for name in reports:
        if name.endswith((".json", ".html")):
            alone = (tmp_path / "alone" / "reports" / name).read_bytes()
            assert (tmp_path / "pool" / "reports" / name).read_bytes() == alone, name


def test_children_offered_many_candidates_make_each_candidate_model_a_few_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ward of a large batch is offered every plan a level up: over a hundred of them.

    Each piece of children sent to a worker carries every candidate, whose model the
    worker makes: pieces of a fixed small size made the candidates' models over and
    over (a 1,000-plan audit's workers took 30 s more CPU than the coordinator had).
    """
    from app.audit import choosing
    from app.audit.engine import InlineExecutor
    from app.store.cache_rows import pack
    from extract import load_plan

    packed = pack(load_plan(PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt").model_dump_json())
    candidates = [f"up/{number}.txt" for number in range(12)]
    children = [f"down/{number}.txt" for number in range(200)]
    plans = {path: packed for path in [*candidates, *children]}
    digests = {path: f"{number:064x}" for number, path in enumerate(plans)}
    made: list[str] = []
    original = choosing._model

    def counted(path: str, data: bytes) -> Any:
        made.append(path)
        return original(path, data)

    monkeypatch.setattr(choosing, "_model", counted)
    inline = InlineExecutor()

    class _Stage:
        def __enter__(self) -> InlineExecutor:
            return inline

        def __exit__(self, *_: object) -> None:
            return None

    undecided = {child: candidates for child in children}
    decided = choosing.choose_parents(undecided, plans, digests, {}, _Stage)
    assert sorted(decided) == sorted(children)
    assert made.count(children[0]) == 1
    made_candidates = [path for path in made if path.startswith("up/")]
    assert len(made_candidates) <= 4 * len(candidates)


def test_candidates_are_held_without_what_choosing_does_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ward of a 3,000-plan batch is offered some four hundred candidates, held at once.

    Choosing reads a candidate's source, metadata and lines: its sections, targets,
    tasks, dates and markers (half of each model) are not kept, and every choice is
    the one ``find_parent`` makes with the whole models.
    """
    from app.audit import choosing, hierarchy
    from app.store.cache_rows import pack
    from extract import load_plan
    from rules.linking import find_parent

    paths = sorted(PLANS.iterdir())
    packed = {str(path): pack(load_plan(path).model_dump_json()) for path in paths}
    group = choosing.ChoiceGroup(
        candidates=tuple(packed.items()), children=tuple(packed.items()), levels=()
    )
    held: list[Any] = []
    real = hierarchy.choose_among

    def seen(child: Any, candidates: list[Any], levels: Any) -> str | None:
        held.extend(candidates)
        return real(child, candidates, levels)

    monkeypatch.setattr(hierarchy, "choose_among", seen)
    chosen = choosing.choose_group(group)
    assert held and all(
        not (plan.targets or plan.tasks or plan.sections or plan.dates or plan.markers)
        for plan in held
    )
    assert any(load_plan(path).tasks for path in paths)
    whole = [load_plan(path) for path in paths]
    expected = []
    for child in whole:
        parent = find_parent(child, whole)
        expected.append(parent.source.sha256 if parent is not None else None)
    assert chosen == expected
    assert any(choice is not None for choice in chosen)
