"""Issue 21: corpus plans checked with their parent removed are compared with Đề án 13 itself."""

from functools import cache

from extract import load_plan
from extract.model import Plan
from extract.resources import corpus_dir
from reports.audit import build_audit
from reports.audit_view import build_audit_view
from reports.build import build_report
from rules import check_plan
from rules.findings import CheckResult
from rules.linking.scope import scope_note
from rules.reference import load_reference

PLANS = corpus_dir() / "plans"
WARD = "dang-uy-phuong-48-KH-DU-de-an-13.txt"
ETHNIC = "ban-dan-toc-quang-ngai-de-an-13.txt"
HONG_LINH = "ubnd-hong-linh-dan-van-chinh-quyen-2023.txt"


@cache
def _plan(name: str) -> Plan:
    return load_plan(PLANS / name)


@cache
def _alone(name: str) -> CheckResult:
    return check_plan(_plan(name))


def _codes(result: CheckResult) -> list[str]:
    return [finding.code for finding in result.findings]


def test_ward_without_town_plan_misses_the_de_an_items_it_lacks() -> None:
    result = _alone(WARD)
    assert result.basis == "reference" and result.parent is None
    missing = [finding for finding in result.findings if finding.code == "C001"]
    # The ward is coastal (Phổ Ninh): the boats indicator applies and the plan has none.
    assert any("tàu thuyền" in finding.message for finding in missing)
    assert all("Đề án 13" in finding.message for finding in missing)
    assert "C002" in _codes(result)
    # The rural indicators of the Đề án do not apply to a phường.
    rural = [match for match in result.matches if match.parent_id == "new_countryside_workdays"]
    assert rural and rural[0].not_applicable_reason is not None
    assert not any("nông thôn mới" in finding.message for finding in missing)


def test_ward_without_town_plan_compares_no_figure_and_says_so() -> None:
    result = _alone(WARD)
    assert not {"T001", "T002", "C003", "D004"} & set(_codes(result))
    assert "D001" in _codes(result)
    assert result.scope_note is not None
    assert result.scope_note.startswith("THIẾU VĂN BẢN CẤP TRÊN")
    assert "CHƯA SO SÁNH ĐƯỢC CÁC CON SỐ CHỈ TIÊU" in result.scope_note
    # The ward cites only the Đề án: what is missing is the district level's plan for it.
    assert result.missing_parent is not None and "cấp huyện" in result.missing_parent


def test_ethnic_committee_plan_names_kh_90_as_the_document_to_add() -> None:
    result = _alone(ETHNIC)
    assert result.basis == "reference"
    assert result.missing_parent == (
        "Kế hoạch số 90-KH/BDVTU ngày 23/11/2022 của Ban Dân vận Tỉnh ủy"
    )
    assert result.scope_note is not None and result.missing_parent in result.scope_note
    # A provincial agency: locality indicators do not apply, the Đề án's tasks do.
    tasks = [match for match in result.matches if match.kind == "task" and match.parent_id]
    assert tasks and all(match.not_applicable_reason is None for match in tasks)
    targets = [match for match in result.matches if match.kind == "target" and match.parent_id]
    assert targets and all(match.not_applicable_reason is not None for match in targets)


def test_a_plan_that_carries_out_nothing_still_gets_document_rules_only() -> None:
    result = _alone(HONG_LINH)
    assert result.basis == "none" and result.matches == []
    assert result.scope_note is not None and "chỉ áp dụng các quy tắc" in result.scope_note


def test_report_and_audit_never_show_a_reference_check_as_plain_ok() -> None:
    ethnic = build_report(_alone(ETHNIC), _plan(ETHNIC), None)
    ward = build_report(_alone(WARD), _plan(WARD), None)
    assert ethnic.status == "reference" and ethnic.basis == "reference"
    assert ward.status == "failed" and ward.basis == "reference"  # D001: 30/02/2023
    columns = build_audit_view(build_audit([ethnic, ward], []), {}).plans
    labels = {column.row.name: column.status_label for column in columns}
    assert all(column.status_class != "st-fine" for column in columns)
    reference = "Đối chiếu với Đề án (thiếu văn bản cấp trên)"
    assert labels[ETHNIC].startswith(reference) and labels[WARD].startswith(reference)
    assert labels[WARD].endswith("Có lỗi cần sửa")
    assert columns[1].parent_label == "Danh mục Đề án 13 (thiếu văn bản cấp trên)"
    rows = {entry.label: entry.status for entry in ward.coverage}
    assert rows["Phương tiện tàu thuyền không vi phạm vùng biển nước ngoài"] == "missing"


def test_chain_gap_that_arises_at_the_town_level_is_said_to(tmp_path) -> None:
    """The ward lacks the boats indicator; so does a town plan with it cut out."""
    town = (PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt").read_text(encoding="utf-8")
    lines = town.splitlines(keepends=True)
    cut = next(index for index, line in enumerate(lines) if line.startswith("(8) Ph"))
    end = next(index for index in range(cut + 1, len(lines)) if lines[index].startswith("(9)"))
    trimmed = tmp_path / "thi-uy-khong-co-chi-tieu-tau-thuyen.txt"
    trimmed.write_text("".join(lines[:cut] + lines[end:]), encoding="utf-8")
    result = check_plan(_plan(WARD), load_plan(trimmed))
    assert result.basis == "chain"
    boats = [finding for finding in result.findings if "tàu thuyền" in finding.message]
    assert [finding.code for finding in boats] == ["C001"]
    assert "Đề án 13" in boats[0].message and "phát sinh từ cấp trên" in boats[0].message
    # With the full town plan the gap arises at the ward: it lacks the town's 2.1(8).
    full = check_plan(_plan(WARD), _plan("thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"))
    assert full.basis == "chain"
    boats = [finding for finding in full.findings if "tàu thuyền" in finding.message]
    assert [finding.parent_target for finding in boats] == ["2.1(8)"]
    assert "phát sinh từ cấp trên" not in boats[0].message


def test_audit_names_the_chain_a_ward_was_compared_along() -> None:
    town = _plan("thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt")
    ward = build_report(check_plan(_plan(WARD), town), _plan(WARD), town)
    assert ward.basis == "chain"
    (column,) = build_audit_view(build_audit([ward], []), {}).plans
    assert column.parent_label.endswith(" → Đề án 13") and column.status_class == "st-missing"


def test_the_scope_note_names_the_document_by_its_own_type() -> None:
    # A decision or a letter that does not carry out Đề án 13 is not called a plan
    # (realdocs: Quyết định 119/QĐ-UBND of Bắc Giang was told "Kế hoạch này ...").
    reference = load_reference()
    for kind, opening in (("Quyết định", "Quyết định này"), (None, "Văn bản này")):
        note = scope_note(
            implements=False,
            has_parent=False,
            parent_fits=False,
            parent_below=False,
            missing_parent=None,
            reference=reference,
            document_kind=kind,
        )
        assert note is not None and note.startswith(f"{opening} không nêu là thực hiện")


def test_a_plan_carrying_out_another_document_is_told_to_add_it(tmp_path) -> None:
    # bac-kan-ubnd-kh21: the basis the preamble issues the plan for is named as the
    # document to add, and so is the Chỉ thị the Hồng Lĩnh plan says "Thực hiện ...".
    plan = tmp_path / "bac-kan.txt"
    plan.write_text(
        "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 21/KH-UBND\nBắc Kạn, ngày 16 tháng 01 năm 2025\n"
        "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2025\n\n"
        "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác "
        "dân vận năm 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác dân vận "
        "chính quyền năm 2025 với nội dung như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n",
        encoding="utf-8",
    )
    result = check_plan(load_plan(plan))
    assert result.basis == "none" and result.scope_note is not None
    assert result.scope_note.startswith(
        "Kế hoạch này nêu là thực hiện Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận "
        "Tỉnh ủy, không nêu là thực hiện Đề án 13"
    )
    assert "cần bổ sung văn bản trên" in result.scope_note
    note = _alone(HONG_LINH).scope_note
    assert note is not None and "thực hiện Chỉ thị số 03/CT-UBND" in note


def test_a_plan_carrying_out_nothing_by_number_keeps_the_document_rules_note() -> None:
    note = scope_note(
        implements=False,
        has_parent=True,
        parent_fits=False,
        parent_below=False,
        missing_parent=None,
        reference=load_reference(),
        document_kind="Kế hoạch",
        carried_out="Chỉ thị số 03/CT-UBND",
    )
    assert note is not None and note.startswith("Kế hoạch này không nêu là thực hiện")
