"""Scans that cost OCR the most while staying under the limits (issue 22 item 1).

Each is a file a person could send: a long scan of a real plan at the scan
page limit, pages of small dense type, pages of specks (layout analysis
finds thousands of blobs and no word), and a phone photo of the largest pixel
count accepted, declaring 72 dpi. ``tests/large_inputs.measure`` checks them
in a child process; ``make fuzz`` asserts 30 s of processor time and 1 GB.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFont

from extract.limits import Limits
from tests.large_inputs import plan_lines
from tests.scans import DEJAVU_SERIF, MEDIUM, scan_pages, scanned_pdf_of, typed_pdf

_A4 = (1654, 2339)  # pixels at 200 dpi
_A3 = (2339, 3307)
_WORDS = "triển khai thực hiện đề án số 13 của ban thường vụ tỉnh ủy về công tác dân vận".split()


def plan_scan(pages: int) -> bytes:
    """A scanned PDF of ``pages`` A4 pages of a real plan, degraded as a medium scan."""
    images = scan_pages(typed_pdf(plan_lines(pages * 30)), MEDIUM)[:pages]
    return scanned_pdf_of(images, MEDIUM.dpi)


def dense_scan(pages: int) -> bytes:
    """A scanned PDF of ``pages`` A4 pages of 6-point type, about 5,000 words each."""
    rng = random.Random(7)
    font = ImageFont.truetype(str(DEJAVU_SERIF), 14)
    images = []
    for _ in range(pages):
        page = Image.new("L", _A4, 255)
        draw = ImageDraw.Draw(page)
        for top in range(20, _A4[1] - 20, 17):
            line = " ".join(rng.choice(_WORDS) for _ in range(40))
            draw.text((20, top), line, font=font, fill=0)
        images.append(page)
    return scanned_pdf_of(images, 200)


def speck_scan(pages: int) -> bytes:
    """A scanned PDF of ``pages`` A3 pages, 5% of their pixels black specks."""
    rng = random.Random(11)
    images = []
    for _ in range(pages):
        count = _A3[0] * _A3[1] // 20
        noise = bytearray(b"\xff" * (_A3[0] * _A3[1]))
        for index in rng.sample(range(len(noise)), count):
            noise[index] = 0
        images.append(Image.frombytes("L", _A3, bytes(noise)))
    return scanned_pdf_of(images, 200)


def largest_photo() -> bytes:
    """An RGB JPEG of just under ``max_image_pixels``, declaring 72 dpi, a plan page in it."""
    limit = Limits().max_image_pixels
    height = 8000
    width = limit // height
    photo = Image.new("RGB", (width, height), (236, 233, 225))
    page = scan_pages(typed_pdf(plan_lines(30)), MEDIUM)[0]
    scale = height / page.height
    page = page.resize((round(page.width * scale), height)).convert("RGB")
    photo.paste(page, ((width - page.width) // 2, 0))
    draw = ImageDraw.Draw(photo)
    draw.text((10, 10), "IMG_0001", font=ImageFont.load_default(), fill=(0, 0, 0))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=85, dpi=(72, 72))
    return buffer.getvalue()
