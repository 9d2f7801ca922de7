"""Document symbols read as parts, to restore a code that lost a letter ("553/QĐ- BND").

A document's number is written NN/KIND-ISSUER ("553/QĐ-UBND", "05-NQ/TU",
"45/2020/NĐ-CP"): digits, separators, and letter segments each made of one
or a few known parts (kinds of documents, issuing bodies, acronyms;
``data/code_parts.yaml``). The number itself is written once, so matching
whole codes the document repeats (``codes.code_fills``) cannot fill it; its
letter segments, matched part by part, can. A lost digit is never filled.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

from pydantic import BaseModel, ConfigDict

from extract.repair.codes import Codes
from extract.repair.syllables import canonical_placement
from extract.repair.tokens import BLANK
from extract.resources import data_file, load_yaml
from extract.text import roman

DATA = data_file("extract.repair", "code_parts.yaml")
MAX_PARTS = 3  # parts joined in one segment ("BCSĐ" + "UBND"), at most
JOIN_WEIGHT = 0.1  # each extra part in a segment: "UBND" is likelier than "UB" + "ND"
MAX_FILLS = 8
ROMAN_LIMIT = 40  # khóa XV, Đại hội XIX: Roman numerals as parts up to this value
# Weight of a part the document writes whole, per time, against 1 for a part of the vocabulary.
DOCUMENT_WEIGHT = 1.0
# A kind of document or a prose acronym after the first segment of a numbered symbol
# ("QĐ-TTr", "NĐ-QP"): its shape is NN/KIND-ISSUER (Nghị định 30/2020/NĐ-CP, Phụ lục VI)
# or NN-KIND/ISSUER (Hướng dẫn 36-HD/VPTW), an issuer after the kind.
# The first segment after a number is the kind ("168/KH-UBND") or, in a letter's number,
# the issuer ("123/UBND-VX"): a prose acronym there ("168/XH-UBND") is out of place too.
OUT_OF_PLACE_WEIGHT = 0.05
# A kind the words before a symbol name ("Quyết định số 553/QĐ-UBND"), against other kinds.
NAMED_WEIGHT = 20.0
# What a symbol is written with besides letters and digits; a pattern with other marks
# inside ("XI_“v", a quote after a lost space) is no code.
SEPARATORS = frozenset("/-.&")
# A blank right after one of these is the space typed after it, not a lost letter: "2. Nhiệm
# vụ" (a list marker, "2._N" read "2.AN" skewed the document's re-estimated loss rates).
SPACE_AFTER = frozenset(".")


class CodePartsFile(BaseModel):
    """The schema of ``data/code_parts.yaml``."""

    model_config = ConfigDict(extra="forbid")

    version: int
    kinds: list[str]
    issuers: list[str]
    acronyms: list[str]
    kind_names: dict[str, list[str]]


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every known part: kinds, issuers, acronyms of the data file, and Roman numerals."""
    data = CodePartsFile.model_validate(load_yaml(DATA))
    parts = {*data.kinds, *data.issuers, *data.acronyms}
    bad = sorted(part for part in parts | set(data.kind_names) if not part.isalpha())
    bad += sorted(set(data.kind_names) - set(data.kinds))
    if bad:
        raise ValueError(f"{DATA}: a code part holds only letters, not {bad}")
    return frozenset(parts | {roman(number) for number in range(1, ROMAN_LIMIT + 1)})


def letter_segments(core: str) -> list[tuple[int, int]]:
    """Spans of the runs of letters (and lost glyphs) between digits and separators."""
    spans = []
    start = None
    for index, char in enumerate(core + "0"):
        letter = char.isalpha() or char == BLANK
        if letter and start is None:
            start = index
        elif not letter and start is not None:
            spans.append((start, index))
            start = None
    return spans


def looks_like_code(core: str) -> bool:
    """A core written as a code: letters with a digit ("05-NQ/TU") or two capitals ("UBND")."""
    letters = [char for char in core if char.isalpha()]
    if not letters:
        return False
    return any(char.isdigit() for char in core) or sum(char.isupper() for char in letters) >= 2


class CodeParts:
    """The parts one document's codes are read with, each with a weight.

    A part of the vocabulary weighs 1, plus each time the document writes it
    whole in a code: "UBND" written whole on other lines outweighs "UBT".
    """

    def __init__(self, codes: Codes | None = None) -> None:
        """Weigh the vocabulary's parts by the document's codes written whole."""
        weights = dict.fromkeys(vocabulary(), 1.0)
        data = CodePartsFile.model_validate(load_yaml(DATA))
        self._kinds_only = frozenset(data.kinds) - {*data.issuers, *data.acronyms}
        # Parts that are no issuer: out of place after the kind of a numbered symbol.
        self._not_issuers = frozenset(weights) - frozenset(data.issuers)
        # Parts that are neither kind nor issuer: out of place right after the number.
        self._not_kinds_or_issuers = self._not_issuers - frozenset(data.kinds)
        for same_length in (codes or {}).values():
            for code, count in same_length:
                for start, end in letter_segments(code):
                    part = code[start:end]
                    if part in weights:
                        weights[part] += DOCUMENT_WEIGHT * count
        self._lengths = sorted({len(part) for part in weights})
        # Every letter some part is spelled with: a segment keeping any other letter ("tra_T_ị")
        # cannot be made of parts (most damaged runs with a capital are words, not codes).
        self._letters = frozenset("".join(weights))
        # Parts by length, position and letter: a pattern looks up its first kept letter.
        self._index: dict[tuple[int, int, str], list[tuple[str, float]]] = {}
        for part, weight in sorted(weights.items()):
            for position, char in enumerate(part):
                self._index.setdefault((len(part), position, char), []).append((part, weight))
        self._fills: dict[tuple[str, frozenset[str]], list[tuple[str, str, float]]] = {}
        named_by: dict[str, set[str]] = {}
        named_fully: dict[tuple[str, ...], set[str]] = {}
        for kind, names in data.kind_names.items():
            for name in names:
                words = tuple(canonical_placement(word) for word in name.split())
                named_by.setdefault(words[-1], set()).add(kind)
                named_fully.setdefault(words, set()).add(kind)
        self._named_by = {word: frozenset(kinds) for word, kinds in named_by.items()}
        self._named_fully = {words: frozenset(kinds) for words, kinds in named_fully.items()}

    def is_known(self, core: str) -> bool:
        """Whether each letter segment of a code is made of known parts in their place.

        After the first segment a kind of document alone is not enough: "QĐ-TT" is
        "QĐ-TTg" that lost its "g", not a decision of the kind "Thông tư".
        """
        return all(
            any(placed for _, _, placed in self._parses(core[start:end], later=number > 0))
            for number, (start, end) in enumerate(letter_segments(core))
        )

    def fills(
        self, pattern: str, named: frozenset[str] = frozenset()
    ) -> list[tuple[str, str, float]]:
        """Codes a damaged core may be, part by part: (code, letters in its blanks, share).

        Blanks are filled only inside letter segments that keep a capital; a
        segment without blanks stays as written, known or not. ``named``: the
        kinds the words before the code name ("Quyết định số 553/ Đ-UBND": QĐ,
        not HĐ), likelier after the number, and the only reading of a kind lost whole.
        """
        key = (pattern, named)
        cached = self._fills.get(key)
        if cached is None:
            cached = self._fills[key] = self._compute_fills(pattern, named)
        return cached

    def kinds_named(self, words: tuple[str, ...]) -> frozenset[str]:
        """The kinds of document the words before a symbol name, lower case, "số" left out.

        A whole name ("quyết định": QĐ), else its last word alone ("định": QĐ, NĐ,
        QyĐ): the words before it may have lost glyphs.
        """
        for length in range(len(words), 1, -1):
            kinds = self._named_fully.get(words[-length:])
            if kinds:
                return kinds
        return self._named_by.get(words[-1], frozenset()) if words else frozenset()

    @staticmethod
    def may_fill(pattern: str) -> bool:
        """Whether ``fills`` can find anything: a capital kept, only letters, digits, blanks, marks.

        Most damaged runs the decoder looks at fail this (no capital): told without the parse.
        """
        return any(map(str.isupper, pattern)) and all(
            char.isalnum() or char == BLANK or char in SEPARATORS for char in pattern
        )

    def _compute_fills(self, pattern: str, named: frozenset[str]) -> list[tuple[str, str, float]]:
        if not self.may_fill(pattern):
            return []
        pieces: list[list[tuple[str, float]]] = []
        last = 0
        for number, (start, end) in enumerate(letter_segments(pattern)):
            pieces.append([(pattern[last:start], 1.0)])
            segment = pattern[start:end]
            if BLANK in segment:
                after_number = any(char.isdigit() for char in pattern[:start])
                kinds = named if number == 0 and after_number else frozenset()
                if segment.strip(BLANK) == "" and kinds:
                    # A kind lost whole: only the words before the code can tell it. In a
                    # fixed order: a frozenset's order follows the hash seed, and equal
                    # weights keep it, so the readings (and confidences) varied run to run.
                    best = {
                        kind: NAMED_WEIGHT for kind in sorted(kinds) if len(kind) == len(segment)
                    }
                elif (
                    not _fillable(segment)
                    or (segment[0] == BLANK and pattern[start - 1 : start] in SPACE_AFTER)
                    or not self._letters.issuperset(segment.replace(BLANK, ""))
                ):
                    return []
                else:
                    best = {}
                    numbered = any(char.isdigit() for char in pattern)
                    for text, weight, _ in self._parses(
                        segment, later=number > 0, numbered=numbered, after_number=after_number
                    ):
                        weight *= NAMED_WEIGHT if text in kinds else 1.0
                        best[text] = max(best.get(text, 0.0), weight)
                parses = sorted(best.items(), key=lambda item: -item[1])[:MAX_FILLS]
                if not parses:
                    return []
                pieces.append(parses)
            else:
                pieces.append([(segment, 1.0)])
            last = end
        pieces.append([(pattern[last:], 1.0)])
        found = []
        for combination in product(*pieces):
            code = "".join(text for text, _ in combination)
            if BLANK in code:
                return []  # a blank outside a letter segment (a lost digit): never filled
            letters = "".join(c for c, p in zip(code, pattern, strict=True) if p == BLANK)
            found.append((code, letters, math.prod(weight for _, weight in combination)))
        found = sorted(found, key=lambda item: -item[2])[:MAX_FILLS]
        total = sum(weight for _, _, weight in found)
        return [(code, letters, weight / total) for code, letters, weight in found]

    def _parses(
        self,
        segment: str,
        depth: int = 0,
        later: bool = False,
        numbered: bool = False,
        after_number: bool = False,
    ) -> Iterable[tuple[str, float, bool]]:
        """Ways to read a segment as up to ``MAX_PARTS`` known parts: (text, weight, placed).

        ``later``: the segment follows another, where an issuer is expected; a kind
        of document there is not ``placed``, and weighs less, as does any part
        that is no issuer after the kind of a ``numbered`` symbol ("45/2020/NĐ-QP").
        ``after_number``: the first segment follows the number, where a kind or an
        issuer stands, not a prose acronym ("168/KH-UBND", not "168/XH-UBND").
        """
        if later:
            out_of_place = self._not_issuers if numbered else self._kinds_only
        else:
            out_of_place = self._not_kinds_or_issuers if after_number else frozenset()
        for length in self._lengths:
            if length > len(segment) or (length < len(segment) and depth + 1 >= MAX_PARTS):
                continue
            head = segment[:length]
            kept = next((index for index, char in enumerate(head) if char != BLANK), None)
            if kept is None:
                continue  # a part wholly lost cannot be told
            for part, weight in self._index.get((length, kept, head[kept]), ()):
                if not _matches(head, part):
                    continue
                placed = not (later and part in self._kinds_only)
                if part in out_of_place:
                    weight *= OUT_OF_PLACE_WEIGHT
                if length == len(segment):
                    yield part, weight, placed
                    continue
                for rest, rest_weight, rest_placed in self._parses(
                    segment[length:], depth + 1, later, numbered, after_number
                ):
                    yield part + rest, weight * rest_weight * JOIN_WEIGHT, placed and rest_placed


def _fillable(segment: str) -> bool:
    """A segment worth filling: a capital kept, and no more blanks than letters kept."""
    blanks = segment.count(BLANK)
    return any(char.isupper() for char in segment) and blanks <= len(segment) - blanks


def _matches(pattern: str, part: str) -> bool:
    return all(char in (BLANK, letter) for char, letter in zip(pattern, part, strict=True))
