"""The issuing body block of a header: names wrapped over cells, issuer and superior body.

Nghị định 30/2020/NĐ-CP (Phụ lục I, mục 2) puts the superior body on the first
line and the issuing body under it ("UBND TỈNH QUẢNG NGÃI" / "BAN DÂN TỘC");
Hướng dẫn 36-HD/VPTW (mục 3.2) does the same for Party bodies ("TỈNH ỦY QUẢNG
NGÃI" / "BAN DÂN VẬN"). Either name may wrap over several lines ("ỦY" / "BAN
NHÂN DÂN" / "TỈNH TIỀN GIANG"). A line goes on with the name above it unless it
opens a new body ("BAN ...", "SỞ ...", "ỦY BAN ..."), a list kept as data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from extract.parse.admin_units import names_unit, names_unit_without_tones
from extract.parse.meta_vocabulary import meta_vocabulary, words_pattern
from extract.text import comparable, search_form

# A unit's name takes at most this many words: "BÀ RỊA - VŨNG TÀU".
UNIT_NAME_WORDS = 5
# A name ending on a joining word or a dash goes on in the next cell.
_OPEN_END = re.compile(r"(?:\s(?:và|của|-|–)|[-–,])\s*$", re.IGNORECASE)


def issuer_and_parent(cells: list[str], party: bool) -> tuple[str | None, str | None]:
    """The issuer (the last name of the block) and its superior body (the one above).

    In a Party document the issuer's full name takes the place its superior body
    names when it names none itself: "BAN CHẤP HÀNH TRUNG ƯƠNG" / "BAN DÂN VẬN" is
    "Ban Dân vận Trung ương" (Hướng dẫn 36-HD/VPTW, mục 3.2).
    """
    names = group_names(cells, party)
    if not names:
        return None, None
    issuer = names[-1]
    parent = names[-2] if len(names) >= 2 else None
    if party and parent is not None and _place_part(issuer) is None:
        place = _place_part(parent)
        if place is not None:
            issuer = f"{issuer} {place}"
    return name_case(issuer), name_case(parent) if parent is not None else None


def group_names(cells: list[str], party: bool = False) -> list[str]:
    """Cells joined into whole names: a cell continues the name above unless it opens a body."""
    names: list[str] = []
    for text in (part for cell in cells for part in run_together(" ".join(cell.split()), party)):
        opens = _heads().match(search_form(text)) is not None
        fragment = bool(names) and len(names[-1].split()) == 1
        if names and (fragment or not opens or _open_end(names[-1])):
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text)
    return names


def run_together(text: str, party: bool = False) -> list[str]:
    """A line in capitals holding a superior body and then its issuer, cut between them.

    A page that flattens the name block onto one line gives "UBND TỈNH HÀ TĨNH SỞ
    LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" or "ĐẢNG BỘ HUYỆN PHÚ VANG ĐẢNG ỦY XÃ PHÚ
    HỘI". Nghị định 30/2020/NĐ-CP (Phụ lục I, mục 2) and Hướng dẫn 36-HD/VPTW
    (mục 3.2) name the superior body first, with its place; the issuer starts
    again with a body word. The place name must be a known unit of its level
    (the longest one: "THÀNH PHỐ HẢI PHÒNG" is not "... HẢI" + "PHÒNG ..."), and
    only a body word right after it cuts. In a Party document "BAN CHẤP HÀNH
    TRUNG ƯƠNG" ends at "TRUNG ƯƠNG" too.
    """
    if any(char.islower() for char in text) or not _heads().match(search_form(text)):
        return [text]
    words = text.split()
    folded = [comparable(word) for word in words]
    vocabulary = meta_vocabulary()
    levels = list(vocabulary.unit_levels)
    for index in range(len(words)):
        if _phrase_at(folded, index, vocabulary.place_level_false_friends):
            continue  # "XÃ HỘI"
        level = _phrase_at(folded, index, levels)
        central = party and _phrase_at(folded, index, vocabulary.central_words)
        if central:
            end = index + central
        elif level and (index > 0 or _phrase_at(folded, 0, vocabulary.committee_words)):
            end = _unit_name_end(words, index, level) or _misspelt_unit_end(words, index, level)
        else:
            continue
        rest = " ".join(words[end:])
        if end and rest and _heads().match(search_form(rest)):
            return [" ".join(words[:end]), *run_together(rest, party)]
    return [text]


def _unit_name_end(words: list[str], index: int, level: int) -> int:
    """Where the longest unit name after the level word at ``index`` ends, else 0."""
    level_word = " ".join(words[index : index + level])
    start = index + level
    for end in range(min(len(words), start + UNIT_NAME_WORDS), start, -1):
        if names_unit(level_word, " ".join(words[start:end])):
            return end
    return 0


def _misspelt_unit_end(words: list[str], index: int, level: int) -> int:
    """Where a unit name typed with a wrong tone mark ends, when a body starts after it.

    "UBND TỈNH QUANG NGÃI BAN DÂN TỘC": no unit is named "Quang Ngãi", but without
    tone marks it is Quảng Ngãi, and "BAN" opens the issuer right after it.
    """
    level_word = " ".join(words[index : index + level])
    start = index + level
    for end in range(min(len(words) - 1, start + UNIT_NAME_WORDS), start, -1):
        rest = search_form(" ".join(words[end:]))
        name = " ".join(words[start:end])
        if _heads().match(rest) and names_unit_without_tones(level_word, name):
            return end
    return 0


def _open_end(name: str) -> bool:
    """A name that cannot end there: on "và", a dash, or a word wanting its body.

    "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI", "BAN THƯỜNG VỤ" / "TỈNH ỦY ..." are one name each.
    """
    if _OPEN_END.search(name):
        return True
    wanting = words_pattern(meta_vocabulary().name_open_ends)
    return re.search(rf"(?<!\w)(?:{wanting})$", search_form(name.strip())) is not None


@cache
def _heads() -> re.Pattern[str]:
    heads = words_pattern(meta_vocabulary().header_body_heads)
    return re.compile(rf"^(?:{heads})(?!\w)")


def _place_part(name: str) -> str | None:
    """The words of a name from its place level or committee on: "XÃ TÂN PHONG", "TRUNG ƯƠNG"."""
    vocabulary = meta_vocabulary()
    words = [
        *vocabulary.place_levels,
        *vocabulary.hamlet_words,
        *vocabulary.committee_words,
        *vocabulary.central_words,
    ]
    found = re.search(rf"(?<!\w)(?:{words_pattern(words)})(?!\w)", search_form(name))
    return name[found.start() :] if found is not None else None


def spelled_as_place(name: str, place: str | None) -> str:
    """A name ending on the date line's place, spelled as that line spells it.

    Capitals typed in haste lose or change a mark ("TRƯỜNG TIỂU HỌC ẢNG NƯA" over
    "Ẳng Nưa, ngày 9 tháng 10 năm 2010"); the place-date line, typed in mixed case,
    keeps the unit's own spelling. Only marks and case may differ: other letters
    are another name.
    """
    words, place_words = name.split(), (place or "").split()
    size = len(place_words)
    if not size or len(words) <= size:
        return name
    tail = words[-size:]
    if tail != place_words and [_bare(word) for word in tail] == [_bare(w) for w in place_words]:
        return " ".join(words[:-size] + place_words)
    return name


def _bare(word: str) -> str:
    """A word without its marks and case ("Ẳng" and "ảng" are "ang"; "Đ" stays "đ")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_case(name: str) -> str:
    """A body name in capitals written as in running text: "Ủy ban nhân dân thị xã Hồng Lĩnh".

    Names already in mixed case are kept as written (spaces collapsed).
    """
    words = name.split()
    if any(char.islower() for char in name):
        return " ".join(words)
    vocabulary = meta_vocabulary()
    abbreviations = {comparable(word) for word in vocabulary.name_abbreviations}
    words = [
        word if comparable(word) in abbreviations or _abbreviation(word) else word.lower()
        for word in words
    ]
    folded = [comparable(word) for word in words]
    for index in range(len(words)):
        places = vocabulary.place_levels + vocabulary.hamlet_words + vocabulary.committee_words
        place = _phrase_at(folded, index, places)
        if _phrase_at(folded, index, vocabulary.place_level_false_friends):
            place = 0  # "xã hội": a word, not a commune
        if place and not (place == 1 and folded[index + 1 : index + 2] == ["ủy"]):
            # The rest is the place's proper name: "thị xã Hồng Lĩnh", up to a joint
            # issuer's second body ("... TỈNH ỦY - SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
            end = _second_body(folded, index + place)
            words[index + place : end] = [_capital(word) for word in words[index + place : end]]
        _capital_after_head(words, folded, index)
        _institution_name(words, folded, index)
        if index and _abbreviation(words[index - 1]) and _phrase_at(
            folded, index, vocabulary.name_head_words
        ):
            words[index] = _capital(words[index])  # "BCH Hội Nông dân": the body's own name
    for index in range(len(words)):
        for phrase in vocabulary.name_capital_words + vocabulary.committee_words:
            parts = phrase.split()
            if folded[index : index + len(parts)] == comparable(phrase).split():
                words[index : index + len(parts)] = parts
    _province_at_end(words)
    if words:
        words[0] = _capital(words[0])
    return " ".join(words)


# A letter Vietnamese writes as a vowel: every syllable holds one, so a word in capitals
# without any is an abbreviation ("LHPN", "CCB", "HĐND", "MTTQ").
_VOWELS = frozenset("aăâeêioôơuưy")


def _abbreviation(word: str) -> bool:
    """A word in capitals that is no syllable: without a vowel, or joined by "&" ("GD&ĐT")."""
    letters = [unicodedata.normalize("NFD", char)[0].lower() for char in word if char.isalpha()]
    if len(letters) < 2:
        return False
    return "&" in word or not any(letter in _VOWELS for letter in letters)


def _province_at_end(words: list[str]) -> None:
    """A province named at the end without its level word, with capitals: "Sở Y tế Cà Mau".

    A name in capitals may drop "TỈNH" before the province ("SỞ Y TẾ CÀ MAU"); the last
    words are then a province's name, which only the list of units can tell (a province
    of either era: names of communes are too common words to be told this way).
    """
    before_place = {comparable(word) for word in meta_vocabulary().words_before_no_place}
    for size in range(min(UNIT_NAME_WORDS, len(words) - 1), 1, -1):
        tail = words[-size:]
        if comparable(words[-size - 1]) in before_place:
            continue  # "Ban Chỉ đạo vì hòa bình": a word's sense, not a province
        if names_unit("tỉnh", " ".join(tail)):
            words[-size:] = [_capital(word) for word in tail]
            return


def _second_body(folded: list[str], start: int) -> int:
    """Where a joint issuer's second body opens after ``start`` (its " - "), else the end.

    Joint documents (liên tịch) join their issuers with a dash: "Văn phòng Chính phủ -
    Bộ Nội vụ" (Nghị định 30/2020/NĐ-CP, Phụ lục I); "Bà Rịa - Vũng Tàu" is one place.
    """
    heads = meta_vocabulary().name_head_words + meta_vocabulary().field_name_heads
    for position in range(start, len(folded) - 1):
        if folded[position] == "-" and _phrase_at(folded, position + 1, heads):
            return position
    return len(folded)


def _capital_after_head(words: list[str], folded: list[str], index: int) -> None:
    """Capitals at and after a head word at ``index``: "Ban Dân vận", "Sở Nội vụ".

    After the head of a ministry, a department or an office ("Bộ", "Sở", "Phòng")
    each field of activity opens with a capital, up to the place: "Sở Lao động -
    Thương binh và Xã hội tỉnh Hà Tĩnh", "Bộ Giáo dục và Đào tạo" (Nghị định
    30/2020/NĐ-CP, Phụ lục II: tên cơ quan, tổ chức). A head ending a word ("cơ
    sở", "văn phòng", "xã hội") is none.
    """
    vocabulary = meta_vocabulary()
    if index and _phrase_at(folded, index - 1, vocabulary.head_compounds) == 2:
        return
    head = _phrase_at(folded, index, vocabulary.name_head_words + vocabulary.field_name_heads)
    if head and index and folded[index - 1] == "-":
        # A joint issuer's second body: "Văn phòng Chính phủ - Bộ Nội vụ".
        words[index] = _capital(words[index])
    start = index + head
    if not head or start >= len(words) or _phrase_at(folded, start, vocabulary.place_levels):
        return
    words[start] = _capital(words[start])
    if not _phrase_at(folded, index, vocabulary.field_name_heads):
        return
    places = vocabulary.place_levels + vocabulary.committee_words
    for position in range(start + 1, len(words)):
        place = _phrase_at(folded, position, places)
        if place and not _phrase_at(folded, position, vocabulary.place_level_false_friends):
            return
        previous = folded[position - 1]
        if previous in ("và", "-") or previous.endswith(","):
            words[position] = _capital(words[position])


def _institution_name(words: list[str], folded: list[str], index: int) -> None:
    """The kind of a school or hospital as written in running text, then its proper name.

    "TRƯỜNG TIỂU HỌC TIẾN HƯNG A" is "Trường Tiểu học Tiến Hưng A": the name after the
    kind is a person's or a place's, each word with a capital, up to a place level
    ("Trường THCS Nguyễn Du huyện Mộ Đức").
    """
    vocabulary = meta_vocabulary()
    kinds = vocabulary.named_institution_kinds
    size = _phrase_at(folded, index, kinds)
    if not size:
        return
    written = next(kind.split() for kind in kinds if len(kind.split()) == size and
                   comparable(kind).split() == folded[index : index + size])
    words[index : index + size] = written
    places = vocabulary.place_levels + vocabulary.committee_words
    for position in range(index + size, len(words)):
        if _phrase_at(folded, position, places):
            return
        words[position] = _capital(words[position])


def _phrase_at(folded: list[str], index: int, phrases: list[str]) -> int:
    """The word count of the longest phrase of ``phrases`` starting at ``index``, else 0."""
    lengths = [
        len(parts)
        for parts in (comparable(phrase).split() for phrase in phrases)
        if folded[index : index + len(parts)] == parts
    ]
    return max(lengths, default=0)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]
