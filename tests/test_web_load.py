"""Under load, nothing is lost: 50 concurrent uploads, and a server killed mid-batch.

Both run against SQLite and against a real PostgreSQL server (issue 20): the
database is the part of the store that must hold under concurrent writers.
"""

from __future__ import annotations

import json
import re
import time
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.web.server import Server, signed_in
from tests.web.support import PLANS, add_account, csrf_token, make_settings

pytestmark = pytest.mark.slow

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN_PLAN = "corpus:thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
BATCH_TIMEOUT_SECONDS = 600


@pytest.fixture
def store(tmp_path, store_url):
    """The data folder and the database (SQLite, then PostgreSQL) a server is started on."""
    settings = make_settings(tmp_path, database_url=store_url)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    return settings.data_dir, store_url


def plan_bytes(number: int) -> bytes:
    # Each upload differs (its own closing line), as real re-uploads would.
    return WARD_PLAN.read_bytes() + f"\nNơi nhận: bản số {number}.\n".encode()


def send(url: str, cookies: httpx.Cookies, token: str, number: int) -> tuple[int, int | None]:
    """One upload; returns its number and the acknowledged run id (None if not acknowledged)."""
    with httpx.Client(base_url=url, cookies=cookies, timeout=BATCH_TIMEOUT_SECONDS) as client:
        try:
            response = client.post(
                "/tai-len",
                data={"csrf_token": token, "parent": TOWN_PLAN},
                files={"file": (f"ban-{number:02d}.txt", plan_bytes(number), "text/plain")},
            )
        except httpx.TransportError:
            return number, None
    match = re.fullmatch(r"/ket-qua/(\d+)", response.headers.get("location", ""))
    if response.status_code != 303 or match is None:
        return number, None
    return number, int(match.group(1))


def send_batch(server: Server, count: int, workers: int, stop_after: int | None = None):
    session = signed_in(server.url, "an")
    token = csrf_token(session.get("/").text)
    acknowledged: dict[int, int] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(send, server.url, session.cookies, token, n) for n in range(count)]
        for future in as_completed(futures, timeout=BATCH_TIMEOUT_SECONDS):
            number, run_id = future.result()
            if run_id is not None:
                acknowledged[number] = run_id
            if stop_after is not None and len(acknowledged) == stop_after:
                server.kill()
    session.close()
    return acknowledged


def stored(url: str) -> list[tuple[int, str, int, bytes]]:
    """(upload id, original name, run id, result JSON) for every stored check."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if url.startswith("sqlite"):
                check = connection.execute(text("PRAGMA integrity_check")).fetchone()
                assert tuple(check or ()) == ("ok",)
            rows = connection.execute(
                text(
                    "SELECT upload.id, upload.original_name, check_run.id, check_run.result_json "
                    "FROM upload JOIN check_run ON check_run.upload_id = upload.id"
                )
            ).fetchall()
            return [(row[0], row[1], row[2], bytes(row[3])) for row in rows]
    finally:
        engine.dispose()


def test_fifty_concurrent_uploads_are_each_stored_once_with_their_findings(store, tmp_path):
    data_dir, url = store
    # A queue long enough for all fifty: this test is about storing each exactly once.
    environment = {"PLANCHECK_CHECK_QUEUE": "50", "PLANCHECK_DATABASE_URL": url}
    server = Server(data_dir, tmp_path / "server.log", environment)
    try:
        started = time.monotonic()
        acknowledged = send_batch(server, count=50, workers=50)
        print(f"50 concurrent uploads acknowledged in {time.monotonic() - started:.1f} s")
        assert len(acknowledged) == 50
        rows = stored(url)
        names = Counter(name for _, name, _, _ in rows)
        assert names == Counter(f"ban-{n:02d}.txt" for n in range(50))
        assert sorted(run for _, _, run, _ in rows) == sorted(acknowledged.values())
        client = signed_in(server.url, "an")
        for _, _, run_id, result_json in rows:
            served = client.get(f"/ket-qua/{run_id}/tai-ve/json").json()
            ours = [finding["fingerprint"] for finding in served["findings"]]
            kept = json.loads(zlib.decompress(result_json))["findings"]  # stored compressed
            assert sorted(ours) == sorted(finding["fingerprint"] for finding in kept)
        client.close()
    finally:
        server.stop()


def test_killed_server_loses_nothing_it_acknowledged(store, tmp_path):
    data_dir, url = store
    environment = {"PLANCHECK_DATABASE_URL": url}
    server = Server(data_dir, tmp_path / "server.log", environment)
    try:
        acknowledged = send_batch(server, count=30, workers=6, stop_after=8)
    finally:
        server.stop()
    assert len(acknowledged) >= 8
    restarted = Server(data_dir, tmp_path / "server.log", environment)
    try:
        rows = {run: name for _, name, run, _ in stored(url)}
        client = signed_in(restarted.url, "an")
        for number, run_id in acknowledged.items():
            assert rows.get(run_id) == f"ban-{number:02d}.txt"
            assert client.get(f"/ket-qua/{run_id}").status_code == 200
        client.close()
        assert len(rows) == len(set(rows.values()))
    finally:
        restarted.stop()
