"""Fuzz every reader with hypothesis: it returns lines or raises PlanInputError, nothing else.

Random bytes alone stop at the first check (not a zip, no %PDF- header), so the
.docx and .pdf targets mostly mutate a valid file: flip, insert and cut bytes,
or (for .docx) damage document.xml and zip it again so the XML walker runs.

``make test`` runs a few examples per target; ``make fuzz`` sets
``HYPOTHESIS_PROFILE=fuzz`` for a few hundred each, under a time bound.
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
from extract.loaders.base import LoadedDocument
from extract.loaders.docx import load_docx
from extract.loaders.pdf import load_pdf
from extract.loaders.txt import load_text
from extract.model import Line
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
