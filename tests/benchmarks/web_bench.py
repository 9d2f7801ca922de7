"""The web server under load (issue 18): concurrent uploads and memory over many uploads.

A real ``plancheck serve`` (worker processes, default limits) in a fresh data folder.
Each upload is the ward plan with its own closing line (as real re-uploads differ),
its parent detected among the bundled plans and the office's earlier uploads, as the
form does by default. Figures, each printed next to its target:

* 10 concurrent uploads: the 95th percentile of the time from sending the form to
  the answer, over three rounds, on a server whose workers have started (the first
  uploads of a cold server pay for starting them: printed apart);
* memory over ``UPLOADS`` uploads (4 at a time): the server process's resident memory
  and that of the server with its worker processes, at the start, every 100 uploads,
  and a few seconds after the last; the growth per upload over the second half.

Not a timed test: it prints what it measured, met or not met.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from app.web.worker import resident_mb
from tests.processes import children
from tests.web.server import Server, signed_in
from tests.web.support import PLANS, add_account, csrf_token, make_settings

WARD_PLAN = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
CONCURRENT = 10
ROUNDS = 3
UPLOADS = 500
AT_ONCE = 4
SETTLE_SECONDS = 5
TARGET_P95_SECONDS = 1.0
# "Bounded": growth per upload over the second half of the run, and memory back
# near its starting point after the uploads.
TARGET_GROWTH_MB_PER_UPLOAD = 0.1
TARGET_AFTER_MB_ABOVE_START = 50.0


def run() -> dict[str, Any]:
    """Start a server, measure, stop it; print and return the figures."""
    with tempfile.TemporaryDirectory(prefix="plancheck-web-bench-") as folder:
        root = Path(folder)
        settings = make_settings(root)
        add_account(settings, "bench", "Ban Dân vận Thị ủy")
        server = Server(settings.data_dir, root / "server.log")
        try:
            return _measure(server)
        finally:
            server.stop()


def _measure(server: Server) -> dict[str, Any]:
    client = signed_in(server.url, "bench")
    token = csrf_token(client.get("/").text)
    counter = iter(range(1_000_000))

    def send() -> float:
        number = next(counter)
        data = WARD_PLAN.read_bytes() + f"\nNơi nhận: bản số {number}.\n".encode()
        started = time.perf_counter()
        response = client.post(
            "/tai-len",
            data={"csrf_token": token, "parent": ""},
            files={"file": (f"ban-{number:03d}.txt", data, "text/plain")},
        )
        elapsed = time.perf_counter() - started
        if response.status_code != 303 or not re.fullmatch(
            r"/ket-qua/\d+", response.headers.get("location", "")
        ):
            raise RuntimeError(f"upload {number}: HTTP {response.status_code}")
        return elapsed

    figures: dict[str, Any] = {}
    first = [send() for _ in range(2)]
    figures["cold_first_uploads_s"] = [round(value, 2) for value in first]
    start_mb = _memory(server)
    latencies: list[float] = []
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        for _ in range(ROUNDS):
            latencies += list(pool.map(lambda _: send(), range(CONCURRENT)))
    p95 = _percentile(latencies, 95)
    figures["concurrent"] = {
        "uploads_at_once": CONCURRENT,
        "rounds": ROUNDS,
        "median_s": round(statistics.median(latencies), 2),
        "p95_s": round(p95, 2),
        "target_p95_s": TARGET_P95_SECONDS,
        "met": p95 <= TARGET_P95_SECONDS,
    }
    samples = [(0, start_mb)]
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        for done in range(100, UPLOADS + 1, 100):
            list(pool.map(lambda _: send(), range(100)))
            samples.append((done, _memory(server)))
    time.sleep(SETTLE_SECONDS)
    after = _memory(server)
    half = samples[len(samples) // 2]
    growth = {
        kind: (samples[-1][1][kind] - half[1][kind]) / (samples[-1][0] - half[0])
        for kind in ("server_mb", "with_workers_mb")
    }
    figures["memory"] = {
        "uploads": UPLOADS,
        "samples": [{"uploads": count, **sample} for count, sample in samples],
        "after_s": SETTLE_SECONDS,
        "after": after,
        "growth_mb_per_upload_second_half": {k: round(v, 3) for k, v in growth.items()},
        "target_growth_mb_per_upload": TARGET_GROWTH_MB_PER_UPLOAD,
        "met_growth": growth["server_mb"] <= TARGET_GROWTH_MB_PER_UPLOAD,
        "target_after_mb_above_start": TARGET_AFTER_MB_ABOVE_START,
        "met_after": after["server_mb"] - start_mb["server_mb"] <= TARGET_AFTER_MB_ABOVE_START,
    }
    client.close()
    _print(figures)
    return figures


def _memory(server: Server) -> dict[str, float]:
    """Resident memory (MB) of the server process, and of it with its worker processes."""
    own = resident_mb(server.process.pid)
    workers = sum(resident_mb(pid) for pid in children(server.process.pid))
    return {"server_mb": round(own, 1), "with_workers_mb": round(own + workers, 1)}




def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _print(figures: dict[str, Any]) -> None:
    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    concurrent, memory = figures["concurrent"], figures["memory"]
    print(f"cold server, first two uploads one by one: {figures['cold_first_uploads_s']} s")
    print(
        f"{CONCURRENT} concurrent uploads x {ROUNDS} rounds: median {concurrent['median_s']} s, "
        f"p95 {concurrent['p95_s']} s (target <= {TARGET_P95_SECONDS} s: "
        f"{verdict(concurrent['met'])})"
    )
    for sample in memory["samples"]:
        print(
            f"  after {sample['uploads']:>3} uploads: server {sample['server_mb']} MB, "
            f"with workers {sample['with_workers_mb']} MB"
        )
    after = memory["after"]
    print(
        f"  {SETTLE_SECONDS} s after the last: server {after['server_mb']} MB, "
        f"with workers {after['with_workers_mb']} MB "
        f"(target <= start + {TARGET_AFTER_MB_ABOVE_START:.0f} MB: {verdict(memory['met_after'])})"
    )
    growth = memory["growth_mb_per_upload_second_half"]
    print(
        f"memory growth per upload, second half: server {growth['server_mb']} MB, with "
        f"workers {growth['with_workers_mb']} MB (target <= {TARGET_GROWTH_MB_PER_UPLOAD} MB: "
        f"{verdict(memory['met_growth'])}; issue 18 measured about 4.5 MB)"
    )
