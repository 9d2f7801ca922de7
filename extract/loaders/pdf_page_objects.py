"""A pdfium page's objects and what its drawn paths can make, through pdfium's C calls."""

from __future__ import annotations

import ctypes
from typing import Any


def page_objects(c: Any, page: Any) -> list[tuple[int, int, Any, bool]]:
    """(type, address, handle, inside a form XObject) of every object on pdfium's ``page``."""
    found: list[tuple[int, int, Any, bool]] = []

    def walk(count: int, get: Any, in_form: bool) -> None:
        for index in range(count):
            obj = get(index)
            kind = c.FPDFPageObj_GetType(obj)
            found.append((kind, ctypes.cast(obj, ctypes.c_void_p).value or 0, obj, in_form))
            if kind == c.FPDF_PAGEOBJ_FORM:
                inner = c.FPDFFormObj_CountObjects(obj)
                walk(inner, lambda i, form=obj: c.FPDFFormObj_GetObject(form, i), True)

    walk(c.FPDFPage_CountObjects(page), lambda i: c.FPDFPage_GetObject(page, i), False)
    return found


# pdfplumber's table finder drops edges shorter than this before joining them
# (``edge_min_length_prefilter``); a cell needs both vertical and horizontal edges.
_EDGE_PREFILTER = 1.0


def may_rule_a_table(c: Any, paths: list[Any]) -> bool:
    """Whether pdfplumber's finder could build a table from these paths.

    Not when every path is flatter than its edge prefilter in one direction (the
    rules under a Vietnamese document's motto and issuer, underlines): then it
    has edges in one direction only, and no cell. Measured on the paths' points
    (pdfium's bounds add the stroke width; pdfminer's edges are the geometry).
    """
    heights, widths = [], []
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = c.FS_MATRIX()
    for path in paths:
        if not c.FPDFPageObj_GetMatrix(path, matrix):
            return True
        xs, ys = [], []
        for index in range(c.FPDFPath_CountSegments(path)):
            segment = c.FPDFPath_GetPathSegment(path, index)
            if not segment or not c.FPDFPathSegment_GetPoint(segment, x, y):
                return True
            xs.append(matrix.a * x.value + matrix.c * y.value + matrix.e)
            ys.append(matrix.b * x.value + matrix.d * y.value + matrix.f)
        if not xs:
            continue
        heights.append(max(ys) - min(ys))
        widths.append(max(xs) - min(xs))
    if not heights:
        return False
    return max(heights) >= _EDGE_PREFILTER and max(widths) >= _EDGE_PREFILTER
