"""Legacy encodings (TCVN3, VNI, VISCII, VPS, Windows-1258) to Unicode, and clean text untouched."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import load_plan
from extract.model import FontRun
from extract.repair import repair_lines
from extract.repair.detect import classify_line, may_be_legacy
from extract.repair.legacy import repair_legacy
from extract.repair.legacy_tables import legacy_tables, read_table
from extract.repair.model import default_model
from tests.conftest import PLANS

TABLES = {table.name: table for table in legacy_tables()}
BASES = "aăâeêioôơuưy"
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = [unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONE_MARKS] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
# Letters a published table has no code for (GNU recode's VPS table lacks Ỗ).
NOT_IN_STANDARD = {"vps": {"Ỗ"}}
SENTENCES = [
    "Kế hoạch thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy",
    "về nâng cao chất lượng, hiệu quả công tác dân vận giai đoạn 2022 - 2026.",
    "Phấn đấu 100% cấp ủy, chính quyền được quán triệt, tổ chức thực hiện nghiêm túc.",
    "Các cơ quan, đơn vị, địa phương xây dựng kế hoạch, báo cáo kết quả về Ban Dân vận.",
]
CLEAN_PLANS = sorted(path for path in PLANS.glob("*.txt") if "loi-phong" not in path.name)


def is_valid(word: str) -> bool:
    return default_model().inventory.is_valid(word)


def encode(table_name: str, text: str) -> str:
    """Text as typed in a legacy font; TCVN3 capitals with tones go through an all-caps font."""
    table = TABLES[table_name]
    if table_name == "tcvn3":
        return "".join(
            table.encoded.get(char, table.encoded.get(char.lower(), char)) for char in text
        )
    return table.encode(text)


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("name", sorted(TABLES))
def test_round_trip_every_letter_with_every_tone_lowercase(name: str) -> None:
    table = TABLES[name]
    for letter in LOWER:
        assert letter in table.encoded or letter.isascii(), (name, letter)
        encoded = table.encode(letter)
        assert table.decode(encoded) == letter, (name, letter, encoded)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_round_trip_every_letter_with_every_tone_uppercase(name: str) -> None:
    table = TABLES[name]
    missing = NOT_IN_STANDARD.get(name, set())
    for letter in UPPER:
        if letter in missing:
            assert letter not in table.encoded
            continue
        if name == "tcvn3" and letter not in table.encoded:
            # VN3 has no toned capitals: the lowercase code, printed by an all-caps font.
            assert table.is_uppercase_font(".VnTimeH")
            assert table.decode(table.encode(letter.lower())).upper() == letter
            continue
        assert letter in table.encoded or letter.isascii(), (name, letter)
        encoded = table.encode(letter)
        assert table.decode(encoded) == letter, (name, letter, encoded)


def test_tcvn3_known_bytes_follow_the_standard() -> None:
    tcvn3 = TABLES["tcvn3"]
    assert tcvn3.encode("Kế hoạch") == "KÕ ho¹ch"
    assert tcvn3.encode("Đảng") == "§¶ng"
    assert TABLES["vni"].encode("Kế hoạch") == "Keá hoaïch"
    assert TABLES["cp1258"].decode("Vi\xeaòt") == "Việt"


def test_a_table_with_two_letters_on_one_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\nmethod: legacy-bad\nfonts: []\nuppercase_fonts: []\n"
        "letters:\n  á: ['E1']\n  à: ['E1']\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="share a code"):
        read_table(path)


def test_a_table_with_a_malformed_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\nmethod: legacy-bad\nfonts: []\nuppercase_fonts: []\nletters:\n  á: ['zz']\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="hex bytes"):
        read_table(path)


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize("name", sorted(TABLES))
def test_legacy_sentences_are_detected_and_decoded(name: str) -> None:
    encoded = [encode(name, sentence) for sentence in SENTENCES]
    repaired, notes = repair_legacy(encoded)
    assert repaired == SENTENCES
    assert notes
    assert {note.method for note in notes} == {f"legacy-{name}"}
    for note, line in ((note, encoded[note.line - 1]) for note in notes):
        assert line[note.start : note.end] == note.before


@pytest.mark.parametrize(
    ("mojibake", "unicode"),
    [
        ("KÕ ho¹ch sè 48-KH/§U", "Kế hoạch số 48-KH/ĐU"),
        ("§¶ng ñy ph­êng QuËn", "Đảng ủy phường Quận"),
        ("Keá hoaïch thöïc hieän Ñeà aùn", "Kế hoạch thực hiện Đề án"),
        ("KÕ HO¹CH thùc hiÖn", "Kế HOẠCH thực hiện"),
        ("BAN TH¦êNG Vô TØNH ñY", "BAN THƯỜNG VỤ TỈNH ỦY"),
    ],
)
def test_real_looking_mojibake_lines(mojibake: str, unicode: str) -> None:
    assert repair_legacy([mojibake])[0] == [unicode]


def test_clean_unicode_with_latin1_letters_is_never_legacy() -> None:
    lines = [
        "và các cán bộ, công chức",
        "Các cơ quan, đơn vị",
        "café, résumé và José",
        "Hà Nội, ngày 10 tháng 10 năm 2022",
        "",
        "123 - ABC",
    ]
    assert repair_legacy(lines) == (lines, [])
    assert not may_be_legacy("Ban Thường vụ Tỉnh ủy")
    assert classify_line("và các cán", tuple(TABLES.values()), is_valid) is None


def test_one_word_line_needs_support_from_the_document() -> None:
    alone = ["Về các cán bộ", "§iÒu"]
    assert repair_legacy(alone)[0] == alone
    supported = ["§iÒu", "KÕ ho¹ch thùc hiÖn", "c¸c c¬ quan, ®¬n vÞ", "tæ chøc"]
    repaired, notes = repair_legacy(supported)
    assert repaired == ["Điều", "Kế hoạch thực hiện", "các cơ quan, đơn vị", "tổ chức"]
    assert all(note.confidence >= 0.8 for note in notes)


def test_a_number_line_is_decoded_with_the_rest_of_the_document() -> None:
    # Issue 22, item 11: no word of "Sè 48 -KH/§U" says which encoding it is in
    # ("sè" and "số" are both syllables), so the line stayed unconverted and the
    # document's number was lost.
    document = ["§¶ng ñy ph­êng", "Sè 48 -KH/§U", "KÕ ho¹ch thùc hiÖn", "c¸c c¬ quan, ®¬n vÞ"]
    repaired, notes = repair_legacy(document)
    assert repaired[1] == "Số 48 -KH/ĐU"
    assert all(note.confidence >= 0.8 for note in notes if note.line == 2)
    alone = ["Sè 48 -KH/§U"]  # without a document around it, it proves nothing
    assert repair_legacy(alone)[0] == alone


def test_a_unicode_line_of_latin1_letters_in_a_legacy_document_is_left() -> None:
    document = ["KÕ ho¹ch thùc hiÖn", "c¸c c¬ quan, ®¬n vÞ", "café, résumé và José"]
    assert repair_legacy(document)[0][2] == "café, résumé và José"


@pytest.mark.parametrize("plan", CLEAN_PLANS, ids=lambda path: path.stem)
def test_clean_corpus_plans_pass_byte_identical(plan: Path) -> None:
    lines = plan.read_text(encoding="utf-8").split("\n")
    assert repair_legacy(lines) == (lines, [])
    repaired, notes = repair_lines(lines)
    assert repaired == lines
    assert notes == []


# --------------------------------------------------------------------------- fonts


def test_font_run_decides_and_converts_only_its_span() -> None:
    line = "KÕ ho¹ch sè 48 và các cán bộ"
    runs = [FontRun(start=0, end=14, font=".VnTime"), FontRun(start=14, end=28, font="Arial")]
    repaired, notes = repair_legacy([line], [runs])
    assert repaired == ["Kế hoạch số 48 và các cán bộ"]
    assert [(note.start, note.end, note.method) for note in notes] == [(0, 14, "legacy-tcvn3")]


def test_all_caps_font_prints_lowercase_codes_as_capitals() -> None:
    line = "KÕ ho¹ch"
    runs = [FontRun(start=0, end=8, font="ABCDEF+.VnTimeH")]
    assert repair_legacy([line], [runs])[0] == ["KẾ HOẠCH"]


def test_unicode_text_left_in_a_legacy_font_is_untouched() -> None:
    lines = ["Kế hoạch của Đảng ủy", "và các cán bộ"]
    runs = [[FontRun(start=0, end=len(line), font=".VnTime")] for line in lines]
    assert repair_legacy(lines, runs) == (lines, [])


def test_vnitimes_docx_through_load_plan(tmp_path: Path) -> None:
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run(encode("tcvn3", "kế hoạch")).font.name = ".VnTimeH"
    body = document.add_paragraph()
    body.add_run(encode("tcvn3", "Thực hiện Đề án số 13-ĐA/TU")).font.name = ".VnTime"
    body.add_run(" của Ban Thường vụ Tỉnh ủy").font.name = "Times New Roman"
    document.add_paragraph().add_run(encode("vni", "về công tác dân vận")).font.name = "VNI-Times"
    path = tmp_path / "legacy.docx"
    document.save(str(path))
    plan = load_plan(path)
    texts = [line.text for line in plan.lines if line.text.strip()]
    assert texts == [
        "KẾ HOẠCH",
        "Thực hiện Đề án số 13-ĐA/TU của Ban Thường vụ Tỉnh ủy",
        "về công tác dân vận",
    ]
    assert {note.method for note in plan.repairs} == {"legacy-tcvn3", "legacy-vni"}
    assert all(line.raw != line.text for line in plan.lines if line.text.strip())


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_legacy_text_file_read_through_the_windows_1258_fallback(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes("\n".join(encode(name, line) for line in SENTENCES).encode("cp1252"))
    plan = load_plan(path)
    assert plan.source.encoding == "cp1258"
    assert [line.text for line in plan.lines] == SENTENCES
    assert {note.method for note in plan.repairs} >= {f"legacy-{name}"}


SYLLABLES = sorted(default_model().inventory.weights)
LATIN1_SYLLABLES = [word for word in SYLLABLES if all(ord(char) < 0x100 for char in word)]


def cased(syllable: str, shape: int) -> str:
    return (syllable, syllable.capitalize(), syllable.upper())[shape]


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(LATIN1_SYLLABLES + SYLLABLES), st.integers(0, 2)),
        min_size=1, max_size=14,
    ),
    st.sampled_from(["", ",", ".", ";", ":"]),
)
def test_clean_vietnamese_is_a_fixed_point(words: list[tuple[str, int]], end: str) -> None:
    # Latin-1-only syllables ("các", "và", "tôi") are the ones legacy views share.
    line = " ".join(cased(syllable, shape) for syllable, shape in words) + end
    assert repair_legacy([line, line, line]) == ([line, line, line], [])
