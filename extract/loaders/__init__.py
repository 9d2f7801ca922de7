"""One reader per format; ``read_document`` picks by extension."""

from __future__ import annotations

from pathlib import Path

from extract.errors import PlanInputError
from extract.limits import Limits
from extract.loaders.base import LoadedDocument

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_document(path: Path, data: bytes, limits: Limits | None = None) -> LoadedDocument:
    """Read ``data`` (the bytes of ``path``) with the reader for its extension.

    ``limits`` bounds every reader (bytes, pages, lines, characters; the image
    reader too); None reads them from the environment.
    """
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        from extract.loaders.txt import load_text

        return load_text(path, data, limits)
    if suffix == ".docx":
        from extract.loaders.docx import load_docx

        return load_docx(path, data, limits)
    if suffix == ".pdf":
        from extract.loaders.pdf import load_pdf

        return load_pdf(path, data, limits)
    if suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        from extract.loaders.images import load_image

        return load_image(path, data, limits)
    raise PlanInputError(path, "unsupported", suffix or "no extension / không có phần mở rộng")


__all__ = ["SUPPORTED_SUFFIXES", "LoadedDocument", "read_document"]
