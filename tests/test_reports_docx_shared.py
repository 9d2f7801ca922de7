"""Review notes share the parts no note changes (issue 18: a note's cost in a batch).

Each note copied its template's styles (790 KB of XML with stylesWithEffects) and
serialized them again; the parts beside the text are now bytes made once and held by
every note, and must still be written exactly as before.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document

from app.pipeline import PlanFile, check_one
from reports import render_docx
from reports.docx_report import _blank_note, _SharedPart
from tests.conftest import PLANS

WARD = "dang-uy-phuong-48-KH-DU-de-an-13.txt"


def test_two_notes_hold_the_same_styles_part_not_copies() -> None:
    first, second = _blank_note(None, None), _blank_note(None, None)
    assert first.part is not second.part
    styles = [note.part.rels[key].target_part for note in (first, second) for key in _styles(note)]
    assert len(styles) == 2 and styles[0] is styles[1] and isinstance(styles[0], _SharedPart)


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
