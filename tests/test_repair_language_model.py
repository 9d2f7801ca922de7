"""The syllable language models: tone placement, mixing with general text, shipped counts."""

from __future__ import annotations

import math

import pytest

from extract.repair.build_data import ngram_counts
from extract.repair.language_model import InterpolatedModel, NgramModel
from extract.repair.model import (
    GENERAL_SHARE,
    build_model,
    read_data,
    shipped_general_counts,
)
from extract.repair.syllables import canonical_placement
from extract.repair.tokens import START, tokenize

PRIOR = {"hòa": 0.2, "bình": 0.2, "khóa": 0.1, "học": 0.2, "xi": 0.1, ",": 0.2}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("khoẻ", "khỏe"),
        ("khoá", "khóa"),
        ("quý", "quý"),  # "qu" is the onset: the mark is on "y" either way
        ("hoàng", "hoàng"),  # a coda: both conventions mark the nucleus
        ("hoa", "hoa"),
        ("<num>", "<num>"),
        (",", ","),
    ],
)
def test_one_tone_placement_for_both_conventions(written: str, canonical: str) -> None:
    assert canonical_placement(written) == canonical


def test_tokens_of_both_conventions_are_one_word_to_the_model() -> None:
    is_valid = lambda syllable: canonical_placement(syllable) in PRIOR  # noqa: E731
    assert tokenize("Hoà bình", is_valid) == tokenize("hòa bình", is_valid) == ["hòa", "bình"]
    model = NgramModel(3, PRIOR)
    model.add_sequence(["hoà", "bình"])  # counted as written by a new-convention document
    assert model.logprob((START, "hòa"), "bình") > model.logprob((START, "khóa"), "bình")


def _total(model: NgramModel | InterpolatedModel, context: tuple[str, ...]) -> float:
    return sum(math.exp(model.logprob(context, token)) for token in PRIOR)


def test_mixture_is_the_weighted_sum_and_stays_a_distribution() -> None:
    plans = NgramModel(3, PRIOR)
    plans.add_sequence(["hòa", "bình", ",", "hòa", "bình"])
    general = NgramModel(3, PRIOR)
    general.add_sequence(["khóa", "học", ",", "khóa", "xi"])
    mixed = InterpolatedModel(plans, general, 0.25)
    for context in [(), (START, START), ("hòa", "bình"), (",", "khóa"), ("xi", "học")]:
        for model in (plans, general, mixed):
            assert _total(model, context) == pytest.approx(1.0)
    expected = 0.75 * math.exp(plans.logprob(("bình", ","), "khóa")) + 0.25 * math.exp(
        general.logprob(("bình", ","), "khóa")
    )
    assert math.exp(mixed.logprob(("bình", ","), "khóa")) == pytest.approx(expected)
    # the general text teaches what the plans never saw, the plans keep their own phrases
    assert mixed.logprob((",", "khóa"), "học") > plans.logprob((",", "khóa"), "học")
    assert mixed.logprob((",", "hòa"), "bình") > general.logprob((",", "hòa"), "bình")


def test_general_counts_are_ngrams_of_lower_case_tokens() -> None:
    rows = ngram_counts(iter(["Hoà bình, hoà bình."]), lambda syllable: True, 3)
    assert ("", "hòa", 2) in rows
    assert ("hòa", "bình", 2) in rows
    assert (f"{START} {START}", "hòa", 1) in rows
    assert all(len(context.split()) <= 2 for context, _, _ in rows)


def test_shipped_general_text_is_mixed_into_the_shipped_model() -> None:
    counts = shipped_general_counts()
    assert sum(counts[()].values()) > 400_000  # six legal codes, about 590,000 tokens
    assert max(len(context) for context in counts) == 2
    model = build_model(*read_data())
    assert isinstance(model.language, InterpolatedModel)
    assert model.language.second_share == GENERAL_SHARE
    alone = build_model(*read_data(), general_counts={})
    assert isinstance(alone.language, NgramModel)
    # a phrase of formal Vietnamese the four plans never use
    context, token = ("bộ", "luật"), "dân"
    assert model.language.logprob(context, token) > alone.language.logprob(context, token)


def _mixture() -> InterpolatedModel:
    plans = NgramModel(3, PRIOR)
    plans.add_sequence(["hòa", "bình", ",", "hòa", "bình", "khóa", "học"])
    general = NgramModel(3, PRIOR)
    general.add_sequence(["khóa", "học", ",", "khóa", "xi", "hòa"])
    return InterpolatedModel(plans, general, 0.25)


def test_a_kept_mixture_unpacks_only_the_contexts_asked_and_gives_the_same_floats() -> None:
    # The disk cache keeps the mixture's weights packed (issue 18: 0.07 s of a fresh
    # process's load): a context's counts are made when a query first reaches it.
    import pickle

    mixed = _mixture()
    queries = [(a, b, token) for a in (START, "hòa", "khóa") for b in PRIOR for token in PRIOR]
    loaded = pickle.loads(pickle.dumps(mixed, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded._tables.weights == {}  # nothing unpacked yet
    asked = [((a, b), token) for a, b, token in queries[:5]]
    for context, token in asked:
        assert loaded.logprob(context, token) == mixed.logprob(context, token)
    unpacked = set(loaded._tables.weights)
    assert unpacked and unpacked <= {context[i:] for context, _ in asked for i in range(3)}
    for a, b, token in queries:
        assert loaded.logprob((a, b), token) == mixed.logprob((a, b), token)
        assert loaded.probability((b,), token) == mixed.probability((b,), token)


def test_a_kept_mixture_makes_its_two_models_again_when_asked() -> None:
    import pickle

    mixed = _mixture()
    loaded = pickle.loads(pickle.dumps(mixed, protocol=pickle.HIGHEST_PROTOCOL))
    for made, kept in ((loaded.first, mixed.first), (loaded.second, mixed.second)):
        assert made.counts == kept.counts and made.prior == kept.prior
        assert made.interpolation_weights() == kept.interpolation_weights()
        assert made.logprob(("hòa", "bình"), "khóa") == kept.logprob(("hòa", "bình"), "khóa")
