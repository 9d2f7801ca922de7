"""Text and fonts of a Word paragraph, run by run (used by ``extract.loaders.docx``).

Works on lxml elements directly, so it reads the body (python-docx's parser)
and the footnotes part (our parser) the same way.
"""

from __future__ import annotations

from typing import Any

from extract.model import FontRun

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

# Containers inside a paragraph whose runs belong to its text. Deleted text
# (w:del) and field instructions are not read; text boxes anchored in a run are
# read as lines of their own (extract/loaders/docx.py).
_RUN_CONTAINERS = {
    f"{W}{tag}"
    for tag in (
        "hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent", "customXml",
        "moveTo", "dir", "bdo",
    )
}
# Run content that stands for a character; w:br and w:cr are soft line breaks.
_SPECIAL_TEXT = {
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "-",
}
# Style inheritance deeper than this is a loop or hostile; stop following it.
_MAX_STYLE_CHAIN = 32


class StyleFonts:
    """Font names declared by the document's styles, resolved through ``basedOn``.

    Args:
        styles: The ``w:styles`` element.
        theme: The theme part's root element, for fonts given as 'minorHAnsi' etc.

    """

    def __init__(self, styles: Any, theme: Any = None) -> None:
        self.theme_fonts = _theme_fonts(theme)
        self.fonts: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        self.default_font = self.declared_font(
            styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        )
        for style in styles.iterchildren(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id is None:
                continue
            self.fonts[style_id] = self.declared_font(style.find(f"{W}rPr"))
            parent = style.find(f"{W}basedOn")
            if parent is not None and parent.get(f"{W}val"):
                self.based_on[style_id] = parent.get(f"{W}val")
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_paragraph_style = style_id

    def declared_font(self, properties: Any) -> str | None:
        """Return the font run properties name: w:rFonts ascii, hAnsi, then their theme font."""
        if properties is None:
            return None
        fonts = properties.find(f"{W}rFonts")
        if fonts is None:
            return None
        for attribute in ("ascii", "hAnsi"):
            if fonts.get(f"{W}{attribute}"):
                return str(fonts.get(f"{W}{attribute}"))
        for attribute in ("asciiTheme", "hAnsiTheme"):
            theme_font = self.theme_fonts.get(fonts.get(f"{W}{attribute}", "")[:5])
            if theme_font:
                return theme_font
        return None

    def style_font(self, style_id: str | None) -> str | None:
        """Return the font a style sets, itself or through the styles it is based on."""
        for _ in range(_MAX_STYLE_CHAIN):
            if style_id is None:
                return None
            font = self.fonts.get(style_id)
            if font:
                return font
            style_id = self.based_on.get(style_id)
        return None

    def paragraph_font(self, paragraph: Any) -> str | None:
        """Return the font of a paragraph's style, else the document default."""
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else self.default_paragraph_style
        return self.style_font(style_id) or self.default_font


def paragraph_pieces(paragraph: Any, styles: StyleFonts) -> list[tuple[str, str]]:
    """Return the paragraph's text as (text, font) pieces, one or more per run."""
    fallback = styles.paragraph_font(paragraph) or ""
    pieces: list[tuple[str, str]] = []
    for run in _runs(paragraph):
        properties = run.find(f"{W}rPr")
        font = styles.declared_font(properties)
        if font is None and properties is not None:
            character_style = properties.find(f"{W}rStyle")
            if character_style is not None:
                font = styles.style_font(character_style.get(f"{W}val"))
        for child in run:
            text, symbol_font = _content_text(child)
            if text:
                pieces.append((text, symbol_font or font or fallback))
    return pieces


def split_lines(pieces: list[tuple[str, str]]) -> list[tuple[str, list[FontRun]]]:
    """Split pieces at soft line breaks; merge neighbouring pieces of one font into a run."""
    lines: list[tuple[str, list[FontRun]]] = []
    parts: list[str] = []
    runs: list[FontRun] = []
    offset = 0
    for text, font in pieces:
        for index, segment in enumerate(text.split("\n")):
            if index > 0:  # a soft line break: close this line, start the next
                lines.append(("".join(parts), runs))
                parts, runs, offset = [], [], 0
            if not segment:
                continue
            end = offset + len(segment)
            if font and runs and runs[-1].font == font and runs[-1].end == offset:
                runs[-1].end = end
            elif font:
                runs.append(FontRun(start=offset, end=end, font=font))
            parts.append(segment)
            offset = end
    lines.append(("".join(parts), runs))
    return lines


def _runs(paragraph: Any) -> list[Any]:
    """List the paragraph's runs in order, looking through hyperlinks and similar wrappers."""
    found: list[Any] = []
    stack = list(reversed(list(paragraph)))
    while stack:
        element = stack.pop()
        if element.tag == f"{W}r":
            found.append(element)
        elif element.tag in _RUN_CONTAINERS:
            stack.extend(reversed(list(element)))
    return found


def _content_text(element: Any) -> tuple[str, str | None]:
    """Text of one run child, and the font of a w:sym symbol (which names its own)."""
    if element.tag == f"{W}t":
        # Keep text around unresolved entity references, never their expansion.
        return (element.text or "") + "".join(child.tail or "" for child in element), None
    if element.tag == f"{W}sym":
        code = element.get(f"{W}char") or ""
        try:
            return chr(int(code, 16)), element.get(f"{W}font")
        except (ValueError, OverflowError):
            return "", None
    return _SPECIAL_TEXT.get(element.tag, ""), None


def _theme_fonts(theme: Any) -> dict[str, str]:
    """Map 'major'/'minor' to the theme's Latin typefaces ('minorHAnsi' -> 'Calibri')."""
    if theme is None:
        return {}
    found = {}
    for kind in ("major", "minor"):
        latin = theme.find(f"{A}themeElements/{A}fontScheme/{A}{kind}Font/{A}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = str(latin.get("typeface"))
    return found
