import json
import subprocess
import sys

import pytest

from extract import PlanInputError, load_plan
from extract.markup import strip_markup
from extract.model import SCHEMA_VERSION, Plan
from tests.conftest import PLANS


def test_every_corpus_text_loads_with_numbered_lines(corpus_plans):
    assert len(corpus_plans) == 5
    for path in corpus_plans:
        plan = load_plan(path)
        raw = path.read_text(encoding="utf-8")
        assert [line.raw for line in plan.lines] == raw.split("\n")[: len(plan.lines)]
        assert [line.number for line in plan.lines] == list(range(1, len(plan.lines) + 1))
        assert plan.source.sha256 and plan.source.format == "txt"


def test_plan_json_round_trips():
    plan = load_plan(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert json.loads(plan.model_dump_json())["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("## **KẾ HOẠCH**", "KẾ HOẠCH"),
        ("- *Cơ quan lãnh đạo*: Đảng ủy", "- Cơ quan lãnh đạo: Đảng ủy"),
        ("“*Dân vận khéo*”", "“Dân vận khéo”"),
        ("*", "*"),
        ("*Thời gian thực hiện:* Thường xuyên.", "Thời gian thực hiện: Thường xuyên."),
        ("__________", "__________"),
        ("***", ""),
        ("__Chú ý__", "Chú ý"),
        ("***Chỉ tiêu***", "Chỉ tiêu"),
    ],
)
def test_strip_markup(raw, expected):
    assert strip_markup(raw) == expected


def test_missing_file_message_is_bilingual(tmp_path):
    with pytest.raises(PlanInputError) as caught:
        load_plan(tmp_path / "không-có.txt")
    assert "không tìm thấy tệp" in caught.value.message
    assert "file not found" in caught.value.message
    assert "không-có.txt" in caught.value.message


WARD_PLAN = "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def test_cli_extract_prints_json_with_schema_version():
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", str(PLANS / WARD_PLAN)],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(result.stdout)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["lines"][2]["raw"] == "*"


def test_cli_input_error_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "plan.xls"
    bad.write_bytes(b"x")
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "extract", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "định dạng không được hỗ trợ" in result.stderr
