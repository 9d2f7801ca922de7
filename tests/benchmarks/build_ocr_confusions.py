"""Learn how Tesseract misreads Vietnamese: writes ``extract/repair/data/ocr_confusions.tsv``.

A development step (run time needs only the file it writes):
``python -m tests.benchmarks.build_ocr_confusions``. The training text is the
clean corpus plans *other than* the ward plan (``dang-uy-phuong-48``), which the
OCR benchmark reads as its held-out document; the garbled plan is left out too
(its text is damaged). Each plan is rendered, scanned at several degradations
(``TRAINING_SCANS``), read by the engine, and its words aligned with the truth.

The file holds three kinds of rows, tab-separated:

- ``char  TRUE  READ  COUNT``: letters of words read with the right length,
  the true letter against the letter read (identities counted too);
- ``word  TRUE  READ  COUNT``: whole-word misreadings of another length;
- ``conf  BIN  RIGHT  TOTAL``: words read right among all words whose
  Tesseract confidence falls in the 5-point bin starting at BIN.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

from tests.benchmarks.ocr_pages import aligned, plan_lines, read_pages
from tests.scans import HEAVY, LIGHT, MEDIUM, Degradation

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "corpus" / "plans"
OUTPUT = ROOT / "extract" / "repair" / "data" / "ocr_confusions.tsv"
# The benchmark's held-out document, and the damaged plan; neither trains.
HELD_OUT = (
    "dang-uy-phuong-48-KH-DU-de-an-13.txt",
    "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt",
)
TRAINING_SCANS = (
    LIGHT,
    MEDIUM,
    HEAVY,
    Degradation("vừa 300 dpi", dpi=300, rotation=0.8, blur=0.6, specks=0.0004, jpeg_quality=60),
)
PAGES_PER_SCAN = 2
BIN = 5


def training_plans() -> list[Path]:
    """The clean corpus plans that may train the confusion model."""
    return [path for path in sorted(PLANS.glob("*.txt")) if path.name not in HELD_OUT]


def main() -> int:
    """Scan, read and count; write the data file."""
    chars: Counter[tuple[str, str]] = Counter()
    words: Counter[tuple[str, str]] = Counter()
    right: Counter[int] = Counter()
    total: Counter[int] = Counter()
    pages = 0
    for plan_number, path in enumerate(training_plans()):
        lines = plan_lines(path)
        for scan_number, degradation in enumerate(TRAINING_SCANS):
            seed = 100 * plan_number + 10 * scan_number
            for page in read_pages(lines, degradation, seed=seed, limit=PAGES_PER_SCAN):
                pages += 1
                confidences = page.confidences
                for true, read, index in aligned(page.truth, page.words):
                    if true is None or read is None:
                        continue
                    true, read = _nfc(true), _nfc(read)
                    bin_start = int(confidences[index] * 100) // BIN * BIN
                    total[bin_start] += 1
                    right[bin_start] += true == read
                    if len(true) == len(read):
                        chars.update(zip(true, read, strict=True))
                    else:
                        words[(true, read)] += 1
        print(f"{path.name}: {pages} trang", flush=True)
    rows = [f"char\t{a}\t{b}\t{n}" for (a, b), n in sorted(chars.items())]
    rows += [f"word\t{a}\t{b}\t{n}" for (a, b), n in sorted(words.items())]
    rows += [f"conf\t{start}\t{right[start]}\t{total[start]}" for start in sorted(total)]
    OUTPUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    errors = sum(n for (a, b), n in chars.items() if a != b)
    print(f"{pages} pages; {errors} letter errors; {len(words)} other misreadings -> {OUTPUT}")
    return 0


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


if __name__ == "__main__":
    sys.exit(main())
