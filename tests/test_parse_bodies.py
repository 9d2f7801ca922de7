from __future__ import annotations

import pytest

from extract.parse.bodies import canonical_name, parse_bodies, read_label, split_bodies


@pytest.mark.parametrize(
    ("line", "roles", "is_deadline"),
    [
        ("- Cơ quan lãnh đạo: Đảng ủy", ("lead",), False),
        ("- Cơ quan chỉ đạo: Ban Thường vụ Thị ủy.", ("lead",), False),
        ("- Cơ quan tham mưu: Khối Dân vận Đảng ủy.", ("advisory",), False),
        ("Phòng tham mưu: Thanh tra Ban.", ("advisory",), False),
        ("- Cơ quan thực hiện: UBND thị xã", ("implementing",), False),
        ("Cơ quan, đơn vị thực hiện: Cấp ủy đảng, Công đoàn.", ("implementing",), False),
        ("- Cơ quan tham mưu, thực hiện: UBND phường.", ("advisory", "implementing"), False),
        ("- Đơn vị chủ trì: Phòng Nội vụ", ("lead",), False),
        ("- Cơ quan chủ trì: Ủy ban nhân dân xã.", ("lead",), False),
        ("- Cơ quan chủ trì thực hiện: UBND xã", ("lead",), False),
        ("- Cơ quan phối hợp: Công an xã, các thôn.", ("coordinating",), False),
        ("- Đơn vị phối hợp thực hiện: Đoàn Thanh niên", ("coordinating",), False),
        ("+ Phối hợp: Hội Nông dân", ("coordinating",), False),
        ("- Thời gian hoàn thành: trong quý I/2023.", (), True),
        ("Tiến độ thực hiện: Quý II/2023", (), True),
        ("Thời gian thực hiện: Thường xuyên.", (), True),
        ("- Chủ trì: Ban Dân vận Đảng ủy", ("lead",), False),
        ("- Lãnh đạo: Đảng ủy", ("lead",), False),
        ("+ Tham mưu: Khối dân vận", ("advisory",), False),
        ("- Trách nhiệm thực hiện: Các chi bộ", ("implementing",), False),
        ("* Thời gian: Quý I/2023", (), True),
    ],
)
def test_label(line: str, roles: tuple[str, ...], is_deadline: bool) -> None:
    label = read_label(line)
    assert label is not None
    assert (label.roles, label.is_deadline) == (roles, is_deadline)


@pytest.mark.parametrize(
    "line",
    [
        "Nơi nhận:",
        "Căn cứ mục đích: xây dựng kế hoạch",
        "- Ban Thường vụ Thị ủy,",
        "(1) Hằng năm",
        "- Nội dung: tuyên truyền",
        "- Trách nhiệm: nâng cao",
    ],
)
def test_not_a_label(line: str) -> None:
    assert read_label(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Hội đồng nhân dân, Ủy ban nhân dân phường; "
            "Mặt trận và các tổ chức chính trị - xã hội phường.",
            [
                "Hội đồng nhân dân",
                "Ủy ban nhân dân phường",
                "Mặt trận và các tổ chức chính trị - xã hội phường",
            ],
        ),
        ("UBND thị xã; Đảng ủy các xã, phường.", ["UBND thị xã", "Đảng ủy các xã, phường"]),
        ("Cấp ủy đảng, Lãnh đạo Ban, Công đoàn.", ["Cấp ủy đảng", "Lãnh đạo Ban", "Công đoàn"]),
        (
            "Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch",
            ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"],
        ),
        (
            "UBND thị xã; các cơ quan chuyên trách tham mưu, giúp việc Thị ủy",
            ["UBND thị xã", "các cơ quan chuyên trách tham mưu, giúp việc Thị ủy"],
        ),
    ],
)
def test_split_keeps_names_whole(value: str, expected: list[str]) -> None:
    assert split_bodies(value) == expected


def test_a_and_b_split_only_when_both_are_known() -> None:
    bodies = parse_bodies("UBND thị xã; Đảng ủy các xã, phường và các cơ quan, đơn vị liên quan.")
    assert [body.raw for body in bodies] == [
        "UBND thị xã",
        "Đảng ủy các xã, phường",
        "các cơ quan, đơn vị liên quan",
    ]
    (joint,) = parse_bodies("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thị xã")
    assert joint.name == "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thị xã"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("UBND thị xã", "Ủy ban nhân dân thị xã"),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),  # old tone placement
        ("UBND thi xã", "Ủy ban nhân dân thị xã"),  # a slip of the pen in the locality
        ("Thường trực HĐND thị xã", "Thường trực Hội đồng nhân dân thị xã"),
        ("Mặt trận phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường"),
        ("Ban Dân vận TU", "Ban Dân vận Tỉnh ủy"),
        ("Khối Dân vận Đảng ủy.", "Khối Dân vận Đảng ủy"),
        ("các chi bộ trực thuộc Đảng ủy", "Các chi bộ trực thuộc Đảng ủy"),
        (
            "các đơn vị lực lượng vũ trang trên địa bàn thị xã",
            "Các đơn vị lực lượng vũ trang trên địa bàn thị xã",
        ),
        (
            "Mặt trận và các tổ chức chính trị-xã hội phường",
            "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội phường",
        ),
        ("Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Huyện ủy"),
        ("Phòng Văn hoá - Thông tin", "Phòng Văn hóa - Thông tin"),
        ("Hợp tác xã Nông nghiệp", None),
        ("Ủy ban nhân dân và bà con", None),
    ],
)
def test_canonical_name(raw: str, name: str | None) -> None:
    assert canonical_name(raw) == name


def test_body_span_points_into_the_line() -> None:
    line = "- Cơ quan tham mưu: Ban Dân vận Thị ủy; UBND thị xã."
    label = read_label(line)
    assert label is not None
    value = line[label.value_start :]
    bodies = parse_bodies(value, line=3, offset=label.value_start)
    for body in bodies:
        assert body.span is not None
        assert line[body.span.start : body.span.end] == body.raw


def test_a_line_label_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The item, block and target readers each ask for the label of the same line.
    from extract.parse import bodies

    folded: list[str] = []
    real = bodies.normalise

    def counted(text: str) -> str:
        folded.append(text)
        return real(text)

    monkeypatch.setattr(bodies, "normalise", counted)
    line = "Cơ quan chủ trì thực hiện (đọc một lần): Ban Dân vận Thị ủy."
    first = bodies.read_label(line)
    asked = len(folded)
    assert first is not None and first.roles == ("lead",)
    assert bodies.read_label(line) is first
    assert len(folded) == asked > 0
