"""Repair of lost glyphs (one space each): real damaged lines, held-out garbling, the CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import EXIT_INPUT_ERROR, app
from extract.repair import repair_lines
from extract.repair.build_data import tracked_word_list
from extract.repair.case_model import CaseModel
from extract.repair.drop_rates import DropRates
from extract.repair.dropped import (
    UNCERTAIN_BELOW,
    damaged_line_numbers,
    line_is_damaged,
    padding_rate,
    repair_dropped_glyphs,
)
from extract.repair.evidence import letter_counts
from extract.repair.model import RepairModel, default_model
from tests.benchmarks.repair_bench import garble, model_without, score
from tests.conftest import PLANS

GARBLED_PLAN = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"

# Lines of the garbled town plan with their hand restoration (the dev gold,
# ../shared/gold/000.lines-0001-0400.gold.txt). The model never reads the gold.
RESTORED = {
    # A heading in another font, which loses "h", "n", "i", "ệ" and "ự" (line rates).
    3: "thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022 của Ban Thường vụ Tỉnh ủy  ",
    # Headings of that font where nothing on the line shows that "ự" is lost: the
    # line's font is told by "h" and "n", "ự" by line 3 (correlation drawn to the document's).
    53: "1. Tổ chức quán triệt, triển khai thực hiện ",
    80: "2. Thực hiện các mục tiêu cụ thể của Đề án đến năm 2026 ",
    5: "về đổi mới và nâng cao hiệu quả công tác dân vận góp phần phát triển kinh tế, ",
    35: "điểm, mục tiêu, nhiệm vụ, giải pháp của Đề án 13. Xác định rõ nội dung, thời gian ",
    76: "các đơn vị lực lượng vũ trang trên địa bàn thị xã. ",
    # "s  c p": "sơ cấp" (the general text knows it), not "sứ cấp" (the plans alone).
    147: "sơ cấp, trung cấp; có ít nhất 40% học sinh tốt nghiệp THPT tiếp tục học tập tại các ",
    # "b" and "í" lost after ";": the plans capitalise "Bí thư" there, but this document's
    # font loses "b" and never "B" (capital odds, re-estimated after the first pass).
    185: "công tác dân vận của cơ quan hành chính nhà nước và chính quyền các cấp; bí thư ",
    159: "(6) Hằng năm, Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội ",
    265: "- Cơ quan lãnh đạo: Ban Thường vụ Thị ủy. ",
    # Beyond the dev gold (our reading: "đồng ý đề nghị công nhận"): a lost glyph, not a
    # second space ("đồng  đưa nghị" while two spaces in a row cost too little).
    742: "và đồng ý đề nghị công nhận và công nhận lại đạt chuẩn đô thị văn minh. ",
    # Beyond the dev gold: a heading's lost first letter, a capital ("P") the prior
    # knows less of than "p" (was "nhất huy").
    499: "2.1.3. Phát huy vai trò giám sát, phản biện xã hội của các cơ quan, Mặt trận và ",
    320: " (1) Từ 70% đến 75% vỉa hè trước nhà ở, cơ quan, đơn vị, trường học, bệnh ",
    # Beyond the dev gold: "giữ   n" is "giữ gìn", as the document's font loses "ì" on this
    # line; a list marker "2. N   m" read as the code "2.AN" in the first pass skewed the
    # line rates to "giữ ban".
    641: "môi trường trong các công trình xây dựng đô thị; giữ gìn an ninh trật tự, không lấn ",
    363: "cao nhận thức, trách nhiệm của cấp ủy, chính quyền trong đổi mới và nâng cao ",
    # Beyond the dev gold: "c  thể" is "cụ thể", told by "thể" alone; after "kế hoạch"
    # "cơ" leads, and the beam let "cụ" go before "thể" was scored (path_check).
    708: "dựng kế hoạch cụ thể và phân công nhiệm vụ cho các cơ quan, đơn vị trực thuộc ",
}


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def garbled_plan() -> tuple[list[str], list[str], list]:
    lines = _read_lines(GARBLED_PLAN)
    repaired, notes = repair_dropped_glyphs(lines)
    return lines, repaired, notes


def test_real_damaged_lines_are_restored(garbled_plan) -> None:
    lines, repaired, _ = garbled_plan
    for number, expected in RESTORED.items():
        assert lines[number - 1] != expected  # really damaged
        assert repaired[number - 1] == expected


def test_repair_keeps_line_count_lengths_and_intact_glyphs(garbled_plan) -> None:
    lines, repaired, _ = garbled_plan
    assert len(repaired) == len(lines)
    for before, after in zip(lines, repaired, strict=True):
        assert len(after) == len(before)
        assert all(old in (" ", new) for old, new in zip(before, after, strict=True))


def test_every_repaired_span_has_a_confidence_and_uncertain_below_threshold(garbled_plan) -> None:
    lines, _, notes = garbled_plan
    assert len(notes) > 1000
    for note in notes:
        assert note.method == "dropped-glyph"
        assert 0.0 <= note.confidence <= 1.0
        assert note.uncertain == (note.confidence < UNCERTAIN_BELOW)
        assert lines[note.line - 1][note.start : note.end] == note.before
        assert len(note.after) == len(note.before)


def test_damage_detector_tells_lost_glyphs_from_acronyms() -> None:
    is_valid = default_model().inventory.is_valid
    assert line_is_damaged("B n Th  n  v  Thị   ", is_valid)
    assert line_is_damaged("c c c  qu n,   n vị", is_valid)
    assert not line_is_damaged("Ban Thường vụ Thị ủy", is_valid)
    assert not line_is_damaged("HĐND, UBND và MTTQ Việt Nam năm 2023", is_valid)


def test_a_few_odd_words_do_not_make_a_document_garbled() -> None:
    is_valid = default_model().inventory.is_valid
    lines = ["Ban Thường vụ Thị ủy", "các cơ quan, đơn vị"] * 30
    lines[7:7] = ["Gửi thư tới địa chỉ Gmail của Sở", "Trang Facebook của Đoàn"]
    assert damaged_line_numbers(lines, is_valid) == []
    assert repair_lines(lines) == (lines, [])


def test_detection_judges_each_distinct_word_of_a_clean_plan_once(monkeypatch) -> None:
    # A clean plan costs its detection only: 2,600 words a plan, about 560 distinct (issue 18).
    from extract.repair import dropped

    judged: list[str] = []

    def counted(core: str, is_syllable: object) -> bool:
        judged.append(core)
        return dropped_is_fragment(core, is_syllable)

    dropped_is_fragment = dropped.is_fragment
    monkeypatch.setattr(dropped, "is_fragment", counted)
    lines = _read_lines(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt") * 3
    assert damaged_line_numbers(lines, default_model().inventory.is_valid) == []
    distinct = {run for line in lines for run in line.split()}
    assert len(judged) == len(distinct) < sum(len(line.split()) for line in lines) / 3


def test_detection_counts_a_long_line_in_stretches_of_words() -> None:
    # 48 words are three stretches of 16: a lost glyph in each makes three damaged
    # stretches, enough for a document; in one stretch only, not; 16 words are one stretch.
    is_valid = default_model().inventory.is_valid
    words = ["các", "cơ", "quan", "đơn"] * 12
    in_each = [*words]
    in_each[3] = in_each[20] = in_each[40] = "Th"
    assert damaged_line_numbers([" ".join(in_each)], is_valid) == [0]
    in_one = [*words]
    in_one[3] = in_one[5] = in_one[7] = "Th"
    assert damaged_line_numbers([" ".join(in_one)], is_valid) == []
    assert damaged_line_numbers([" ".join(in_one[:16])] * 3, is_valid) == [0, 1, 2]


@pytest.fixture(scope="module")
def ward_plan_held_out() -> tuple[RepairModel, list[str]]:
    """A model without the ward plan, and the ward plan's lines."""
    held_out = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
    clean_plans = [
        path for path in sorted(PLANS.glob("*.txt")) if path not in (held_out, GARBLED_PLAN)
    ]
    return model_without(held_out, clean_plans, *tracked_word_list()), _read_lines(held_out)


def test_a_font_that_loses_only_d_leaves_valid_syllables_and_gaps_and_is_repaired(
    ward_plan_held_out,
) -> None:
    # "  ảng", " ể", " ồng": every damaged word is a valid syllable; only the gaps show.
    model, clean = ward_plan_held_out
    rng = random.Random(5)
    garbled = [
        "".join(" " if c == "đ" and rng.random() < 0.9 else c for c in line) for line in clean
    ]
    assert not any(line_is_damaged(line, model.inventory.is_valid) for line in garbled)
    repaired, _ = repair_dropped_glyphs(garbled, model=model)
    accuracy = score(clean, garbled, repaired)["damaged_word_accuracy"]
    assert isinstance(accuracy, float) and accuracy >= 0.95  # 0 when gaps did not count


def test_a_few_typed_double_spaces_do_not_make_a_document_garbled() -> None:
    lines = _read_lines(PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt")
    typed = [
        line.replace(" ", "  ", 1) if index % 10 == 0 else line for index, line in enumerate(lines)
    ]
    assert repair_dropped_glyphs(typed) == (typed, [])


def test_padding_rate_comes_from_the_documents_own_line_ends() -> None:
    padded = ["Kế hoạch năm 2023.   ", "các cơ quan, đơn vị;  ", "Thường xuyên. "] * 5
    typed = ["Kế hoạch năm 2023.", "các cơ quan, đơn vị;", "Thường xuyên."] * 5
    assert padding_rate(padded) > 0.2
    assert padding_rate(typed) == pytest.approx(0.03, abs=0.01)
    assert padding_rate([]) <= 0.5


def test_trailing_padding_is_not_filled_with_words(garbled_plan) -> None:
    lines, repaired, _ = garbled_plan
    for before, after in zip(lines, repaired, strict=True):
        text = before.rstrip(" ")
        if text.endswith((".", ";", ":")) and len(before) - len(text) >= 2:
            assert after[len(text) + 1 :].strip() == ""


@pytest.fixture(scope="module")
def held_out_repair(ward_plan_held_out) -> dict[str, object]:
    """A clean plan the model has not seen, garbled with the measured loss rates."""
    model, clean = ward_plan_held_out
    garbled = garble(clean, DropRates.default(), random.Random(7))
    repaired, notes = repair_dropped_glyphs(garbled, model=model)
    return {"clean": clean, "garbled": garbled, "repaired": repaired, "notes": notes}


def test_held_out_synthetic_garbling_is_mostly_restored(held_out_repair) -> None:
    figures = score(
        held_out_repair["clean"], held_out_repair["garbled"], held_out_repair["repaired"]
    )
    words, accuracy = figures["damaged_words"], figures["damaged_word_accuracy"]
    positions = figures["restored_position_accuracy"]
    assert isinstance(words, int) and words > 500
    assert isinstance(accuracy, float) and accuracy >= 0.9
    assert isinstance(positions, float) and positions >= 0.9


def test_held_out_repair_changes_only_lost_positions(held_out_repair) -> None:
    for garbled, repaired in zip(
        held_out_repair["garbled"], held_out_repair["repaired"], strict=True
    ):
        assert len(repaired) == len(garbled)
        assert all(old in (" ", new) for old, new in zip(garbled, repaired, strict=True))


def test_a_font_that_loses_other_glyphs_than_the_prior_knows_is_read_off_the_document(
    ward_plan_held_out,
) -> None:
    # "c", "h", "n", "t" are almost never lost in the dev gold; a document whose
    # font lost them shows it by missing them, and is repaired all the same.
    model, clean = ward_plan_held_out
    lost = set("chntCHNT")
    rng = random.Random(11)  # most, not all: a line keeping one "n" still lost the others
    garbled = [
        "".join(" " if char in lost and rng.random() < 0.9 else char for char in line)
        for line in clean
    ]
    repaired, _ = repair_dropped_glyphs(garbled, model=model)
    accuracy = score(clean, garbled, repaired)["damaged_word_accuracy"]
    assert isinstance(accuracy, float) and accuracy >= 0.9  # 0.83 from the prior alone


def test_letters_far_below_their_share_are_taken_as_lost_and_small_shortfalls_are_not() -> None:
    share = {"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2, "e": 0.05}
    # "c" mostly lost, "d" a little short, "e" twice as common as usual
    observed = {"a": 300, "b": 290, "c": 20, "d": 150, "e": 100}
    prior = DropRates({"b": 0.9, "c": 0.01, "d": 0.01, "e": 0.001}, 0.02, 0.002)
    rates = prior.fitted_to_letter_counts(observed, share)
    assert rates.rate("e") == 0.001  # a letter the document has in full is not raised
    assert rates.rate("c") > 0.3
    assert rates.rate("d") == 0.01
    assert rates.rate("a") == 0.02
    assert rates.rate("b") <= 0.55  # the prior's "lost nine times in ten", yet all there


def test_a_capital_far_below_its_share_is_taken_as_lost_apart_from_its_lower_case() -> None:
    counts = letter_counts(["Mặt trận, mặt", "Ban ban"])
    assert counts["m"] == 2 and counts["M"] == 1 and counts["b"] == 2 and counts["B"] == 1
    share = {"a": 0.5, "b": 0.3, "m": 0.2, "M": 0.05}
    observed = {"a": 500, "b": 300, "m": 200, "M": 5}  # "m" in full, its capital mostly lost
    rates = DropRates({"m": 0.001, "M": 0.001}, 0.02, 0.002).fitted_to_letter_counts(
        observed, share
    )
    assert rates.rate("M") > 0.3
    assert rates.rate("m") == 0.001


def test_after_a_full_stop_a_word_opens_the_sentence_whatever_its_habit_inside_one() -> None:
    case = CaseModel()
    sentences = [["Kế", "hoạch", ".", "Các", "đơn", "vị", "trong", "tỉnh", "."]] * 20
    case.observe_lines(sentences)
    # "trong" is never seen after a full stop, and always in lower case inside a sentence.
    assert case.capital_probability(".", "trong", "năm") > 0.5
    assert case.capital_probability("vị", "trong", "tỉnh") < 0.5


# ------------------------------------------------------------------ plancheck repair


def test_cli_text_output_has_one_line_per_input_line(tmp_path: Path) -> None:
    out = tmp_path / "repaired.txt"
    result = CliRunner().invoke(app, ["repair", str(GARBLED_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    source = GARBLED_PLAN.read_text(encoding="utf-8").splitlines()
    repaired = out.read_text(encoding="utf-8").splitlines()
    assert len(repaired) == len(source)
    assert [len(line) for line in repaired] == [len(line) for line in source]
    assert repaired[264] == RESTORED[265]


def test_cli_json_lists_every_changed_span(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["repair", str(GARBLED_PLAN), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    source = GARBLED_PLAN.read_text(encoding="utf-8").splitlines()
    assert document["lines"] == len(source)
    changes = document["changes"]
    assert len(changes) > 1000
    keys = {"line", "column", "before", "after", "confidence", "method", "uncertain"}
    for change in changes:
        assert set(change) == keys
        start = change["column"] - 1
        assert source[change["line"] - 1][start : start + len(change["before"])] == change["before"]
    line_265 = [change for change in changes if change["line"] == 265]
    assert {(change["before"], change["after"]) for change in line_265} >= {("B n", "Ban")}


def test_cli_clean_text_passes_through_unchanged(tmp_path: Path) -> None:
    clean = PLANS / "ban-dan-toc-quang-ngai-de-an-13.txt"
    result = CliRunner().invoke(app, ["repair", str(clean)])
    assert result.exit_code == 0
    assert result.stdout == clean.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.txt", None), ("empty.txt", b""), ("plan.xls", b"x"), ("binary.txt", b"\x00\x01")],
)
def test_cli_bad_input_is_one_message_and_exit_2(
    tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(app, ["repair", str(path)])
    assert result.exit_code == EXIT_INPUT_ERROR
    assert "Lỗi / Error" in result.stderr
    assert "Traceback" not in result.output


def test_cli_repairs_a_docx_paragraph_by_paragraph(tmp_path: Path) -> None:
    from tests.render import render_docx

    lines = _read_lines(GARBLED_PLAN)
    document = render_docx(lines, tmp_path / "garbled.docx")
    result = CliRunner().invoke(app, ["repair", str(document), "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    assert {"line": 265, "column": 21, "before": "B n", "after": "Ban"}.items() <= next(
        change for change in changes if change["line"] == 265 and change["column"] == 21
    ).items()
    text = CliRunner().invoke(app, ["repair", str(document)]).stdout.split("\n")
    assert text[264] == RESTORED[265]


def test_a_line_the_model_cannot_read_is_left_as_it_is() -> None:
    # Found by hypothesis: no reading of "<_" reached the end of the line.
    assert repair_lines(["B", "B", "<_", "Uo"]) == (["B", "B", "<_", "Uo"], [])


def test_a_printed_underscore_is_no_lost_glyph() -> None:
    # A real decision (Đắk Nông, development realdocs) whose rule under the title is a line
    # of underscores: the repair read them as blanks and wrote a word there ("cơ", "đề").
    from extract import load_plan

    path = Path(__file__).parent / "realdocs/dev/dak-nong-ubnd-qd-khuyen-nong-2006-2010.txt"
    plan = load_plan(path)
    rule = next(line for line in plan.lines if line.number == 7)
    assert set(rule.text) == {"_"}
    assert not [note for note in plan.repairs if note.line == 7]


def test_a_third_pass_rereads_the_lines_still_doubtful_after_the_second() -> None:
    # A real commune plan (realdocs dev split, never training text) garbled by the honest
    # bench's second unseen font of seed 1: after two passes "Tỷ lệ" still read "Tự lệ" and
    # "Tổ lệ"; the rates and wording the second pass found settle it.
    from tests.benchmarks.repair_honest_bench import Profile
    from tests.realdocs.gold import HERE as REALDOCS

    name = "ba-ria-vung-tau-xa-tam-phuoc-chi-tieu-2022"
    clean = _read_lines(REALDOCS / "dev" / f"{name}.txt")
    fonts = random.Random("profile-1")
    Profile.draw(fonts, "s1p0")
    garbled = Profile.draw(fonts, "s1p1").garble(clean, random.Random(f"1-{name}"))
    repaired, _ = repair_dropped_glyphs(garbled)
    for number in (29, 31):
        assert "Tỷ lệ" not in garbled[number]
        assert "Tỷ lệ" in repaired[number]
