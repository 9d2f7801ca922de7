from pathlib import Path
from typing import Any

import pytest

from extract.errors import PlanInputError
from rules import RuleConfig, Waiver, check_plan, load_config
from rules.findings import finding_order
from tests.rules_fixtures import build_plan

IMPLEMENTS = "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"


def _child() -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}\n(5) Tỷ lệ lao động qua đào tạo 55%.\n"
            "Báo cáo trước 31/4/2023.\n(9) 105% Tổ dân phố đạt chuẩn văn hóa.",
            "meta": {"issuer": "Đảng ủy phường An Phú"},
            "targets": [
                {
                    "id": "2.1(5)",
                    "line": 3,
                    "text": "(5) Tỷ lệ lao động qua đào tạo 55%.",
                    "quantities": [{"op": "=", "value": 55, "unit": "%", "raw": "55%"}],
                },
                {
                    "id": "2.1(9)",
                    "line": 5,
                    "text": "(9) 105% Tổ dân phố đạt chuẩn văn hóa.",
                    "quantities": [{"op": "=", "value": 105, "unit": "%", "raw": "105%"}],
                },
            ],
        },
        name="ward.txt",
    )


def _parent() -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}",
            "meta": {"issuer": "Ban Thường vụ Thị ủy"},
            "targets": [
                {
                    "id": "2.1(5)",
                    "line": 2,
                    "text": "(5) Tỷ lệ lao động qua đào tạo trên 65%.",
                    "quantities": [{"op": ">", "value": 65, "unit": "%", "raw": "trên 65%"}],
                },
                {
                    "id": "2.1(10)",
                    "line": 2,
                    "text": "(10) Thôn, tổ dân phố đạt chuẩn văn hóa đạt tỷ lệ trên 90%.",
                    "quantities": [{"op": ">", "value": 90, "unit": "%", "raw": "trên 90%"}],
                },
                {
                    "id": "2.2.2(1)",
                    "line": 2,
                    "text": "(1) Nhân dân đóng góp 10.000 ngày công xây dựng nông thôn mới.",
                },
            ],
        },
        name="town.txt",
    )


def _codes(result: Any) -> list[str]:
    return [finding.code for finding in result.findings]


def test_cross_rules_run_with_a_parent_and_findings_are_in_the_one_order() -> None:
    result = check_plan(_child(), _parent())
    assert result.scope_note is None and result.implements_de_an_13
    assert "T001" in _codes(result) and "T003" in _codes(result)
    assert result.findings == sorted(result.findings, key=finding_order)
    for severity in ("error", "warning", "info"):
        lines = [f.line for f in result.findings if f.severity == severity and f.line is not None]
        assert lines == sorted(lines)
    assert all(finding.fingerprint for finding in result.findings)
    rural = next(match for match in result.matches if match.parent_id == "2.2.2(1)")
    assert rural.not_applicable_reason is not None
    assert "C001" not in _codes(result)
    assert result.child.level == "phuong" and result.parent is not None


def test_without_parent_the_de_an_catalogue_is_checked_and_figures_are_not() -> None:
    result = check_plan(_child())
    assert "T003" in _codes(result)
    assert not {"T001", "C003", "D004"} & set(_codes(result))
    assert result.basis == "reference"
    assert result.scope_note is not None and "CHƯA SO SÁNH ĐƯỢC" in result.scope_note
    assert result.missing_parent is not None and result.missing_parent in result.scope_note
    assert result.matches and all(match.method != "catalogue" for match in result.matches)


def test_plan_not_implementing_de_an_13_gets_no_cross_rules() -> None:
    ward = _child()
    lines = [
        line.model_copy(update={"text": "Thực hiện Kế hoạch công tác năm 2023", "raw": ""})
        if line.number == 2
        else line
        for line in ward.lines
    ]
    child = ward.model_copy(update={"lines": lines})
    result = check_plan(child, _parent())
    assert not result.implements_de_an_13
    assert result.scope_note is not None and "13-ĐA/TU" in result.scope_note
    assert "T001" not in _codes(result) and result.matches == []


def test_runs_are_deterministic() -> None:
    first = check_plan(_child(), _parent())
    second = check_plan(_child(), _parent())
    assert first.model_dump() == second.model_dump()


def test_disabled_rule_and_severity_override() -> None:
    config = RuleConfig(disable={"T003"}, severity={"T001": "warning"})
    result = check_plan(_child(), _parent(), config=config)
    assert "T003" not in _codes(result)
    t001 = next(finding for finding in result.findings if finding.code == "T001")
    assert t001.severity == "warning"


def test_waiver_by_fingerprint_marks_but_keeps_the_finding() -> None:
    plain = check_plan(_child(), _parent())
    t001 = next(finding for finding in plain.findings if finding.code == "T001")
    waiver = Waiver(fingerprint=t001.fingerprint, reason="Thị ủy đã đồng ý mức 55%.")
    result = check_plan(_child(), _parent(), waivers=[waiver])
    waived = next(finding for finding in result.findings if finding.code == "T001")
    assert waived.waived and waived.waiver_reason == "Thị ủy đã đồng ý mức 55%."
    assert len(result.findings) == len(plain.findings)
    assert result.counts()["error"] == plain.counts()["error"] - 1


def test_waiver_by_code_and_target_only_covers_that_item() -> None:
    waiver = Waiver(code="T003", target="2.1(7)", reason="Khác chỉ tiêu.")
    result = check_plan(_child(), _parent(), waivers=[waiver])
    assert not any(finding.waived for finding in result.findings)
    waiver = Waiver(code="T003", target="2.1(9)", reason="Đã sửa trong bản ký.")
    result = check_plan(_child(), _parent(), waivers=[waiver])
    assert [finding.code for finding in result.findings if finding.waived] == ["T003"]


def test_waiver_needs_an_identifier() -> None:
    with pytest.raises(ValueError):
        Waiver(reason="Không rõ phát hiện nào.")


def test_load_config(tmp_path: Path) -> None:
    path = tmp_path / "plancheck.toml"
    path.write_text(
        '[rules]\ndisable = ["S003"]\n[rules.severity]\nC002 = "warning"\n'
        "[rules.options.T001]\napprox_tolerance = 0.05\n"
        '[[waivers]]\ncode = "C001"\ntarget = "2.1(8)"\nplan = "48-KH/ĐU"\n'
        'reason = "Phường không có tàu thuyền."\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.disable == {"S003"}
    assert config.severity == {"C002": "warning"}
    assert config.options == {"T001": {"approx_tolerance": 0.05}}
    assert config.waivers[0].target == "2.1(8)"


@pytest.mark.parametrize(
    "text",
    [
        "[rules\n",
        '[rules.severity]\nT001 = "fatal"\n',
        '[[waivers]]\ncode = "T001"\n',
        '[[waivers]]\ncode = "T001"\nreason = "Không nêu kế hoạch nào."\n',
        '[[waivers]]\ncode = "T001"\nplan = "48-KH/ĐU"\nall_plans = true\nreason = "Cả hai."\n',
        'rules = "all"\n',
        '[rules]\ndisable = ["T0001"]\n',
        '[rules.severity]\nX999 = "info"\n',
    ],
)
def test_bad_config_is_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plancheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanInputError) as caught:
        load_config(path)
    assert caught.value.reason == "bad-config"


def test_missing_config_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(PlanInputError) as caught:
        load_config(tmp_path / "absent.toml")
    assert caught.value.reason == "missing"


def test_parent_unrelated_to_de_an_13_is_not_compared() -> None:
    unrelated = build_plan(
        {
            "lines": "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2023",
            "meta": {"issuer": "UBND thị xã Hồng Lĩnh"},
            "targets": _parent().model_dump()["targets"],
        },
        name="other.txt",
    )
    result = check_plan(_child(), unrelated)
    assert result.implements_de_an_13 and result.matches == []
    assert "T001" not in _codes(result)
    assert result.scope_note is not None and "không thực hiện Đề án" in result.scope_note


def test_the_de_an_itself_can_be_the_parent() -> None:
    de_an = _parent().model_copy(deep=True)
    de_an = de_an.model_copy(
        update={
            "lines": de_an.lines[:1],
            "meta": de_an.meta.model_copy(update={"number": "13-ĐA/TU"}),
        }
    )
    result = check_plan(_child(), de_an)
    assert result.scope_note is None and "T001" in _codes(result)


def test_parent_given_backwards_is_not_compared() -> None:
    result = check_plan(_parent(), _child())
    assert result.matches == [] and "T001" not in _codes(result)
    assert result.scope_note is not None and "cấp thấp hơn" in result.scope_note


def test_readme_config_example_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "plancheck.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path)
    assert config.disable == {"S003"} and len(config.waivers) == 2


def _numbered_child() -> Any:
    child = _child()
    return child.model_copy(update={"meta": child.meta.model_copy(update={"number": "48-KH/ĐU"})})


def test_a_config_waiver_holds_only_for_the_plan_it_names(tmp_path: Path) -> None:
    waived_codes = {}
    for scope in ('plan = "48-KH/ĐU"', 'plan = "99-KH/ĐU"', "all_plans = true"):
        path = tmp_path / "plancheck.toml"
        path.write_text(
            f'[[waivers]]\ncode = "T003"\n{scope}\nreason = "Đã sửa trong bản ký."\n',
            encoding="utf-8",
        )
        result = check_plan(_numbered_child(), _parent(), config=load_config(path))
        waived_codes[scope] = [finding.code for finding in result.findings if finding.waived]
    assert waived_codes == {
        'plan = "48-KH/ĐU"': ["T003"],
        'plan = "99-KH/ĐU"': [],
        "all_plans = true": ["T003"],
    }


def test_a_config_waiver_can_be_narrowed_to_an_issuer() -> None:
    child = _numbered_child()
    assert Waiver(code="T003", plan="48 -KH/đu", issuer="phường an phú", reason="Có.").holds_for(
        child
    )
    assert not Waiver(
        code="T003", plan="48-KH/ĐU", issuer="xã Phổ Khánh", reason="Không."
    ).holds_for(child)
    assert not Waiver(code="T003", plan="48-KH/ĐU", reason="Không số.").holds_for(_child())
