"""Limits on what a reader accepts, configurable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class Limits:
    """Upper bounds that protect the machine from hostile or runaway files."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 1000
    max_docx_uncompressed: int = 200 * 1024 * 1024
    max_docx_ratio: int = 100
    # A member must inflate past this size before its ratio counts: a small part
    # that compresses well (repetitive XML) threatens nothing.
    docx_ratio_floor: int = 1024 * 1024
    max_docx_entries: int = 10_000
    # An A4 page scanned at 600 dpi is 35 million pixels; a header claiming more
    # than this is refused before a pixel is decoded (an image bomb).
    max_image_pixels: int = 80_000_000

    @classmethod
    def from_env(cls) -> Limits:
        """Read PLANCHECK_MAX_BYTES and PLANCHECK_MAX_PAGES, else the defaults."""
        return cls(
            max_bytes=_env_int("PLANCHECK_MAX_BYTES", cls.max_bytes),
            max_pages=_env_int("PLANCHECK_MAX_PAGES", cls.max_pages),
        )
