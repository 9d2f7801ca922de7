"""The pool of check workers under concurrent uploads (issue 18, web).

Checks run side by side in worker processes: one over its limits is killed and
reported while the others complete, and every upload sent at once is stored once.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.plan_store import PlanStore
from app.web.pipeline import corpus_options
from app.web.worker import CheckFailed, CheckJob, CheckPool, PoolLimits
from tests.large_inputs import heavy_docx
from tests.web.support import PLANS, add_account, make_settings, signed_in_client, upload

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def _job(path: Path) -> CheckJob:
    return CheckJob(path, path.name, tuple(corpus_options(PLANS)), "none")


def test_a_check_over_its_limits_is_killed_while_the_others_complete(tmp_path: Path) -> None:
    heavy = tmp_path / "nang.docx"
    heavy.write_bytes(heavy_docx(3_000))  # some 250 MB to parse
    pool = CheckPool(PoolLimits(workers=2, memory_mb=200), PlanStore())
    outcomes: dict[str, object] = {}

    def run(name: str, path: Path) -> None:
        try:
            outcomes[name] = pool.run(_job(path))
        except CheckFailed as failed:
            outcomes[name] = failed

    try:
        threads = [threading.Thread(target=run, args=("nang", heavy))]
        threads += [
            threading.Thread(target=run, args=(f"ward-{number}", WARD_PLAN)) for number in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
    finally:
        pool.close()
    failed = outcomes["nang"]
    assert isinstance(failed, CheckFailed)
    assert failed.reason in ("check-memory", "check-crashed")
    assert "giới hạn bộ nhớ" in str(failed) or "dừng đột ngột" in str(failed)
    for number in range(3):
        outcome = outcomes[f"ward-{number}"]
        assert not isinstance(outcome, CheckFailed), outcome
        assert outcome.child.meta.number is not None  # type: ignore[attr-defined]


def test_uploads_sent_at_once_to_the_worker_pool_are_each_stored_once(tmp_path: Path) -> None:
    settings = dataclasses.replace(
        make_settings(tmp_path), check_limits=PoolLimits(workers=2, queue=8)
    )
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    count = 6

    clients = [signed_in_client(settings, "an") for _ in range(count)]

    def send(number: int) -> tuple[int, str]:
        data = WARD_PLAN.read_bytes() + f"\nNơi nhận: bản số {number}.\n".encode()
        return upload(clients[number], f"ban-{number}.txt", data, "")

    try:
        with ThreadPoolExecutor(max_workers=count) as senders:
            answers = list(senders.map(send, range(count)))
    finally:
        for client in clients:
            client.close()
    assert [status for status, _ in answers] == [303] * count
    locations = [location for _, location in answers]
    assert len(set(locations)) == count and all("/ket-qua/" in at for at in locations)
    with sqlite3.connect(settings.data_dir / "plancheck.sqlite3") as connection:
        rows = connection.execute(
            "SELECT upload.original_name, COUNT(check_run.id) FROM upload "
            "JOIN check_run ON check_run.upload_id = upload.id GROUP BY upload.id"
        ).fetchall()
    assert sorted(rows) == sorted((f"ban-{number}.txt", 1) for number in range(count))
