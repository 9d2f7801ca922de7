"""Constructed plans and check results for the report tests (no rules engine needed).

A ward plan (Kế hoạch 48-KH/ĐU) checked against Đề án 13-ĐA/TU: one weaker
target (T001), one missing target (C001), one coastal target not applicable,
one impossible date (D001), one missing lead body (C003), one waived note, a
line carrying hostile markup, and two repaired spans (one uncertain).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extract.model import (
    Line,
    Meta,
    Period,
    Plan,
    Quantity,
    RepairNote,
    Section,
    Signer,
    Source,
    Target,
)
from rules.engine import grade_coverage
from rules.findings import CheckResult, Evidence, Finding, Match, PlanSummary
from rules.linking.coverage import parent_coverage
from rules.registry import all_rules

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)>'

CHILD_LINES = [
    "ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ",
    "ĐẢNG ỦY PHƯỜNG PHỔ NINH",
    "Số 48-KH/ĐU",
    "Phổ Ninh, ngày 12 tháng 12 năm 2022",
    "KẾ HOẠCH",
    "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.",
    "II. MỤC TIÊU, CHỈ TIÊU",
    "2.1. Chỉ tiêu cụ thể",
    "(5) Tỷ lệ lao động qua đào tạo đạt 55% vào năm 2026.",
    '(7) Hằng năm xây dựng ít nhất 02 mô hình "Dân vận khéo".',
    "III. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Tổ chức hội nghị quán triệt trước ngày 30/02/2023.",
    f"2. Ghi chú của người soạn: {HOSTILE}",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Các chi bộ căn cứ Kế hoạch tổ chức thực hiện.",
]
# Line 8 was extracted with dropped glyphs: "nhn thc" repaired to "nhận thức".
CHILD_RAW = {8: "Nâng cao nhn thc của cán bộ, đảng viên về công tác dân vận."}

PARENT_LINES = [
    "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
    "BAN THƯỜNG VỤ TỈNH ỦY",
    "Số 13-ĐA/TU",
    "Quảng Ngãi, ngày 10 tháng 10 năm 2022",
    "ĐỀ ÁN",
    "Nâng cao chất lượng, hiệu quả công tác dân vận giai đoạn 2022 - 2026",
    "II. MỤC TIÊU, CHỈ TIÊU",
    "2.1. Chỉ tiêu cụ thể",
    "(5) Tỷ lệ lao động qua đào tạo đạt trên 65%.",
    '(6) 100% xã, phường, thị trấn có mô hình "Dân vận khéo" tiêu biểu.',
    '(7) Hằng năm mỗi cơ quan, đơn vị xây dựng ít nhất 02 mô hình "Dân vận khéo".',
    "2.2. Chỉ tiêu vùng biển",
    "(3) Tỷ lệ ngư dân tham gia tổ đoàn kết khai thác hải sản trên biển đạt 90%.",
]


def _source(path: str, lines: list[str]) -> Source:
    data = "\n".join(lines).encode("utf-8")
    return Source(
        path=path,
        name=path.rsplit("/", 1)[-1],
        format="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _lines(texts: list[str], raw: dict[int, str]) -> list[Line]:
    return [
        Line(number=number, raw=raw.get(number, text), text=text, source_line=number)
        for number, text in enumerate(texts, 1)
    ]


def _target(section: str, number: int, line: int, text: str, *quantities: Quantity) -> Target:
    return Target(
        id=f"{section}({number})",
        section=section,
        number=number,
        text=text,
        line=line,
        quantities=list(quantities),
    )


def child_plan() -> Plan:
    """The ward plan under review."""
    lines = CHILD_LINES
    return Plan(
        source=_source("corpus/plans/dang-uy-phuong-pho-ninh-48-KH-DU.txt", lines),
        lines=_lines(lines, CHILD_RAW),
        repairs=[
            RepairNote(
                line=8,
                start=9,
                end=12,
                before="nhn",
                after="nhận",
                method="dropped-glyph",
                confidence=0.93,
            ),
            RepairNote(
                line=8,
                start=13,
                end=16,
                before="thc",
                after="thức",
                method="dropped-glyph",
                confidence=0.55,
                uncertain=True,
            ),
        ],
        meta=Meta(
            doc_type="Kế hoạch",
            number="48-KH/ĐU",
            issuer="Đảng ủy phường Phổ Ninh",
            issuer_parent="Đảng bộ thị xã Đức Phổ",
            place="Phổ Ninh",
            issue_date=dt.date(2022, 12, 12),
            title="Thực hiện Đề án số 13-ĐA/TU của Ban Thường vụ Tỉnh ủy",
            period=Period(start=2022, end=2026),
            signer=Signer(name="Nguyễn Văn An", title="Bí thư"),
        ),
        sections=[
            Section(
                id="I", label="I.", title="MỤC ĐÍCH, YÊU CẦU", level=1, line_start=7, line_end=8
            ),
            Section(
                id="II",
                label="II.",
                title="MỤC TIÊU, CHỈ TIÊU",
                level=1,
                line_start=9,
                line_end=12,
                children=[
                    Section(
                        id="II.2.1",
                        label="2.1.",
                        title="Chỉ tiêu cụ thể",
                        level=2,
                        line_start=10,
                        line_end=12,
                    )
                ],
            ),
            Section(
                id="III",
                label="III.",
                title="NHIỆM VỤ VÀ GIẢI PHÁP",
                level=1,
                line_start=13,
                line_end=15,
            ),
            Section(
                id="IV", label="IV.", title="TỔ CHỨC THỰC HIỆN", level=1, line_start=16, line_end=17
            ),
        ],
        targets=[
            _target(
                "2.1", 5, 11, CHILD_LINES[10], Quantity(op="=", value=55, unit="%", raw="đạt 55%")
            ),
            _target(
                "2.1",
                7,
                12,
                CHILD_LINES[11],
                Quantity(op=">=", value=2, unit="mô hình", per="year", raw="ít nhất 02 mô hình"),
            ),
        ],
    )


def parent_plan() -> Plan:
    """Đề án 13-ĐA/TU, the parent."""
    lines = PARENT_LINES
    return Plan(
        source=_source("corpus/plans/ban-thuong-vu-tinh-uy-de-an-13.txt", lines),
        lines=_lines(lines, {}),
        meta=Meta(
            doc_type="Đề án",
            number="13-ĐA/TU",
            issuer="Ban Thường vụ Tỉnh ủy Quảng Ngãi",
            place="Quảng Ngãi",
            issue_date=dt.date(2022, 10, 10),
            title="Nâng cao chất lượng, hiệu quả công tác dân vận giai đoạn 2022 - 2026",
            period=Period(start=2022, end=2026),
        ),
        targets=[
            _target(
                "2.1", 5, 9, PARENT_LINES[8], Quantity(op=">", value=65, unit="%", raw="trên 65%")
            ),
            _target("2.1", 6, 10, PARENT_LINES[9], Quantity(op="=", value=100, unit="%")),
            _target(
                "2.1",
                7,
                11,
                PARENT_LINES[10],
                Quantity(op=">=", value=2, unit="mô hình", per="year"),
            ),
            _target("2.2", 3, 13, PARENT_LINES[12], Quantity(op="=", value=90, unit="%")),
        ],
    )


def _summary(plan: Plan, level: str, coastal: bool) -> PlanSummary:
    return PlanSummary(
        path=plan.source.path,
        name=plan.source.name,
        sha256=plan.source.sha256,
        meta=plan.meta,
        level=level,
        coastal=coastal,
    )


def findings() -> list[Finding]:
    """The findings a rules engine would report on the ward plan."""
    raw = [
        Finding(
            code="T001",
            name="targets.weaker",
            severity="error",
            confidence=0.9,
            message="Chỉ tiêu 2.1(5) thấp hơn kế hoạch cấp trên: 55% so với trên 65%",
            hint="Nâng chỉ tiêu lên ít nhất bằng mức của Đề án 13-ĐA/TU.",
            target="2.1(5)",
            parent_target="2.1(5)",
            line=11,
            parent_line=9,
            evidence=Evidence(
                child="Tỷ lệ lao động qua đào tạo đạt 55% vào năm 2026.",
                parent="Tỷ lệ lao động qua đào tạo đạt trên 65%.",
            ),
        ),
        Finding(
            code="C001",
            name="coverage.missing_target",
            severity="warning",
            confidence=0.8,
            message="Thiếu chỉ tiêu 2.1(6) của kế hoạch cấp trên: 100% xã, phường có mô hình "
            '"Dân vận khéo"',
            hint="Bổ sung chỉ tiêu hoặc giải trình lý do không đưa vào.",
            parent_target="2.1(6)",
            parent_line=10,
        ),
        Finding(
            code="D001",
            name="dates.invalid",
            severity="error",
            confidence=1.0,
            message="Ngày không tồn tại: 30/02/2023",
            hint="Sửa lại ngày cho đúng.",
            line=14,
            evidence=Evidence(child="trước ngày 30/02/2023"),
        ),
        Finding(
            code="C003",
            name="coverage.no_lead_body",
            severity="warning",
            confidence=0.7,
            message="Nhiệm vụ 2 không giao cơ quan chủ trì <b>thực hiện</b>",
            line=15,
            target="III.2",
        ),
        Finding(
            code="F002",
            name="form.recipients_missing",
            severity="info",
            confidence=0.6,
            message="Không tìm thấy phần Nơi nhận",
            line=17,
            waived=True,
            waiver_reason="Bản trình ký có Nơi nhận ở trang sau",
        ),
    ]
    return [finding.with_fingerprint() for finding in raw]


def relinked(result: CheckResult, parent: Plan | None) -> CheckResult:
    """The result with its coverage worked out again (as the engine does) after a test edit."""
    coverage = parent_coverage(result.matches, parent)
    return result.model_copy(
        update={"coverage": grade_coverage(coverage, result.findings, all_rules())}
    )


def check_result() -> CheckResult:
    """The check of the ward plan against Đề án 13, as the rules engine returns it."""
    child, parent = child_plan(), parent_plan()
    result = CheckResult(
        child=_summary(child, "xa", coastal=False),
        parent=_summary(parent, "tinh", coastal=True),
        implements_de_an_13=True,
        basis="chain",
        findings=findings(),
        matches=[
            Match(
                child_id="2.1(5)",
                parent_id="2.1(5)",
                kind="target",
                canonical_id="lao-dong-qua-dao-tao",
                method="catalogue",
                score=96.0,
            ),
            Match(
                child_id=None,
                parent_id="2.1(6)",
                kind="target",
                canonical_id="mo-hinh-dan-van-kheo-xa",
                method="unmatched",
                score=0.0,
            ),
            Match(
                child_id="2.1(7)",
                parent_id="2.1(7)",
                kind="target",
                canonical_id="mo-hinh-dan-van-kheo-hang-nam",
                method="catalogue",
                score=91.5,
            ),
            Match(
                child_id=None,
                parent_id="2.2(3)",
                kind="target",
                canonical_id="ngu-dan-to-doan-ket",
                method="unmatched",
                score=0.0,
                not_applicable_reason="Phường không có ngư dân khai thác hải sản xa bờ.",
            ),
        ],
    )
    return relinked(result, parent)


def clean_result(child: Plan, parent: Plan) -> CheckResult:
    """A second plan that carries every applicable target well (for audits)."""
    result = CheckResult(
        child=_summary(child, "xa", coastal=True),
        parent=_summary(parent, "tinh", coastal=True),
        implements_de_an_13=True,
        matches=[
            Match(
                child_id=target.id,
                parent_id=target.id,
                kind="target",
                canonical_id=canonical,
                method="catalogue",
                score=100.0,
            )
            for target, canonical in zip(
                parent.targets,
                [
                    "lao-dong-qua-dao-tao",
                    "mo-hinh-dan-van-kheo-xa",
                    "mo-hinh-dan-van-kheo-hang-nam",
                    "ngu-dan-to-doan-ket",
                ],
                strict=True,
            )
        ],
    )
    return relinked(result, parent)


def coastal_child() -> Plan:
    """A coastal commune's plan copying every parent target (renamed source)."""
    parent = parent_plan()
    lines = ["ĐẢNG ỦY XÃ PHỔ THẠNH", "Số 21-KH/ĐU", *PARENT_LINES[6:]]
    return parent.model_copy(
        update={
            "source": _source("corpus/plans/dang-uy-xa-pho-thanh-21-KH-DU.txt", lines),
            "meta": Meta(
                doc_type="Kế hoạch",
                number="21-KH/ĐU",
                issuer="Đảng ủy xã Phổ Thạnh",
                issue_date=dt.date(2023, 1, 5),
            ),
        }
    )
