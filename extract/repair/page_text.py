"""The stored plan pages as training text (a development step; run time reads only counts).

``tests/repair_pages`` holds openings of real plans, decisions and resolutions of many
topics (issue 19). What the model learns from them is their own wording: each page's
prose lines, tokenized as the model tokenizes, with the **formulae** left out. A run
of ``FORMULA_RUN`` syllables that ``FORMULA_PAGES`` or more pages write word for word
("căn cứ luật tổ chức chính quyền địa phương", "chịu trách nhiệm thi hành quyết định
này") is the wording every administrative document repeats (Nghị định 30/2020/NĐ-CP
fixes its form). The corpus plans and the legal codes already teach it, and keeping it
would make the training text overlap every document of every topic, held-out ones
included, which the honest bench's training-overlap guard (6-syllable runs, the same
length) rightly refuses. What is left between two formulae is kept as a fragment of its own.

Place names after their trigger ("tỉnh Tiền Giang", "huyện Bến Cầu") are cut out too: the
name slot (``name_slot.py``) gives every unit of the gazetteer its share after a trigger,
and the pages' own provinces counted as ordinary words would crowd out all the others.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from extract.repair.tokens import split_run, tokenize

PAGES = Path(__file__).resolve().parents[2] / "tests" / "repair_pages"
# A page line is prose when this share of its words (runs holding a letter) are syllables:
# "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 ..." is; a line of codes or names is not.
PROSE_SHARE = 0.7
MIN_PROSE_WORDS = 3
FORMULA_RUN = 6  # syllables, as the honest bench's shingle
FORMULA_PAGES = 2  # pages writing a run word for word before it counts as a formula
MIN_FRAGMENT = 3  # tokens; a shorter piece between two formulae teaches no trigram


def page_texts(folder: Path = PAGES) -> Iterator[tuple[str, str]]:
    """(id, text) of each stored plan page, in the order of the folder's manifest."""
    import yaml

    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        yield entry["id"], (folder / f"{entry['id']}.txt").read_text(encoding="utf-8")


def is_prose(line: str, is_valid: Callable[[str], bool]) -> bool:
    """Whether most words of a line are Vietnamese syllables (not a menu, codes or a name list)."""
    words = [core for core in (split_run(run)[1] for run in line.split()) if _has_letter(core)]
    syllables = sum(is_valid(word.lower()) for word in words)
    return len(words) >= MIN_PROSE_WORDS and syllables >= PROSE_SHARE * len(words)


def training_fragments(is_valid: Callable[[str], bool], folder: Path = PAGES) -> list[list[str]]:
    """The model tokens the pages teach: prose lines with formulae cut out, each piece once."""
    pages = [
        [tokenize(line, is_valid) for line in _prose_lines(text, is_valid)]
        for _, text in page_texts(folder)
    ]
    writers: Counter[tuple[str, ...]] = Counter()
    for lines in pages:
        writers.update({run for tokens in lines for run in _runs(tokens)})
    formulae = {run for run, count in writers.items() if count >= FORMULA_PAGES}
    places = _place_positions_finder()
    seen: set[tuple[str, ...]] = set()
    fragments: list[list[str]] = []
    for lines in pages:
        for tokens in lines:
            for fragment in _outside(tokens, formulae, places(tokens)):
                if len(fragment) >= MIN_FRAGMENT and tuple(fragment) not in seen:
                    seen.add(tuple(fragment))
                    fragments.append(fragment)
    return fragments


def _prose_lines(text: str, is_valid: Callable[[str], bool]) -> Iterator[str]:
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = " ".join(raw.split())
        if is_prose(line, is_valid):
            yield line


def _runs(tokens: list[str]) -> Iterator[tuple[str, ...]]:
    return (tuple(tokens[i : i + FORMULA_RUN]) for i in range(len(tokens) - FORMULA_RUN + 1))


def _place_positions_finder() -> Callable[[list[str]], set[int]]:
    """A function giving the positions of a unit name's first two syllables after its trigger."""
    from extract.repair.name_slot import gazetteer
    from extract.repair.syllables import canonical_placement

    names = gazetteer()

    def positions(tokens: list[str]) -> set[int]:
        canonical = [canonical_placement(token) for token in tokens]
        found: set[int] = set()
        for index in range(1, len(canonical) - 1):
            first, second = canonical[index], canonical[index + 1]
            for width in (1, 2):
                trigger = tuple(canonical[max(index - width, 0) : index])
                if first in names.first.get(trigger, {}) and second in names.second.get(
                    (trigger[-1], first), {}
                ):
                    found.update((index, index + 1))
        return found

    return positions


def _outside(
    tokens: list[str], formulae: set[tuple[str, ...]], places: set[int]
) -> Iterator[list[str]]:
    """The pieces of a token line that no formula run and no place name covers."""
    covered = [index in places for index in range(len(tokens))]
    for start, run in enumerate(_runs(tokens)):
        if run in formulae:
            covered[start : start + FORMULA_RUN] = [True] * FORMULA_RUN
    piece: list[str] = []
    for token, hidden in zip(tokens, covered, strict=True):
        if hidden:
            if piece:
                yield piece
            piece = []
        else:
            piece.append(token)
    if piece:
        yield piece


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)
