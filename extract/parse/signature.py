"""The end of a plan: the "Nơi nhận" list and the signature block.

Nghị định 30/2020/NĐ-CP (Điều 12, Phụ lục I) and Hướng dẫn 36-HD/VPTW put the
recipients on the left and the signature on the right: an authority marker
("T/M ĐẢNG ỦY", "TM. ỦY BAN NHÂN DÂN", "KT. TRƯỞNG BAN"), the signer's title in
capitals ("BÍ THƯ", "PHÓ TRƯỞNG BAN"), then the name. Text extraction gives
the columns one after the other or side by side on a line with a wide gap, so
lines are split into cells as in the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Line, Signer
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import comparable, search_form

# The signature block is in the last lines; "Nơi nhận" higher up is not it.
TAIL_LINES = 80
NAME_WORDS = range(2, 7)
_CELL_SPLIT = re.compile(r"\s{3,}|\t+|\s*\|\s*")
_MARKUP = " \t*#_"
_BULLET = re.compile(r"^[-+•–]\s*")
# "(Đã ký)", "(đã ký và đóng dấu)", "(Ký, ghi rõ họ tên)", "Đã ký": a note, not a title.
_SIGNED_NOTE = re.compile(
    r"^(?:\(\s*(?:đã\s+)?ký\b[^)]*\)|(?:đã\s+)?ký(?:\s+tên)?)$", re.IGNORECASE
)
_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*[.\-–)/]")


@dataclass
class _Tail:
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def parse_signature(lines: list[Line]) -> tuple[Signer | None, list[str]]:
    """The signer and the recipients of a plan, from its last lines."""
    tail = _split_columns(lines[-TAIL_LINES:])
    return _signer(tail.signature), tail.recipients


def _split_columns(lines: list[Line]) -> _Tail:
    """Recipient items on one side, signature cells on the other, in reading order."""
    head = re.compile(rf"^(?:{words_pattern(meta_vocabulary().recipients_heads)})\s*:?")
    tail = _Tail()
    starts = [index for index, line in enumerate(lines) if head.match(_first_cell(line.text))]
    if starts:
        lines = lines[starts[-1] :]
    listing = False
    for line in lines:
        for position, cell in enumerate(_cells(line.text)):
            if position == 0 and head.match(search_form(cell)):
                listing = True
                rest = head.sub("", search_form(cell), count=1).strip()
                if rest:
                    item = _BULLET.sub("", cell[len(cell) - len(rest) :])
                    tail.recipients.append(_clean_recipient(item))
                continue
            if position == 0 and listing and _BULLET.match(cell):
                tail.recipients.append(_clean_recipient(_BULLET.sub("", cell)))
                continue
            if position == 0 and listing and tail.recipients and cell[:1].islower():
                if not _is_connector(cell):
                    tail.recipients[-1] = f"{tail.recipients[-1]} {_clean_recipient(cell)}"
                    continue
            if position == 0:
                listing = False
            tail.signature.append(cell)
    if not starts:
        tail.recipients = []
    return tail


def _signer(cells: list[str]) -> Signer | None:
    """The name closest to the end, and the title lines right above it.

    The title runs up from the name through capitals and connectors ("kiêm")
    and stops at the authority marker ("KT. TRƯỞNG BAN" signs for the head;
    the signer's own title is the line under it). Without a name, a marker
    followed by capitals still gives the title.
    """
    marker = re.compile(rf"^(?:{words_pattern(meta_vocabulary().authority_markers)})(?!\w)")
    cells = [cell for cell in cells if not _SIGNED_NOTE.match(cell)]
    names = [index for index, cell in enumerate(cells) if _is_name(cell)]
    if names:
        titles: list[str] = []
        for cell in reversed(cells[: names[-1]]):
            if marker.match(cell.casefold()):
                if not titles:
                    titles = [cell]  # "Q. GIÁM ĐỐC" on one line: the acting signer's own title
                break
            if not (_is_title(cell) or _is_connector(cell)):
                break
            titles.insert(0, cell)
        title = " ".join(" ".join(titles).split()) or None
        return Signer(name=cells[names[-1]], title=title)
    marked = [index for index, cell in enumerate(cells) if marker.match(cell.casefold())]
    if not marked:
        return None
    titles = []
    for cell in cells[marked[-1] + 1 :]:
        if not (_is_title(cell) or _is_connector(cell)):
            break
        titles.append(cell)
    return Signer(title=" ".join(" ".join(titles).split())) if titles else None


def _is_title(cell: str) -> bool:
    letters = [char for char in cell if char.isalpha()]
    capitals = bool(letters) and not any(char.islower() for char in letters)
    return capitals and not _LABEL.match(cell) and not _is_name(cell)


def _is_connector(cell: str) -> bool:
    return comparable(cell) in {comparable(word) for word in meta_vocabulary().title_connectors}


def _is_name(cell: str) -> bool:
    """A person's name: two to six capitalised words, no digits or punctuation.

    In mixed case ("Nguyễn Văn Nho"), or in capitals when it opens with a family
    name ("NGUYỄN VĂN NHO"), which a title ("PHÓ BÍ THƯ") does not.
    """
    words = cell.split()
    if len(words) not in NAME_WORDS or any(char.isdigit() or char in ":;,()/." for char in cell):
        return False
    if not all(word[:1].isupper() for word in words):
        return False
    surnames = {comparable(name) for name in meta_vocabulary().surnames}
    return any(char.islower() for char in cell) or comparable(words[0]) in surnames


def _first_cell(text: str) -> str:
    cells = _cells(text)
    return search_form(cells[0]) if cells else ""


def _cells(text: str) -> list[str]:
    cells = (cell.strip(_MARKUP) for cell in _CELL_SPLIT.split(text))
    return [cell for cell in cells if any(char.isalnum() for char in cell)]


def _clean_recipient(text: str) -> str:
    return " ".join(text.split()).strip(" ,;.")
