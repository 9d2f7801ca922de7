"""Scanned pages made at test time: typed text rendered, rasterised and degraded.

Text is set in DejaVu Serif (a serif face with every Vietnamese glyph, as the
Times New Roman of real plans), rasterised with pdfium at the scan's dpi and
degraded as a scanner or a phone does: a slight rotation, blur, salt-and-pepper
specks and JPEG compression. Nothing here is committed as a binary.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from fpdf import FPDF
from PIL import Image, ImageFilter

DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
DEJAVU_SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


@dataclass(frozen=True)
class Degradation:
    """How a page is spoiled: rotation (degrees), blur radius (pixels at 200 dpi), specks, JPEG."""

    name: str
    dpi: int = 200
    rotation: float = 0.0
    blur: float = 0.0
    specks: float = 0.0  # share of pixels flipped to black or white
    jpeg_quality: int | None = None


CLEAN = Degradation("sạch", dpi=200)
LIGHT = Degradation("nhẹ", dpi=200, rotation=0.5, blur=0.4, specks=0.0002, jpeg_quality=80)
MEDIUM = Degradation("vừa", dpi=200, rotation=1.0, blur=0.6, specks=0.0005, jpeg_quality=60)
HEAVY = Degradation("nặng", dpi=150, rotation=1.5, blur=0.8, specks=0.001, jpeg_quality=50)


def typed_pdf(
    lines: Sequence[str],
    header: tuple[Sequence[str], Sequence[str]] | None = None,
    font_size: float = 13,
    page_numbers: bool = True,
) -> bytes:
    """A4 pages of ``lines`` in DejaVu Serif; ``header`` is a two-column (left, right) block."""
    pdf = _Pages(format="A4") if page_numbers else FPDF(format="A4")
    pdf.add_font("Serif", fname=str(DEJAVU_SERIF))
    pdf.add_font("Serif", style="B", fname=str(DEJAVU_SERIF_BOLD))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    if header is not None:
        pdf.set_font("Serif", style="B", size=font_size - 1)
        left, right = header
        top = pdf.get_y()
        for index, text in enumerate(left):
            pdf.set_xy(20, top + index * 7)
            pdf.cell(75, 7, text, align="C")
        for index, text in enumerate(right):
            pdf.set_xy(95, top + index * 7)
            pdf.cell(100, 7, text, align="C")
        pdf.set_xy(25, top + 7 * max(len(left), len(right)) + 6)
    pdf.set_font("Serif", size=font_size)
    for line in lines:
        if line.strip():
            pdf.multi_cell(0, font_size * 0.55, line.strip(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class _Pages(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Serif", size=11)
        self.cell(0, 10, str(self.page_no()), align="C")


def scan_pages(pdf: bytes, degradation: Degradation, seed: int = 0) -> list[Image.Image]:
    """Each page of ``pdf`` as a degraded greyscale scan at the degradation's dpi."""
    document = pypdfium2.PdfDocument(pdf)
    images = []
    for index in range(len(document)):
        page = document[index]
        image = page.render(scale=degradation.dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        images.append(degrade(image, degradation, seed + index))
    document.close()
    return images


def degrade(image: Image.Image, degradation: Degradation, seed: int = 0) -> Image.Image:
    """Rotate, blur, speckle and JPEG-compress one page image (greyscale or colour)."""
    rng = random.Random(seed)
    if degradation.rotation:
        angle = degradation.rotation * rng.choice((-1, 1))
        white = 255 if image.mode == "L" else (255,) * len(image.getbands())
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=white)
    if degradation.blur:
        image = image.filter(ImageFilter.GaussianBlur(degradation.blur * degradation.dpi / 200))
    if degradation.specks:
        pixels = image.load()
        assert pixels is not None
        for _ in range(int(image.width * image.height * degradation.specks)):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
    if degradation.jpeg_quality is not None:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=degradation.jpeg_quality)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert(image.mode)
    image.info["dpi"] = (degradation.dpi, degradation.dpi)
    return image


def scanned_pdf_of(images: Sequence[Image.Image], dpi: int) -> bytes:
    """A PDF with one page-sized image per page and no text layer, as a scanner writes it."""
    pdf = FPDF(format="A4")
    for image in images:
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=image.width * 25.4 / dpi, h=image.height * 25.4 / dpi)
    return bytes(pdf.output())


def image_bytes(images: Sequence[Image.Image], fmt: str, dpi: int) -> bytes:
    """The pages as one image file (all frames in a TIFF; the first page otherwise)."""
    buffer = io.BytesIO()
    if fmt == "TIFF":
        images[0].save(
            buffer,
            "TIFF",
            save_all=True,
            append_images=list(images[1:]),
            dpi=(dpi, dpi),
            compression="tiff_deflate",
        )
    else:
        images[0].save(buffer, fmt, dpi=(dpi, dpi))
    return buffer.getvalue()
