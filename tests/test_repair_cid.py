"""PDF glyphs without a Unicode mapping, ``(cid:N)``, solved per font against Vietnamese."""

from __future__ import annotations

import io
import random
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from extract import load_plan
from extract.model import FontRun
from extract.repair.cid import repair_cids
from tests.render import render_pdf

# A plan written for these tests (not in the corpus, not in the model's training text).
PLAN = [
    'KẾ HOẠCH',
    'Triển khai thực hiện Nghị quyết của Ban Chấp hành Đảng bộ xã về phát triển nông nghiệp',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '1. Nâng cao nhận thức của cán bộ, đảng viên và nhân dân về vai trò của công tác dân',
    'vận trong tình hình mới.',
    '2. Phát huy quyền làm chủ của nhân dân, tạo sự đồng thuận trong xã hội, góp phần thực',
    'hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh ở địa',
    'phương.',
    '3. Việc tổ chức thực hiện phải nghiêm túc, thiết thực, hiệu quả, tránh hình thức; gắn',
    'với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
    'II. NHIỆM VỤ VÀ GIẢI PHÁP',
    '1. Tăng cường sự lãnh đạo của cấp ủy, sự quản lý của chính quyền đối với công tác vận',
    'động quần chúng.',
    'Các chi bộ, cơ quan, đơn vị xây dựng chương trình, kế hoạch cụ thể để triển khai thực',
    'hiện; định kỳ sơ kết, tổng kết, rút kinh nghiệm và báo cáo kết quả về Ban Thường vụ',
    'Đảng ủy.',
    '2. Đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc và các đoàn thể chính',
    'trị - xã hội; hướng mạnh về cơ sở, sát với đời sống của người dân.',
    'Phấn đấu đến năm 2025 có trên 90% hộ gia đình đạt danh hiệu gia đình văn hóa; 100%',
    'thôn, tổ dân phố có mô hình dân vận khéo được công nhận.',
    '3. Đẩy mạnh phong trào thi đua yêu nước, cuộc vận động toàn dân đoàn kết xây dựng nông',
    'thôn mới, đô thị văn minh.',
    'Mỗi năm có ít nhất 02 mô hình mới được nhân rộng; thu nhập bình quân đầu người tăng từ',
    '8% trở lên.',
    '4. Thực hiện tốt quy chế dân chủ ở cơ sở, giải quyết kịp thời các kiến nghị, phản ánh',
    'chính đáng của người dân, không để xảy ra điểm nóng về an ninh trật tự.',
    'III. TỔ CHỨC THỰC HIỆN',
    '1. Ban Dân vận Đảng ủy chủ trì, phối hợp với Văn phòng Đảng ủy tham mưu cho Ban Thường',
    'vụ theo dõi, đôn đốc, kiểm tra việc thực hiện kế hoạch này.',
    '2. Ủy ban nhân dân xã chỉ đạo các ngành chuyên môn lồng ghép nội dung kế hoạch vào',
    'chương trình công tác hằng năm, bố trí kinh phí bảo đảm cho hoạt động.',
    '3. Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tuyên truyền, vận động',
    'đoàn viên, hội viên hưởng ứng, tham gia tích cực.',
    'Kế hoạch này được phổ biến đến chi bộ và đảng viên; trong quá trình thực hiện, nếu có',
    'khó khăn, vướng mắc, kịp thời phản ánh về Ban Thường vụ Đảng ủy để xem xét, chỉ đạo.',
]


def letter_accuracy(
    got: list[str], expected: list[str], unequal_lines: int = 0
) -> tuple[float, float]:
    """Share of letters right, and of lowercase letters right, over lines of equal length.

    At most ``unequal_lines`` lines may differ in length (they are left out).
    """
    right = total = lower_right = lower_total = 0
    assert len(got) == len(expected)
    for got_line, expected_line in zip(got, expected, strict=True):
        if len(got_line) != len(expected_line):
            unequal_lines -= 1
            assert unequal_lines >= 0, (got_line, expected_line)
            continue
        for got_char, expected_char in zip(got_line, expected_line, strict=True):
            if expected_char.isalpha():
                total += 1
                right += got_char == expected_char
                if expected_char.islower():
                    lower_total += 1
                    lower_right += got_char == expected_char
    return right / total, lower_right / lower_total


def encipher(lines: list[str], seed: int) -> tuple[list[str], dict[str, int]]:
    """Each distinct character becomes a glyph number, in a random order."""
    chars = sorted({char for line in lines for char in line})
    numbers = random.Random(seed).sample(range(3, 3 + 4 * len(chars)), len(chars))
    code = dict(zip(chars, numbers, strict=True))
    return ["".join(f"(cid:{code[char]})" for char in line) for line in lines], code


def strip_unicode_maps(pdf: Path, keep_font_program: bool = False) -> bytes:
    """The PDF without /ToUnicode, and unless kept, without the embedded font program."""
    reader = PdfReader(pdf)
    writer = PdfWriter()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for key in fonts:
            font = fonts[key].get_object()
            font.pop(NameObject("/ToUnicode"), None)
            for descendant in [] if keep_font_program else font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                descriptor.pop(NameObject("/FontFile2"), None)
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_lines_without_cids_pass_unchanged() -> None:
    lines = ["Kế hoạch số 48-KH/ĐU", "", "cid: (cid) (cid:) 12"]
    assert repair_cids(lines, [[] for _ in lines]) == (lines, [])


def whole_line_runs(lines: list[str], font: str) -> list[list[FontRun]]:
    return [[FontRun(start=0, end=len(line), font=font)] for line in lines]


def test_a_whole_enciphered_plan_is_solved() -> None:
    enciphered, _ = encipher(PLAN, seed=7)
    repaired, notes = repair_cids(enciphered, [[] for _ in enciphered])
    letters, lowercase = letter_accuracy(repaired, PLAN)
    assert letters >= 0.97  # measured 0.987
    assert lowercase >= 0.99  # measured 0.995
    assert all("(cid:" not in line for line in repaired)
    assert {note.method for note in notes} == {"cid-map"}
    for note in notes:
        assert enciphered[note.line - 1][note.start : note.end] == note.before
        assert len(note.after) == note.before.count("(cid:")
        assert note.uncertain == (note.confidence < 0.8)


def test_two_fonts_with_different_maps_are_solved_apart() -> None:
    first, _ = encipher(PLAN, seed=1)
    second, _ = encipher(PLAN, seed=2)
    lines = first + second
    fonts = whole_line_runs(first, "Regular") + whole_line_runs(second, "Bold")
    repaired, _ = repair_cids(lines, fonts)
    for half in (repaired[: len(PLAN)], repaired[len(PLAN) :]):
        letters, lowercase = letter_accuracy(half, PLAN)
        assert letters >= 0.97
        assert lowercase >= 0.99


def test_pdf_whose_font_has_no_unicode_map_is_read_back(tmp_path: Path) -> None:
    rendered = render_pdf(PLAN, tmp_path / "plan.pdf")
    expected = [line.text for line in load_plan(rendered).lines if len(line.text.strip()) > 3]
    damaged = tmp_path / "no-tounicode.pdf"
    damaged.write_bytes(strip_unicode_maps(rendered))
    plan = load_plan(damaged)
    assert all("(cid:" in line.raw for line in plan.lines)
    # The page-number footer is not recognised while it is still (cid:N) glyphs.
    got = [line.text for line in plan.lines if len(line.text.strip()) > 3]
    letters, lowercase = letter_accuracy(got, expected)
    assert letters >= 0.96  # measured 0.980
    assert lowercase >= 0.99  # measured 0.996
    assert any(note.method == "cid-map" for note in plan.repairs)


def test_pdf_whose_font_program_maps_glyphs_to_wrong_characters(tmp_path: Path) -> None:
    # Only /ToUnicode removed: pdfminer then takes some characters from the embedded
    # program's cmap, which does not fit the subset's glyph numbers ("(cid:1) #Q()").
    rendered = render_pdf(PLAN, tmp_path / "plan.pdf")
    expected = [line.text for line in load_plan(rendered).lines if len(line.text.strip()) > 3]
    damaged = tmp_path / "no-tounicode.pdf"
    damaged.write_bytes(strip_unicode_maps(rendered, keep_font_program=True))
    plan = load_plan(damaged)
    assert any("(cid:" in line.raw for line in plan.lines)
    got = [line.text for line in plan.lines if len(line.text.strip()) > 3]
    # A letter whose glyph the program maps to a space is lost at the end of a line:
    # the reader trims it before repair sees it.
    letters, lowercase = letter_accuracy(got, expected, unequal_lines=2)
    assert letters >= 0.97  # measured 0.988
    assert lowercase >= 0.99  # measured 0.997


def test_mixed_line_keeps_the_characters_of_a_readable_font() -> None:
    enciphered, _ = encipher(PLAN, seed=3)
    line = "Kế hoạch số 48 " + enciphered[1]
    lines = [*enciphered, line]
    runs = whole_line_runs(enciphered, "Broken")
    runs.append([FontRun(start=0, end=15, font="Arial"), FontRun(start=15, end=len(line),
                                                                 font="Broken")])
    repaired, notes = repair_cids(lines, runs)
    assert repaired[-1].startswith("Kế hoạch số 48 ")
    assert all(note.start >= 15 for note in notes if note.line == len(lines))


def test_readable_words_of_a_font_with_a_few_unmapped_glyphs_are_kept() -> None:
    # Words in another language are not Vietnamese syllables, but they are not noise
    # either: only the (cid:N) tokens of the font are solved.
    lines = [f"(cid:7) The committee will review the annual report {number}" for number in range(6)]
    repaired, notes = repair_cids(lines, whole_line_runs(lines, "Arial"))
    assert [line[1:] for line in repaired] == [line[len("(cid:7)") :] for line in lines]
    assert [(note.start, note.end) for note in notes] == [(0, 7)] * len(lines)


def test_a_glyph_solved_as_a_digit_is_never_certain() -> None:
    # Digits have no letter context: the benchmark reads 0-31% of them right.
    enciphered, _ = encipher(PLAN, seed=7)
    _, notes = repair_cids(enciphered, [[] for _ in enciphered])
    with_digits = [note for note in notes if any(char.isdigit() for char in note.after)]
    assert with_digits
    assert all(note.uncertain and note.confidence <= 0.5 for note in with_digits)


def test_the_figure_after_nam_starts_as_a_year_of_this_century() -> None:
    # Digits have no letters around them; "năm" + four glyphs is a year "20..". The
    # last two digits have only the figures' shapes to go by, and this plan has few.
    enciphered, _ = encipher(PLAN, seed=7)
    repaired, _ = repair_cids(enciphered, [[] for _ in enciphered])
    year_line = next(index for index, line in enumerate(PLAN) if "năm 2025" in line)
    assert "năm 20" in repaired[year_line]

