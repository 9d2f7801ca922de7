"""Legacy Vietnamese encodings as data: one YAML table per encoding in ``data/legacy/``.

Each file maps every Vietnamese letter to its bytes in the legacy encoding, as
the published standard gives them (TCVN 5712:1993 VN3, VNI-Windows, VISCII 1.1,
VPS, Windows-1258). Text in a legacy font does not reach us as bytes: Word and
PDF readers hand over each byte as the Windows-1252 character of the same code
("KÕ ho¹ch" is TCVN3 for "Kế hoạch"). ``view`` turns bytes into those characters,
and a table decodes such text back to Unicode by longest match. A legacy .txt
file reaches us through the text reader's Windows-1258 fallback instead, so the
tables also decode that view of the same bytes (``view_1258``: "KƠ ho¹ch").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.resources import data_file, load_yaml

TABLES_DIR = data_file("extract.repair", "legacy")
# Order matters only to break ties in detection: the most common encodings first.
TABLE_NAMES = ("tcvn3", "vni", "viscii", "vps", "cp1258")
_HEX_BYTE = re.compile(r"^[0-9A-F]{2}( [0-9A-F]{2})*$")
# Subset prefix of an embedded PDF font ("ABCDEF+.VnTime").
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


class LegacyTableFile(BaseModel):
    """One encoding's YAML file, validated at load."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    method: str = Field(description="RepairNote.method of a span converted with this table.")
    fonts: list[str] = Field(description="Regexes (lowercase font names) of fonts that use it.")
    uppercase_fonts: list[str] = Field(
        description="Regexes of all-caps fonts whose lowercase codes print as capitals."
    )
    letters: dict[str, list[str]] = Field(
        description="Letter -> its codes as hex bytes; the first is the one an encoder writes."
    )

    @field_validator("letters")
    @classmethod
    def _check_letters(cls, letters: dict[str, list[str]]) -> dict[str, list[str]]:
        for letter, codes in letters.items():
            if len(letter) != 1 or unicodedata.normalize("NFC", letter) != letter:
                raise ValueError(f"not one precomposed letter: {letter!r}")
            if not codes or not all(_HEX_BYTE.match(code) for code in codes):
                raise ValueError(f"codes of {letter!r} must be hex bytes: {codes!r}")
        return letters

    @field_validator("fonts", "uppercase_fonts")
    @classmethod
    def _check_patterns(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            re.compile(pattern)
        return patterns


def view(data: bytes) -> str:
    """The characters Windows shows for legacy bytes: Windows-1252, undefined bytes as-is."""
    return "".join(_byte_view(byte) for byte in data)


def view_1258(data: bytes) -> str:
    """The characters the text reader's Windows-1258 fallback makes of legacy bytes."""
    return "".join(_byte_view_1258(byte) for byte in data)


@cache
def _byte_view_1258(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1258")
    except UnicodeDecodeError:
        return chr(byte)


@cache
def _byte_view(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: Windows maps them to C1 controls


@dataclass(frozen=True)
class LegacyTable:
    """A legacy encoding ready to decode text shown through ``view``."""

    name: str
    method: str
    fonts: tuple[re.Pattern[str], ...]
    uppercase_fonts: tuple[re.Pattern[str], ...]
    encoded: dict[str, str]  # letter -> its first code, as characters
    decoded: dict[str, str]  # every code, as characters -> letter
    longest: int
    alphabet: frozenset[str]  # the non-ASCII and control characters its codes use

    def decode(self, text: str) -> str:
        """Replace every code in ``text`` by its letter, longest code first; keep the rest."""
        pieces: list[str] = []
        index = 0
        while index < len(text):
            for size in range(min(self.longest, len(text) - index), 0, -1):
                letter = self.decoded.get(text[index : index + size])
                if letter is not None:
                    pieces.append(letter)
                    index += size
                    break
            else:
                pieces.append(text[index])
                index += 1
        return "".join(pieces)

    def encode(self, text: str) -> str:
        """Unicode text as this encoding shows it in a Windows-1252 view (used by tests)."""
        return "".join(self.encoded.get(char, char) for char in text)

    def uses_font(self, font: str) -> bool:
        """True when a font of this name holds text in this encoding."""
        name = normalize_font_name(font)
        return any(pattern.search(name) for pattern in self.fonts)

    def is_uppercase_font(self, font: str) -> bool:
        """True for the all-caps fonts (.VnTimeH) that print lowercase codes as capitals."""
        name = normalize_font_name(font)
        return any(pattern.search(name) for pattern in self.uppercase_fonts)


def normalize_font_name(font: str) -> str:
    """Lowercase, without a PDF subset prefix: 'ABCDEF+.VnTimeH' -> '.vntimeh'."""
    return _SUBSET_PREFIX.sub("", font.strip()).lower()


@cache
def legacy_tables() -> tuple[LegacyTable, ...]:
    """Every shipped table, loaded and validated once per process."""
    return tuple(read_table(TABLES_DIR / f"{name}.yaml") for name in TABLE_NAMES)


def read_table(path: Path) -> LegacyTable:
    """Load one YAML table; fails loudly when two letters share a code."""
    data = LegacyTableFile.model_validate(load_yaml(path))
    encoded: dict[str, str] = {}
    decoded: dict[str, str] = {}
    for letter, codes in data.letters.items():
        shown = [view(bytes.fromhex(code)) for code in codes]
        encoded[letter] = shown[0]
        if data.name != "cp1258":  # Windows-1258 in its own view is already Unicode
            shown += [view_1258(bytes.fromhex(code)) for code in codes]
        for code in shown:
            if decoded.setdefault(code, letter) != letter:
                raise ValueError(f"{path.name}: {letter!r} and {decoded[code]!r} share a code")
    return LegacyTable(
        name=data.name,
        method=data.method,
        fonts=tuple(re.compile(pattern) for pattern in data.fonts),
        uppercase_fonts=tuple(re.compile(pattern) for pattern in data.uppercase_fonts),
        encoded=encoded,
        decoded=decoded,
        longest=max(len(code) for code in decoded),
        alphabet=frozenset(
            char for code in decoded for char in code if not char.isascii() or ord(char) < 0x20
        ),
    )


__all__ = [
    "LegacyTable", "LegacyTableFile", "legacy_tables", "normalize_font_name", "view", "view_1258",
]
