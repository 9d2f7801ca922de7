"""Checks in worker processes with limits, and a queue that says "busy" (issue 22, items 1 and 8).

The workers here are real processes: a check that runs past its time is
killed, one that runs out of memory fails alone, and the server goes on.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

import extract
from app.plan_store import PlanStore
from app.web import pipeline
from app.web.pipeline import corpus_options
from app.web.worker import Busy, CheckFailed, CheckJob, CheckPool, PoolLimits
from tests.large_inputs import GARBLED, heavy_docx, long_text
from tests.web.support import PLANS, add_account, make_settings, signed_in_client, upload

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def _job(path: Path, name: str | None = None) -> CheckJob:
    return CheckJob(path, name or path.name, tuple(corpus_options(PLANS)), "none")


@pytest.fixture
def slow_plan(tmp_path: Path) -> Path:
    # 3,000 garbled lines: every one repaired; several seconds of work on any machine.
    path = tmp_path / "cham.txt"
    path.write_bytes(long_text(3_000, plan=GARBLED))
    return path


def test_a_check_past_its_time_is_killed_and_the_next_one_runs(slow_plan: Path) -> None:
    pool = CheckPool(PoolLimits(workers=1, seconds=1), PlanStore())
    try:
        with pytest.raises(CheckFailed) as failed:
            pool.run(_job(slow_plan))
        assert failed.value.reason == "check-timeout"
        assert "giới hạn thời gian (1 giây)" in failed.value.message_vi
        pool.limits = dataclasses.replace(pool.limits, seconds=300)
        outcome = pool.run(_job(WARD_PLAN))  # a fresh worker replaces the killed one
        assert outcome.child.meta.number is not None
    finally:
        pool.close()


def test_a_check_past_its_memory_fails_alone(tmp_path: Path) -> None:
    heavy = tmp_path / "nang.docx"
    heavy.write_bytes(heavy_docx(3_000))  # some 250 MB to parse
    pool = CheckPool(PoolLimits(workers=1, memory_mb=200), PlanStore())
    try:
        with pytest.raises(CheckFailed) as failed:
            pool.run(_job(heavy))
        assert failed.value.reason in ("check-memory", "check-crashed")
        assert pool.run(_job(WARD_PLAN)).child.lines
    finally:
        pool.close()


def test_a_worker_grown_past_its_recycle_size_is_replaced() -> None:
    pool = CheckPool(PoolLimits(workers=1, recycle_mb=1), PlanStore())
    try:
        pool.run(_job(WARD_PLAN))
        # Stopped after its job (its memory went back to the system); at most a fresh
        # spare, which has checked nothing yet, waits in its place.
        assert all(worker.checks == 0 for worker in pool._idle)
        assert pool.run(_job(WARD_PLAN)).child.lines
    finally:
        pool.close()


def test_a_worker_is_replaced_after_its_number_of_checks() -> None:
    pool = CheckPool(PoolLimits(workers=1, recycle_checks=2), PlanStore())
    try:
        pool.run(_job(WARD_PLAN))
        (first,) = pool._idle
        assert first.checks == 1
        pool.run(_job(WARD_PLAN))
        assert first not in pool._idle and not first.alive()
    finally:
        pool.close()


def test_a_full_queue_refuses_at_once() -> None:
    pool = CheckPool(PoolLimits(workers=1, queue=1), PlanStore())
    with pool.reserve(), pool.reserve():
        started = time.monotonic()
        with pytest.raises(Busy) as busy, pool.reserve():
            pass
        assert time.monotonic() - started < 1
    assert busy.value.retry_after > 0
    with pool.reserve():  # places free again once the requests are done
        pass


def test_parents_are_parsed_once_by_concurrent_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 22, item 8: every request of a cold server parsed every corpus parent.
    calls: list[Path] = []
    real = extract.load_plan

    def slow_load(path: Path) -> object:
        calls.append(path)
        time.sleep(0.2)
        return real(path)

    monkeypatch.setattr(extract, "load_plan", slow_load)
    store = PlanStore()
    threads = [
        threading.Thread(target=store.load, args=(PLANS / name,))
        for name in ["ban-dan-toc-quang-ngai-de-an-13.txt"] * 8
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and store.parsed == 1 and store.held == 1


def _uploads(settings: object) -> list[tuple[str, str | None]]:
    database = settings.data_dir / "plancheck.sqlite3"  # type: ignore[attr-defined]
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT original_name, error_reason FROM upload").fetchall()


def test_busy_server_answers_503_with_retry_after_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = dataclasses.replace(
        make_settings(tmp_path), check_limits=PoolLimits(workers=0, queue=0, wait_seconds=1)
    )
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    release = threading.Event()
    entered = threading.Event()
    real = pipeline.run_check

    def held(*arguments: object) -> object:
        entered.set()
        release.wait(30)
        return real(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr("app.web.worker.run_check", held)
    with signed_in_client(settings, "an") as first, signed_in_client(settings, "an") as second:
        results: list[tuple[int, str]] = []
        worker = threading.Thread(
            target=lambda: results.append(upload(first, "dau.txt", WARD_PLAN.read_bytes(), "none"))
        )
        worker.start()
        # The first upload holds the only place once its check has begun (waiting for
        # that, not a fixed sleep: on a loaded machine the upload took longer than 1 s).
        assert entered.wait(60)
        token_page = second.get("/").text
        assert "csrf_token" in token_page
        response = second.post(
            "/tai-len",
            data={"csrf_token": _token(token_page), "parent": "none"},
            files={"file": ("sau.txt", WARD_PLAN.read_bytes(), "text/plain")},
        )
        release.set()
        worker.join(60)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "Máy chủ đang bận" in response.text and "gửi lại" in response.text
    assert results and results[0][0] == 303
    assert [name for name, _ in _uploads(settings)] == ["dau.txt"]
    assert len(list(settings.uploads_dir.iterdir())) == 1


def _token(html: str) -> str:
    from tests.web.support import csrf_token

    return csrf_token(html)


def test_an_upload_past_the_time_limit_is_kept_as_a_clear_failure(
    tmp_path: Path, slow_plan: Path
) -> None:
    settings = dataclasses.replace(
        make_settings(tmp_path), check_limits=PoolLimits(workers=1, seconds=1)
    )
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    with signed_in_client(settings, "an") as client:
        status, location = upload(client, "cham.txt", slow_plan.read_bytes(), "none")
        assert status == 303 and location.startswith("/ho-so/")
        page = client.get(location)
        assert page.status_code == 422 and "giới hạn thời gian" in page.text
        assert client.get("/").status_code == 200  # the server goes on
    assert _uploads(settings) == [("cham.txt", "check-timeout")]


def test_an_outcome_crosses_the_pipe_as_json_and_comes_back_equal() -> None:
    # Pickled model by model, an outcome was slow to write in the worker and to read in
    # the server (which reads every upload's); its JSON is several times quicker.
    import pickle

    ward = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
    options = corpus_options(PLANS)
    outcome = pipeline.run_check(ward, ward.name, options, "", PlanStore())
    assert outcome.parent is not None and outcome.detected
    packed = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"extract.model" not in packed and b"rules.findings" not in packed
    arrived = pickle.loads(packed)
    assert arrived == outcome
    # The parent is read from its JSON only when asked for; what is stored is the same.
    assert isinstance(arrived.parent_source, str)
    stored = json.dumps(arrived.stored_plans(), ensure_ascii=False)
    assert stored == json.dumps(outcome.stored_plans(), ensure_ascii=False)
    assert arrived.parent == outcome.parent
    assert pickle.loads(pickle.dumps(arrived)) == outcome
    alone = pipeline.run_check(ward, ward.name, options, "none", PlanStore())
    assert alone.parent is None
    assert pickle.loads(pickle.dumps(alone)) == alone
    assert pickle.loads(pickle.dumps(alone)).stored_plans() == alone.stored_plans()
