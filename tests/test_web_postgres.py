"""Two ``plancheck serve`` processes sharing one PostgreSQL database (issue 20)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from tests.web.server import Server, signed_in
from tests.web.support import PLANS, add_account, csrf_token, make_settings

pytestmark = pytest.mark.slow

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN_PLAN = "corpus:thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
UPLOADS = 4


@pytest.fixture
def servers(tmp_path, postgres_server):
    url = postgres_server.create_database()
    settings = make_settings(tmp_path, database_url=url)
    add_account(settings, "an", "Ban Dân vận Thị ủy")
    add_account(settings, "ba", "Ban Dân vận Thị ủy")
    environment = {"PLANCHECK_DATABASE_URL": url}
    started = []
    try:
        for number in (1, 2):
            log = tmp_path / f"server-{number}.log"
            started.append(Server(settings.data_dir, log, environment))
        yield url, started
    finally:
        for server in started:
            server.stop()
        postgres_server.drop_database(url)


def _upload(url: str, cookies, token: str, number: int) -> str:
    import httpx

    with httpx.Client(base_url=url, cookies=cookies, timeout=300) as client:
        response = client.post(
            "/tai-len",
            data={"csrf_token": token, "parent": TOWN_PLAN},
            files={
                "file": (
                    f"ban-{number:02d}.txt",
                    WARD_PLAN.read_bytes() + f"\nNơi nhận: bản số {number}.\n".encode(),
                    "text/plain",
                )
            },
        )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_two_servers_share_one_database_without_lost_or_duplicate_writes(servers):
    url, (first, second) = servers
    clients = [signed_in(first.url, "an"), signed_in(second.url, "ba")]
    tokens = [csrf_token(client.get("/").text) for client in clients]
    # One upload at a time per server, both servers at once: two cores are shared with
    # the rest of the suite, and the point is two processes writing together.
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = []
        for number in range(UPLOADS):  # alternately through each server
            side = number % 2
            server, client, token = (first, second)[side], clients[side], tokens[side]
            jobs.append(pool.submit(_upload, server.url, client.cookies, token, number))
        locations = [job.result() for job in jobs]
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT original_name FROM upload")).scalars().all()
        runs = connection.execute(text("SELECT COUNT(*) FROM check_run")).scalar_one()
        failed = connection.execute(
            text("SELECT error_reason, error_message FROM upload WHERE error_reason IS NOT NULL")
        ).all()
    assert sorted(names) == [f"ban-{number:02d}.txt" for number in range(UPLOADS)]
    assert failed == [] and runs == UPLOADS

    # Both reviewers accept findings of the same plan at the same moment, one through
    # each server: two different findings, then the same one. Nothing is lost.
    location = locations[0]
    page = clients[0].get(location).text
    fingerprints = re.findall(r'data-fingerprint="([0-9a-f]+)"', page)[:2]
    assert len(fingerprints) == 2

    def waive(index: int, fingerprint: str, reason: str) -> int:
        return clients[index].post(
            f"{location}/chap-nhan",
            data={"csrf_token": tokens[index], "fingerprint": fingerprint, "reason": reason},
        ).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(
            pool.map(waive, [0, 1], fingerprints, ["Lý do của An.", "Lý do của Ba."])
        )
    assert statuses == [303, 303]
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(
            pool.map(waive, [0, 1], [fingerprints[0]] * 2, ["Lần hai, An.", "Lần hai, Ba."])
        )
    assert statuses == [303, 303]
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT fingerprint, reason FROM waiver ORDER BY fingerprint")
        ).all()
    engine.dispose()
    assert sorted(fingerprint for fingerprint, _ in rows) == sorted(fingerprints)
    reasons = dict(rows)
    assert reasons[fingerprints[1]] == "Lý do của Ba."
    assert reasons[fingerprints[0]] in ("Lần hai, An.", "Lần hai, Ba.")
    for client in clients:
        client.close()
