"""The chain's gaps read the parent against the Đề án 13 catalogue once per parent."""

from typing import Any

import pytest

from rules import check_plan
from rules.linking import chain
from rules.reference import load_reference
from tests.rules_fixtures import build_plan

IMPLEMENTS = "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy"


def _ward(name: str) -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}\n(5) Tỷ lệ lao động qua đào tạo 55%.",
            "meta": {"issuer": f"Đảng ủy phường {name}"},
            "targets": [{"id": "2.1(5)", "line": 3, "text": "(5) Tỷ lệ lao động qua đào tạo 55%."}],
        },
        name=f"{name}.txt",
    )


def _town(extra: str = "") -> Any:
    return build_plan(
        {
            "lines": f"KẾ HOẠCH\n{IMPLEMENTS}\n(5) Tỷ lệ lao động qua đào tạo trên 65%.{extra}",
            "meta": {"issuer": "Ban Thường vụ Thị ủy"},
            "targets": [
                {"id": "2.1(5)", "line": 3, "text": "(5) Tỷ lệ lao động qua đào tạo trên 65%."}
            ],
        },
        name="town.txt",
    )


def test_a_parent_is_read_against_the_catalogue_once_for_its_children(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An audit checks every ward against the same town plan: the town plan was matched
    # with the catalogue again for each (1.9 ms a check for the real one, issue 18).
    read: list[str] = []
    real = chain.match_reference

    def counted(plan: Any, *args: Any) -> Any:
        read.append(plan.source.name)
        return real(plan, *args)

    monkeypatch.setattr(chain, "match_reference", counted)
    reference = load_reference().model_copy()  # a copy remembers nothing yet
    first = check_plan(_ward("An Phú"), _town(), reference=reference)
    second = check_plan(_ward("An Phú"), _town(), reference=reference)  # the same parent
    assert first.basis == second.basis == "chain"
    assert first.matches == second.matches
    assert read.count("town.txt") == 1 and read.count("An Phú.txt") == 2
    # A parent that says something more is another parent: it is read for itself.
    check_plan(_ward("An Phú"), _town("\nTuyên truyền về tàu thuyền."), reference=reference)
    assert read.count("town.txt") == 2
