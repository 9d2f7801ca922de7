"""Speed of the PDF reader against the libraries' own text extraction.

On a PDF rendered from the whole corpus (tests/render.py, DejaVu Sans), best of
three runs each:

* ``pdfplumber``: ``page.extract_text()`` on every page (its own extraction);
* ``load_pdf``: our reader (one pass over ``page.chars``, fonts kept);
* ``pypdfium2``: ``get_textpage().get_text_range()`` on every page.

The issue asks our PDF stages to stay within 30% of pdfplumber's own time; the
figure ``load_pdf_over_pdfplumber`` is that ratio.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

from extract.loaders.pdf import load_pdf
from tests.conftest import PLANS
from tests.render import corpus_lines, render_pdf

REPEATS = 3


def run() -> dict[str, object]:
    """Render the corpus PDF, time the three extractions, print and return the figures."""
    with tempfile.TemporaryDirectory() as folder:
        lines = [line for plan in sorted(PLANS.glob("*.txt")) for line in corpus_lines(plan)]
        path = render_pdf(lines, Path(folder) / "corpus.pdf")
        data = path.read_bytes()
        timings = {
            "pdfplumber_extract_text_s": _best(lambda: _pdfplumber_text(path)),
            "load_pdf_s": _best(lambda: load_pdf(path, data)),
            "pypdfium2_text_s": _best(lambda: _pypdfium2_text(path)),
        }
        pages = load_pdf(path, data).pages
    figures: dict[str, object] = {"pages": pages, "bytes": len(data), **timings}
    figures["load_pdf_over_pdfplumber"] = round(
        timings["load_pdf_s"] / timings["pdfplumber_extract_text_s"], 3
    )
    figures["pypdfium2_over_pdfplumber"] = round(
        timings["pypdfium2_text_s"] / timings["pdfplumber_extract_text_s"], 3
    )
    for name, value in figures.items():
        print(f"{name:>28}: {value}")
    return figures


def _best(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return round(min(times), 4)


def _pdfplumber_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _pypdfium2_text(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(path)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
