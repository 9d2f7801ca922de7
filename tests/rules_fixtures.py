"""Build plans, parents and matches for rule tests from compact YAML files.

A rule fixture is ``tests/fixtures/rules/<CODE>.yml``::

    rule: D001
    cases:
      test_fail_february_30:
        child:
          lines: |
            KẾ HOẠCH
            Hoàn thành trước ngày 30/02/2023.
        expected:
          - {code: D001, line: 2, message_contains: "30/02/2023"}
      test_pass_leap_day:
        child:
          lines: "Hoàn thành trước ngày 29/02/2024."
        expected: []

A plan spec holds ``lines`` (text, one plan line per text line), optionally
``raw_lines`` (the same lines as extracted, before repair), and optional
overrides validated by the plan model: ``meta``, ``targets``, ``tasks``,
``sections``, ``repairs``, ``dates``. ``dates`` defaults to ``auto``: every date
``extract.parse.calendar.find_dates`` sees in the lines, which is what
extraction records. ``parse: true`` runs ``extract.parse.parse_plan`` before
the overrides are applied, for cases that should go through real extraction.
Last, ``extract.parse.rule_facts.complete_facts`` derives what extraction
records for the rules (the header's number and date as printed, list labels,
date parts, ...) from the lines and the overrides, as ``parse_plan`` does.

Targets and tasks are compact: the section and number of a target come from
its id ("2.1(5)"), a task's label from the last part of its id, a body may be
written as a plain string. A case may also give ``parent`` (a plan spec),
``matches`` (``extract``-free :class:`rules.findings.Match` dicts; ``kind``
defaults to "target", ``method`` to "fixture", ``score`` to 100),
``implements_de_an_13`` (default true) and ``options``.

``expected`` lists the findings of the case's rule, in line order; each entry
compares only the keys it gives (any field of ``Finding``, plus
``message_contains``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from extract.model import DateMention, Line, Plan, Source, Span
from extract.parse import parse_plan
from extract.parse.calendar import find_dates
from extract.parse.rule_facts import complete_facts
from rules.base import RuleContext
from rules.findings import Finding, Match
from rules.linking import Links
from rules.linking.coverage import parent_coverage
from rules.linking.levels import is_coastal, plan_level
from rules.registry import rule_by_code

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
TARGET_ID = re.compile(r"^(?P<section>.*?)\((?P<number>\d+)\)$")


def build_plan(spec: dict[str, Any], name: str = "fixture.txt") -> Plan:
    """A plan from a compact spec (see the module docstring)."""
    text = str(spec.get("lines", "")).rstrip("\n")
    texts = text.split("\n")
    raws = str(spec.get("raw_lines", text)).rstrip("\n").split("\n")
    if len(raws) != len(texts):
        raise ValueError("raw_lines must have as many lines as lines")
    lines = [
        Line(number=index, raw=raw, text=line, source_line=index)
        for index, (line, raw) in enumerate(zip(texts, raws, strict=True), start=1)
    ]
    data = text.encode("utf-8")
    source = Source(
        path=name,
        name=name,
        format="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    plan = Plan(source=source, lines=lines)
    if spec.get("parse"):
        plan = parse_plan(plan)
    overrides: dict[str, Any] = {}
    if "meta" in spec:
        overrides["meta"] = spec["meta"]
    if "targets" in spec:
        overrides["targets"] = [_target(item) for item in spec["targets"]]
    if "tasks" in spec:
        overrides["tasks"] = [_task(item) for item in spec["tasks"]]
    for passed in ("repairs", "sections"):
        if passed in spec:
            overrides[passed] = spec[passed]
    dates = spec.get("dates", "auto")
    if dates == "auto":
        if not plan.dates:
            overrides["dates"] = [item.model_dump() for item in auto_dates(plan)]
    else:
        overrides["dates"] = dates
    merged = plan.model_dump() | overrides
    # What extraction derives for the rules from the lines and items (blank header
    # parts, list labels, date parts, ...), derived from the overrides as well.
    return complete_facts(Plan.model_validate(merged))


def auto_dates(plan: Plan) -> list[DateMention]:
    """Every calendar date in the plan's lines, as extraction records them."""
    mentions: list[DateMention] = []
    for line in plan.lines:
        for found in find_dates(line.text):
            mentions.append(
                DateMention(
                    raw=found.raw,
                    iso=found.date,
                    valid=found.valid,
                    line=line.number,
                    span=Span(line=line.number, start=found.start, end=found.end),
                )
            )
    return mentions


def build_context(case: dict[str, Any]) -> RuleContext:
    """The rule context a case describes."""
    parent = build_plan(case["parent"], name="parent.txt") if "parent" in case else None
    child = build_plan(case["child"])
    matches = [_match(item) for item in case.get("matches", [])]
    # The case gives the matching table; the rest of linking is worked out as the check does.
    links = Links(
        child_level=plan_level(child),
        child_coastal=is_coastal(child),
        parent_level=plan_level(parent) if parent is not None else None,
        parent_coastal=is_coastal(parent) if parent is not None else None,
        implements_de_an_13=bool(case.get("implements_de_an_13", True)),
        basis="chain" if parent is not None else "none",
        matches=matches,
        coverage=parent_coverage(matches, parent),
    )
    return RuleContext(
        child=child,
        parent=parent,
        links=links,
        reference=case.get("reference"),
        options=case.get("options", {}),
    )


def run_case(code: str, case: dict[str, Any]) -> list[Finding]:
    """The findings of rule ``code`` on a case, in line order."""
    rule = rule_by_code(code)
    findings = list(rule.check(build_context(case)))
    return sorted(findings, key=lambda finding: (finding.line or 0, finding.target or ""))


def load_cases(pattern: str = "*.yml") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (rule code, case name, case) in the fixture files matching ``pattern``."""
    for path in sorted(FIXTURES.glob(pattern)):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = document["rule"]
        for name, case in document["cases"].items():
            yield code, name, case


def mismatches(findings: list[Finding], expected: list[dict[str, Any]]) -> list[str]:
    """Why the findings differ from what a case expects; empty when they agree."""
    if len(findings) != len(expected):
        shown = [(finding.code, finding.line, finding.message) for finding in findings]
        return [f"expected {len(expected)} findings, got {len(findings)}: {shown}"]
    problems: list[str] = []
    for finding, wanted in zip(findings, expected, strict=True):
        actual = finding.model_dump()
        for key, value in wanted.items():
            if key == "message_contains":
                if value not in finding.message:
                    problems.append(f"message {finding.message!r} lacks {value!r}")
            elif key == "evidence_child_contains":
                if value not in (finding.evidence.child or ""):
                    problems.append(f"evidence {finding.evidence.child!r} lacks {value!r}")
            elif actual.get(key) != value:
                problems.append(f"{key}: expected {value!r}, got {actual.get(key)!r}")
    return problems


def _target(item: dict[str, Any]) -> dict[str, Any]:
    target = dict(item)
    found = TARGET_ID.match(str(target["id"]))
    if found is not None:
        target.setdefault("section", found.group("section"))
        target.setdefault("number", int(found.group("number")))
    target.setdefault("section", "")
    target.setdefault("number", 0)
    target.setdefault("text", "")
    target.setdefault("line", 1)
    if "bodies" in target:
        target["bodies"] = _bodies(target["bodies"])
    return target


def _task(item: dict[str, Any]) -> dict[str, Any]:
    task = dict(item)
    task.setdefault("label", str(task["id"]).rsplit(".", 1)[-1])
    task.setdefault("title", "")
    task.setdefault("line", 1)
    if "bodies" in task:
        task["bodies"] = _bodies(task["bodies"])
    return task


def _bodies(bodies: dict[str, Any]) -> dict[str, Any]:
    return {
        role: [{"raw": body} if isinstance(body, str) else body for body in listed]
        for role, listed in bodies.items()
    }


def _match(item: dict[str, Any]) -> Match:
    match = dict(item)
    match.setdefault("kind", "target")
    match.setdefault("method", "fixture")
    match.setdefault("score", 100.0)
    return Match.model_validate(match)
