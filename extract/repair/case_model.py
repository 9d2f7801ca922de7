"""How often a syllable is written capitalised, from training text and the document itself."""

from __future__ import annotations

from dataclasses import dataclass, field

Counts = list[float]  # [capitalised, seen]
# Tokens after which a word stands inside a sentence (else it may open one).
INSIDE = frozenset((",", "<x>", "<num>"))
SENTENCE_ENDS = frozenset(".!?")
# A letter before one of these is a list marker ("a)", "b."), not a word: its case says
# nothing of a word's there (the legal codes' "...:" then "a) ..." would make a line after
# ":" open in lower case).
LIST_MARKS = frozenset(").")
START = "<s>"  # tokens.START (case_model stays free of the tokenizer)
DEFAULT_CAPITAL = 0.1
SMOOTHING = 1.0  # pseudo-count of the less specific estimate at each level
# Weight of each of the document's own writings of a word (first letter intact), in the
# last levels of ``capital_probability``, after the training text and document merged before
# them. Honest bench, dev only, seed 1 x 2 profiles: 0 (before) 93.20%, 0.5 93.33%, 1 93.45%,
# 2 93.51%, 4 93.52% (with a level by following word, since left out: it wrote "Đề án" and
# "Ủy ban Nhân dân" into the garbled town plan). As kept: 93.35% (seed 2: 85.33 -> 85.43%).
OWN_WEIGHT = 2.0


# Marks a line break before the previous token's successor: "\n;" is a line that opens
# after one ending in ";" ("...ngày 19/6/2015;" then "Căn cứ Luật ..."), a new paragraph.
LINE_BREAK = "\n"
# Marks the previous token as the last of the marks a line opens with ("- Về", "(1) Cơ").
OPENING = "\t"


def opening(previous: str) -> str:
    """The context of a word after the marks that open its line ("-", "(1)", "a)")."""
    return OPENING + previous


def is_inside_sentence(previous: str) -> bool:
    """Whether a word after ``previous`` (a lowercase token) stands inside a sentence."""
    return previous[:1].isalpha() or previous in INSIDE


def at_line_start(previous: str) -> str:
    """The context of a word that opens a line, after the previous line's last token.

    A line broken after a word or a number runs on (text wrapped in a PDF); one
    broken after punctuation (";", ":", "”") most often opens a paragraph, which
    the same punctuation inside a line does not: "; căn cứ" but ";" + line + "Căn cứ".
    """
    if is_inside_sentence(previous) or previous in (START, "") or previous[0] == LINE_BREAK:
        return previous
    return LINE_BREAK + previous


def _ends_sentence(previous: str) -> bool:
    return previous.removeprefix(LINE_BREAK) in SENTENCE_ENDS


@dataclass
class CaseModel:
    """How often a syllable is written capitalised: after a given token, before one, and overall.

    The token after it counts only inside a sentence, and less than the token
    before it: "các đảng ủy" stays lower case although "Đảng ủy" is the habit.
    """

    after: dict[tuple[str, str], Counts] = field(default_factory=dict)
    syllable: dict[str, Counts] = field(default_factory=dict)
    previous: dict[str, Counts] = field(default_factory=dict)
    following: dict[tuple[str, str], Counts] = field(default_factory=dict)
    between: dict[tuple[str, str, str], Counts] = field(default_factory=dict)
    own: CaseModel | None = None
    _partner_counts: dict[str, Counts] | None = field(default=None, init=False, repr=False)

    def observe_following(
        self, previous: str, token: str, following: str, weight: float = 1.0
    ) -> None:
        """Count one cased syllable token (inside a sentence) before a lowercase following token.

        Counted twice: with the following token alone, and with both neighbours.
        """
        if len(token) > 1 and token.isupper():
            return
        lower = token.lower()
        capital = weight if token[:1].isupper() else 0.0
        for counts in (
            self.following.setdefault((lower, following), [0.0, 0.0]),
            self.between.setdefault((previous, lower, following), [0.0, 0.0]),
        ):
            counts[0] += capital
            counts[1] += weight

    def observe(self, previous: str, token: str, weight: float = 1.0) -> None:
        """Count one cased syllable token after a (lowercase) previous token.

        Words in capitals ("ĐIỂN HÌNH" in a heading) say nothing of case and are skipped.
        """
        if len(token) > 1 and token.isupper():
            return
        lower = token.lower()
        capital = weight if token[:1].isupper() else 0.0
        tables = [
            self.after.setdefault((previous, lower), [0.0, 0.0]),
            self.previous.setdefault(previous, [0.0, 0.0]),
        ]
        if is_inside_sentence(previous):
            # A syllable's own habit, apart from where it stands: "Đảng" is
            # capitalised mid-sentence, "điển" only at the start of a heading.
            tables.append(self.syllable.setdefault(lower, [0.0, 0.0]))
        for counts in tables:
            counts[0] += capital
            counts[1] += weight

    def with_document(
        self, tokens: list[list[str]], weight: float, own: list[list[str]] | None = None
    ) -> CaseModel:
        """A copy of the model that also counts one document's cased syllables, each ``weight``.

        A document keeps its own conventions ("đảng bộ" or "Đảng bộ"), which
        the training text may not share.
        """
        merged = CaseModel(
            {key: list(counts) for key, counts in self.after.items()},
            {key: list(counts) for key, counts in self.syllable.items()},
            {key: list(counts) for key, counts in self.previous.items()},
            {key: list(counts) for key, counts in self.following.items()},
            {key: list(counts) for key, counts in self.between.items()},
        )
        merged.observe_lines(tokens, weight)
        merged.own = CaseModel()
        merged.own.observe_lines(tokens if own is None else own)
        return merged

    def observe_lines(self, lines: list[list[str]], weight: float = 1.0) -> None:
        """Count the cased syllables of token lines, with their neighbours.

        The lines are consecutive: a line's first word is seen after the last
        token of the line before it (``at_line_start``), blank lines skipped.
        """
        previous = START
        for line in lines:
            previous = at_line_start(previous)
            for index, token in enumerate(line):
                following = line[index + 1] if index + 1 < len(line) else ""
                if token[:1].isalpha() and not (len(token) == 1 and following in LIST_MARKS):
                    self.observe(previous, token, weight)
                    if following and is_inside_sentence(previous):
                        self.observe_following(previous, token, following.lower(), weight)
                previous = token.lower()

    def capital_probability(
        self, previous: str, syllable: str, following: str = "", opens: bool = False
    ) -> float:
        """P(capitalised | previous token, syllable, following token).

        Each table, from the most general to the most specific, refines the
        estimate of the one before it in proportion to its counts: the previous
        token (sentence start or not), the syllable's habit, then, inside a
        sentence, its habit over distinct partners and the token after it ("Ban
        Thường vụ", "ban hành"), and last the previous token and syllable together.
        """
        levels = [self.previous.get(previous)]
        if not _ends_sentence(previous):
            # Counted inside sentences: after a full stop, "trong" opens one all the same.
            levels.append(self.syllable.get(syllable))
        if is_inside_sentence(previous):
            levels.append(self._partners().get(syllable))
            levels.append(self.following.get((syllable, following)) if following else None)
        levels.append(self.after.get((previous, syllable)))
        if following and is_inside_sentence(previous):
            # Both neighbours at once: ", Ban Dân vận" but ", ban hành".
            levels.append(self.between.get((previous, syllable, following)))
        probability = DEFAULT_CAPITAL
        for counts in levels:
            if counts:
                probability = (counts[0] + SMOOTHING * probability) / (counts[1] + SMOOTHING)
        if self.own is not None:
            own_previous = opening(previous) if opens else previous
            probability = self.own.refined(probability, own_previous, syllable, following)
        return probability

    def refined(self, probability: float, previous: str, syllable: str, following: str) -> float:
        """An estimate moved by this model's counts alone (the document's own writings)."""
        levels = []
        if previous[:1] in (LINE_BREAK, OPENING) or previous == START:
            # How this document opens a line: after one ending in punctuation ("Căn cứ"
            # after "...;", 21 such line starts in the training text), or after the line's
            # mark ("- Về kinh tế"), not after the same mark inside a line ("kinh tế - xã").
            levels.append(self.previous.get(previous))
        levels.append(self.after.get((previous, syllable)))
        for counts in levels:
            if counts:
                probability = (OWN_WEIGHT * counts[0] + SMOOTHING * probability) / (
                    OWN_WEIGHT * counts[1] + SMOOTHING
                )
        return probability

    def _partners(self) -> dict[str, Counts]:
        """Per syllable, how many distinct following words it is mostly capitalised before.

        Before an unseen following word, the habit over distinct partners beats
        the habit over occurrences: "Đề án" is frequent, "đề nghị", "đề ra",
        "vấn đề nhân" are many.
        """
        if self._partner_counts is None:
            self._partner_counts = {}
            for (syllable, _), counts in self.following.items():
                partners = self._partner_counts.setdefault(syllable, [0.0, 0.0])
                partners[0] += counts[0] > counts[1] / 2
                partners[1] += 1
        return self._partner_counts
