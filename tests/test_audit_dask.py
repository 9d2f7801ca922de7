"""``plancheck audit --engine dask``: the same reports as the local pool, on a real Dask cluster."""

import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.conftest import PLANS

distributed = pytest.importorskip("distributed")


def _folder(tmp_path: Path, copies: int = 1) -> Path:
    """The corpus (``copies`` times, one folder each) with two plans that cannot be read."""
    folder = tmp_path / "plans"
    for copy in range(copies):
        shutil.copytree(PLANS, folder / f"lô {copy}")
    (folder / "nul.txt").write_bytes("Kế hoạch\x00số 1".encode())
    (folder / "trống.docx").write_bytes(b"")
    return folder


def _audit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, folder: Path, *options: str
) -> Path:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
    out = tmp_path / name
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), *options])
    assert result.exit_code == 2, result.output  # the two unreadable plans
    assert "Traceback" not in result.output
    return out


def _reports(out: Path) -> dict[str, str]:
    """audit.json and every per-plan JSON and HTML report, by name."""
    files = [out / "audit.json", *sorted((out / "reports").glob("*.json"))]
    files += sorted((out / "reports").glob("*.html"))
    return {path.name: path.read_text(encoding="utf-8") for path in files}


def test_dask_gives_the_same_reports_and_failures_as_the_local_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    local = _reports(_audit(tmp_path, monkeypatch, "local", folder, "-j", "2"))
    dask = _reports(_audit(tmp_path, monkeypatch, "dask", folder, "--engine", "dask", "-j", "2"))
    assert sorted(dask) == sorted(local)
    assert len(local) == 1 + 2 * len(list(PLANS.iterdir()))
    for name, text in local.items():
        assert dask[name] == text, name
    audit = json.loads(dask["audit.json"])
    assert sorted(Path(row["path"]).name for row in audit["failures"]) == ["nul.txt", "trống.docx"]


def _kill_a_busy_worker(client: "distributed.Client", killed: list[int]) -> None:
    """Once a worker is running a task of the batch, kill its process outright."""
    pids = client.run(os.getpid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])
            return
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform != "linux", reason="kills a worker process with SIGKILL")
def test_a_worker_killed_mid_batch_loses_no_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, copies=3)
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    try:
        with distributed.Client(cluster) as client:
            killed: list[int] = []
            killer = threading.Thread(target=_kill_a_busy_worker, args=(client, killed))
            killer.start()
            out = _audit(
                tmp_path, monkeypatch, "dask", folder,
                "--engine", "dask", "--scheduler", cluster.scheduler_address,
            )
            killer.join()
    finally:
        cluster.close()
    assert killed, "no worker was seen running a task"
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert len(audit["plans"]) == 3 * len(list(PLANS.iterdir()))
    assert sorted(Path(row["path"]).name for row in audit["failures"]) == ["nul.txt", "trống.docx"]
    assert len(list((out / "reports").glob("*.json"))) == len(audit["plans"])


def test_dask_missing_is_a_clear_error_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed: ImportError
    result = CliRunner().invoke(
        app, ["audit", str(PLANS), "--out", str(tmp_path / "out"), "--engine", "dask"]
    )
    assert result.exit_code == 2
    assert "chưa cài Dask" in result.stderr and "plancheck[dask]" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["audit", str(PLANS), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:8786"]
    )
    assert result.exit_code == 2
    assert "--engine dask" in result.stderr


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            app,
            ["audit", str(PLANS), "--out", str(tmp_path / "out"),
             "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"],
        )
    assert result.exit_code == 2
    assert "tcp://127.0.0.1:1: không kết nối được bộ điều phối Dask" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_dask_gives_the_same_reports_on_a_generated_200_plan_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.benchmarks.synth import generate_corpus

    folder = tmp_path / "batch"
    generate_corpus(folder, count=200)
    outcomes = {}
    for name, options in (("local", ["-j", "2"]), ("dask", ["--engine", "dask", "-j", "2"])):
        monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
        out = tmp_path / name
        result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(out), *options])
        assert result.exit_code in (0, 1), result.output  # findings, no unreadable plan
        outcomes[name] = (result.exit_code, _reports(out))
    (local_code, local), (dask_code, dask) = outcomes["local"], outcomes["dask"]
    assert dask_code == local_code
    assert len(local) == 1 + 2 * 201  # audit.json, then JSON and HTML of 200 plans and the parent
    assert sorted(dask) == sorted(local)
    for name, text in local.items():
        assert dask[name] == text, name
