"""One check for the command line, the audit and the web page (issue 17.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.pipeline import PlanFile, check_one
from app.plan_store import PlanStore
from app.web.pipeline import corpus_options, run_check, with_waivers
from extract.errors import PlanInputError
from rules.config import Waiver
from tests.web.support import PLANS

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


def test_the_parent_is_detected_among_candidates_and_named_as_shown() -> None:
    candidates = [PlanFile(path, shown_as=f"mau-{path.name}") for path in sorted(PLANS.iterdir())]
    checked = check_one(PlanFile(WARD, shown_as="ban-cua-toi.txt"), candidates=candidates)
    assert checked.detected is not None
    assert candidates[checked.detected].path == TOWN
    assert checked.parent is not None and checked.parent.source.name == f"mau-{TOWN.name}"
    assert checked.child.source.path == "ban-cua-toi.txt"


def test_detection_passes_over_the_child_itself_and_copies_of_it(tmp_path: Path) -> None:
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(WARD.read_bytes())
    checked = check_one(PlanFile(WARD), candidates=[PlanFile(copy), PlanFile(TOWN)])
    assert checked.detected == 1


def test_a_given_parent_that_is_the_child_is_refused_naming_its_label(tmp_path: Path) -> None:
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(WARD.read_bytes())
    with pytest.raises(PlanInputError) as refused:
        check_one(PlanFile(WARD), parent=PlanFile(copy, label="Đã tải lên #7"))
    assert refused.value.reason == "self-parent"
    assert "Đã tải lên #7" in refused.value.message


def test_the_command_line_audit_and_web_give_one_result() -> None:
    from app.audit.engine import AuditJob, audit_one
    from extract import load_plan
    from reports import build_report, render_json

    store = PlanStore()
    by_check = check_one(PlanFile(WARD), store, parent=PlanFile(TOWN)).report()
    audited = audit_one(AuditJob(path=str(WARD), parent=load_plan(TOWN)))
    assert audited.report_json == render_json(by_check)
    options = [option for option in corpus_options(PLANS) if option.path == TOWN]
    web = run_check(WARD, WARD.name, options, options[0].key, store)
    assert web.parent is not None
    web_report = build_report(web.result, web.child, web.parent)
    assert web_report.findings == by_check.findings


def test_waivers_are_one_step_whatever_their_source() -> None:
    plain = check_one(PlanFile(WARD), parent=PlanFile(TOWN))
    fingerprint = plain.result.findings[0].fingerprint
    waiver = Waiver(fingerprint=fingerprint, reason="Đã thống nhất với cấp trên")
    by_rules = check_one(PlanFile(WARD), parent=PlanFile(TOWN), waivers=[waiver])
    by_web = with_waivers(plain.result, {fingerprint: "Đã thống nhất với cấp trên"})
    assert by_rules.result.findings == by_web.findings
    assert with_waivers(by_web, {fingerprint: "Đã thống nhất với cấp trên"}) == by_web
    assert sum(finding.waived for finding in by_web.findings) >= 1
