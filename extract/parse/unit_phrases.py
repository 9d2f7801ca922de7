"""Where a counted noun's phrase ends when it runs past one noun.

Three shapes of real target lines that a single noun does not cover:

- nouns listed after one figure count together: "94 xã, phường, thị trấn", and a
  list that opens on an administrative noun goes on with other counted nouns when
  it closes the clause, "7 thôn, xã, cơ quan." (tests/realdocs/README.md, the unit
  rule);
- a modifier coordinated with the noun's own names the kind counted when it closes
  the clause: "từ 08 đến 10 đường hẻm chính và phụ (2,5 km)", "500 hộ nghèo và cận
  nghèo;";
- the words after a counted noun that name its kind belong to it when they run to the
  end of the noun phrase: "2.000 đảng viên mới.", "210 ngàn đoàn viên ưu tú cho Đảng",
  "30 sản phẩm OCOP đạt 3 sao", "3 đô thị thông minh" (tests/realdocs/README.md: "the
  counted noun with the words that name its kind or level"); a longer run is a clause of
  its own ("100 doanh nghiệp mới thành lập trong năm") and adds nothing;
- an abbreviation in capitals right after the figure is a counted noun, not a name:
  "Doanh nghiệp trên địa bàn: 27 DN", "thành lập 5 HTX". Its letters carry no marked
  vowel ("HUẾ" is a name, as in :mod:`extract.parse.numbers`), and a run of capitals
  ("12 UBND TỈNH") is a heading, not a unit.

The functions are pure and take the vocabulary they need from
:mod:`extract.parse.units`, which reads it from data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

# Two to six capitals without marked vowels; not the start of a symbol ("30 NĐ-CP",
# "12 CT/TU", "TP.HCM") nor of a longer word.
_ABBREVIATION = re.compile(r"[A-ZĐ]{2,6}(?![\w\-/&]|\.\S)")
_CAPITALS_AFTER = re.compile(r"[ \t]+[A-ZĐÀ-Ỹ]{2,}(?!\w*[a-zà-ỹ])")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_ROMAN_DIGITS = frozenset("IVXLCDM")
# What may close a coordinated modifier: the end of the clause or of the line.
_CLAUSE_CLOSERS = ".;,:()\n"


def read_abbreviation(original: str, start: int) -> tuple[str, int] | None:
    """The abbreviation at ``start`` of the text as written, with its end, else None."""
    found = _ABBREVIATION.match(original, start)
    if found is None or _CAPITALS_AFTER.match(original, found.end()):
        return None
    if set(found.group(0)) <= _ROMAN_DIGITS:
        return None  # "1 II. NHIỆM VỤ": a part's Roman number, not an abbreviation
    return found.group(0), found.end()


def modifiers_end(
    folded: str,
    original: str,
    end: int,
    max_words: int,
    ends_run: Callable[[str, str, int], bool],
) -> int:
    """Past the words after a counted noun that name its kind, else ``end``.

    Args:
        folded: The folded text.
        original: The text as written, for capitals.
        end: Offset just past the noun.
        max_words: How many such words at most; more is a clause, not a modifier.
        ends_run: Whether the noun phrase may stop at an offset (a stop word,
            punctuation, a level, a name): the words must run to such a place.
    """
    spaced = folded[end : end + 1] == " "
    abbreviation = read_abbreviation(original, end + 1) if spaced else None
    # "sản phẩm OCOP": an abbreviation right after the noun names its kind.
    cursor = abbreviation[1] if abbreviation is not None else end
    for _ in range(max_words + 1):
        spaced = folded[cursor : cursor + 1] == " "
        if cursor != end and spaced and original[cursor + 1 : cursor + 2].isupper():
            return end  # "người nhiễm HIV": a clause about the noun, not its kind
        if ends_run(folded, original, cursor):
            return cursor
        word = _SYLLABLE.match(folded, cursor + 1) if spaced else None
        if word is None:
            return end
        cursor = word.end()
    return end


def listed_end(folded: str, head: str, end: int, heads: Sequence[str], nouns: Sequence[str]) -> int:
    """Where a list of nouns after the first ends ("tỉnh, thành phố", "thôn, xã, cơ quan").

    Args:
        folded: The folded text.
        head: The first noun, read after the figure.
        end: Offset just past it.
        heads: The nouns that open a list (administrative units), longest first.
        nouns: The nouns that may go on with it, longest first.
    """
    if head not in heads:
        return end
    administrative = list_end(folded, end, heads)
    longer = list_end(folded, administrative, nouns)
    # Another kind of noun joins the list only when the list then closes the clause:
    # "7 thôn, xã, cơ quan." is one count, "15 làng, đơn vị và 1 xã văn hóa" counts làng.
    after = folded[longer:].lstrip(" ")
    return longer if not after or after[0] in ".;)\n" else administrative


def list_end(folded: str, end: int, nouns: Sequence[str]) -> int:
    """Past ", noun" repeated while the noun is one of ``nouns``."""
    while folded.startswith(", ", end):
        start = end + 2
        found = next((noun for noun in nouns if phrase_at(folded, start, noun)), None)
        if found is None:
            break
        end = start + len(found)
    return end


def coordinated_end(
    folded: str,
    original: str,
    end: int,
    stops: frozenset[str],
    coordinators: Mapping[str, int],
) -> int:
    """Past "và" and one or two words that close the clause ("chính và phụ"), else ``end``.

    The words after "và" must be lower case, no stop word, and followed by the end
    of the clause: "10 đường hẻm chính và phụ (2,5 km)" reads "đường hẻm chính và
    phụ", while "100 hộ và duy trì ổn định" and "10 xã và 3 phường" stay one noun.
    After "hoặc" an alternative noun may take one word more ("1 công trình hoặc phần
    việc thanh niên."): ``coordinators`` says how many words each allows.
    """
    found = next((word for word in coordinators if folded.startswith(f" {word} ", end)), None)
    if found is None:
        return end
    cursor = end + len(found) + 2
    last = None
    for _ in range(coordinators[found]):
        word = _SYLLABLE.match(folded, cursor)
        if word is None or word.group(0) in stops or original[cursor].isupper():
            break
        last = word.end()
        if folded[last : last + 1] != " ":
            break
        cursor = last + 1
    if last is None:
        return end
    after = folded[last:].lstrip(" ")
    return last if not after or after[0] in _CLAUSE_CLOSERS else end


def phrase_at(folded: str, start: int, phrase: str) -> bool:
    """Whether ``phrase`` is written at ``start`` as whole words (no letter or digit follows)."""
    end = start + len(phrase)
    return folded.startswith(phrase, start) and (end >= len(folded) or not folded[end].isalnum())
