"""Scans laid out as real plans are, made at run time from development texts (issue 16).

``tests/scans.py`` renders a plan's lines one under the other; a real signed
plan has more on its pages, each a known trouble for OCR:

* the header as a two-column table: issuer and number on the left, the motto
  and the place and date on the right, each column centred, short rules under
  the issuer and the motto;
* a signature block on the right under the text, signed in blue ink and
  stamped with a red round seal that covers part of it;
* a page scanned askew (0.5–3°) or turned a quarter or half round;
* a body set in two columns;
* 150, 200 or 300 dpi, JPEG-compressed, in colour when there is a seal.

The text comes from the openings of real documents (``tests/realdocs/dev``):
their header lines, flattened by the web pages into cells and ``|`` rows, are
set back into two columns here; nothing is committed as a binary. The typed PDF
of the same layout (with its text layer) is the reference a scan is judged by.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from tests.scans import DEJAVU_SERIF, DEJAVU_SERIF_BOLD, Degradation, degrade

# The first title line: the document's kind, in capitals.
_KIND = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|NGHỊ QUYẾT|CHƯƠNG TRÌNH|CHỈ THỊ|KẾT LUẬN|BÁO CÁO|THÔNG BÁO|"
    r"HƯỚNG DẪN|ĐỀ ÁN|CÔNG VĂN)\b"
)
_MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN)")
_NUMBER = re.compile(r"^Số\b")
_DATE_START = re.compile(r"(,\s*ngày\b|^ngày\b)", re.IGNORECASE)
_DATE_END = re.compile(r"năm\s+\d{4}")
# Rows of a flattened table, rules and stars: not text of the page.
_RULE = re.compile(r"^[\s|\-–—_*=.]*$")
_TWO_CELLS = re.compile(r"\s{3,}|\t+")
FONT_SIZE = 13
LINE_MM = FONT_SIZE * 0.55
HEADER_SIZE = 12
LEFT = (15.0, 80.0)  # x and width (mm) of the header's left column
RIGHT = (95.0, 105.0)
MM_PER_INCH = 25.4
BODY_LINES = 40  # at most this many lines of a document's body: one or two pages
SEAL_RED = (205, 35, 45)
INK_BLUE = (25, 45, 150)


@dataclass(frozen=True)
class Document:
    """A development text set out as a signed plan: header columns, body, signature block."""

    name: str
    left: list[str]
    right: list[str]
    body: list[str]
    signature: list[str]


@dataclass(frozen=True)
class Kind:
    """One way of scanning: resolution, skew, turn, seal, columns and spoiling."""

    name: str
    dpi: int = 200
    skews: tuple[float, ...] = (0.3,)  # degrees; document n takes skews[n % len]
    turns: tuple[int, ...] = (0,)  # degrees counter-clockwise, as skews
    seal: bool = False
    two_columns: bool = False
    blur: float = 0.5
    jpeg_quality: int = 75


@dataclass
class Rendered:
    """A typed PDF and where its signature block sits (page index, top in mm)."""

    pdf: bytes
    signature_page: int = 0
    signature_top: float = 0.0
    seal_text: str = ""
    pages: int = field(default=0)


def document_of(path: Path) -> Document | None:
    """The text at ``path`` as a document, or None when no header and title line are found."""
    text = path.read_text(encoding="utf-8").replace("\\r\\n", "\n")
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not _RULE.match(line)]
    motto = next((index for index, line in enumerate(lines[:15]) if _MOTTO.match(line)), None)
    title = next((index for index, line in enumerate(lines[:30]) if _KIND.match(line)), None)
    if motto is None or title is None or title <= motto:
        return None
    # The issuer is the run of capitals just above the motto; a site's banner
    # or a library's summary above it is not on the paper.
    first = motto
    while first > 0 and (_is_capitals(lines[first - 1]) or _NUMBER.match(lines[first - 1])):
        first -= 1
    left: list[str] = []
    right: list[str] = []
    for index, line in enumerate(lines[first:title], start=first):
        cells = [cell.strip(" |") for cell in _TWO_CELLS.split(line) if cell.strip(" |")]
        if len(cells) >= 2:
            left.append(cells[0])
            right.append(" ".join(cells[1:]))
        elif _NUMBER.match(line) or index < motto:
            left.append(line)
        else:
            right.append(line)
    if not left:
        return None
    right = _joined_date(right)
    left = [line for line in left if not _NUMBER.match(line)] + [
        line for line in left if _NUMBER.match(line)
    ]
    body = lines[title:][:BODY_LINES]
    return Document(path.stem, left, right, body, _signature(left))


def _is_capitals(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _joined_date(lines: list[str]) -> list[str]:
    """The place and date on one line, as printed ("Bắc Kạn, ngày 16" + "tháng 01 năm 2025")."""
    joined: list[str] = []
    open_date = False
    for line in lines:
        if open_date:
            joined[-1] += " " + line
        else:
            joined.append(line)
            open_date = bool(_DATE_START.search(line))
        if _DATE_END.search(joined[-1]):
            open_date = False
    return joined


def _signature(left: list[str]) -> list[str]:
    """A signature block for the issuer: "TM. <body>" and the signer's office."""
    issuer = left[0] if left else "CƠ QUAN"
    office = "CHỦ TỊCH" if "BAN NHÂN DÂN" in issuer.upper() else "BÍ THƯ"
    if issuer.upper().startswith("BAN ") and "ỦY" not in issuer.upper():
        office = "TRƯỞNG BAN"
    return [f"TM. {issuer.upper()}", office]


def render(document: Document, two_columns: bool = False) -> Rendered:
    """The document typed on A4 pages in DejaVu Serif (text layer in reading order)."""
    pdf = FPDF(format="A4")
    pdf.add_font("Serif", fname=str(DEJAVU_SERIF))
    pdf.add_font("Serif", style="B", fname=str(DEJAVU_SERIF_BOLD))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    _header(pdf, document)
    title, body = _title_and_body(document.body)
    pdf.set_font("Serif", style="B", size=FONT_SIZE)
    for line in title:
        pdf.multi_cell(0, LINE_MM, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Serif", size=FONT_SIZE)
    if two_columns:
        with pdf.text_columns(ncols=2, gutter=8, text_align="L", line_height=1.15) as columns:
            for line in body:
                columns.write(text=line + "\n")
    else:
        for line in body:
            pdf.multi_cell(0, LINE_MM, line, new_x="LMARGIN", new_y="NEXT")
    if pdf.get_y() > 297 - 25 - 40:
        pdf.add_page()
    pdf.ln(4)
    top = pdf.get_y()
    pdf.set_font("Serif", style="B", size=HEADER_SIZE)
    for line in document.signature:
        pdf.set_x(105)
        pdf.multi_cell(90, LINE_MM, line, align="C", new_x="LMARGIN", new_y="NEXT")
    return Rendered(
        bytes(pdf.output()), pdf.page_no() - 1, top, document.left[0].upper(), pdf.page_no()
    )


def _title_and_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """The title lines (kind, then capitals or a short subject line) and the rest."""
    count = 1
    while count < min(len(lines), 4) and (lines[count].isupper() or count == 1):
        count += 1
    return lines[:count], lines[count:]


def _header(pdf: FPDF, document: Document) -> None:
    """Two centred columns, row by row so that the text layer reads as a scan is read.

    A rule under the issuer's name and under the motto, and a blank row below
    each, before the number and the place and date, as Nghị định 30/2020 sets them.
    """
    pdf.set_font("Serif", style="B", size=HEADER_SIZE)
    issuer = _wrapped(pdf, [line for line in document.left if not _NUMBER.match(line)], LEFT[1])
    number = _wrapped(pdf, [line for line in document.left if _NUMBER.match(line)], LEFT[1])
    dated = [line for line in document.right if _DATE_START.search(line)]
    motto = _wrapped(pdf, [line for line in document.right if line not in dated], RIGHT[1])
    left = [*issuer, "", *number]
    right = [*motto, "", *_wrapped(pdf, dated, RIGHT[1])]
    top = pdf.get_y()
    rows = max(len(left), len(right))
    for row in range(rows):
        y = top + row * 6.5
        for column, (x, width) in ((left, LEFT), (right, RIGHT)):
            if row < len(column) and column[row]:
                pdf.set_xy(x, y)
                pdf.cell(width, 6.5, column[row], align="C")
    for rows_above, (x, width) in ((len(issuer), LEFT), (len(motto), RIGHT)):
        y = top + rows_above * 6.5 + 1.0
        pdf.line(x + width * 0.35, y, x + width * 0.65, y)
    pdf.set_xy(25, top + rows * 6.5 + 6)


def _wrapped(pdf: FPDF, lines: Sequence[str], width: float) -> list[str]:
    rows: list[str] = []
    for line in lines:
        words = line.split()
        current = ""
        for word in words:
            trial = f"{current} {word}".strip()
            if current and pdf.get_string_width(trial) > width - 2:
                rows.append(current)
                current = word
            else:
                current = trial
        if current:
            rows.append(current)
    return rows


def scan(rendered: Rendered, kind: Kind, number: int) -> list[Image.Image]:
    """Each page of the typed PDF scanned as ``kind`` says (document ``number`` picks skew/turn)."""
    document = pypdfium2.PdfDocument(rendered.pdf)
    skew = kind.skews[number % len(kind.skews)]
    turn = kind.turns[number % len(kind.turns)]
    degradation = Degradation(
        kind.name, dpi=kind.dpi, rotation=skew, blur=kind.blur, jpeg_quality=kind.jpeg_quality
    )
    images = []
    for index in range(len(document)):
        page = document[index]
        image = page.render(scale=kind.dpi / 72, grayscale=not kind.seal).to_pil()
        page.close()
        image = image.convert("RGB" if kind.seal else "L")
        if kind.seal and index == rendered.signature_page:
            image = _signed_and_sealed(image, rendered, kind.dpi, random.Random(number))
        image = degrade(image, degradation, seed=number * 10 + index)
        if turn:
            image = image.rotate(turn, expand=True)
        images.append(image)
    document.close()
    return images


def _signed_and_sealed(image: Image.Image, rendered: Rendered, dpi: int, rng: random.Random):
    """Blue signature strokes and a red round seal, inked over the page (multiplied)."""
    scale = dpi / MM_PER_INCH
    ink = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(ink)
    top = rendered.signature_top * scale
    centre_x = 150 * scale
    points = []
    for step in range(14):
        x = centre_x - 20 * scale + step * 3 * scale
        y = top + (19 + rng.uniform(-4, 4)) * scale
        points.append((x, y))
    draw.line(points, fill=INK_BLUE, width=max(int(0.5 * scale), 1), joint="curve")
    seal = _seal(rendered.seal_text, int(38 * scale))
    seal = seal.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC, fillcolor="white")
    ink.paste(seal, (int(centre_x - 30 * scale), int(top - 6 * scale)))
    return ImageChops.multiply(image, ink)


def _seal(text: str, size: int) -> Image.Image:
    """A round seal: two rings, the body's name round the edge, a star in the middle."""
    seal = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(seal)
    width = max(size // 60, 2)
    draw.ellipse((0, 0, size - 1, size - 1), outline=SEAL_RED, width=width)
    inner = size * 0.2
    draw.ellipse((inner, inner, size - inner, size - inner), outline=SEAL_RED, width=width // 2 + 1)
    font = ImageFont.truetype(str(DEJAVU_SERIF_BOLD), max(size // 14, 8))
    letters = f"{text} ★ "
    radius = size * 0.4
    for index, letter in enumerate(letters):
        angle = math.pi + 2 * math.pi * index / len(letters)
        glyph = Image.new("L", (size // 10, size // 10), 0)
        ImageDraw.Draw(glyph).text((size // 40, 0), letter, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(angle) - 90, expand=True)
        x = size / 2 + radius * math.cos(angle) - glyph.width / 2
        y = size / 2 + radius * math.sin(angle) - glyph.height / 2
        seal.paste(Image.new("RGB", glyph.size, SEAL_RED), (int(x), int(y)), glyph)
    star = []
    for point in range(10):
        reach = size * (0.12 if point % 2 == 0 else 0.05)
        angle = math.pi * point / 5 - math.pi / 2
        star.append((size / 2 + reach * math.cos(angle), size / 2 + reach * math.sin(angle)))
    draw.polygon(star, fill=SEAL_RED)
    return seal.filter(ImageFilter.GaussianBlur(0.6))


def scanned_pdf(images: Sequence[Image.Image], dpi: int) -> bytes:
    """A PDF with each image on a page of its own size (a page turned sideways stays so)."""
    pdf = FPDF(unit="mm")
    for image in images:
        width, height = image.width * MM_PER_INCH / dpi, image.height * MM_PER_INCH / dpi
        pdf.add_page(format=(width, height))
        pdf.image(image, x=0, y=0, w=width, h=height)
    return bytes(pdf.output())


def page_words(pdf: bytes) -> list[list[str]]:
    """The true words of each typed page, in the order the text layer has them."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            document[index].get_textpage().get_text_range().split()
            for index in range(len(document))
        ]
    finally:
        document.close()
