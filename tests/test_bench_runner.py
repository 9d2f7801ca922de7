"""`make bench`'s runner: a benchmark that hangs or fails does not stop or erase the others."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.benchmarks.__main__ import _run_all, _run_child

FIXTURE = "tests.benchmark_fixture"


def test_a_benchmark_runs_in_a_child_process_and_returns_its_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANCHECK_FIXTURE_BENCH", "ok")

    outcome, figures, _ = _run_child(FIXTURE, None, timeout=120)

    assert (outcome, figures) == ("ok", {"value": 1, "mode": "ok"})


def test_a_hanging_benchmark_is_stopped_with_the_processes_it_started(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pid_file = tmp_path / "grandchild.pid"
    monkeypatch.setenv("PLANCHECK_FIXTURE_BENCH", "hang")
    monkeypatch.setenv("PLANCHECK_FIXTURE_PID_FILE", str(pid_file))

    outcome, figures, seconds = _run_child(FIXTURE, None, timeout=5)

    assert outcome == "timed out after 5 s" and figures is None and seconds < 60
    grandchild = int(pid_file.read_text())
    assert not _alive(grandchild), "the benchmark's own child process was left running"


def test_a_failing_benchmark_is_reported_and_the_others_keep_their_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "latest.json").write_text(json.dumps({"earlier": {"figure": 7}}))
    monkeypatch.setenv("PLANCHECK_FIXTURE_BENCH", "fail")

    status = _run_all([FIXTURE], None, 120, tmp_path)

    written = json.loads((tmp_path / "latest.json").read_text())
    assert status == 1
    assert written["earlier"] == {"figure": 7}
    assert FIXTURE not in written
    assert written["runs"][FIXTURE]["outcome"] == "failed (exit status 1)"
    assert "not measured: tests.benchmark_fixture" in capsys.readouterr().out


def test_a_partial_run_replaces_only_its_own_figures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "latest.json").write_text(json.dumps({"earlier": 1, FIXTURE: {"value": 0}}))
    monkeypatch.setenv("PLANCHECK_FIXTURE_BENCH", "ok")

    status = _run_all([FIXTURE], None, 120, tmp_path)

    written = json.loads((tmp_path / "latest.json").read_text())
    assert status == 0
    assert written["earlier"] == 1 and written[FIXTURE] == {"value": 1, "mode": "ok"}


def _alive(pid: int) -> bool:
    for _ in range(50):
        try:
            os.kill(pid, 0)
            # A killed process stays a zombie until its new parent (init) reaps it.
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return False
        except (ProcessLookupError, FileNotFoundError):
            return False
        time.sleep(0.1)
    return True
