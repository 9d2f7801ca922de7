"""``plancheck spans``: the plan's annotated spans as a spaCy DocBin, read back."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extract import load_plan
from extract.annotations import (
    HEADER_LABELS,
    SPAN_GROUP,
    plan_annotations,
    plan_doc,
    plans_docbin,
    read_docbin,
)
from tests.conftest import PLANS, ROOT

WARD = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
TOWN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"


def test_every_body_target_and_header_field_is_a_span_over_its_own_text() -> None:
    plan = load_plan(WARD)
    text = plan.text
    annotations = plan_annotations(plan)
    labels = {annotation.label for annotation in annotations}
    assert {"NUMBER", "DOC_TYPE", "TITLE", "TARGET", "DEADLINE"} <= labels
    assert {HEADER_LABELS[field] for field in plan.meta.spans} <= labels
    assert any(label.startswith("BODY_") for label in labels)
    bodies = [
        body for target in plan.targets for role in ("lead", "advisory", "implementing",
                                                      "coordinating")
        for body in getattr(target.bodies, role) if body.span is not None
    ]
    body_spans = [a for a in annotations if a.label.startswith("BODY_")]
    assert len(body_spans) >= len({(b.span.line, b.span.start) for b in bodies if b.span})
    for body in bodies:
        assert body.span is not None
        line_start = sum(len(line.text) + 1 for line in plan.lines[: body.span.line - 1])
        assert text[line_start + body.span.start : line_start + (body.span.end or 0)] == body.raw
    number = next(a for a in annotations if a.label == "NUMBER")
    assert plan.meta.number_raw is not None
    assert plan.meta.number_raw in text[number.start : number.end]


def test_the_docbin_reads_back_with_the_same_text_spans_and_names() -> None:
    plans = [load_plan(WARD), load_plan(TOWN)]
    docs = read_docbin(plans_docbin(plans))
    assert [doc.text for doc in docs] == [plan.text for plan in plans]
    for plan, doc in zip(plans, docs, strict=True):
        expected = plan_doc(plan)
        group = [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in doc.spans[SPAN_GROUP]]
        assert group == [
            (s.start_char, s.end_char, s.label_, s.kb_id_) for s in expected.spans[SPAN_GROUP]
        ]
        assert len(group) == len(plan_annotations(plan))
        assert doc.user_data["plancheck"]["source"] == plan.source.path
        # A registered body carries its registry name after its item's id.
        names = {s.kb_id_.split("|", 1)[1] for s in doc.spans[SPAN_GROUP] if "|" in s.kb_id_}
        registered = {
            body.name for item in [*plan.targets, *plan.tasks]
            for role in ("lead", "advisory", "implementing", "coordinating")
            for body in getattr(item.bodies, role) if body.span is not None
        }
        assert names == registered
        ents = [(e.start_char, e.end_char) for e in doc.ents]
        assert ents == sorted(ents) and all(e.label_ != "TARGET" for e in doc.ents)


def test_the_command_writes_the_docbin_and_reports_a_bad_file_but_goes_on(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "khong-co.txt"
    output = tmp_path / "plans.spacy"
    result = CliRunner().invoke(app, ["spans", str(WARD), str(missing), "-o", str(output)])
    assert result.exit_code == 2
    assert "khong-co.txt" in result.stderr
    docs = read_docbin(output.read_bytes())
    assert [doc.text for doc in docs] == [load_plan(WARD).text]


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_check_or_extract_does_not_import_spacy(command: str, tmp_path: Path) -> None:
    probe = (
        "import sys; from typer.testing import CliRunner; from app.cli import app; "
        f"CliRunner().invoke(app, ['{command}', r'{WARD}']); "
        "print('spacy' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"},
    ).stdout
    assert output.strip() == "False"
