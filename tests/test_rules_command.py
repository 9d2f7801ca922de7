"""``plancheck rules``: the table, one rule's detail, JSON, and docs/rules.md in sync."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from app.rules_command import render_markdown
from rules.registry import all_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
runner = CliRunner()


def test_table_lists_every_rule_with_its_severity() -> None:
    result = runner.invoke(app, ["rules"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    for rule in all_rules():
        assert re.search(rf"{rule.code}\s*│\s*\S", result.output), rule.code
    assert "Ngày không tồn tại trong lịch" in result.output
    assert "Lỗi" in result.output and "Cảnh báo" in result.output


def test_one_rule_shows_rationale_and_example() -> None:
    result = runner.invoke(app, ["rules", "d001"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("D001 — Ngày không tồn tại trong lịch")
    assert "29/02/2024" in result.output  # from the rationale
    assert "Ví dụ: Các chi bộ đăng ký" in result.output


def test_json_lists_all_rules_in_code_order() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [item["code"] for item in data] == [rule.code for rule in all_rules()]
    assert set(data[0]) == {"code", "name", "severity", "scope", "title", "rationale", "example"}


def test_json_for_one_rule_is_an_object() -> None:
    result = runner.invoke(app, ["rules", "M001", "-f", "json"])
    data = json.loads(result.output)
    assert data["code"] == "M001" and data["severity"] == "warning"
    assert data["scope"] == "document"


def test_unknown_code_is_an_error_not_a_traceback() -> None:
    result = runner.invoke(app, ["rules", "X999"])
    assert result.exit_code == 2
    assert "không có quy tắc “X999”" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_docs_rules_md_matches_the_registry() -> None:
    expected = render_markdown(list(all_rules()))
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is out of date: run `plancheck rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_documented_in_full() -> None:
    for rule in all_rules():
        assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", rule.name), rule.name
        assert rule.title and rule.rationale and rule.example, rule.code
    codes = [rule.code for rule in all_rules()]
    assert len(codes) == len(set(codes))
