"""Fuzz every reader with hypothesis: it returns lines or raises PlanInputError, nothing else.

Random bytes alone stop at the first check (not a zip, no %PDF- header), so the
.docx and .pdf targets mostly mutate a valid file: flip, insert and cut bytes,
or (for .docx) damage document.xml and zip it again so the XML walker runs.

``make test`` runs a few examples per target; ``make fuzz`` sets
``HYPOTHESIS_PROFILE=fuzz`` for a few hundred each, under a time bound, and
also checks large but valid files (at and over the work limits) against the
bound of issue 22: each is checked or refused within 30 s of CPU and 1 GB,
measured by the kernel's accounting in a child process (tests/large_inputs.py).
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import PlanInputError
from extract.limits import Limits
from extract.loaders.base import LoadedDocument
from extract.loaders.docx import load_docx
from extract.loaders.pdf import load_pdf
from extract.loaders.txt import load_text
from extract.model import Line
from tests.large_inputs import GARBLED, heavy_docx, long_pdf, long_text, measure
from tests.large_scans import dense_scan, largest_photo, plan_scan, speck_scan
from tests.render import docx_parts, pdf_bytes, write_docx_parts

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "400")) if FUZZING else 15,
    deadline=None,
    derandomize=not FUZZING,  # the normal suite stays reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

PLAN = ["KẾ HOẠCH", "Thực hiện Đề án số 13-ĐA/TU ngày 10/10/2022", "(1) Trên 65% lao động"]
VALID_PDF = pdf_bytes(PLAN)
VALID_DOCX_PARTS = docx_parts(PLAN)
VALID_DOCX = write_docx_parts(io.BytesIO(), VALID_DOCX_PARTS).getvalue()  # type: ignore[union-attr]

Mutation = tuple[int, int, int]  # (kind, position, byte)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, inserted or deleted, maybe cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "insert", "delete"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        byte = draw(st.integers(0, 255))
        if kind == "flip" and data:
            data[position] = byte
        elif kind == "insert":
            data.insert(position, byte)
        elif data:
            del data[position]
    if draw(st.integers(0, 3)) == 0:  # sometimes cut short, as an interrupted download
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _assert_contract(load: object, path: Path, data: bytes) -> None:
    """Either a well-formed document or our own error; any other exception fails."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pdfminer warns loudly on damaged files
            document = load(path, data)  # type: ignore[operator]
    except PlanInputError as error:
        assert error.reason and str(path) in error.message
        return
    assert isinstance(document, LoadedDocument)
    assert all(isinstance(line, Line) for line in document.lines)
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    for line in document.lines:
        assert all(0 <= run.start <= run.end <= len(line.raw) for run in line.fonts)


@FUZZ
@given(st.binary(max_size=4096))
def test_text_reader_on_any_bytes(data: bytes) -> None:
    _assert_contract(load_text, Path("fuzz.txt"), data)


@FUZZ
@given(st.one_of(st.binary(max_size=2048), mutated(VALID_DOCX)))
def test_docx_reader_on_damaged_packages(data: bytes) -> None:
    _assert_contract(load_docx, Path("fuzz.docx"), data)


@FUZZ
@given(mutated(VALID_DOCX_PARTS["word/document.xml"]))
def test_docx_reader_on_damaged_document_xml(document_xml: bytes) -> None:
    parts = dict(VALID_DOCX_PARTS, **{"word/document.xml": document_xml})
    data = write_docx_parts(io.BytesIO(), parts).getvalue()  # type: ignore[union-attr]
    _assert_contract(load_docx, Path("fuzz.docx"), data)


@FUZZ
@given(st.one_of(st.binary(max_size=2048).map(lambda noise: b"%PDF-1.4\n" + noise + b"%%EOF"),
                 mutated(VALID_PDF)))
def test_pdf_reader_on_damaged_files(data: bytes) -> None:
    _assert_contract(load_pdf, Path("fuzz.pdf"), data)


@pytest.mark.parametrize(
    ("load", "data"), [(load_pdf, VALID_PDF), (load_docx, VALID_DOCX)], ids=["pdf", "docx"]
)
def test_the_seeds_are_valid(load: object, data: bytes) -> None:
    # The mutations start from files that load; otherwise the fuzzing proves little.
    document = load(Path("seed"), data)  # type: ignore[operator]
    assert [line.raw for line in document.lines if line.raw] == PLAN


# --------------------------------------------------------------------------- large inputs

CPU_BOUND_SECONDS = 30.0
MEMORY_BOUND_MB = 1024.0
_LIMITS = Limits()

# name -> (file name, maker, expected outcome)
LARGE_INPUTS = {
    "txt-at-line-limit": (
        "dong.txt",
        lambda: "\n".join(f"- Nhiệm vụ {n}: đạt 65%" for n in range(_LIMITS.max_lines)).encode(),
        "checked",
    ),
    "txt-at-char-limit": (
        "ky-tu.txt",
        lambda: long_text(_LIMITS.max_lines, _LIMITS.max_chars),
        "checked",
    ),
    "garbled-txt-at-char-limit": (
        "hong.txt",
        lambda: long_text(_LIMITS.max_lines, _LIMITS.max_chars, plan=GARBLED),
        "checked",
    ),
    "docx-just-under-xml-limit": ("nang.docx", lambda: heavy_docx(3_700), "checked"),
    "pdf-at-page-limit": ("dai.pdf", lambda: long_pdf(_LIMITS.max_pages), "checked"),
    "txt-2mb": ("2mb.txt", lambda: long_text(20_000), "over-limit"),
    "txt-45mb": ("45mb.txt", lambda: long_text(20_000) * 22, "over-limit"),
    "docx-20mb-xml": ("20mb.docx", lambda: heavy_docx(4_800), "over-limit"),
    "pdf-1000-pages": ("1000.pdf", lambda: long_pdf(1_000, lines_per_page=5), "too-many-pages"),
    "scan-at-scan-page-limit": ("quet.pdf", lambda: plan_scan(_LIMITS.max_scan_pages), "checked"),
    "scan-of-small-dense-type": ("chu-nho.pdf", lambda: dense_scan(15), "over-limit"),
    "photo-at-pixel-limit": ("anh.jpg", largest_photo, "checked"),
    "scan-of-specks": ("dom.pdf", lambda: speck_scan(15), "over-limit"),
}


@pytest.mark.skipif(not FUZZING, reason="large inputs run under make fuzz")
@pytest.mark.parametrize("name", list(LARGE_INPUTS))
def test_large_valid_input_is_checked_or_refused_within_bounds(
    name: str, tmp_path: Path
) -> None:
    file_name, make, expected = LARGE_INPUTS[name]
    path = tmp_path / file_name
    path.write_bytes(make())
    cost = measure(path)
    print(f"{name}: {cost}")  # the figures for the README's reliability table (pytest -s)
    assert cost.outcome == expected
    assert cost.cpu_seconds < CPU_BOUND_SECONDS, cost
    assert cost.peak_mb < MEMORY_BOUND_MB, cost
