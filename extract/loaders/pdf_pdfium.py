"""A PDF page's glyphs through pdfium, as the same records pdfplumber gives.

pdfplumber (pdfminer) interprets every content stream in Python; most of a cold
PDF check went there. pdfium does that work in C. Its text page keeps, per glyph,
the Unicode text, the origin, the text object and its font, from which this module
rebuilds exactly the fields the line reader uses (``pdf.py``) the way pdfminer
computes them:

* ``x0`` = the glyph's origin; ``x1`` = origin + advance (``/Widths`` x size x
  the text matrix's horizontal scale): pdfminer's box is the advance, not the ink;
* ``bottom``/``top`` = origin + descent and one em above it; ``size`` = that height;
* ``fontname`` and the descent come from the font descriptor, as pdfminer takes
  them: pdfium drops the subset tag ("BAAAAA+") of simple fonts' names and puts a
  figure of its own in place of a /Descent of 0, so the descriptors are read from
  the file's bytes (object streams inflated).

pdfium's text page is made for selection and search, so it also changes what the
page holds. What it changes in a known way is undone: it generates a space where
a kerning gap opens inside a text object and then drops the real space that
follows as a second space in a row (justified lines): that space is put back, in
its font; it gives a hyphen ending a line as 0x2: taken as "-". Where a change
cannot be undone, the page is not read here (``None``: the caller reads it with
pdfplumber, which stays the reference; ``left_to_pdfplumber`` says why):

* a page with drawn paths that could rule a table (pdfplumber's finder reads it);
  rules all flat in one direction (underlines, the line under the motto) cannot;
* a glyph without a Unicode mapping (pdfminer writes ``(cid:N)``; pdfium does not
  tell N), a font not embedded (pdfminer takes its metrics from the standard
  fonts' AFM files) or without a descriptor found in the file, or a rotated,
  skewed or mirrored glyph, or a rotated page or one whose media box is offset;
* one glyph given as several characters (ligatures, ``/ActualText``);
* a text object pdfium left out (it drops an object repeated near the previous
  one, a fake-bold print, and objects of no width; pdfminer keeps them);
* a space followed by a gap as wide as another space: pdfium removes the second
  of two real spaces in a row, which cannot be told from a widened space;
* a page pdfium fails to load, or to make a text page of.

A document pdfium cannot open cleanly (damaged, encrypted, rebuilt cross-reference
table, over the page limit) is left whole to pdfplumber, whose messages and notes
the bad-input tests pin.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

from extract.loaders.pdf_font_descriptors import font_descriptors, without_subset_tag
from extract.loaders.pdf_page_objects import may_rule_a_table, page_objects
from extract.loaders.pdfium_c import library, media_box_origin, open_document

Char = dict[str, Any]

# A space followed by a gap at least this share of its own advance may hide a
# second space pdfium removed.
_HIDDEN_SPACE_SHARE = 0.9
_SPACE = 0x20
# pdfium gives a hyphen that ends a line (U+002D or the soft hyphen U+00AD) as
# 0x2. PDF writers draw the visible hyphen U+002D; a soft hyphen drawn at a line
# end would be read as U+002D here and as U+00AD by pdfminer (see the note).
_LINE_END_HYPHEN = 0x2
_HYPHEN = 0x2D


@dataclass
class _Font:
    name: str
    descent: float  # per unit of font size, as pdfminer's get_descent()
    embedded: bool
    widths: dict[int, float] = field(default_factory=dict)  # code point -> advance per size


class PdfiumDocument:
    """One PDF opened with pdfium for its text layer; ``None`` when pdfplumber must read it."""

    def __init__(self, handle: Any, data: bytes) -> None:
        """Wrap pdfium's handle of the document read from ``data`` (kept alive with it)."""
        self._c = library()
        self._calls = _Calls(self._c)
        self.handle = handle
        self.data = data
        self._descriptors: dict[str, dict[str, set[float]]] | None = None
        self._fonts: dict[int, _Font] = {}
        # (page number, why) of each page left to pdfplumber, for tests and benchmarks.
        self.left_to_pdfplumber: list[tuple[int, str]] = []

    @classmethod
    def open(cls, data: bytes, max_pages: int) -> PdfiumDocument | None:
        """The document, or ``None`` when it is not a clean, unencrypted PDF within limits."""
        handle = open_document(data)
        if handle is None:
            return None
        c = library()
        clean = (
            c.FPDF_GetSecurityHandlerRevision(handle) == -1
            and c.FPDF_DocumentHasValidCrossReferenceTable(handle)
            and 0 < c.FPDF_GetPageCount(handle) <= max_pages
        )
        if not clean:
            c.FPDF_CloseDocument(handle)
            return None
        return cls(handle, data)

    def __len__(self) -> int:
        """The number of pages."""
        return int(self._c.FPDF_GetPageCount(self.handle))

    def close(self) -> None:
        """Release pdfium's document (once)."""
        if self.handle is not None:
            self._c.FPDF_CloseDocument(self.handle)
            self.handle = None

    def page(self, index: int) -> PdfiumPage | None:
        """Page ``index`` (0-based), or ``None`` when pdfplumber must read it."""
        page = self._c.FPDF_LoadPage(self.handle, index)
        if not page:
            self.left_to_pdfplumber.append((index + 1, "a page pdfium could not load"))
            return None
        try:
            objects = page_objects(self._c, page)
            kinds = [kind for kind, _, _, _ in objects]
            images = self._c.FPDF_PAGEOBJ_IMAGE in kinds
            texts = {
                address for kind, address, _, _ in objects if kind == self._c.FPDF_PAGEOBJ_TEXT
            }
            # A path inside a form XObject is not measured (the form's matrix is
            # not applied to its bounds): such a page always goes to pdfplumber.
            paths = [
                (obj, in_form)
                for kind, _, obj, in_form in objects
                if kind == self._c.FPDF_PAGEOBJ_PATH
            ]
            if paths and (
                any(in_form for _, in_form in paths)
                or may_rule_a_table(self._c, [obj for obj, _ in paths])
            ):
                read: list[Char] | str = "drawn paths"
            elif self._c.FPDFPage_GetRotation(page) != 0 or media_box_origin(page) != (0, 0):
                read = "rotated or offset page"  # (-1: pdfium could not tell the rotation)
            else:
                read = self._chars(page, texts)
        finally:
            self._c.FPDF_ClosePage(page)
        if isinstance(read, str):
            self.left_to_pdfplumber.append((index + 1, read))
            return None
        return PdfiumPage(chars=read, images=images)

    def _chars(self, page: Any, texts: set[int]) -> list[Char] | str:
        """The page's glyphs, or why pdfplumber must read them."""
        c = self._c
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            return "no text page from pdfium"
        try:
            reader = _CharReader(self, textpage, c.FPDF_GetPageHeightF(page))
            for index in range(c.FPDFText_CountChars(textpage)):
                refused = reader.read(index)
                if refused:
                    return refused
            refused = reader.finish()
            if refused:
                return refused
        finally:
            c.FPDFText_ClosePage(textpage)
        if texts - reader.objects.keys():
            return "a text object pdfium left out"
        return reader.chars

    def _font(self, obj: Any) -> _Font | None:
        c = self._c
        handle = c.FPDFTextObj_GetFont(obj)
        if not handle:
            return None
        key = ctypes.cast(handle, ctypes.c_void_p).value or 0
        font = self._fonts.get(key)
        if font is None:
            length = c.FPDFFont_GetBaseFontName(handle, None, 0)
            buffer = ctypes.create_string_buffer(length)
            c.FPDFFont_GetBaseFontName(handle, buffer, length)
            described = self._descriptor(buffer.value.decode("utf-8", "replace"))
            if described is None:
                return None
            font = _Font(
                name=described[0],
                descent=described[1],
                embedded=bool(c.FPDFFont_GetIsEmbedded(handle)),
            )
            self._fonts[key] = font
        return font

    def _descriptor(self, base_name: str) -> tuple[str, float] | None:
        """The font's name and descent as pdfminer takes them: from its descriptor.

        pdfium drops the subset tag ("BAAAAA+") of simple fonts' names, and puts
        its own figure in place of a descriptor's /Descent of 0; both are taken
        from the file's font descriptors instead. ``None`` when no single
        descriptor fits (the page then goes to pdfplumber).
        """
        if self._descriptors is None:
            self._descriptors = font_descriptors(self.data)
        bare = without_subset_tag(base_name)
        found = self._descriptors.get(bare, {})
        if base_name in found:
            name = base_name
        elif len(found) == 1:
            name = next(iter(found))
        else:
            return None
        descents = found[name]
        return (name, next(iter(descents))) if len(descents) == 1 else None

    def _advance(self, obj: Any, font: _Font, code: int) -> float:
        width = font.widths.get(code)
        if width is None:
            c = self._c
            value = ctypes.c_float()
            c.FPDFFont_GetGlyphWidth(c.FPDFTextObj_GetFont(obj), code, ctypes.c_float(1.0), value)
            width = font.widths[code] = value.value
        return width


@dataclass
class _Object:
    """What every glyph of one text object shares."""

    handle: Any
    font: _Font
    size: float  # the font size set with Tf
    scale_x: float  # the text matrix (with the CTM) along x and y
    scale_y: float


class _Calls:
    """pdfium's per-character calls, taking the text page as a plain address.

    pypdfium2's bindings check pointer types and wrap each returned pointer in a
    ctypes object; per glyph that cost more than pdfium's own work. The same
    entry points are called here through prototypes of plain integers.
    """

    def __init__(self, c: Any) -> None:
        integer, double, address = ctypes.c_int, ctypes.c_double, ctypes.c_void_p

        def prototype(function: Any, result: Any, *arguments: Any) -> Any:
            entry = ctypes.cast(function, ctypes.c_void_p).value or 0
            return ctypes.CFUNCTYPE(result, *arguments)(entry)

        self.text_object = prototype(c.FPDFText_GetTextObject, address, address, integer)
        self.origin = prototype(
            c.FPDFText_GetCharOrigin,
            integer,
            address,
            integer,
            ctypes.POINTER(double),
            ctypes.POINTER(double),
        )
        self.unicode = prototype(c.FPDFText_GetUnicode, ctypes.c_uint, address, integer)
        self.generated = prototype(c.FPDFText_IsGenerated, integer, address, integer)
        self.unmapped = prototype(c.FPDFText_HasUnicodeMapError, integer, address, integer)


class _CharReader:
    """Turns a text page's characters, in order, into pdfplumber's char records."""

    def __init__(self, document: PdfiumDocument, textpage: Any, height: float) -> None:
        self.document = document
        self.c = document._c
        self.calls = document._calls
        self.textpage = textpage
        self.handle = ctypes.cast(textpage, ctypes.c_void_p).value
        self.height = height
        self.chars: list[Char] = []
        self.objects: dict[int, _Object] = {}
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        # A space pdfium generated inside a text object: (object, x, y).
        self._generated: tuple[int, float, float] | None = None
        self._last: tuple[int, float, float, float] | None = None  # object, x, y, advance

    def read(self, index: int) -> str | None:
        """Add character ``index``; or say why the page must go to pdfplumber."""
        calls, handle = self.calls, self.handle
        address = calls.text_object(handle, index) or 0
        calls.origin(handle, index, self._x, self._y)
        x, y = self._x.value, self._y.value
        code = calls.unicode(handle, index)
        if calls.generated(handle, index):
            refused = self._restore_space()
            # pdfium generates a space where a kerning gap opens inside a text
            # object, at the next glyph's origin; when that glyph is itself a
            # space, pdfium then drops it as a second space in a row.
            self._generated = (address, x, y) if code == _SPACE and address else None
            return refused
        if calls.unmapped(handle, index):
            return "a glyph without Unicode"
        info = self.objects.get(address) or self._object(address, index)
        if isinstance(info, str):
            return info
        if code == _LINE_END_HYPHEN and self.c.FPDFText_IsHyphen(self.textpage, index):
            code = _HYPHEN
        if self._generated is not None and self._generated != (address, x, y):
            refused = self._restore_space()
            if refused:
                return refused
        self._generated = None
        last = self._last
        if last is not None and last[0] == address and (last[1], last[2]) == (x, y) and last[3] > 0:
            return "one glyph given as several characters"
        if self.chars and self.chars[-1]["text"] == " ":
            space = self.chars[-1]
            advance = space["x1"] - space["x0"]
            if x - space["x1"] >= _HIDDEN_SPACE_SHARE * advance > 0:
                return "room for a second space pdfium may have dropped"
        self._last = (address, x, y, self._append(info, code, x, y))
        return None

    def finish(self) -> str | None:
        """Restore a space dropped at the very end of the page; or say why not."""
        return self._restore_space()

    def _restore_space(self) -> str | None:
        """Put back the space pdfium dropped where it generated one, if any."""
        generated, self._generated = self._generated, None
        if generated is None:
            return None
        info = self.objects.get(generated[0])
        if info is None:
            return "a generated space in a text object not yet read"
        self._append(info, _SPACE, generated[1], generated[2])
        return None

    def _object(self, address: int, index: int) -> _Object | str:
        info = self.objects.get(address)
        if info is None:
            obj = self.c.FPDFText_GetTextObject(self.textpage, index)
            font = self.document._font(obj)
            if font is None or not font.embedded:
                return "a font not embedded"
            matrix = self.c.FS_MATRIX()
            self.c.FPDFText_GetMatrix(self.textpage, index, matrix)
            if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
                return "a rotated, skewed or mirrored glyph"
            size = ctypes.c_float()
            self.c.FPDFTextObj_GetFontSize(obj, size)
            info = self.objects[address] = _Object(obj, font, size.value, matrix.a, matrix.d)
        return info

    def _append(self, info: _Object, code: int, x: float, y: float) -> float:
        """Add one glyph the way pdfminer boxes it; return its advance."""
        advance = self.document._advance(info.handle, info.font, code) * info.size * info.scale_x
        bottom = y + info.font.descent * info.size * info.scale_y
        top = bottom + info.size * info.scale_y
        self.chars.append(
            {
                "text": chr(code),
                "fontname": info.font.name,
                "size": top - bottom,
                "x0": x,
                "x1": x + advance,
                "top": self.height - top,
                "bottom": self.height - bottom,
            }
        )
        return advance


@dataclass
class PdfiumPage:
    """A page read through pdfium: its glyphs as pdfplumber's char records, and images."""

    chars: list[Char]
    images: bool
