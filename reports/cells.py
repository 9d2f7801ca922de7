"""Document text made safe for XML and spreadsheets, one helper for every writer.

Plans are untrusted input. Two things in their text break or subvert the
reports built from them:

* characters XML 1.0 cannot hold (C0 controls other than tab, newline and
  carriage return; lone surrogates; U+FFFE and U+FFFF): lxml (DOCX) and
  openpyxl (XLSX) refuse them and the whole report is lost. ``xml_safe``
  replaces each with a visible placeholder, so the reader sees that something
  was there: a C0 control becomes its Control Pictures sign (ESC shows as "␛"),
  anything else the replacement character "�".
* text read as a formula by a spreadsheet ("CSV/formula injection"): a cell
  beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return (the OWASP CSV
  Injection page). ``guard_formula`` stores such a cell as a string with the
  cell's quote prefix set, which is what Excel and LibreOffice do when a person
  types a leading apostrophe: the text shows exactly as written ("- Tỷ lệ ...",
  a plan's commonest line start, keeps no visible apostrophe) and is never
  evaluated, also not after the reader edits the cell.

Every workbook writer (the audit workbook, ``check --format xlsx``) passes each
value through ``cell_value`` and each written cell through ``guard_formula``; the
DOCX writer and the HTML templates pass text through ``xml_safe``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Leading characters a spreadsheet reads as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL_PICTURES = 0x2400
_REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """Return ``text`` with every character XML cannot hold shown as a visible sign.

    An ESC after "55%" reads "55%␛"; the length of the text is unchanged, so
    offsets into it (repair marks) stay valid.
    """
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(_placeholder, text)


def cell_value(value: object) -> object:
    """Return ``value`` as it may be written to a spreadsheet cell.

    Strings are cleaned for XML (``guard_formula`` then keeps them from being
    read as formulas); numbers, dates, booleans and None pass through unchanged;
    anything else is written as its text.
    """
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime):
        return value
    return xml_safe(value if isinstance(value, str) else str(value))


def guard_formula(cell: Any) -> None:
    """Store a written openpyxl ``cell`` whose text starts like a formula as quoted text.

    Call it after the cell's style is set: assigning a named style resets the
    quote prefix.
    """
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def _placeholder(found: re.Match[str]) -> str:
    character = found.group()
    if ord(character) < 0x20:
        return chr(_CONTROL_PICTURES + ord(character))
    return _REPLACEMENT
