"""Repair does no work a document does not need (issue 18): what is built, and when."""

from __future__ import annotations

import gc
import math
import random
import sys
from collections.abc import Callable

import pytest

from extract.repair import dropped, legacy, run_reader, tokens
from extract.repair.decoder import Choice, LineDecoder
from extract.repair.drop_rates import DropRates
from extract.repair.language_model import InterpolatedModel, NgramModel
from extract.repair.model import SYLLABLES as SYLLABLES_FILE
from extract.repair.model import (
    SyllableInventory,
    _blank_letters,
    _shipped_model,
    _syllable_weights,
    default_inventory,
    default_model,
)
from extract.repair.run_reader import DocumentRuns, Option, RunReader
from extract.repair.syllables import (
    RHYMES,
    canonical_placement,
    parse,
    rhymes_file_text,
    rhymes_of,
    shipped_rhymes,
)
from extract.repair.tokens import START

SYLLABLES = {"nghiêng": 3, "khuỷu": 1, "thuở": 2, "quyết": 5, "giặc": 2}


def test_an_inventory_tells_its_own_syllables_valid_without_parsing_any() -> None:
    parse.cache_clear()
    inventory = SyllableInventory(dict(SYLLABLES))
    assert inventory.is_valid("quyết")
    assert parse.cache_info().misses == 0


def test_the_rules_learn_the_rhymes_when_first_asked() -> None:
    inventory = SyllableInventory(dict(SYLLABLES))
    assert inventory.is_valid("nghiếng")  # not in the inventory; its rhyme "iêng" is
    assert not inventory.is_valid("nghiếp")  # "iêp": no syllable of the inventory has it
    assert inventory.rules.rhymes == frozenset({"iêng", "uyu", "uơ", "yêt", "ăc"})


def test_patterns_match_by_the_rank_set_after_the_inventory_was_built() -> None:
    inventory = SyllableInventory({"thuở": 2, "thuê": 1, "thua": 3})
    assert inventory.matching("thu_") == ("thua", "thuở", "thuê")
    inventory.rank = {"thuở": 0.9, "thuê": 0.5, "thua": 0.1}
    assert inventory.matching("thu_") == ("thuở", "thuê", "thua")
    assert inventory.letters == frozenset("thuởêa")


def test_a_run_nothing_fits_is_read_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    model = default_model()
    document = DocumentRuns(model, {})
    first = RunReader(model, model.language, DropRates.default(), document=document)
    first.prepare_line("Th q  x 1 nh", {})
    assert first.options("q  x") == []  # no syllable, no code
    assert first.options("nh") == first.options("nh")
    later = RunReader(model, model.language, DropRates.default(), document=document)
    later.prepare_line("Th q  x 1 nh", {"q": 0.5})

    def fail(*_: object) -> list[object]:
        raise AssertionError("read again")

    monkeypatch.setattr(later, "_fill_options", fail)
    assert later.options("q  x") == []
    assert later.options("nh") is first.options("nh")  # written whole: the same reading


def test_the_shipped_rhymes_are_those_of_the_shipped_syllables() -> None:
    # Fails when data/syllables.tsv changed without `python -m extract.repair.build_data --rhymes`.
    syllables = SYLLABLES_FILE.read_bytes()
    assert shipped_rhymes(syllables) == rhymes_of(_syllable_weights())
    assert RHYMES.read_text(encoding="utf-8") == rhymes_file_text(syllables)


def test_rhymes_shipped_for_another_syllable_file_are_not_used() -> None:
    assert shipped_rhymes(SYLLABLES_FILE.read_bytes() + b"xoong\t1\n") is None


def test_the_shipped_inventory_parses_only_what_it_is_asked() -> None:
    parse.cache_clear()
    default_inventory.cache_clear()
    inventory = default_inventory()
    assert inventory.is_valid("khoẳng")  # a rhyme of the inventory, a syllable it lacks
    assert parse.cache_info().misses == 1


class _Language:
    """Unigram scores by token; records what the decoder asks."""

    order = 3

    def __init__(self, scores: dict[str, float]) -> None:
        self.scores = scores
        self.asked: list[str] = []

    def logprob(self, context: tuple[str, ...], token: str) -> float:
        self.asked.append(token)
        return self.scores[token]


def test_a_reading_already_below_the_beam_is_not_scored_further(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    language = _Language({"a": -0.1, "b": -0.2, "c": -0.3, "x": -9.0, "y": -0.1})
    decoder = LineDecoder(default_model(), language, DropRates.default())  # type: ignore[arg-type]
    readings = [Option((token,), token, 0.0) for token in "abc"] + [Option(("x", "y"), "xy", 0)]
    monkeypatch.setattr(decoder._reader, "options", lambda run: readings)
    beams: dict[int, dict[tuple[str, ...], tuple[float, object]]] = {}
    start = (START, START)
    decoder._extend(beams, -1, 2, "ab", [(start, (0.0, None))], 10)  # type: ignore[arg-type]
    assert language.asked == ["a", "b", "c", "x"]  # "y" never: "x" fell below the beam
    # The reading keeps its place among the others, so that ties break as before.
    assert list(beams[2]) == [(START, "a"), (START, "b"), (START, "c"), ("x", "y")]
    assert beams[2][("x", "y")][0] == -math.inf


def test_the_shipped_model_is_built_with_its_inventory_ready() -> None:
    # Built before the disk cache keeps it: a process that loads it parses no rhymes.
    inventory = _shipped_model().inventory
    parse.cache_clear()
    assert inventory.is_valid("khoẳng")
    assert parse.cache_info().misses == 1
    assert "khoảng" in inventory.matching("kho_ng")


def test_a_prepared_inventory_fills_patterns_without_parsing() -> None:
    inventory = SyllableInventory(dict(SYLLABLES))
    inventory.prepare()
    parse.cache_clear()
    canonical_placement.cache_clear()
    assert inventory.fills("ngh_êng", 5) == (("i", "nghiêng", "nghiêng"),)
    assert parse.cache_info().misses == 0


def test_the_next_pass_reads_the_readings_without_notes_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = ["B n Th  n  v ", "clean"]
    choices = {0: [Choice(0, "B n", "Ban", 0.9), Choice(4, "Th  n  v ", "Thường vụ", 0.6)]}
    repaired, notes = dropped._apply(lines, choices)
    assert repaired == ["Ban Thường vụ", "clean"]
    assert [(note.start, note.after, note.uncertain) for note in notes] == [
        (0, "Ban", False), (4, "Thường vụ", True)
    ]

    def no_note(**_: object) -> None:
        raise AssertionError("a note made for the next pass's context")

    monkeypatch.setattr(dropped, "RepairNote", no_note)
    assert dropped._repaired(lines, choices) == repaired


def test_a_clean_document_that_only_looks_legacy_reads_no_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = ["BÍ THƯ", "Nơi nhận:", "- Lưu VP."]

    def no_table() -> None:
        raise AssertionError("tables read")

    monkeypatch.setattr(legacy, "legacy_tables", no_table)
    assert legacy.repair_legacy(lines) == (lines, [])
    with pytest.raises(AssertionError, match="tables read"):
        legacy.repair_legacy([*lines, "KÕ ho¹ch sè 12"])  # "ho¹ch" is no syllable


def test_the_cyclic_collector_pauses_while_lines_are_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Decoding makes no reference cycles; the collector walking its growing caches
    # was 15% of the town plan's repair.
    seen: list[bool] = []
    decode = LineDecoder.decode

    def watched(self: LineDecoder, *args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return decode(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LineDecoder, "decode", watched)
    lines = ["B n Th  n  v  T nh  y", "Ban Th  ng v ", "K  ho ch s  12", "Th c hi n"]
    assert gc.isenabled()
    dropped.repair_dropped_glyphs(lines)
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        dropped.repair_dropped_glyphs(lines)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_a_word_a_document_repeats_is_tokenized_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    core_token = tokens.core_token

    def counted(core: str, is_syllable: object) -> str:
        asked.append(core)
        return core_token(core, is_syllable)

    monkeypatch.setattr(tokens, "core_token", counted)
    is_valid = SyllableInventory(dict(SYLLABLES)).is_valid
    assert tokens.tokenize("Quyết, quyết quyết", is_valid) == ["quyết", ",", "quyết", "quyết"]
    assert tokens.tokenize("quyết quyết", is_valid, keep_case=True) == ["quyết", "quyết"]
    assert tokens.tokenize("Quyết,", is_valid, keep_case=True) == ["Quyết", ","]
    assert asked == ["Quyết", "quyết", "quyết", "Quyết"]  # once per run and keep_case


def test_the_letters_in_a_patterns_blanks_are_picked_for_each_syllable() -> None:
    assert _blank_letters(("nghiêng", "thường"), [0, 2]) == ["nh", "tư"]
    assert _blank_letters(("nghiêng", "thường"), [3]) == ["i", "ờ"]
    assert _blank_letters(("quyết",), []) == [""]


def test_filled_options_are_plain_tuples_written_from_their_letters() -> None:
    model = default_model()
    reader = RunReader(model, model.language, DropRates.default())
    reader.prepare_line("B n Th  ng v ", {})
    options = reader.options("B n")
    assert options and all(type(option) is Option for option in options)
    assert isinstance(options[0], tuple)  # a named tuple: cheap to make by the thousand
    assert options[0].after == "Ban" and options[0].tokens == ("ban",)
    reader.prepare_line("BAN TH  NG V ", {})
    assert "THƯỜNG" in [option.after for option in reader.options("TH  NG")]


def _python_calls(call: Callable[[], object]) -> int:
    """How many Python functions ``call`` entered (built-ins not counted)."""
    calls = 0

    def count(frame: object, event: str, argument: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        call()
    finally:
        sys.setprofile(None)
    return calls - 1  # the lambda itself


def test_a_new_query_of_a_mixed_model_walks_the_orders_in_one_call() -> None:
    # The decoder's innermost call, half of them new (issue 18): the seen context is
    # found inline and the orders are walked in one _pair call, not one call per order.
    prior = {"hòa": 0.3, "bình": 0.3, ",": 0.4}
    plans = NgramModel(3, prior)
    plans.add_sequence(["hòa", "bình", ",", "hòa", "bình"])
    general = NgramModel(3, prior)
    general.add_sequence(["bình", "hòa", ","])
    mixed = InterpolatedModel(plans, general, 0.25)
    assert _python_calls(lambda: mixed.logprob(("hòa", "bình"), ",")) == 2  # logprob, _pair
    assert _python_calls(lambda: mixed.logprob(("hòa", "bình"), ",")) == 1  # cached
    adapted = mixed.with_document([(["bình", ",", "hòa"], 1.0)])
    # logprob, the base's probability (its pair cached above), nothing more
    assert _python_calls(lambda: adapted.logprob(("hòa", "bình"), ",")) == 2


def _reference_pair(
    mixed: InterpolatedModel, context: tuple[str, ...], token: str
) -> tuple[float, float]:
    """Both models' P(token | context) as the recursive definition computes them."""
    if context:
        first, second = _reference_pair(mixed, context[1:], token)
    else:
        first = mixed.first.prior.get(token, mixed.first.floor)
        second = mixed.second.prior.get(token, mixed.second.floor)
    weights = mixed.first.interpolation_weights().get(context)
    if weights is not None:
        first = weights[0].get(token, 0.0) * weights[1] + weights[2] * first
    weights = mixed.second.interpolation_weights().get(context)
    if weights is not None:
        second = weights[0].get(token, 0.0) * weights[1] + weights[2] * second
    return first, second


def _reference_logprob(mixed: InterpolatedModel, context: tuple[str, ...], token: str) -> float:
    seen = mixed.first.interpolation_weights().keys() | mixed.second.interpolation_weights()
    while context and context not in seen:
        context = context[1:]
    first, second = _reference_pair(mixed, context, token)
    return math.log((1 - mixed.second_share) * first + mixed.second_share * second)


def test_the_mixed_model_gives_the_floats_of_its_recursive_definition() -> None:
    # Byte-identical repairs need the same floats, not close ones: the same operations
    # in the same order, whichever orders were cached by earlier queries.
    model = default_model().language
    assert isinstance(model, InterpolatedModel)
    words = ["ban", "thường", "vụ", "tỉnh", "ủy", "kế", "hoạch", "dân", "vận", ",", START]
    queries = [((a, b), c) for a in words for b in words for c in words[:6]]
    random.Random(18).shuffle(queries)
    for context, token in queries:
        expected = _reference_logprob(model, context, token)
        assert model.logprob(context, token) == expected
        assert math.log(model.probability(context, token)) == expected
        assert model.logprob(context[1:], token) == _reference_logprob(model, context[1:], token)


@pytest.mark.parametrize(
    ("run", "parts"),
    [
        ("(Ban),", ("(", "Ban", "),")),
        ("“ph  n”.", ("“", "ph  n", "”.")),
        ("...", ("...", "", "")),
        ("", ("", "", "")),
        ("13-ĐA/TU", ("", "13-ĐA/TU", "")),
        ("-a-", ("-", "a", "-")),
    ],
)
def test_a_run_splits_into_its_punctuation_and_core(run: str, parts: tuple[str, str, str]) -> None:
    # split_run strips with str.strip now (a third of its cost): the same parts as
    # the character-by-character scan it replaced, punctuation-only runs included.
    assert tokens.split_run(run) == parts


def test_the_beam_keeps_tied_readings_in_the_order_they_arrived() -> None:
    # The kept readings are sorted()[:BEAM] (as heapq.nlargest was): ties keep their order.
    language = _Language({"a": -1.0, "b": -1.0, "c": -1.0, "d": -1.0, "x": -5.0, "<x>": -9.0})
    decoder = LineDecoder(default_model(), language, DropRates.default())  # type: ignore[arg-type]
    readings = [Option((token,), token, 0.0) for token in "xabcd"]
    # "q" and "r" each read as one of the readings; "q r" as one run reads as nothing.
    decoder._reader.options = lambda run: [] if " " in run else readings  # type: ignore[method-assign]
    decoder._reader.prepare_line = lambda line, rates: None  # type: ignore[method-assign]
    _, history = decoder.decode("q r", (START, START))
    # After "q": a, b, c, d tie and x trails; the beam keeps a, b, c, and "a a" is the
    # first of the tied best readings of the line.
    assert history == ("a", "a")


def test_the_decoder_asks_the_name_slot_only_after_its_trigger_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The slot changes P only after "tỉnh", "xã" ...: elsewhere (most of the decoder's
    # queries) the decoder asks the model under it, one wrapper call fewer per query.
    model = default_model()
    decoder = LineDecoder(model, model.language, DropRates.default())
    slot = decoder.language
    asked: list[tuple[str, ...]] = []
    wrapped = slot.logprob

    def recorded(context: tuple[str, ...], token: str) -> float:
        asked.append(context)
        return wrapped(context, token)

    monkeypatch.setattr(slot, "logprob", recorded)
    choices, _ = decoder.decode("Ban Th  ng v  t nh  y Qu ng Ng i", (START, START))
    assert "".join(choice.after for choice in choices)  # the line was decoded
    assert asked  # the readings after "tỉnh" were scored with the slot
    words = slot.slot_words
    assert all(context[-1] in words or context[-2] in words for context in asked)


def _reference_fills(reader: RunReader, core: str) -> list[tuple[float, float, str]]:
    """The top fills of a core as the heap loop before issue 18's change chose them."""
    import heapq

    log_rate = reader._log_rate.get
    gain = reader._capital_gain.get if core[0] == "_" and reader._capital_gain else None
    best: list[tuple[float, float, str, str, str]] = []
    for unigram, letters, syllable, token in reader._candidates(core.lower()):
        if len(best) == run_reader.CANDIDATES and unigram < best[0][0]:
            break
        fill = gain(letters[0], 0.0) if gain else 0.0
        for letter in letters:
            fill += log_rate(letter, -12.0)
        fill *= run_reader.FILL_WEIGHT
        scored = (fill + unigram, fill, syllable, token, letters)
        if len(best) < run_reader.CANDIDATES:
            heapq.heappush(best, scored)
        elif scored > best[0]:
            heapq.heapreplace(best, scored)
    return [(score, fill, syllable) for score, fill, syllable, _, _ in sorted(best, reverse=True)]


def test_fills_skip_candidates_below_a_full_top_with_the_same_result() -> None:
    # A candidate scoring below the full top is no longer made into a tuple to be
    # compared (issue 18): the top is the same, ties and order included.
    model = default_model()
    reader = RunReader(model, model.language, DropRates.default())
    reader.prepare_line("k  ho ch th c hi n  ngh  quy t c a  ng", {})
    for core in ["k_", "_n", "th__", "h__ng", "ngh__", "_u_t", "c_a", "__"]:
        options = reader._fill_options("", core, "")
        expected = _reference_fills(reader, core)
        token = model.inventory._tokens.get
        assert [(option.fill_score, option.tokens[0]) for option in options] == [
            (fill, token(syllable, syllable)) for _, fill, syllable in expected
        ]


def test_a_run_that_reads_as_nothing_is_not_extended(monkeypatch: pytest.MonkeyPatch) -> None:
    # Most runs with blanks read as nothing: decode tells so from the run's options
    # (cached) without a call to _extend (issue 18).
    model = default_model()
    decoder = LineDecoder(model, model.language, DropRates.default())
    extended: list[tuple[str, object]] = []
    extend = decoder._extend

    def recorded(beams: object, left: int, right: int, run: str, *rest: object) -> None:
        extended.append((run, rest[2:] and rest[2]))
        extend(beams, left, right, run, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(decoder, "_extend", recorded)
    choices, _ = decoder.decode("B n Th  ng v  T nh  y", (START, START))
    assert "".join(choice.after for choice in choices)
    assert extended
    assert all(not run or options for run, options in extended)


def test_the_kept_model_leaves_out_what_its_counts_make_again() -> None:
    # The disk cache loads every object it holds (issue 18, fresh process): a model's
    # interpolation weights and caches are made again from its counts when first asked.
    import pickle

    prior = {"hòa": 0.3, "bình": 0.3, ",": 0.4}
    model = NgramModel(3, prior)
    model.add_sequence(["hòa", "bình", ",", "hòa", "bình"])
    expected = model.logprob(("hòa", "bình"), ",")
    assert model._weights
    loaded = pickle.loads(pickle.dumps(model))
    assert loaded._weights == {} and loaded._log_cache == {} and loaded._cache == {}
    assert loaded.counts == model.counts
    assert loaded.logprob(("hòa", "bình"), ",") == expected
    assert model._weights  # the model pickled keeps its own


def test_a_line_met_again_with_the_same_model_is_read_from_the_first_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = default_model()
    decoder = LineDecoder(model, model.language, DropRates.default())
    line, history = "- Cơ quan tham mưu: B n Dân vận Thị   . ", ("ủy", ".")
    first = decoder.decode(line, history, None, ("-",))
    searched: list[str] = []
    search = decoder._decoded_line

    def counted(*arguments: object) -> object:
        searched.append(str(arguments[0]))
        return search(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(decoder, "_decoded_line", counted)
    assert decoder.decode(line, history, None, ("-",)) == first
    assert decoder.decode(line, history, {}, ("-",)) == first  # no rates of its own either way
    assert searched == []  # read from the first reading
    decoder.decode(line, ("tỉnh", "ủy"), None, ("-",))  # another history
    decoder.decode(line, history, {"a": 0.5}, ("-",))  # rates of its own
    decoder.decode(line, history, None, ())  # no sentence running on
    assert len(searched) == 3
    decoder.score_with(model.language.with_document([(["ban", "dân", "vận"], 1.0)]))
    again, _ = decoder.decode(line, history, None, ("-",))
    assert len(searched) == 4  # another model: searched again, scored by it
    assert [choice.after for choice in again] == [choice.after for choice in first[0]]
    assert again != first[0]
