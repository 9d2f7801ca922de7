"""Beam search over one damaged line: which spaces are word boundaries, which lost glyphs.

The cuts of a line are its spaces (plus both ends). A path picks some cuts as
real spaces; the text between two chosen cuts is a run whose inner spaces are
lost glyphs, filled so that the run's core is a valid syllable. A path's score
is the n-gram log probability of its tokens plus the log loss rate of each
filled glyph; an extra real space (two in a row) costs a penalty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from extract.repair.case_model import CaseModel, at_line_start
from extract.repair.codes import Codes
from extract.repair.drop_rates import DropRates
from extract.repair.language_model import ScoringModel
from extract.repair.line_apart import LineLeftOut
from extract.repair.model import RepairModel
from extract.repair.name_case import PhraseCase
from extract.repair.name_slot import NameSlotModel, gazetteer
from extract.repair.path_check import Back, History, Step, backtrack, rechecked
from extract.repair.run_reader import (
    CLOSING_MARKS,
    INNER_EXTRA_SPACE,
    SPACE_BEFORE_MARK,
    DocumentRuns,
    Option,
    RunReader,
)
from extract.repair.tokens import OTHER, START

BEAM = 3
ELLIPSIS = "…"
MAX_RUN = 12
# A document symbol is longer than a syllable ("45/2020/NĐ- P" for "45/2020/NĐ-CP"): a run
# opening with a digit may span this much, for the code model to fill its letters.
MAX_CODE_RUN = 24
EDGE_EXTRA_SPACE = math.log(0.3)
# Path scores are sharper than the odds of being right (the doubled loss-rate
# evidence): a temperature of 2, fitted on held-out synthetic garbling, flags more
# wrong fills as uncertain without flagging more right ones.
CONFIDENCE_TEMPERATURE = 2.0


@dataclass(frozen=True)
class Choice:
    """One run of a decoded line: where it starts, its text before and after, how sure."""

    start: int
    before: str
    after: str
    confidence: float


class LineDecoder:
    """Decodes damaged lines with one model, one document's n-gram overlay and loss rates."""

    def __init__(
        self,
        model: RepairModel,
        language: ScoringModel,
        rates: DropRates,
        layout_space: float = INNER_EXTRA_SPACE,
        case: CaseModel | None = None,
        weigh_capital_loss: bool = False,
        codes: Codes | None = None,
        document: DocumentRuns | None = None,
    ) -> None:
        """Keep the scoring parts; the run reader caches option lists for the decoder's lifetime.

        Args:
            model: Syllable inventory, base language model, case model.
            language: The language model to score with (possibly document-adapted).
            rates: Loss rate of each glyph.
            layout_space: Log cost of one more space in a line's indentation or
                trailing spaces (documents differ: PDF text often pads lines).
            case: Capitalisation statistics (possibly document-adapted); the model's by default.
            weigh_capital_loss: Whether the case of a lost first letter also weighs how
                often ``rates`` say each case is lost (rates re-estimated on the document).
            codes: The document's codes written whole ("UBND"), to fill damaged ones.
            document: What the runs of this document read as, from an earlier pass
                (it holds the codes then).

        """
        self.model = model
        self.layout_space = layout_space
        # Place names after "tỉnh", "xã" ... scored as a class (name_slot); whether a
        # syllable is a name's is asked of the shipped model, which the document's own
        # decoded words ("trà vinh" of an earlier pass) have not made familiar.
        names = model.names or gazetteer()
        self.language = NameSlotModel(language, names)
        # The model given, which score_with may set aside for a line.
        self.document_language = language
        self._names = NameSlotModel(model.language, names)
        self.rates = rates
        self.case = case if case is not None else model.case
        self._phrases = PhraseCase(self.case.own, model.case)
        self.weigh_capital_loss = weigh_capital_loss
        self._reader = RunReader(model, language, rates, codes, document)
        self._line = ""
        self._text_start = 0
        self._text_end = 0
        self._following: tuple[str, ...] = ()
        # A line's reading by what it depends on (see decode), while the scoring model stays.
        self._decoded: dict[_LineKey, tuple[tuple[Choice, ...], History]] = {}

    def score_with(self, language: ScoringModel | LineLeftOut) -> None:
        """Score the next lines' readings with ``language`` (a line's own left out, ``line_apart``).

        The run reader keeps the decoder's model: it ranks a run's candidates by unigram,
        and its cache of options outlives the line.
        """
        if language is not self.language.base:
            self.language = NameSlotModel(language, self.language.gazetteer)
            self._decoded.clear()

    def decode(
        self,
        line: str,
        history: History,
        line_rates: dict[str, float] | None = None,
        following: tuple[str, ...] = (),
    ) -> tuple[list[Choice], History]:
        """Best reading of a line given the tokens before it; returns its runs and new history.

        ``line_rates`` overrides the loss rates of some glyphs on this line alone
        (what the line's own font is seen to lose or keep); ``following`` is the
        token that opens the next line, when a sentence runs on into it.

        A line the same as one decoded before with this model (text, history,
        rates and following token) reads the same: a plan repeats its lines
        ("- Cơ quan tham mưu: B n Dân vận Thị   . "), and the garbled town plan's
        first pass meets 58 of its 374 lines again.
        """
        key = (line, history, tuple(sorted(line_rates.items())) if line_rates else (), following)
        found = self._decoded.get(key)
        if found is None:
            choices, best_history = self._decoded_line(line, history, line_rates or {}, following)
            found = self._decoded[key] = (tuple(choices), best_history)
        return list(found[0]), found[1]

    def _decoded_line(
        self, line: str, history: History, line_rates: dict[str, float], following: tuple[str, ...]
    ) -> tuple[list[Choice], History]:
        """The beam search of :meth:`decode`, its best path checked run by run."""
        self._prepare_line(line, line_rates)
        self._following = following
        cuts = [-1, *[index for index, char in enumerate(line) if char == " "], len(line)]
        keep = self.language.order - 1
        start_history = (*(START,) * keep, *history)[-keep:]
        beams: dict[int, dict[History, tuple[float, Back]]] = {-1: {start_history: (0.0, None)}}
        options_of = self._reader.options
        for position, left in enumerate(cuts[:-1]):
            states = beams.get(left)
            if not states:
                continue
            # sorted()[:BEAM] is what heapq.nlargest promises (ties in insertion order),
            # at a fraction of its cost on a few dozen readings.
            kept = (
                sorted(states.items(), key=_score_of, reverse=True)[:BEAM]
                if len(states) > BEAM
                else list(states.items())
            )
            beams[left] = dict(kept)
            longest = MAX_CODE_RUN if line[left + 1 : left + 2].isdigit() else MAX_RUN
            for right in cuts[position + 1 :]:
                run = line[left + 1 : right]
                if right > cuts[position + 1] and len(run) > longest:
                    break
                # Most runs with blanks read as nothing: told here, without a call to _extend.
                options = options_of(run) if run else None
                if options or not run or (run[:1].isdigit() and " " in run):
                    self._extend(beams, left, right, run, kept, len(line), options)
        final = beams.get(len(line))
        if not final:
            # No reading reaches the end (text the syllable model cannot tokenise,
            # e.g. "<_"): the line stays as it is, never guessed.
            return [], (*history, OTHER)[-keep:]
        best_history = max(final, key=lambda key: final[key][0] + self._closing(key))
        path = backtrack(beams, len(line), best_history)
        path = rechecked(path, self._alternatives, self._score, self._following, keep)
        if path:  # the history the next line reads, after a swap of the last run too
            best_history = (*path[-1][1], *path[-1][2].tokens)[-keep:]
        return self._choices(path), best_history

    def _alternatives(self, left: int, history: History, option: Option) -> list[Option]:
        """The readings the beam had for ``option``'s run after ``history`` (none if whole)."""
        run = self._line_slice(left, len(option.after))
        if " " not in run:
            return []
        code_run = run[:1].isdigit()
        return self._run_options(run, self._reader.options(run), left, history, code_run)

    def _closing(self, history: History) -> float:
        """Log probability of the next line's opening token after a reading of this line."""
        total = 0.0
        for token in self._following:
            total += self.language.logprob(history, token)
            history = (*history[1:], token)
        return total

    def _prepare_line(self, line: str, line_rates: dict[str, float]) -> None:
        self._line = line
        # Indentation and trailing spaces are layout: an extra space there costs
        # little, unlike two spaces inside the text.
        self._text_start = len(line) - len(line.lstrip(" "))
        self._text_end = len(line.rstrip(" "))
        self._reader.prepare_line(line, line_rates)

    def _extend(
        self,
        beams: dict[int, dict[History, tuple[float, Back]]],
        left: int,
        right: int,
        run: str,
        states: list[tuple[History, tuple[float, Back]]],
        length: int,
        options: list[Option] | None = None,
    ) -> None:
        """Score the readings of ``run`` (``options``, when looked up already) after each state."""
        if not run:
            options = [Option((), "", self._extra_space_score(left, right, length))]
        elif options is None:
            options = self._reader.options(run)
        # A damaged symbol after the name of its kind ("Quyết định số 553/ Đ-UBND"): that
        # name may tell a kind lost whole ("số 692/  -TTg").
        code_run = run[:1].isdigit() and " " in run
        if not options and not code_run:
            return  # most runs with blanks: no syllable and no code fits them
        target = beams.setdefault(right, {})
        # Typed text puts no space before a closing mark: "Bí ," is "Ban," with two glyphs lost.
        spacing = SPACE_BEFORE_MARK if left >= 0 and run[:1] in CLOSING_MARKS else 0.0
        # The name slot changes P only after its trigger words: elsewhere (most
        # queries) the decoder asks the model under it, one call fewer per query.
        logprob = self.language.logprob
        plain = self.language.base.logprob
        # Log probabilities only lower a score: a reading already below the
        # beam's worst kept score at ``right`` cannot enter it (the line's end
        # keeps every reading for the next line's words to choose from).
        prune = right < length
        floor = start_floor = -math.inf
        if prune and len(target) >= BEAM:
            floor = start_floor = _worst_kept(target)
        slot_words = self.language.slot_words
        for history, (score, _) in states:
            run_options = self._run_options(run, options, left, history, code_run)
            for option in run_options:
                total = score + option.fill_score + spacing
                if total < start_floor:
                    continue
                current = history
                for token in option.tokens:
                    if total < floor:
                        break
                    if current[-1] in slot_words or current[-2] in slot_words:
                        total += logprob(current, token)
                    else:
                        total += plain(current, token)
                    current = (*current[1:], token)
                if total < floor:
                    # Fell below the beam, whose floor rises as readings arrive: the
                    # reading keeps only its place among those at ``right`` (the order
                    # breaks ties), not the rest of its scoring: the history it ends in is
                    # given its place without a score.
                    tokens = option.tokens
                    target.setdefault((*history, *tokens)[len(tokens) :], _BELOW)
                    continue
                existing = target.get(current)
                if existing is None or existing[0] < total:
                    target[current] = (total, (left, history, option))
                    if prune and total > floor and len(target) >= BEAM:
                        floor = _worst_kept(target)

    def _run_options(
        self, run: str, options: list[Option], left: int, history: History, code_run: bool
    ) -> list[Option]:
        """A run's readings after a history: its own, and what the words before it expect."""
        slot_words = self.language.slot_words
        if run and (history[-1] in slot_words or history[-2] in slot_words):
            # After "tỉnh", "xã" ...: also the place names that fit the run (name_slot).
            names = self.language.expected(history)
            if names:
                return [*options, *self._reader.name_options(run, names)]
        elif code_run:
            named = self._reader.code_parts.kinds_named(self._words_before(left, history))
            if named:
                return self._reader.named_code_options(run, named) or options
        return options

    def _words_before(self, left: int, history: History) -> tuple[str, ...]:
        """The words before a run, lower case, "số" left out, the last one as decoded.

        What names a symbol's kind: "Quyết định số 553/QĐ-UBND" gives ("quyết", "định").
        """
        words = self._line[: max(left, 0)].lower().split()
        if words and words[-1].rstrip(":") == "số":
            words.pop()
        last = history[-2] if history[-1] == "số" else history[-1]
        return (*words[-4:-1], last)

    def _extra_space_score(self, left: int, right: int, length: int) -> float:
        """Cost of reading the space at ``right`` as one more real space after ``left``."""
        if left == -1 or right == length:
            return EDGE_EXTRA_SPACE
        if left >= self._text_end or right < self._text_start:
            return self.layout_space
        return INNER_EXTRA_SPACE

    def _choices(self, path: list[Step]) -> list[Choice]:
        choices = []
        for step, (left, history, option) in enumerate(path):
            run_length = len(option.after)
            before = self._line_slice(left, run_length)
            if option.after == before:
                continue
            following = path[step + 1][2].tokens[:1] if step + 1 < len(path) else self._following
            after = self._capitalised(option, history, following, left)
            confidence = self._confidence(before, option, history, following)
            choices.append(Choice(left + 1, before, after, confidence))
        return choices

    def _line_slice(self, left: int, length: int) -> str:
        return self._line[left + 1 : left + 1 + length]

    def _capitalised(
        self, option: Option, history: History, following: tuple[str, ...], left: int
    ) -> str:
        """Capitalise a syllable whose first letter was lost when context says so."""
        if not option.first_blank:
            return option.after
        line_start = left + 1 <= self._text_start
        before = (*history, *option.tokens[: option.core_start])
        previous = before[-1]
        if before[-2:] == (".", "."):
            previous = ELLIPSIS  # "yêu nước... để": an ellipsis does not end the sentence
        elif line_start and option.core_start == 0:
            previous = at_line_start(previous)
        syllable = option.tokens[option.core_start]
        after = (*option.tokens[option.core_start + 1 :], *following, "")[0]
        index = option.core_start
        # After the marks a line opens with ("- Về", "(1) Cơ"): the document's habit there.
        marks = self._line[: left + 1]
        opens = option.core_start == 0 and marks.strip() != "" and not any(map(str.isalpha, marks))
        capital = self.case.capital_probability(previous, syllable, after, opens)
        # The document's own writings of the phrase: "Chính phủ" intact elsewhere.
        capital = self._phrases.capital(capital, previous, syllable, after)
        # A syllable the name slot put there is a place's name: "tỉnh Kiên Giang".
        capital = max(capital, self._names.name_share(before[-2:], syllable))
        # As context writes the word, times how often each case of the letter is lost.
        odds = self._reader.capital_odds(option.after[index]) if self.weigh_capital_loss else 1.0
        if capital * odds <= 1 - capital:
            return option.after
        return option.after[:index] + option.after[index].upper() + option.after[index + 1 :]

    def _confidence(
        self, run: str, chosen: Option, history: History, following: tuple[str, ...]
    ) -> float:
        """Share of the chosen reading among the run's readings, with one token of right context."""
        alternatives = [*self._reader.options(run), self._reader.all_spaces_real(run)]
        scores = []
        chosen_score = None
        for option in alternatives:
            score = self._score(option, history, following)
            scores.append(score)
            if option is chosen:
                chosen_score = score
        if chosen_score is None:
            chosen_score = self._score(chosen, history, following)
            scores.append(chosen_score)
        best = max(scores)
        total = sum(math.exp((score - best) / CONFIDENCE_TEMPERATURE) for score in scores)
        return math.exp((chosen_score - best) / CONFIDENCE_TEMPERATURE) / total

    def _score(
        self,
        option: Option,
        history: History,
        following: tuple[str, ...],
        floor: float = -math.inf,
    ) -> float:
        """Fill cost plus log probabilities of a reading's tokens and ``following``.

        Left unfinished once below ``floor``: log probabilities only lower it.
        """
        total = option.fill_score
        current = history
        language = self.language
        slot_words = language.slot_words
        for token in (*option.tokens, *following):
            if total < floor:
                break
            if current[-1] in slot_words or current[-2] in slot_words:
                total += language.logprob(current, token)
            else:  # outside the name slot, the model under it (as in _extend)
                total += language.base.logprob(current, token)
            current = (*current[1:], token)
        return total


# What a line's reading depends on beside the model: its text, the history before it,
# its own loss rates (sorted) and the tokens opening the next line.
_LineKey = tuple[str, History, tuple[tuple[str, float], ...], tuple[str, ...]]


def _score_of(item: tuple[History, tuple[float, Back]]) -> float:
    return item[1][0]


# The score of a reading that fell below the beam: it can never be kept.
_BELOW: tuple[float, Back] = (-math.inf, None)


def _worst_kept(target: dict[History, tuple[float, Back]]) -> float:
    """The lowest score the beam at a position would keep now (it only rises)."""
    scores = [entry[0] for entry in target.values()]
    scores.sort()
    return scores[-BEAM]
