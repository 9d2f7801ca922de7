"""Correction of text read by OCR: marks and look-alike letters fixed, numbers never guessed."""

from __future__ import annotations

import re

from extract.model import OcrLine, OcrWord
from extract.repair.ocr_channel import OcrChannel, default_channel
from extract.repair.ocr_correct import correct_ocr_lines


def _read(text: str, confidences: dict[str, float] | None = None) -> OcrLine:
    """An OcrLine for ``text``: every word at 0.96 unless ``confidences`` says otherwise."""
    confidences = confidences or {}
    words = [
        OcrWord(
            start=match.start(), end=match.end(), confidence=confidences.get(match.group(), 0.96)
        )
        for match in re.finditer(r"\S+", text)
    ]
    return OcrLine(bbox=(0, 0, 10, 10), dpi=200, confidence=0.9, words=words)


def test_misread_tone_marks_are_corrected_with_a_note() -> None:
    text = "nâng cao hiệu quả cổng tác dân vận của cả hệ thống chính trị"
    lines, notes = correct_ocr_lines([text], [_read(text, {"cổng": 0.62})])
    assert lines == ["nâng cao hiệu quả công tác dân vận của cả hệ thống chính trị"]
    [note] = notes
    assert (note.before, note.after, note.method) == ("cổng", "công", "ocr-correction")
    assert text[note.start : note.end] == "cổng"
    assert 0.0 < note.confidence <= 1.0


def test_well_read_text_is_a_fixed_point() -> None:
    texts = [
        "- Cơ quan thực hiện: Hội đồng nhân dân, Ủy ban nhân dân phường;",
        "tăng cường công tác kiểm tra, giám sát bảo đảm Đề án",
    ]
    lines, notes = correct_ocr_lines(texts, [_read(text) for text in texts])
    assert lines == texts and notes == []


def test_numbers_labels_and_roman_numerals_are_kept_and_marked_when_unsure() -> None:
    text = "II- Hoàn thành trong quý 1/2023, đạt 65%"
    unsure = {"II-": 0.55, "1/2023,": 0.6}
    lines, notes = correct_ocr_lines([text], [_read(text, unsure)])
    assert lines == [text]
    flagged = {(note.before, note.method, note.uncertain) for note in notes}
    assert flagged == {("II", "ocr-uncertain", True), ("1/2023", "ocr-uncertain", True)}


def test_typed_lines_between_scanned_ones_are_untouched() -> None:
    texts = ["cổng tác dân vận", "cổng tác dân vận"]
    lines, notes = correct_ocr_lines(texts, [None, _read(texts[1], {"cổng": 0.6})])
    assert lines == ["cổng tác dân vận", "công tác dân vận"]
    assert [note.line for note in notes] == [2]


def test_look_alike_letter_learned_from_training_is_a_candidate() -> None:
    rows = ["char\th\tb\t3", "char\th\th\t300", "conf\t60\t5\t10", "conf\t95\t99\t100"]
    channel = OcrChannel(rows)
    text = "Thời gian thực biện: năm 2023"
    lines, _ = correct_ocr_lines([text], [_read(text, {"biện:": 0.6})], channel=channel)
    assert lines == ["Thời gian thực hiện: năm 2023"]
    assert channel.wrong(0.62) > channel.wrong(0.97)


def test_shipped_channel_was_learned_from_scans() -> None:
    channel = default_channel()
    assert channel.right_by_bin and channel.wrong(0.3) > channel.wrong(0.96)


def test_syllables_joined_by_a_speck_are_split_and_a_cut_syllable_joined() -> None:
    text = "theo Đề án.số 13, Ủy:ban nhân dân phường triể n khai. Sau đó"
    lines, notes = correct_ocr_lines([text], [_read(text)])
    assert lines == ["theo Đề án số 13, Ủy ban nhân dân phường triển khai. Sau đó"]
    assert {note.method for note in notes} == {"ocr-spacing"}


def test_a_comma_typed_without_its_space_is_kept() -> None:
    text = "phát triển kinh tế,cộng đồng dân cư"
    lines, _ = correct_ocr_lines([text], [_read(text)])
    assert lines == ["phát triển kinh tế, cộng đồng dân cư"]


def test_a_real_full_stop_before_a_capital_is_kept() -> None:
    text = "thực hiện.Ban Thường vụ"
    lines, _ = correct_ocr_lines([text], [_read(text)])
    assert lines == ["thực hiện. Ban Thường vụ"]


def test_unsure_scan_reading_is_reported_as_such_by_s002(tmp_path) -> None:
    import rules
    from extract import load_plan
    from extract.model import RepairNote

    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nII- Hoàn thành trong quý 1/2023\n", encoding="utf-8")
    plan = load_plan(path)
    note = RepairNote(
        line=2, start=0, end=2, before="II", after="II", method="ocr-uncertain",
        confidence=0.41, uncertain=True,
    )
    result = rules.check_plan(plan.model_copy(update={"repairs": [note]}))
    [finding] = [finding for finding in result.findings if finding.code == "S002"]
    assert "“II” đọc từ bản quét chưa chắc chắn (độ tin cậy 41%)" in finding.message


def test_a_capital_read_for_a_small_letter_of_the_same_shape_is_lowered() -> None:
    text = "lãnh đạo của Đảng Ủy phường; Ủy ban nhân dân phường chủ trì"
    lines, notes = correct_ocr_lines([text], [_read(text, {"Ủy": 0.77})])
    assert lines == ["lãnh đạo của Đảng ủy phường; Ủy ban nhân dân phường chủ trì"]
    # After a column break a capital opens a new cell ("Số" under the issuer's name).
    header = "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ   Số 48-KH/ĐU"
    assert correct_ocr_lines([header], [_read(header)])[0] == [header]
    assert [(note.before, note.after, note.method) for note in notes] == [
        ("Ủy", "ủy", "ocr-case")
    ]


def _headings(middle: str, confidence: float) -> tuple[list[str], list[OcrLine]]:
    texts = ["I- Mục đích", "II- Nhiệm vụ", f"{middle}- Giải pháp", "IV- Tổ chức thực hiện"]
    unsure = {f"{middle}-": confidence}
    return texts, [_read(text, unsure if index == 2 else None) for index, text in enumerate(texts)]


def test_an_unsure_roman_label_is_mended_from_its_neighbours() -> None:
    texts, readings = _headings("II", 0.4)  # "III-" read "II-", Tesseract unsure
    lines, notes = correct_ocr_lines(texts, readings)
    assert lines[2] == "III- Giải pháp"
    [note] = notes
    assert (note.line, note.before, note.after, note.method) == (3, "II", "III", "ocr-sequence")
    assert not note.uncertain


def test_a_confident_label_one_stroke_short_is_mended_but_reported() -> None:
    texts, readings = _headings("II", 0.95)
    lines, notes = correct_ocr_lines(texts, readings)
    assert lines[2] == "III- Giải pháp"
    [note] = notes
    assert note.method == "ocr-sequence" and note.uncertain


def test_a_confident_label_out_of_sequence_is_left_for_the_rules() -> None:
    texts, readings = _headings("V", 0.95)  # a real numbering error stays visible (S001)
    lines, notes = correct_ocr_lines(texts, readings)
    assert lines == texts and notes == []


def test_a_quarter_read_as_a_digit_follows_the_documents_roman_quarters() -> None:
    texts = ["Hoàn thành trong quý 1/2023.", "Sơ kết trong quý II/2023, tổng kết quý IV/2023."]
    lines, notes = correct_ocr_lines(texts, [_read(text) for text in texts])
    assert lines[0] == "Hoàn thành trong quý I/2023."
    [note] = notes
    assert (note.before, note.after, note.method, note.uncertain) == ("1", "I", "ocr-style", False)


def test_a_quarter_as_the_document_writes_them_is_kept() -> None:
    texts = ["Hoàn thành trong quý 1/2023.", "Sơ kết trong quý 2/2023."]
    lines, notes = correct_ocr_lines(texts, [_read(text) for text in texts])
    assert lines == texts and notes == []


def test_a_lone_quarter_one_is_kept_but_never_silently() -> None:
    text = "Hoàn thành trong quý 1/2023."
    lines, notes = correct_ocr_lines([text], [_read(text)])
    assert lines == [text]
    [note] = notes
    assert (note.before, note.method, note.uncertain) == ("1", "ocr-uncertain", True)
    assert text[note.start : note.end] == "1"


def test_an_unsure_label_its_neighbours_confirm_is_no_longer_reported() -> None:
    texts, readings = _headings("III", 0.95)
    readings[1] = _read(texts[1], {"II-": 0.3})
    lines, notes = correct_ocr_lines(texts, readings)
    assert lines == texts and notes == []


def test_two_unsure_labels_in_a_row_are_numbered_between_sure_ones() -> None:
    # The ward plan scanned: "II-" read "I-" (52%) and "III-" read "II-" (0%).
    texts = ["I- Mục đích", "I- Nội dung", "II- Nhiệm vụ", "IV- Tổ chức thực hiện"]
    readings = [_read(texts[0]), _read(texts[1], {"I-": 0.52}), _read(texts[2], {"II-": 0.0})]
    lines, notes = correct_ocr_lines(texts, [*readings, _read(texts[3])])
    assert lines == ["I- Mục đích", "II- Nội dung", "III- Nhiệm vụ", "IV- Tổ chức thực hiện"]
    assert [(note.before, note.after, note.uncertain) for note in notes] == [
        ("I", "II", False),
        ("II", "III", False),
    ]


def test_s001_does_not_assert_a_gap_at_a_label_still_uncertain() -> None:
    # Scanned headings: "II" unsure but confirmed by "I" before it; "IV" unsure with no
    # anchor next to it, so the sequence cannot decide and it stays marked uncertain.
    import hashlib

    import rules
    from extract import build_plan
    from extract.model import Line, Source

    texts = ["KẾ HOẠCH", "I- Mục đích", "a", "II- Nhiệm vụ", "b", "IV- Tổ chức thực hiện", "c"]
    unsure = {3: {"II-": 0.3}, 5: {"IV-": 0.4}}
    lines = [
        Line(number=index + 1, raw=text, text=text, page=1, ocr=_read(text, unsure.get(index)))
        for index, text in enumerate(texts)
    ]
    data = "\n".join(texts).encode()
    source = Source(
        path="scan.pdf", name="scan.pdf", format="pdf", sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    plan = build_plan(source, lines)
    assert [(note.before, note.uncertain) for note in plan.repairs] == [("IV", True)]
    [finding] = [f for f in rules.check_plan(plan).findings if f.code == "S001"]
    assert "thiếu III" not in finding.message
    assert "“IV” đọc từ bản quét chưa chắc chắn" in finding.message


def test_a_capital_opening_a_header_cell_or_a_name_is_kept() -> None:
    # Seen on realistic scans: "Số:" under the issuer and "Sở Thông tin" were lowered.
    texts = [
        "TỈNH BẮC KẠN   CHỦ NGHĨA VIỆT NAM",
        "Số: 21/KH-UBND",
        "thuộc thẩm quyền giải quyết của Sở Thông tin và Truyền thông",
        "Sở Lao động - Thương binh và Xã hội tỉnh",  # a capital read with confidence stays
    ]
    lines, notes = correct_ocr_lines(texts, [_read(text) for text in texts])
    assert lines == texts and notes == []
