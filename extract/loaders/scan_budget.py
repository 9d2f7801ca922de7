"""How much OCR one file may cost: scanned pages, processor time, pixels per page.

A typed page costs the PDF reader a tenth of a second; a scanned one costs
Tesseract about a second, and a page of small dense type or of specks much
more (18 s measured for 5,000 words of 6-point text). So a scan is bounded
three ways, each refused with ``over-limit`` naming the file, the figure, the
limit and the variable that sets it:

* scanned pages (``max_scan_pages``), counted before the first page is read
  where the reader can (image frames, PDF pages without a text layer);
* processor time spent reading them (``max_scan_seconds``), enforced inside a
  page too: Tesseract is cancelled when the time runs out (a profiling timer on
  the main thread, which counts processor time and not waiting; a wall-clock
  deadline elsewhere);
* pixels handed to Tesseract (``OCR_MAX_PIXELS``): a page larger than an A4
  sheet at the OCR resolution (with a margin for a tilted scan) is scaled down
  to that size, since Tesseract's time and memory grow with the pixels it is
  given, and the last part of its reading (some 9 s on a page of 5,000 words)
  does not look at the deadline.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from extract.limits import Limits

# An A4 page (210 × 297 mm) at 200 dpi and a tenth more (a page scanned askew is
# wider); an A3 scan is read at about 140 dpi, where Tesseract still reads 98% of
# the words of a degraded page (150 dpi, tests/benchmarks/ocr_bench.py).
OCR_MAX_PIXELS = round(1654 * 2339 * 1.1)


class OcrOverTime(Exception):
    """Raised inside Tesseract's reading when the file's OCR time is spent."""


class ScanBudget:
    """Pages and processor seconds of OCR left for one file."""

    def __init__(self, path: Path, limits: Limits) -> None:
        """Start with the whole budget; the clock starts at the first scanned page."""
        self.path = path
        self.limits = limits
        self.pages = 0
        self.started: float | None = None

    @property
    def seconds(self) -> float:
        """Processor seconds since the first scanned page began (rendering, decoding, OCR)."""
        return 0.0 if self.started is None else time.process_time() - self.started

    def expect(self, pages: int) -> None:
        """Refuse at once a file that will need more scanned pages than the limit."""
        if pages > self.limits.max_scan_pages:
            raise self.limits.refuse(
                self.path, "số trang quét / scanned pages", pages, "max_scan_pages"
            )

    def start(self) -> None:
        """Start the clock (once): a page's rendering or decoding counts as its reading."""
        if self.started is None:
            self.started = time.process_time()

    @contextmanager
    def page(self, page_number: int) -> Iterator[float]:
        """Count one page; yield the processor seconds left for it.

        Raises:
            PlanInputError: ``over-limit`` past the page limit, or when the time
                runs out before or during this page.
        """
        self.start()
        self.pages += 1
        self.expect(self.pages)
        remaining = self.limits.max_scan_seconds - self.seconds
        if remaining <= 0:
            raise self._over_time(page_number)
        try:
            yield remaining
        except OcrOverTime:
            raise self._over_time(page_number) from None

    def _over_time(self, page_number: int) -> Exception:
        what = (
            f"thời gian đọc bản quét đến trang {page_number} (giây xử lý) "
            f"/ OCR processor seconds by page {page_number}"
        )
        return self.limits.refuse(self.path, what, math.ceil(self.seconds), "max_scan_seconds")


@contextmanager
def processor_deadline(seconds: float | None) -> Iterator[float | None]:
    """Raise ``OcrOverTime`` in the block once it has used ``seconds`` of processor time.

    ``None`` sets no deadline.
    On the main thread a profiling timer (SIGPROF, processor time of the process)
    interrupts Tesseract, which tesserocr cancels cooperatively and re-raises.
    Signals reach only the main thread, so elsewhere (a server's request thread)
    this yields the seconds as a wall-clock deadline for the caller to pass to
    Tesseract; on the main thread it yields None.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield seconds
        return
    previous = signal.signal(signal.SIGPROF, _over_time)
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.01))
    try:
        yield None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _over_time(signum: int, frame: FrameType | None) -> None:
    raise OcrOverTime
