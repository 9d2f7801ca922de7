import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.audit.discovery import discover_plans
from app.audit.engine import AuditJob, InlineExecutor, audit_one, load_one, run_jobs
from app.audit.output import report_stem
from app.audit.runner import AuditRun
from app.cli import app
from tests.conftest import PLANS
from tests.render import corpus_lines, render_docx, render_pdf


def test_discovery_survives_links_that_loop_and_dangle(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "plan.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "self.pdf").symlink_to(tmp_path / "self.pdf")
    (tmp_path / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    (tmp_path / "same.txt").symlink_to(tmp_path / "a" / "b" / "plan.txt")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("x", encoding="utf-8")
    found = discover_plans(tmp_path)
    assert found.plans == [tmp_path / "a" / "b" / "plan.txt"]
    assert sorted(path.name for path, _, _ in found.skipped) == ["gone.docx", "self.pdf"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_discovery_lists_an_unreadable_folder_and_goes_on(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "plan.md").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        found = discover_plans(tmp_path)
    finally:
        locked.chmod(0o755)
    assert found.plans == [tmp_path / "plan.md"]
    assert [(path, reason) for path, reason, _ in found.skipped] == [(locked, "unreadable")]


def test_report_names_are_safe_readable_and_unique() -> None:
    stem = report_stem("xã Đức Phổ/kế hoạch \"số 1\".docx")
    assert stem.startswith("xa-Duc-Pho-ke-hoach-so-1-.docx-") or stem.startswith(
        "xa-Duc-Pho-ke-hoach-so-1.docx-"
    )
    assert report_stem("../../etc/passwd").startswith("etc-passwd-")
    assert report_stem("a/b.txt") != report_stem("a-b.txt")
    assert "/" not in report_stem("a/b.txt")
    assert len(report_stem("x" * 500)) <= 90


def _exit_worker(path: str) -> str:
    if path == "dies":
        os._exit(3)
    return path.upper()


def test_a_worker_that_dies_loses_no_job_from_the_account() -> None:
    jobs = ["dies", *(f"job-{number}" for number in range(20))]
    with ProcessPoolExecutor(max_workers=2) as pool:
        outcomes = list(run_jobs(_exit_worker, jobs, pool, lambda job, error: f"lost {job}"))
    assert sorted(job for job, _ in outcomes) == sorted(jobs)
    assert dict(outcomes)["dies"] == "lost dies"
    assert all(outcome in (job.upper(), f"lost {job}") for job, outcome in outcomes)


def test_the_pure_functions_turn_bad_files_into_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert load_one(str(empty)).failure.reason == "empty"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    outcome = audit_one(AuditJob(path=str(broken)))
    assert outcome.failure is not None and outcome.failure.reason == "corrupt-pdf"
    assert outcome.report_html == ""
    outcomes = list(run_jobs(load_one, [str(empty)], InlineExecutor(), lambda j, e: None))
    assert outcomes[0][1].failure.reason == "empty"


def test_exit_code_puts_input_failures_before_findings() -> None:
    assert AuditRun().exit_code == 0
    assert AuditRun(has_errors=True).exit_code == 1
    failed = AuditRun(has_errors=True, failures={"x": None})  # type: ignore[dict-item]
    assert failed.exit_code == 2


@pytest.fixture
def messy_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    (folder / "hỏng.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (folder / "trống.txt").write_bytes(b"")
    (folder / "vòng").symlink_to(folder, target_is_directory=True)
    formats = folder / "định dạng khác"
    formats.mkdir()
    lines = corpus_lines(PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt")
    render_docx(lines, formats / "ban dân tộc.docx")
    render_pdf(lines, formats / "ban dân tộc.pdf")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_audit_reports_every_good_plan_and_lists_the_bad_ones(
    messy_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(messy_corpus), "--out", str(out), "-j", jobs])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2
    assert result.stdout.strip().endswith(str(out / "index.html"))
    good = sorted([*(path.name for path in PLANS.iterdir()), "ban dân tộc.docx", "ban dân tộc.pdf"])
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert sorted(row["name"] for row in audit["plans"]) == good
    failures = {Path(row["path"]).name: row["reason"] for row in audit["failures"]}
    assert failures == {"hỏng.pdf": "corrupt-pdf", "trống.txt": "empty"}
    assert len(list((out / "reports").glob("*.html"))) == len(good)
    assert len(list((out / "reports").glob("*.json"))) == len(good)
    assert all(path.name.isascii() for path in (out / "reports").iterdir())
    assert (out / "audit.xlsx").stat().st_size > 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "hỏng.pdf" in index and "reports/" in index
    assert "tệp rỗng" in result.stderr and "PDF bị hỏng" in result.stderr
    counts = f"{len(good) + 2} plan files: {len(good)} checked, 0 from cache, 2 failed"
    assert counts in result.stderr
    assert "Traceback" not in result.output


def test_audit_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "nowhere"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "không tìm thấy" in result.stderr


def test_batch_parents_are_the_ones_find_parent_picks_from_all_plans() -> None:
    from app.audit.hierarchy import find_parents
    from extract import load_plan
    from rules.linking import find_parent

    by_path = {str(path): load_plan(path) for path in sorted(PLANS.iterdir())}
    plans = list(by_path.values())
    expected = {}
    for plan in plans:
        parent = find_parent(plan, plans)
        expected[plan.source.sha256] = parent.source.sha256 if parent is not None else None
    digests = {path: plan.source.sha256 for path, plan in by_path.items()}
    assert find_parents(list(by_path), by_path.__getitem__, digests) == expected
    assert any(value is not None for value in expected.values())


def test_batch_parents_come_from_the_cache_and_a_change_asks_again_only_where_it_matters(
    tmp_path: Path,
) -> None:
    from app.audit.cache import AuditCache
    from app.audit.hierarchy import find_parents
    from extract import load_plan

    by_path = {str(path): load_plan(path) for path in sorted(PLANS.iterdir())}
    digests = {path: plan.source.sha256 for path, plan in by_path.items()}
    asked: list[str] = []

    def plan_at(path: str):
        asked.append(path)
        return by_path[path]

    cache = AuditCache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    try:
        first = find_parents(list(by_path), plan_at, digests, cache)
        cold_questions = len(asked)
        asked.clear()
        assert find_parents(list(by_path), plan_at, digests, cache) == first
        assert asked == []
        # One plan changes: its facts are worked out again and the choices it takes
        # part in are made again, the rest comes from the cache, and the answer is
        # the one a cold run gives.
        leaf = next(path for path in by_path if digests[path] not in first.values())
        changed = {**digests, leaf: "0" * 64}
        again = find_parents(list(by_path), plan_at, changed, cache)
        assert leaf in asked and len(asked) < cold_questions
        assert again == find_parents(list(by_path), by_path.__getitem__, changed)
    finally:
        cache.close()


class _Recorder:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int]] = []
        self.done: list[str] = []

    def stage(self, label: str, total: int) -> None:
        self.stages.append((label, total))

    def advance(self, path: str) -> None:
        self.done.append(Path(path).name)


def test_progress_names_each_file_once_and_bad_files_are_read_once(tmp_path: Path) -> None:
    from app.audit.cache import AuditCache
    from app.audit.runner import run_audit

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt", folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot a pdf")
    (folder / "empty.md").write_bytes(b"")
    cache = AuditCache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    recorder = _Recorder()
    try:
        run = run_audit(folder, tmp_path / "out", jobs=1, cache=cache, progress=recorder)
    finally:
        cache.close()
    assert recorder.stages == [("Đọc văn bản", 2), ("Rà soát", 1)]
    assert sorted(recorder.done) == sorted(
        ["ban-dan-toc-quang-ngai-de-an-13.txt", "broken.pdf", "ban-dan-toc-quang-ngai-de-an-13.txt"]
    )
    assert (run.plans, run.checked, run.reused, sorted(run.failures)) == (
        3, 1, 0, [str(folder / "broken.pdf"), str(folder / "empty.md")]
    )
    assert run.exit_code == 2


def test_audit_with_a_cache_that_cannot_be_opened_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path}/no/such/dir/c.sqlite3")
    result = CliRunner().invoke(app, ["audit", str(PLANS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "PLANCHECK_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.output


def test_audit_into_an_output_that_is_a_file_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt", folder)
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(folder), "--out", str(blocker / "out")])
    assert result.exit_code == 2
    assert "không ghi được" in result.stderr
    assert "Traceback" not in result.output


def test_a_generated_batch_offers_no_agency_by_level_and_finds_the_same_parents(
    tmp_path: Path,
) -> None:
    # Agencies sit at a district's rank but find_parent takes one only when cited: the
    # batch offers them by number alone, and every choice is still find_parent's over
    # all the plans (this fails if find_parent ever takes an uncited agency).
    from app.audit.hierarchy import find_parents
    from extract import load_plan
    from rules.linking import find_parent
    from rules.linking.levels import plan_level
    from tests.benchmarks.synth import generate_corpus

    generate_corpus(tmp_path, 40)
    by_path = {str(path): load_plan(path) for path in sorted(tmp_path.iterdir())}
    plans = list(by_path.values())
    digests = {path: plan.source.sha256 for path, plan in by_path.items()}
    agencies = {plan.source.sha256 for plan in plans if plan_level(plan) == "agency"}
    offered: dict[str, list[str]] = {}

    def decide(undecided: dict[str, list[str]], levels: object) -> dict[str, str | None]:
        offered.update(undecided)
        return {
            path: choose_here(by_path[path], [by_path[other] for other in others])
            for path, others in undecided.items()
        }

    def choose_here(child: object, candidates: list) -> str | None:  # type: ignore[type-arg]
        parent = find_parent(child, candidates)  # type: ignore[arg-type]
        return parent.source.sha256 if parent is not None else None

    expected = {plan.source.sha256: choose_here(plan, plans) for plan in plans}
    assert find_parents(list(by_path), by_path.__getitem__, digests, decide=decide) == expected
    assert agencies and sum(value is not None for value in expected.values()) > 20
    assert not any(digests[other] in agencies for others in offered.values() for other in others)


def test_a_cached_audit_json_cut_short_is_written_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The batch-wide files come back from the cache; a damaged row (audit.json packed since
    # revision 0006) is not restored as a shorter file: the files are written again.
    import sqlite3

    database = tmp_path / "cache.sqlite3"
    monkeypatch.setenv("PLANCHECK_DATABASE_URL", f"sqlite:///{database}")
    outputs = [tmp_path / name for name in ("first", "cached", "damaged")]
    for out in outputs:
        if out.name == "damaged":
            with sqlite3.connect(database) as connection:
                cut = "UPDATE audit_outputs SET audit_json = substr(audit_json, 1, 99)"
                connection.execute(cut)
        result = CliRunner().invoke(app, ["audit", str(PLANS), "--out", str(out), "-j", "1"])
        assert result.exit_code in (0, 1), result.output
    first = (outputs[0] / "audit.json").read_bytes()
    assert len(first) > 1000
    assert all((out / "audit.json").read_bytes() == first for out in outputs[1:])
