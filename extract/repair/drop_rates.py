"""How likely each glyph is to have been lost: the prior, and its re-estimation per document."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field

from extract.resources import data_file, load_yaml

DATA = data_file("extract.repair", "drop_rates.yaml")
# Weight of the prior, in glyphs, when a document's own counts re-estimate a rate. With the
# mean rates of an unseen font, the document's counts should soon outweigh them: honest dev
# (76 documents, 2 profiles) 10 -> 3: seed 1 92.84 -> 93.07%, seed 2 84.95 -> 84.99%;
# the town plan's repair is the same (its counts are large either way).
PRIOR_STRENGTH = 3.0
# Reading loss rates off letters missing from a document (see fitted_to_letter_counts).
COMMON_SHARE = 0.01
SIZE_QUANTILE = 0.75
# Fewer expected occurrences say too little (10, not 20: other held-out fonts, seeds
# 13,1,2,3, 94.35 -> 95.21% of damaged words; the dev gold's glyph pattern -0.01 pt).
MIN_EXPECTED = 10.0
DEFICIT_MARGIN = 0.5
# The margin when a document is in a font no count knows (``unseen_font``): its shortfalls
# are then the only evidence before decoding. Honest dev (76 documents, 2 profiles each):
# 0.5 -> 0.3: seed 1 92.63 -> 92.88%, seed 2 84.82 -> 84.95%.
UNSEEN_FONT_MARGIN = 0.3
MAX_DEFICIT_RATE = 0.9
LOWERED_FLOOR = 0.05
# Pseudo-count (in glyphs) pulling each counted rate towards the mean rate of its kind
# (letters, other glyphs): the dev gold is one document, and a glyph it never lost
# (ý, ĩ, capitals, digits) is lost by other fonts. 0 keeps the raw counts. Chosen on the
# realdocs dev split (seed 1, two unseen profiles: 0 -> 78.9%, 2 -> 83.6%, 3 -> 84.6%, 20 -> 88.0%)
# as the largest that keeps the dev gold at 99.88% (3: 99.13%, 5 and 20: 98.38%).
SMOOTHING = 2.0
# Least prior loss rate of a capital, its own or taken from its lower-case letter: the dev
# gold's body font never lost one, so its counts say nothing of capitals; other fonts lose
# them ("XÃ" read "ĐÃ", "NĐ-CP" read "NĐ-GP"). Honest dev (seed 1, 2 profiles): ALL-CAPS
# lines 85.6 -> 93.2%, all 84.8 -> 85.6%; 0.15: dev gold 99.75 -> 99.63% ("khoá XI").
CAPITAL_FLOOR = 0.05
# Least prior loss rate of a lower-case letter: the dev gold's font kept "ả", "c", "t" (rates
# 0.001-0.006 counted), other fonts lose them; the document's own evidence then moves it.
# Honest dev (seed 1, 2 profiles): 0 -> 85.64%, 0.01 -> 86.72%, 0.03 -> 88.49%, 0.05 -> 89.07%
# of damaged words; dev gold 99.75% at 0, 0.03, 0.05 once the training typo "Phân đấu" is fixed
# (build_data.TRAINING_TYPOS; with it, any floor read the gold's "Phấn đấu" x8 as "Phân").
# 0.05 reads the town plan's "đồng ý đề nghị" (beyond the gold, tested) "đồng được nghị".
LETTER_FLOOR = 0.03
# The dev gold's counted rates are one font's ("đ" 0.86, "ấ" 0.96, "c" 0.001): a document in
# another font is better served by every letter at the mean rate, its own evidence then moving
# them. Which of the two a document is in is read off its letter counts (``likelier_font``):
# the log of a letter's count against its expected count (size x share x kept share) varies
# from text to text by about ``STYLE_SPREAD`` beside the counting noise. Honest dev (seed 1,
# 2 profiles): every document at the counted rates 88.49%, every document at the mean 92.27%.
STYLE_SPREAD = 0.4


class GlyphCount(BaseModel):
    """How often one glyph was lost among the times it was seen, and in how many lines."""

    model_config = ConfigDict(extra="forbid")

    lost: int = Field(ge=0)
    seen: int = Field(ge=1)
    lines: int = Field(ge=1)
    lossy_lines: int = Field(ge=0)
    seen_in_lossy: int = Field(ge=0)


class DropRatesFile(BaseModel):
    """The schema of ``data/drop_rates.yaml``."""

    model_config = ConfigDict(extra="forbid")

    source: str
    default_letter: float = Field(gt=0, lt=1)
    default_other: float = Field(gt=0, lt=1)
    glyphs: dict[str, GlyphCount]


def line_shares() -> dict[str, tuple[float, float]]:
    """Per glyph of the data file: the share of lines that lose it, and its rate within them.

    How a font subset loses glyphs, line by line; the benchmark garbles with it.
    """
    data = DropRatesFile.model_validate(load_yaml(DATA))
    return {
        glyph: (count.lossy_lines / count.lines, count.lost / max(count.seen_in_lossy, 1))
        for glyph, count in data.glyphs.items()
    }


class DropRates:
    """Probability that a glyph of a damaged line was lost (became a space)."""

    def __init__(
        self,
        rates: dict[str, float],
        default_letter: float,
        default_other: float,
        unseen_font: DropRates | None = None,
    ) -> None:
        """Keep the per-glyph rates and the defaults for glyphs without one.

        ``unseen_font``, when given, is the rates to use instead for a document
        whose letter counts fit them better (see :meth:`likelier_font`).
        """
        self.rates = rates
        self.default_letter = default_letter
        self.default_other = default_other
        self.unseen_font = unseen_font

    @classmethod
    def default(cls) -> DropRates:
        """The prior: rates counted on the dev gold, smoothed towards the mean (``SMOOTHING``).

        A document in another font gets every letter at the mean rate instead.
        """
        counted = cls.counted(SMOOTHING)
        counted.unseen_font = counted.at_mean_rate()
        return counted

    def at_mean_rate(self) -> DropRates:
        """Every letter at the mean letter rate (capitals at least ``CAPITAL_FLOOR``).

        Digits and other glyphs keep their rates: a lost digit is never filled.
        """
        mean = self.default_letter
        capital = max(mean, CAPITAL_FLOOR)
        rates = {
            glyph: capital if glyph.isupper() else mean if glyph.isalpha() else rate
            for glyph, rate in self.rates.items()
        }
        return DropRates(rates, mean, self.default_other)

    def likelier_font(
        self, observed: dict[str, int], expected_share: dict[str, float]
    ) -> DropRates:
        """These rates or ``unseen_font``'s, whichever explains a document's letter counts better.

        Under each, a lower-case letter is expected ``size x share x (1 - rate)`` times, the
        size read off the common letters under that same font (the median); the log of
        the count against that is taken as normal, of spread ``STYLE_SPREAD`` plus the
        counting noise. A document in the dev gold's font lacks its "đ", "ấ", "ủ"; one in
        another font has them in full, and lacks letters that no prior can know.
        """
        if self.unseen_font is None:
            return self
        own = _letter_fit(self, observed, expected_share)
        unseen = _letter_fit(self.unseen_font, observed, expected_share)
        if own is None or unseen is None or own >= unseen:
            return self
        return self.unseen_font

    @classmethod
    def counted(cls, smoothing: float = 0.0) -> DropRates:
        """The rates counted on the dev gold (aggregate counts, see the data file).

        Without ``smoothing``, the dev gold's own garbling pattern (the benchmark garbles
        with it); with it, each rate pulled towards the mean of its kind by that many glyphs.
        """
        data = DropRatesFile.model_validate(load_yaml(DATA))
        if smoothing <= 0:
            rates = {
                glyph: (count.lost + data.default_letter) / (count.seen + 1.0)
                for glyph, count in data.glyphs.items()
            }
            return cls(rates, data.default_letter, data.default_other)
        means = {
            kind: sum(c.lost for g, c in data.glyphs.items() if g.isalnum() == kind)
            / max(sum(c.seen for g, c in data.glyphs.items() if g.isalnum() == kind), 1)
            for kind in (True, False)
        }
        rates = {
            glyph: max(
                (count.lost + smoothing * means[glyph.isalnum()]) / (count.seen + smoothing),
                CAPITAL_FLOOR if glyph.isupper() else LETTER_FLOOR if glyph.isalpha() else 0.0,
            )
            for glyph, count in data.glyphs.items()
        }
        for glyph, rate in list(rates.items()):
            capital = glyph.upper()
            if capital != glyph and capital not in rates:
                rates[capital] = max(rate, CAPITAL_FLOOR)
        return cls(rates, means[True], min(means[False], data.default_letter))

    def rate(self, glyph: str) -> float:
        """The loss probability of one glyph (lowercase and capital share a default)."""
        found = self.rates.get(glyph)
        if found is None:
            found = self.rates.get(glyph.lower())
        if found is None:
            return self.default_letter if glyph.isalnum() else self.default_other
        return found

    def log_rate(self, glyph: str) -> float:
        """Natural log of :meth:`rate`."""
        return math.log(self.rate(glyph))

    def fitted_to_letter_counts(
        self, observed: dict[str, int], expected_share: dict[str, float]
    ) -> DropRates:
        """Rates moved towards how far short a document is of each letter.

        A font subset other than the ones the prior was counted on loses other
        glyphs; before any decoding, those show as letters missing from the
        document's text. The document's size in letters is read off its common
        letters (an upper quantile of observed count over expected share, since
        lost letters pull the ratio down). A letter's shortfall, as a share of
        its expected count, is its loss rate give or take ``DEFICIT_MARGIN``
        (style varies from text to text): a prior rate outside that band is
        moved to its edge, up for a letter far short, down for one the
        document has in full. The rates moved are those of the likelier font
        (:meth:`likelier_font`); for an unseen font the band is narrower
        (``UNSEEN_FONT_MARGIN``).
        """
        font = self.likelier_font(observed, expected_share)
        margin = UNSEEN_FONT_MARGIN if font is self.unseen_font else DEFICIT_MARGIN
        ratios = sorted(
            observed.get(letter, 0) / share
            for letter, share in expected_share.items()
            if share >= COMMON_SHARE and letter.islower()
        )
        if not ratios:
            return font
        size = ratios[int(len(ratios) * SIZE_QUANTILE)]
        rates = dict(font.rates)
        for letter, share in expected_share.items():
            expected = share * size
            if expected < MIN_EXPECTED:
                continue
            shortfall = (expected - observed.get(letter, 0)) / expected
            if shortfall - margin > font.rate(letter):
                rates[letter] = min(shortfall - margin, MAX_DEFICIT_RATE)
            elif shortfall + margin < font.rate(letter):
                # Down to the floor at most, never up to it from a rate already below.
                floor = min(LOWERED_FLOOR, font.rate(letter))
                rates[letter] = max(shortfall + margin, floor)
        return DropRates(rates, font.default_letter, font.default_other)

    def reestimated(self, counts: tuple[dict[str, int], dict[str, int]]) -> DropRates:
        """Rates re-estimated from one document: glyphs filled versus glyphs that survived.

        Args:
            counts: (filled, intact) glyph counts over the document's damaged lines.

        """
        filled, intact = counts
        rates = dict(self.rates)
        for glyph in set(filled) | set(intact):
            lost = filled.get(glyph, 0)
            seen = lost + intact.get(glyph, 0)
            rates[glyph] = (lost + PRIOR_STRENGTH * self.rate(glyph)) / (seen + PRIOR_STRENGTH)
        return DropRates(rates, self.default_letter, self.default_other)


def _letter_fit(
    font: DropRates, observed: dict[str, int], expected_share: dict[str, float]
) -> float | None:
    """Log-likelihood of a document's lower-case letter counts under a font's loss rates."""
    kept = {
        letter: share * (1.0 - min(font.rate(letter), MAX_DEFICIT_RATE))
        for letter, share in expected_share.items()
        if letter.islower()
    }
    ratios = sorted(
        observed.get(letter, 0) / kept[letter]
        for letter, share in expected_share.items()
        if share >= COMMON_SHARE and letter in kept
    )
    if not ratios:
        return None
    size = ratios[len(ratios) // 2]
    fit = 0.0
    for letter, share in kept.items():
        expected = share * size
        if expected_share[letter] * size < MIN_EXPECTED:
            continue
        variance = STYLE_SPREAD**2 + 1.0 / max(expected, 1.0)
        gap = math.log(max(observed.get(letter, 0), 0.5) / expected)
        fit -= gap * gap / (2.0 * variance) + 0.5 * math.log(variance)
    return fit
