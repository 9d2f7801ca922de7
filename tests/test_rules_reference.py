import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from extract.resources import corpus_dir
from extract.text import fold_text
from rules.reference import Reference, load_reference


def test_identity_of_de_an_13_and_its_relay() -> None:
    reference = load_reference()
    assert reference.identity.number == "13-ĐA/TU"
    assert reference.identity.date == dt.date(2022, 10, 10)
    assert reference.identity.issuer == "Ban Thường vụ Tỉnh ủy"
    assert reference.identity.period == {"start": 2022, "end": 2026}
    assert reference.relay.number == "90-KH/BDVTU"
    assert reference.relay.date == dt.date(2022, 11, 23)
    assert reference.relay.issuer == "Ban Dân vận Tỉnh ủy"


def test_every_entry_points_at_a_corpus_line_that_holds_its_words() -> None:
    reference = load_reference()
    entries = [*reference.indicators, *reference.tasks]
    assert len(reference.indicators) >= 20 and len(reference.tasks) >= 15
    for entry in entries:
        path = corpus_dir() / "plans" / entry.provenance.document
        lines = path.read_text(encoding="utf-8").splitlines()
        assert entry.provenance.line <= len(lines), entry.id
        assert lines[entry.provenance.line - 1].strip(), f"{entry.id} points at a blank line"


def test_identity_provenance_line_cites_the_de_an() -> None:
    reference = load_reference()
    path = corpus_dir() / "plans" / reference.identity.provenance.document
    line = path.read_text(encoding="utf-8").splitlines()[reference.identity.provenance.line - 1]
    assert "13-ĐA/TU" in line and "10/10/2022" in line


def test_recurring_deadline_for_dan_van_kheo_registration() -> None:
    deadline = load_reference().recurring_deadlines[0]
    assert (deadline.day, deadline.month, deadline.every) == (31, 3, "year")
    assert deadline.task in {task.id for task in load_reference().tasks}


def test_applicability_of_special_indicators() -> None:
    reference = load_reference()
    assert reference.indicator("fishing_vessels").coastal_only
    assert "phuong" not in reference.indicator("new_countryside_workdays").levels
    assert all("agency" not in entry.levels for entry in reference.indicators)
    assert [part.id for part in reference.indicator("trained_labour").parts] == [
        "rate",
        "lower_secondary",
        "upper_secondary",
    ]


def test_values_are_not_stored() -> None:
    raw = (corpus_dir() / "reference" / "de_an_13.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    for entry in data["indicators"]:
        assert not {"value", "values", "target", "quantity"} & set(entry), entry["id"]


def test_keywords_are_folded() -> None:
    assert fold_text("Khu dân cư “6 không”, Đảng ủy") == "khu dan cu 6 khong dang uy"
    entry = load_reference().indicator("six_no_residential_areas")
    assert "khu dan cu 6 khong" in entry.keywords


def _data() -> dict:
    path = corpus_dir() / "reference" / "de_an_13.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_unknown_field_is_rejected() -> None:
    data = _data()
    data["indicators"][0]["target_value"] = 65
    with pytest.raises(ValidationError):
        Reference.model_validate(data)


def test_duplicate_ids_are_rejected() -> None:
    data = _data()
    data["indicators"].append(data["indicators"][0])
    with pytest.raises(ValidationError, match="duplicate"):
        Reference.model_validate(data)


def test_entry_without_keywords_is_rejected(tmp_path: Path) -> None:
    data = _data()
    data["tasks"][0]["keywords"] = []
    with pytest.raises(ValidationError):
        Reference.model_validate(data)
    data = _data()
    path = tmp_path / "ref.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_reference(path).identity.number == "13-ĐA/TU"
