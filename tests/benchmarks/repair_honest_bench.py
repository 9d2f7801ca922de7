"""Honest benchmark of the repair of lost glyphs: unseen fonts, unseen text.

``repair_bench`` garbles with ``data/drop_rates.yaml``, the decoder's own prior
(counted on the dev gold, where capitals and digits are never lost), and on the
corpus plans the model was built from. This one does neither:

- **loss profiles** ("fonts") are drawn from a seeded generator that never reads
  ``drop_rates.yaml``: each loses its own lowercase letters at its own rates, some
  of their capitals, other capitals and digits, in its own share of the lines;
- **text** is the real documents of ``tests/realdocs`` (other provinces, issuers and
  topics than the corpus plans the model was built from): ``heldout`` is the figure
  to report, ``dev`` the set to tune on. Both are checked not to occur in the model's
  training text (``extract/repair/data/clean_text.txt``) before anything is scored.

Figures: damaged-word accuracy (a word that lost a glyph counts only if restored
exactly) as the mean over seeds and profiles, per set, per topic, per error
category (ALL-CAPS lines, codes, place names, other names, capitals, short words,
other), per
profile; the share of garbled documents detected as damaged; a reliability table
(confidence bin of each repaired span -> share right), with the Brier score and ECE,
before and after the shipped calibration map (``reliability.py``); and, once, side by side,
the old method (the same texts garbled with the decoder's own prior) against the
new one. ``PLANCHECK_REPAIR_SEEDS=1,2`` and ``PLANCHECK_REPAIR_PROFILES=4`` set the
size (defaults: seeds 1, 2, 3 and 4 profiles each).

Run with ``python -m tests.benchmarks repair_honest``; ``--split dev`` measures (and
opens) only the development documents: tuning runs use it, the held-out figure is
taken once, at the end of a change.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from extract.model import RepairNote
from extract.repair import calibration
from extract.repair.build_data import DATA
from extract.repair.drop_rates import DropRates
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model
from extract.repair.page_text import training_fragments
from extract.repair.tokens import tokenize
from tests.benchmarks.reliability import Span, print_summary, summary
from tests.realdocs.gold import Entry, Split, load_manifest

LOWER = list(
    "abcdeghiklmnopqrstuvxyđăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
DIGITS = list("0123456789")
# Ranges of a profile (a synthetic font subset); chosen to span the real fonts seen:
# the dev gold's (a dozen letters, no capitals) to the town plan's second half
# (ý half the time, ĩ always, P, Q, X and 4 lost).
LOST_LETTERS = (4, 18)
LETTER_RATE = (0.3, 1.0)
CAPITAL_SHARE = 0.5  # of the lost letters whose capital is lost too
EXTRA_CAPITALS = (0, 4)
LOST_DIGITS = (0, 2)
LOSSY_LINES = (0.5, 1.0)
DEFAULT_SEEDS = (1, 2, 3)
DEFAULT_PROFILES = 4
CATEGORIES = (
    "all_caps_line",
    "code_known",
    "code_other",
    "number",
    "place",
    "name",
    "capital",
    "short",
    "other",
)
# The bench's own list of what a document symbol or a body's abbreviation is made of, to tell
# "a code of a known kind" (the target) from other codes. Written here from Nghị định
# 30/2020/NĐ-CP Phụ lục III (kinds of administrative documents), Hướng dẫn 36-HD/VPTW (Party
# documents) and the names of the bodies that issue them, never imported from the repair's
# ``code_parts.yaml``: a benchmark must not share its assumptions with the code it measures.
KNOWN_KINDS = frozenset(
    """
    NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB
    NĐ TT TTLT PL L KL CV GXN GCN GP TTg CP QH UBTVQH CTN VPCP VPQH TW BCT BBT VPTW BCĐ BCH BTV
    BCSĐ BDVTW BTGTW BTCTW BKTTW UBKTTW BTGDVTW TU HU ThU QU ĐU ĐĐ BDVTU BDVHU BDVThU BTGTU
    BTCTU UBKTTU VPTU BTGDVTU BDV BTG BTC UBKT UBND HĐND VPUBND TTHĐND VPĐĐBQH ĐĐBQH ĐBQH MTTQ
    MTTQVN UBMTTQVN UBMTTQ LĐLĐ HLHPN HND HCCB ĐTN TĐTN BNV BCA BQP BNG BTP BKHĐT BLĐTBXH BGTVT
    BXD BTNMT BTTTT BNNPTNT BNNMT BGDĐT BYT BKHCN BVHTTDL UBDT NHNN TTCP KTNN TANDTC VKSNDTC
    SNV STC SKHĐT SYT SGDĐT SLĐTBXH STNMT SNNPTNT SNNMT SXD SGTVT SCT STTTT SVHTTDL STP SKHCN
    BHXH KBNN BCHQS CAT BQL
    """.split()
)
# A place's name is at least two syllables ("Kiên Giang", "Bà Rịa - Vũng Tàu"); one syllable
# ("Huế") is as often a word.
PLACE_SYLLABLES = 2
CODE_SEPARATORS = re.compile(r"[0-9/.\-]+")
SPLITS: tuple[Split, ...] = ("dev", "heldout")
SPLIT_NAMES = {"dev": "dev", "heldout": "held-out"}
SHINGLE = 6  # syllables in a run looked up in the training text
OVERLAP_LIMIT = 0.2  # a document sharing more of its runs with the training text is not held out
SENTENCE_END = re.compile(r"[.:;!?]\s*$")
Garbler = Callable[[list[str], random.Random], list[str]]


@dataclass(frozen=True)
class Profile:
    """A font subset: which glyphs it loses, at what rate, in what share of the lines."""

    name: str
    rates: dict[str, float]
    lossy_lines: float

    @classmethod
    def draw(cls, rng: random.Random, name: str) -> Profile:
        letters = rng.sample(LOWER, rng.randint(*LOST_LETTERS))
        rates = {letter: rng.uniform(*LETTER_RATE) for letter in letters}
        capitals = [letter.upper() for letter in letters if rng.random() < CAPITAL_SHARE]
        others = [c.upper() for c in LOWER if c.upper() not in capitals and c.upper() != c]
        capitals += rng.sample(others, rng.randint(*EXTRA_CAPITALS))
        rates |= {capital: rng.uniform(*LETTER_RATE) for capital in capitals}
        digits = rng.sample(DIGITS, rng.randint(*LOST_DIGITS))
        rates |= {digit: rng.uniform(*LETTER_RATE) for digit in digits}
        return cls(name, rates, rng.uniform(*LOSSY_LINES))

    def garble(self, lines: list[str], rng: random.Random) -> list[str]:
        garbled = []
        for line in lines:
            lossy = rng.random() < self.lossy_lines
            garbled.append(
                "".join(" " if lossy and rng.random() < self.rates.get(c, 0.0) else c for c in line)
            )
        return garbled


def prior_garbler(lines: list[str], rng: random.Random) -> list[str]:
    """The old method: each glyph lost at the dev gold's counted rate (``drop_rates.yaml``)."""
    rates = DropRates.counted()
    return ["".join(" " if rng.random() < rates.rate(c) else c for c in line) for line in lines]


@dataclass
class Tally:
    """Damaged words right of all, by key; each repaired span's raw confidence and rightness."""

    words: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    spans: list[Span] = field(default_factory=list)
    detected: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, key: str, right: bool) -> None:
        self.words[key][0] += right
        self.words[key][1] += 1

    def share(self, key: str) -> float | None:
        right, total = self.words.get(key, (0, 0))
        return round(right / total, 4) if total else None


def run(split: Split | None = None) -> dict[str, object]:
    """Measure and print one part (both when ``split`` is None); return the figures.

    With ``split="dev"`` the held-out documents are neither opened nor repaired: the
    training-overlap guard, too, reads only the part measured.
    """
    seeds = _ints("PLANCHECK_REPAIR_SEEDS", DEFAULT_SEEDS)
    count = _ints("PLANCHECK_REPAIR_PROFILES", (DEFAULT_PROFILES,))[0]
    splits = SPLITS if split is None else (split,)
    entries = [entry for entry in load_manifest().documents if entry.split in splits]
    overlap = training_overlap(entries)
    worst = {
        part: max(overlap[entry.id] for entry in entries if entry.split == part)
        for part in splits
    }
    # Dev may share a plan's phrasing (dân vận plans of other provinces); held-out may not.
    held_out = worst.get("heldout", 0.0)
    assert held_out <= OVERLAP_LIMIT, f"held-out text in the training text: {worst}"
    figures: dict[str, object] = {
        "seeds": list(seeds),
        "profiles_per_seed": count,
        "max_training_overlap": worst,
    }
    print(
        f"share of {SHINGLE}-syllable runs found in the training text, worst document: "
        + ", ".join(f"{SPLIT_NAMES[part]} {share:.3f}" for part, share in worst.items())
    )
    for part in splits:
        chosen = [entry for entry in entries if entry.split == part]
        new = measure(chosen, profile_garblers(seeds, count))
        old = measure(chosen, {f"prior-{seed}": (prior_garbler, seed) for seed in seeds})
        figures[part] = {"new": _summary(new), "old": _summary(old)}
        _print(part, new, old)
    return figures


def measure(entries: Iterable[Entry], garblers: dict[str, tuple[Garbler, int]]) -> Tally:
    """Garble each document with each garbler and seed, repair it, tally the words."""
    tally = Tally()
    model = default_model()
    raw = calibration.ConfidenceMap.identity()
    for entry in entries:
        clean = entry.text_path.read_text(encoding="utf-8").split("\n")
        for name, (garbler, seed) in garblers.items():
            garbled = garbler(clean, random.Random(f"{seed}-{entry.id}"))
            # The decoder's own confidence: the shipped map is applied when figures are made.
            repaired, notes = repair_dropped_glyphs(garbled, model=model, calibration=raw)
            damaged = garbled != clean
            tally.detected[0] += damaged and bool(notes)
            tally.detected[1] += damaged
            for category, right in word_results(clean, garbled, repaired):
                for key in ("all", category, f"topic:{entry.topic}", f"profile:{name}"):
                    tally.add(key, right)
            tally.spans += [
                Span(name, note.confidence, right) for note, right in span_results(clean, notes)
            ]
    return tally


def word_results(
    clean: list[str], garbled: list[str], repaired: list[str]
) -> Iterable[tuple[str, bool]]:
    """(category, restored exactly) for each word that lost a glyph."""
    for gold_line, garbled_line, repaired_line in zip(clean, garbled, repaired, strict=True):
        caps_line = _is_caps_line(gold_line)
        places = place_words(gold_line)
        for match in re.finditer(r"\S+", gold_line):
            start, end = match.span()
            if garbled_line[start:end] == gold_line[start:end]:
                continue
            bounded = (start == 0 or repaired_line[start - 1] == " ") and (
                end == len(repaired_line) or repaired_line[end] == " "
            )
            right = bounded and repaired_line[start:end] == gold_line[start:end]
            before = gold_line[:start].rstrip()
            opens = not before or bool(SENTENCE_END.search(before))
            pairs = zip(gold_line[start:end], garbled_line[start:end], strict=True)
            lost = {char for char, kept in pairs if char != kept}
            found = category(match.group(), caps_line, opens, lost)
            yield ("place" if found == "name" and start in places else found), right


def category(word: str, caps_line: bool, opens_sentence: bool, lost: set[str]) -> str:
    """The error category of a gold word (first that applies, in ``CATEGORIES`` order).

    A code (digits, "/" or two capitals) is a ``number`` when a digit of it was lost
    (never filled, by design) or it has no letter; ``code_known`` when each of its
    letter segments is in ``KNOWN_KINDS`` ("QĐ-TTg", "15/KH-UBND", "BNNPTNT");
    ``code_other`` otherwise ("COVID-19", "ISO").
    """
    core = word.strip(".,;:!?()[]\"'“”…")
    letters = [c for c in core if c.isalpha()]
    if caps_line:
        return "all_caps_line"
    if any(c.isdigit() for c in core) or "/" in core or sum(c.isupper() for c in letters) >= 2:
        if not letters or any(c.isdigit() for c in lost):
            return "number"
        segments = [part for part in CODE_SEPARATORS.split(core) if part]
        known = all(part in KNOWN_KINDS for part in segments)
        return "code_known" if segments and known else "code_other"
    if letters and letters[0].isupper():
        return "capital" if opens_sentence else "name"
    if len(letters) <= 2:
        return "short"
    return "other"


def place_words(line: str) -> set[int]:
    """Offsets of the words of a line that belong to a unit's name the bench's gazetteer lists.

    A run of capitalised words ("tỉnh Bà Rịa - Vũng Tàu") holds a place where two or more
    of its words, in a row, spell a unit's name, read without tone marks ("Hoà Bình" is
    "Hòa Bình"): a "name" of the category list is then a ``place``.
    """
    words = [
        (match.start(), _plain(match.group().strip(".,;:!?()[]\"'“”…")))
        for match in re.finditer(r"\S+", line)
        if match.group()[:1].isupper() or match.group() in ("-", "–")
    ]
    names = place_names()
    marked: set[int] = set()
    starts = [start for start, _ in words]
    for first in range(len(words)):
        for last in range(first + PLACE_SYLLABLES, len(words) + 1):
            span = [word for _, word in words[first:last] if word not in ("-", "–")]
            if not _contiguous(line, starts[first:last]):
                break
            if len(span) >= PLACE_SYLLABLES and " ".join(span) in names:
                marked.update(start for start, word in words[first:last] if word not in ("-", "–"))
    return marked


def _contiguous(line: str, starts: list[int]) -> bool:
    """Whether the words at these offsets follow each other in the line (single spaces apart)."""
    for left, right in pairwise(starts):
        if line[left:right].count(" ") != 1:
            return False
    return True


@cache
def place_names() -> frozenset[str]:
    """Every unit's short name of both eras ("kien giang"), toneless, from the bench's own reading.

    The bench reads the ``vietnamadminunits`` package's parser tables (JSON), not the SQLite
    file the repair's name slot reads: a benchmark must not share its assumptions with the
    code it measures.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations, "vietnamadminunits missing"
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    names: set[str] = set()
    for table in ("parser_legacy.json", "parser_from_2025.json"):
        data = json.loads((folder / table).read_text(encoding="utf-8"))
        for key, value in _short_names(data):
            words = [word for word in _plain(value).split() if word not in ("-", "–")]
            if key.endswith("Short") and len(words) >= PLACE_SYLLABLES:
                names.add(" ".join(words))
    return frozenset(names)


def _short_names(data: object) -> Iterator[tuple[str, str]]:
    """(key, value) of every string field, at any depth of the parser tables."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield key, value
            else:
                yield from _short_names(value)
    elif isinstance(data, list):
        for item in data:
            yield from _short_names(item)


def _plain(word: str) -> str:
    """Lower case without tone or vowel marks ("Đắk" -> "dak")."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def span_results(clean: list[str], notes: list[RepairNote]) -> Iterable[tuple[RepairNote, bool]]:
    for note in notes:
        gold = clean[note.line - 1][note.start : note.start + len(note.after)]
        yield note, gold == note.after


def training_overlap(entries: Iterable[Entry]) -> dict[str, float]:
    """Share of each document's runs of ``SHINGLE`` syllables found in the model's training text.

    The training text is the corpus plans' (``clean_text.txt``) and the plan pages'
    (``tests/repair_pages``, whose n-grams the model counts).
    """
    is_valid = default_model().inventory.is_valid
    training = set()
    for line in (DATA / "clean_text.txt").read_text(encoding="utf-8").splitlines():
        tokens = line.split()
        training.update(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
    for tokens in training_fragments(is_valid):  # the plan pages' tokens the model counts
        training.update(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))
    overlap = {}
    for entry in entries:
        runs = [
            tuple(tokens[i : i + SHINGLE])
            for line in entry.text_path.read_text(encoding="utf-8").splitlines()
            for tokens in [tokenize(line, is_valid)]
            for i in range(len(tokens) - SHINGLE + 1)
        ]
        overlap[entry.id] = sum(run in training for run in runs) / max(len(runs), 1)
    return overlap


def profile_garblers(seeds: tuple[int, ...], count: int) -> dict[str, tuple[Garbler, int]]:
    garblers: dict[str, tuple[Garbler, int]] = {}
    for seed in seeds:
        rng = random.Random(f"profile-{seed}")  # never the decoder's prior
        for number in range(count):
            profile = Profile.draw(rng, f"s{seed}p{number}")
            garblers[profile.name] = (profile.garble, seed)
    return garblers


def _is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _summary(tally: Tally) -> dict[str, object]:
    return {
        "damaged_words": tally.words["all"][1],
        "damaged_word_accuracy": tally.share("all"),
        "detected_documents": f"{tally.detected[0]}/{tally.detected[1]}",
        "by_key": {key: [tally.share(key), tally.words[key][1]] for key in sorted(tally.words)},
        "calibration": summary(tally.spans, calibration.default_map()),
    }


def _print(split: str, new: Tally, old: Tally) -> None:
    print(f"\n[{split}] damaged-word accuracy  old (dev gold's pattern) | new (unseen fonts)")
    keys = ["all", *CATEGORIES, *sorted(k for k in new.words if k.startswith("topic:"))]
    for key in keys:
        print(f"  {key:36} {_cell(old, key):>18} | {_cell(new, key):>18}")
    print(
        f"  documents detected as damaged      {'/'.join(map(str, old.detected)):>18} | "
        f"{'/'.join(map(str, new.detected)):>18}"
    )
    print(
        "  by profile (new): "
        + ", ".join(
            f"{key.removeprefix('profile:')} {new.share(key)}"
            for key in sorted(new.words)
            if key.startswith("profile:")
        )
    )
    figures: dict[str, object] = _summary(new)["calibration"]  # type: ignore[assignment]
    print_summary(figures, calibration.read().fit.seeds)


def _cell(tally: Tally, key: str) -> str:
    share = tally.share(key)
    return "—" if share is None else f"{share:.2%} ({tally.words[key][1]})"


def _ints(name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = os.environ.get(name)
    return tuple(int(part) for part in value.split(",")) if value else default
