"""Review notes share the parts no note changes (issue 18: a note's cost in a batch).

Each note copied its template's styles (790 KB of XML with stylesWithEffects) and
serialized them again; the parts beside the text are now bytes made once and held by
every note, and must still be written exactly as before.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document

from app.pipeline import PlanFile, check_one
from reports import render_docx
from reports.docx_package import Deflated, SharedPart, save_package
from reports.docx_report import _blank_note, note_document
from tests.conftest import PLANS

WARD = "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def test_two_notes_hold_the_same_styles_part_not_copies() -> None:
    first, second = _blank_note(None, None), _blank_note(None, None)
    assert first.part is not second.part
    styles = [note.part.rels[key].target_part for note in (first, second) for key in _styles(note)]
    assert len(styles) == 2 and styles[0] is styles[1] and isinstance(styles[0], SharedPart)


def test_a_note_writes_the_shared_parts_as_its_template_made_them() -> None:
    report = check_one(PlanFile(PLANS / WARD)).report()
    buffer = io.BytesIO()
    render_docx(report, buffer)
    written = zipfile.ZipFile(buffer)
    fresh = io.BytesIO()
    Document().save(fresh)
    template = zipfile.ZipFile(fresh)
    # python-docx's own template gives these parts; the note's page set-up changes styles
    # (its Normal style), settings and the footer, which are checked by the layout tests.
    for name in ("word/stylesWithEffects.xml", "word/fontTable.xml", "word/theme/theme1.xml"):
        assert written.read(name) == template.read(name)
    assert b"PHI\xe1\xba\xbeU R\xc3\x80 SO\xc3\x81T" in written.read("word/document.xml")
    reopened = Document(io.BytesIO(buffer.getvalue()))
    assert reopened.styles["Normal"].font.name == "Times New Roman"


def _styles(note: object) -> list[str]:
    rels = note.part.rels  # type: ignore[attr-defined]
    return [key for key, rel in rels.items() if rel.reltype.endswith("/styles")]


def test_a_note_is_the_package_python_docx_writes_byte_for_byte(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The shared parts go in deflated once (reports.docx_package); the package must be
    # the one python-docx's own save writes through zipfile, at the same time stamp.
    stamp = time.struct_time((2026, 12, 7, 21, 5, 8, 0, 341, 0))
    monkeypatch.setattr(time, "localtime", lambda *_: stamp)
    report = check_one(PlanFile(PLANS / WARD)).report()
    for _ in range(2):  # the second note takes the shared parts' stored deflate
        ours, theirs = io.BytesIO(), io.BytesIO()
        save_package(note_document(report).part.package, ours)
        note_document(report).save(theirs)
        assert ours.getvalue() == theirs.getvalue()
    parts = note_document(report).part.package.parts
    shared = [part for part in parts if isinstance(part, SharedPart)]
    assert len(shared) >= 5 and all("deflated" in vars(part) for part in shared)


def test_members_are_written_as_zipfile_writes_them() -> None:
    # Names with Vietnamese letters take the UTF-8 flag; an empty member; a stream that
    # does not start at offset 0 (offsets count from the stream's start, as zipfile's).
    from reports.docx_package import _ZipWriter

    class Name:
        def __init__(self, membername: str) -> None:
            self.membername = membername

    members = [
        ("a.xml", b"<a/>" * 1000),
        ("th\u01b0 m\u1ee5c/\u0111.xml", "Đồng ý".encode()),
        ("e", b""),
    ]
    for prefix in (b"", b"x" * 37):
        ours, theirs = io.BytesIO(prefix), io.BytesIO(prefix)
        ours.seek(len(prefix)), theirs.seek(len(prefix))
        writer = _ZipWriter(ours, {})
        with zipfile.ZipFile(theirs, "a" if prefix else "w") as archive:
            for name, data in members:
                writer.write(Name(name), data)
                info = zipfile.ZipInfo(name, writer.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                archive.writestr(info, data)
        writer.close()
        if not prefix:
            assert ours.getvalue() == theirs.getvalue()
        with zipfile.ZipFile(ours) as reread:
            assert [reread.read(name) for name, _ in members] == [data for _, data in members]
            assert reread.testzip() is None
    assert Deflated.of(b"abc").size == 3


def test_a_paragraph_is_written_as_python_docx_writes_its_text() -> None:
    # _paragraph puts its text in without Run.text's per-letter loop: same XML.
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from lxml import etree

    from reports.docx_report import _paragraph, _scratch

    texts = ["Kế hoạch", " cách\tđầu ", "dòng 1\ndòng 2\r\n\tx", "", "\t", "  "]
    for text in texts:
        ours, theirs = _scratch(), _scratch()
        _paragraph(ours, text, bold=True, centre=True)
        paragraph = theirs.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = True
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        written = [
            etree.tostring(document.element.body.findall(qn("w:p"))[-1])
            for document in (ours, theirs)
        ]
        assert written[0] == written[1], text


def test_a_paragraph_is_filled_without_python_docxs_element_factory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # python-docx's add_t makes each w:t through its factory and looks for its place in
    # the run's schema, and a paragraph's run formatted through python-docx for each
    # paragraph cost ~150 µs (issue 18). A paragraph is a copy of one made once, its run
    # filled by lxml: the same XML (the test above).
    from docx.oxml.document import CT_Body
    from docx.oxml.text.run import CT_R

    from reports.docx_report import _paragraph, _scratch

    _paragraph(_scratch(), "made once", bold=True)

    def refused(*_: object) -> None:
        raise AssertionError("python-docx's factory was used")

    for name in ("add_t", "add_br", "add_tab"):
        monkeypatch.setattr(CT_R, name, refused)
    monkeypatch.setattr(CT_Body, "add_p", refused)
    _paragraph(_scratch(), "Kế hoạch\tsố 5\ndòng 2 ", bold=True)
