"""pdfium's C functions (``pypdfium2_raw``), set up once, without pypdfium2's Python helpers.

The text-layer reader (``pdf_pdfium.py``) calls pdfium directly: a document, its pages,
their text pages and objects. Importing ``pypdfium2`` for that also loaded its helper
classes (documents, pages, bitmaps, attachments, a tracker of open objects and its exit
handler): about 18 ms of CPU of a cold check of a typed PDF, twice the raw bindings
(issue 18). The rendering of scanned pages (``pdf_scan.py``) still uses ``pypdfium2``;
pdfium initialises itself once whichever of the two asks first.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

# pypdfium2's own answer when a page has no /MediaBox of its own: US Letter from (0, 0).
_DEFAULT_MEDIA_ORIGIN = (0.0, 0.0)


@cache
def library() -> Any:
    """The ``pypdfium2_raw`` module, pdfium initialised as ``pypdfium2`` initialises it."""
    import pypdfium2_raw

    config = pypdfium2_raw.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0
    )
    # A second initialisation (pypdfium2 imported later, for a scanned page) does nothing.
    pypdfium2_raw.FPDF_InitLibraryWithConfig(config)
    return pypdfium2_raw


def open_document(data: bytes) -> Any:
    """The handle pdfium gives the document in ``data``; None if it cannot load it or no page.

    ``data`` must stay alive as long as the handle: pdfium reads from it.
    """
    c = library()
    handle = c.FPDF_LoadMemDocument64(data, len(data), None)
    if not handle:
        return None
    if c.FPDF_GetPageCount(handle) < 1:
        c.FPDF_CloseDocument(handle)
        return None
    return handle


def media_box_origin(page: Any) -> tuple[float, float]:
    """Where the page's media box starts (x, y); (0, 0) when the page sets none."""
    c = library()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return _DEFAULT_MEDIA_ORIGIN
    return (left.value, bottom.value)
