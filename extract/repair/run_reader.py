"""The readings of one run of a damaged line: the syllables that can fill its blanks.

A run is the text between two spaces the decoder takes as real; its inner
spaces are lost glyphs. Each filled syllable costs the log loss rate of the
glyphs it puts into the blanks, with the rates of the line being decoded (the
document's, some raised for letters the line lacks or its font loses).
"""

from __future__ import annotations

import heapq
import math
from typing import NamedTuple

from extract.repair.code_model import CodeParts, looks_like_code
from extract.repair.codes import Codes, code_fills
from extract.repair.drop_rates import DropRates
from extract.repair.language_model import ScoringModel
from extract.repair.model import RepairModel
from extract.repair.tokens import BLANK, core_token, is_fragment, split_run

CANDIDATES = 8
MAX_CORE = 7  # letters in the longest Vietnamese syllable ("nghiêng")
FILL_WEIGHT = 2.0  # weight of the loss-rate evidence against the language model
ABSENT_EXPECTED = 2.0  # expected count above which a missing letter counts as lost
ABSENT_RATE = 0.5
PATTERN_SCAN = 250  # candidates looked at per pattern, most frequent first
FRAGMENT = math.log(1e-6)
# Two spaces in a row inside a line's text: 5 of the clean plans' 9,443 inner spaces, none
# of the dev gold's 2,242 (0.01 before: a lost first letter then read as a real space,
# "phòng,  an," as "an" where "quốc phòng, an ninh" is the plans' habit).
INNER_EXTRA_SPACE = math.log(0.0005)
CLOSING_MARKS = frozenset(",.;:!?)")
SPACE_BEFORE_MARK = math.log(0.05)
# A code none of whose known parts explain a letter segment ("QĐ-TT" for "QĐ-TTg", " BND"
# for "UBND"): in a damaged document more likely a known code that lost a letter. 0.05
# left "85/KH-UBN " at a line's end (the lost "D" read as layout); set on the honest
# bench's development documents (seed 1 x 2 profiles: known codes 94.0 -> 96.3%; 0.01 95.5%,
# 0.0005 as 0.002), the dev gold unchanged.
UNKNOWN_CODE = math.log(0.002)
PLAIN_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")


class Option(NamedTuple):
    """One way to read a run: its tokens, its filled text and the cost of the fills.

    A named tuple: the beam search makes tens of thousands (a frozen dataclass
    costs five times as much to make).
    """

    tokens: tuple[str, ...]
    after: str
    fill_score: float
    core_start: int = 0
    first_blank: bool = False


class DocumentRuns:
    """What a run reads as when that depends on the document alone, kept from pass to pass.

    A run written whole reads the same on every line and in every pass; so does
    the fact that a damaged run has no reading at all (no syllable and no code
    fits it: 87% of the damaged runs the town plan's beam search looks at), and
    the codes a damaged run may be. Only the scores of filled glyphs depend on
    the line's loss rates.
    """

    def __init__(self, model: RepairModel, codes: Codes | None = None) -> None:
        """Keep the inventory and the document's codes; nothing is read yet."""
        self.model = model
        self.codes = codes or {}
        self.code_parts = CodeParts(self.codes)
        # (length, position, character) of every character of the codes written whole.
        self._code_letters = {
            (length, position, char)
            for length, same_length in self.codes.items()
            for code, _ in same_length
            for position, char in enumerate(code)
        }
        self.unreadable: set[str] = set()
        self._written: dict[str, list[Option]] = {}
        self._code_fills: dict[tuple[str, frozenset[str]], list[tuple[str, str, float]]] = {}
        self._all_spaces_real: dict[str, Option] = {}

    def written(self, run: str, lead: str, core: str, trail: str) -> list[Option]:
        """The one reading of a run without blanks: as it is written."""
        found = self._written.get(run)
        if found is None:
            is_valid = self.model.inventory.is_valid
            tokens = (*lead, *((core_token(core, is_valid),) if core else ()), *trail)
            found = self._written[run] = [Option(tokens, run, self.written_score(core))]
        return found

    def written_score(self, core: str) -> float:
        """Log cost of a core read as written: a fragment, an unknown code, or nothing."""
        if is_fragment(core, self.model.inventory.is_valid) or self._marked_fragment(core):
            return FRAGMENT
        if looks_like_code(core) and not self.code_parts.is_known(core):
            return UNKNOWN_CODE
        return 0.0

    def _marked_fragment(self, core: str) -> bool:
        """Capitals with a Vietnamese mark that spell no syllable ("TIÊ" for "TIÊU").

        Acronyms are written in plain capitals and "Đ" ("HĐND", "THPT"); a heading in
        capitals that lost a glyph leaves such words, which would otherwise read as one.
        """
        return (
            len(core) >= 2
            and core.isupper()
            and core.isalpha()
            and any(char not in PLAIN_CAPITALS for char in core)
            and not self.model.inventory.is_valid(core.lower())
        )

    def may_be_code(self, core: str) -> bool:
        """Whether ``code_fills`` can find anything for a damaged core (a cheap test first).

        A code the document writes whole has the core's length and its first kept
        letter where the core has it; a code of known parts needs a capital kept
        (``CodeParts.may_fill``). Most runs no syllable fits are neither (the town plan:
        83% of them), and are told so here without a match against each code.
        """
        kept = core.lstrip(BLANK)
        if not kept:
            return len(core) in self.codes
        first = (len(core), len(core) - len(kept), kept[0])
        return first in self._code_letters or CodeParts.may_fill(core)

    def code_fills(
        self, core: str, named: frozenset[str] = frozenset()
    ) -> list[tuple[str, str, float]]:
        """Codes a damaged core may be: the document's own, then codes of known parts.

        ``named``: the kinds the words before the code name (``CodeParts.fills``).
        """
        key = (core, named)
        found = self._code_fills.get(key)
        if found is None:
            found = [*code_fills(core, self.codes), *self.code_parts.fills(core, named)]
            self._code_fills[key] = found
        return found

    def all_spaces_real(self, run: str) -> Option:
        """The reading where no glyph of the run was lost: every space is a word boundary."""
        found = self._all_spaces_real.get(run)
        if found is not None:
            return found
        tokens: list[str] = []
        penalty = 0.0
        is_valid = self.model.inventory.is_valid
        for number, piece in enumerate(run.split(" ")):
            if not piece:
                penalty += INNER_EXTRA_SPACE
                continue
            if number and piece[0] in CLOSING_MARKS:
                penalty += SPACE_BEFORE_MARK
            lead, core, trail = split_run(piece)
            tokens.extend((*lead, *((core_token(core, is_valid),) if core else ()), *trail))
            penalty += self.written_score(core)
        found = self._all_spaces_real[run] = Option(tuple(tokens), run, penalty)
        return found


class RunReader:
    """Options for the runs of one line at a time, cached per line case and rates."""

    def __init__(
        self,
        model: RepairModel,
        language: ScoringModel,
        rates: DropRates,
        codes: Codes | None = None,
        document: DocumentRuns | None = None,
    ) -> None:
        """Keep the inventory, the language model (for unigrams), the document's rates and codes.

        ``document`` carries what earlier passes over the same document found
        (it holds the codes then); a new one is made from ``codes`` otherwise.
        """
        self.model = model
        self.language = language
        self.rates = rates
        self.document = document if document is not None else DocumentRuns(model, codes)
        self.codes = self.document.codes
        self.code_parts = self.document.code_parts
        # Code readings depend on the document's rates alone, not on the line's.
        self._code_options_of: dict[str, list[Option]] = {}
        self._named_code_options: dict[tuple[str, frozenset[str]], list[Option]] = {}
        self._caches: dict[
            tuple[bool, frozenset[str], tuple[tuple[str, float], ...]], dict[str, list[Option]]
        ] = {}
        self._options: dict[str, list[Option]] = {}
        self._name_caches: dict[
            tuple[bool, frozenset[str], tuple[tuple[str, float], ...]],
            dict[tuple[str, frozenset[str]], list[Option]],
        ] = {}
        self._name_options: dict[tuple[str, frozenset[str]], list[Option]] = {}
        self._name_candidates: dict[
            tuple[str, frozenset[str]], list[tuple[float, str, str, str]]
        ] = {}
        self._pattern_candidates: dict[str, list[tuple[float, str, str, str]]] = {}
        self._log_rate: dict[str, float] = {}
        self._document_log_rate: dict[str, float] | None = None
        self._capital_log_rate: dict[str, float] | None = None
        self._capital_gain: dict[str, float] = {}
        self._upper_line = False

    def prepare_line(self, line: str, line_rates: dict[str, float]) -> None:
        """Set the case and the loss rates of the line whose runs come next."""
        self._upper_line = _mostly_upper(line)
        absent = self._absent_letters(line)
        key = (self._upper_line, absent, tuple(sorted(line_rates.items())))
        self._options = self._caches.setdefault(key, {})
        self._name_options = self._name_caches.setdefault(key, {})
        if self._document_log_rate is None:
            self._document_log_rate = {
                char: self.rates.log_rate(char) for char in self.model.inventory_letters
            }
        if self._capital_log_rate is None:
            self._capital_log_rate = {
                char: self.rates.log_rate(char.upper()) for char in self.model.inventory_letters
            }
        # A heading in capitals loses capitals: "K  HOẠCH" where the font keeps "ế" but
        # loses "Ế" is "KẾ", not "KÝ" (keyed by the lower-case letter, as fills are).
        self._log_rate = dict(
            self._capital_log_rate if self._upper_line else self._document_log_rate
        )
        for char in absent:
            self._log_rate[char] = math.log(ABSENT_RATE)
        for char, rate in line_rates.items():
            self._log_rate[char] = math.log(rate)
        # A word's lost first letter may have been its capital: where the document
        # loses a capital more often than its lower-case letter, the fill costs less.
        self._capital_gain = {
            char: capital - self._log_rate[char]
            for char, capital in self._capital_log_rate.items()
            if capital > self._log_rate[char]
        }

    def capital_odds(self, letter: str) -> float:
        """How much likelier a lost capital ``letter`` is than the lower-case one, on this line.

        Fonts lose glyphs, and a capital is its own glyph: the dev gold's body
        text lost most "đ" but none of its 26 "Đ".
        """
        lower = self._log_rate.get(letter, self.rates.log_rate(letter))
        return math.exp(self.rates.log_rate(letter.upper()) - lower)

    def _absent_letters(self, line: str) -> frozenset[str]:
        """Common letters missing from a long line: its font likely lost them.

        A heading font can lose letters the body font keeps ("t  c      " for
        "thực hiện" loses h, n, i); a line of 40 letters without any "n" is
        unlikely unless every "n" in it was lost.
        """
        letters = [char for char in line.lower() if char.isalpha()]
        present = set(letters)
        return frozenset(
            char
            for char, share in self.model.letter_share.items()
            if char.islower() and share * len(letters) >= ABSENT_EXPECTED and char not in present
        )

    def options(self, run: str) -> list[Option]:
        """The readings of a run: as written, or its blanks filled with candidate syllables."""
        cached = self._options.get(run)
        if cached is not None:
            return cached
        document = self.document
        if run in document.unreadable:
            options: list[Option] = []
        elif BLANK in run:
            # A printed underscore (a rule "______", a form's blank "Họ tên: ____") is
            # no lost glyph: blanks stand for lost glyphs only where the text has spaces.
            options = document.written(run, *split_run(run))
        else:
            lead, core, trail = split_run(run.replace(" ", BLANK))
            if BLANK not in core:
                options = document.written(run, lead, core, trail)
            else:
                options = self._fill_options(lead, core, trail)
                if not options:
                    options = self._code_options(run, lead, core, trail)
                elif not self._upper_line and looks_like_code(core):
                    # Capitals in a lower-case line ("H N  tỉnh"): a code ("HĐND") as
                    # much as a syllable in capitals ("HẰNG"); the n-grams choose.
                    options = [*options, *self._code_options(run, lead, core, trail)]
                if not options:
                    document.unreadable.add(run)
        self._options[run] = options
        return options

    def name_options(self, run: str, names: frozenset[str]) -> list[Option]:
        """Readings of a run as the names a slot expects there, beyond the run's own options.

        A run's options are its likeliest syllables out of context: "Trà  inh" after
        "tỉnh" is "Vinh", which the top ``CANDIDATES`` of "_inh" leave out.
        """
        key = (run, names)
        found = self._name_options.get(key)
        if found is None:
            found = []
            lead, core, trail = split_run(run.replace(" ", BLANK))
            if BLANK in core and BLANK not in run:
                known = {option.tokens for option in self.options(run)}
                found = [
                    option
                    for option in self._fill_options(lead, core, trail, names)
                    if option.tokens not in known
                ]
            self._name_options[key] = found
        return found

    def _fill_options(
        self, lead: str, core: str, trail: str, names: frozenset[str] | None = None
    ) -> list[Option]:
        """Options filling the blanks of a core with syllables of the inventory (or ``names``)."""
        if len(core) > MAX_CORE:
            return []
        letters = core.replace(BLANK, "")
        if letters and not letters.isalpha():
            return []
        candidates = (
            self._candidates(core.lower())
            if names is None
            else self._named_candidates(core.lower(), names)
        )
        if not candidates:
            return []  # most damaged runs the beam looks at: no syllable fits them
        upper = self._fills_upper(core)
        # Capitals in a lower-case line ("H N " for "HĐND" or "HẰNG") fill with capitals:
        # their loss rates, not the lower-case letters' (a line in capitals has them already).
        capitals = upper and not self._upper_line and self._capital_log_rate is not None
        log_rate = (self._capital_log_rate if capitals else self._log_rate).get  # type: ignore[union-attr]
        capital_gain = (
            self._capital_gain.get
            if core[0] == BLANK and self._capital_gain and not self._upper_line and not capitals
            else None
        )
        # The top scores so far, a min-heap (the syllable breaks ties; letters are never compared).
        best: list[tuple[float, float, str, str, str]] = []
        # The heap's lowest score once it is full (-inf before): a candidate scoring
        # below it cannot enter, and is not made into a tuple to be compared.
        worst = -math.inf
        full = False
        for unigram, letters, syllable, token in candidates:
            if full and unigram < worst:
                # Candidates come by unigram, most likely first, and a fill only
                # lowers a score (log rates): no later syllable can enter the top.
                break
            fill = capital_gain(letters[0], 0.0) if capital_gain else 0.0
            for letter in letters:
                fill += log_rate(letter, -12.0)
            fill *= FILL_WEIGHT
            total = fill + unigram
            if not full:
                heapq.heappush(best, (total, fill, syllable, token, letters))
                full = len(best) == CANDIDATES
                worst = best[0][0] if full else worst
            elif total >= worst:
                scored = (total, fill, syllable, token, letters)
                if scored > best[0]:
                    heapq.heapreplace(best, scored)
                    worst = best[0][0]
        first_blank = core[0] == BLANK and (
            not self._upper_line or any(char.islower() for char in core)
        )
        options = []
        blanks_filled = core.replace(BLANK, "{}").format  # a core is letters and blanks only
        for _, fill, _, token, filled in sorted(best, reverse=True):
            written = blanks_filled(*(filled if not upper else [char.upper() for char in filled]))
            options.append(
                Option(
                    (*lead, token, *trail),
                    lead + written + trail,
                    fill,
                    core_start=len(lead),
                    first_blank=first_blank,
                )
            )
        return options

    def _code_options(self, run: str, lead: str, core: str, trail: str) -> list[Option]:
        """Options filling a core that no syllable fits with a code.

        The document's own codes written whole elsewhere, and codes made of known
        parts (``code_model``); of a code found both ways the likelier score is kept.
        """
        if not self.document.may_be_code(core):
            return []  # most runs no syllable fits (the town plan's first pass: 83%)
        found = self._code_options_of.get(run)
        if found is not None:
            return found
        found = self._code_options_of[run] = self._scored_codes(lead, core, trail, frozenset())
        return found

    def named_code_options(self, run: str, named: frozenset[str]) -> list[Option]:
        """A code's readings when the words before it name its kind ("Quyết định số 553/ Đ-UBND").

        Empty when the run is no damaged code; the decoder then keeps its options.
        """
        key = (run, named)
        found = self._named_code_options.get(key)
        if found is None:
            lead, core, trail = split_run(run.replace(" ", BLANK))
            found = []
            if BLANK in core and BLANK not in run and not self._fill_options(lead, core, trail):
                found = self._scored_codes(lead, core, trail, named)
            self._named_code_options[key] = found
        return found

    def _scored_codes(
        self, lead: str, core: str, trail: str, named: frozenset[str]
    ) -> list[Option]:
        """Code readings of a core, each scored by its filled letters' loss and its share."""
        is_valid = self.model.inventory.is_valid
        scores: dict[str, float] = {}
        for code, letters, share in self.document.code_fills(core, named):
            fill = FILL_WEIGHT * sum(self.rates.log_rate(letter) for letter in letters)
            scores[code] = max(scores.get(code, -math.inf), fill + math.log(share))
        return [
            Option((*lead, core_token(code, is_valid), *trail), lead + code + trail, score)
            for code, score in scores.items()
        ]

    def _candidates(self, pattern: str) -> list[tuple[float, str, str, str]]:
        """Syllables matching a pattern: (unigram, letters in the blanks, syllable, token).

        Most likely first by this reader's unigram (the document's may rank them
        otherwise than the inventory does).
        """
        found = self._pattern_candidates.get(pattern)
        if found is None:
            unigram = self.language.logprob
            fills = self.model.inventory.fills(pattern, PATTERN_SCAN)
            found = sorted(
                (
                    (unigram((), token), letters, syllable, token)
                    for letters, syllable, token in fills
                ),
                reverse=True,
            )
            self._pattern_candidates[pattern] = found
        return found

    def _named_candidates(
        self, pattern: str, names: frozenset[str]
    ) -> list[tuple[float, str, str, str]]:
        """The ``names`` matching a pattern, as ``_candidates`` gives syllables."""
        key = (pattern, names)
        found = self._name_candidates.get(key)
        if found is None:
            unigram = self.language.logprob
            blanks = [index for index, char in enumerate(pattern) if char == BLANK]
            found = sorted(
                (
                    (unigram((), name), "".join(name[index] for index in blanks), name, name)
                    for name in names
                    if len(name) == len(pattern)
                    and all(
                        char in (BLANK, letter) for char, letter in zip(pattern, name, strict=True)
                    )
                ),
                reverse=True,
            )
            self._name_candidates[key] = found
        return found

    def _fills_upper(self, core: str) -> bool:
        """Whether the letters filling a core's blanks are capitals, by its surviving letters."""
        letters = [char for char in core if char != BLANK]
        upper = self._upper_line or (len(letters) >= 2 and all(char.isupper() for char in letters))
        if any(char.islower() for char in core[1:]):
            upper = False  # "L u" in a line of capitals is still "Lưu", not "LƯu"
        if core[0] != BLANK and len(letters) == 1 and letters[0].isupper() and self._upper_line:
            upper = True
        return upper

    def all_spaces_real(self, run: str) -> Option:
        """The reading where no glyph of the run was lost: every space is a word boundary."""
        return self.document.all_spaces_real(run)


def _mostly_upper(line: str) -> bool:
    """True for a heading in capitals: most of its letters are upper case."""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 3 and sum(char.isupper() for char in letters) > 0.7 * len(letters)
