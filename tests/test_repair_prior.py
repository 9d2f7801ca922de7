"""The prior loss rates: no glyph is "never lost" because the dev gold never lost it."""

from __future__ import annotations

import random

from extract.repair.drop_rates import CAPITAL_FLOOR, DropRates
from extract.repair.dropped import repair_dropped_glyphs
from tests.realdocs.gold import HERE as REALDOCS

# A real commune plan of another province and topic (realdocs dev split, never training text).
REALDOC = REALDOCS / "dev" / "gia-lai-xa-son-lang-chi-tieu-nhiem-ky.txt"


def test_glyphs_the_dev_gold_never_lost_keep_a_real_chance_of_being_lost() -> None:
    rates = DropRates.default()
    # ý was seen once and never lost in the dev gold; the town plan's other half loses
    # it about half the time ("quản lý" read "quản lí"); 4 is lost there too.
    assert rates.rate("ý") > 0.05  # 0.01 from the raw counts
    assert rates.rate("4") > 0.01  # 0.003 from the raw counts
    assert rates.rate("0") > 0.002  # seen 51 times, never lost: 0.0004 from the raw counts


def test_smoothing_keeps_the_order_of_counted_rates() -> None:
    rates = DropRates.default()
    # The counts still say which glyphs the dev gold's font lost most.
    assert rates.rate("g") > rates.rate("n") > rates.rate("0")
    assert rates.rate("đ") > 0.5


def test_the_counted_rates_stay_the_dev_gold_pattern_for_the_benchmark() -> None:
    # The old benchmark garbles with the dev gold's pattern as counted, not with the prior.
    assert DropRates.counted().rate("ý") == 0.01
    assert DropRates.counted(2.0).rate("ý") == DropRates.default().rate("ý")


def test_every_capital_keeps_a_real_chance_of_being_lost() -> None:
    rates = DropRates.default()
    # "Đ" seen 26 times in the dev gold, never lost; "Ế", "X" have no count of their own.
    assert min(rates.rate("Đ"), rates.rate("Ế"), rates.rate("X"), rates.rate("C")) >= 0.05
    assert rates.rate("đ") > 0.5  # lower-case counts stay as counted


def test_a_lost_capital_is_filled_in_a_heading_and_a_code() -> None:
    from extract.repair.decoder import LineDecoder
    from extract.repair.model import default_model

    model = default_model()
    decoder = LineDecoder(model, model.language, DropRates.default())
    # Issue 19's examples: "XÃ" read "ĐÃ", and a code's lost capital.
    choices, _ = decoder.decode("ỦY BAN NHÂN DÂN  Ã TÂN PHONG", ())
    assert [choice.after for choice in choices] == ["XÃ"]
    choices, _ = decoder.decode("Căn cứ Nghị định số 45/2020/NĐ- P", ())
    assert [choice.after for choice in choices] == ["45/2020/NĐ-CP"]


def test_a_letter_the_dev_gold_never_lost_can_be_filled() -> None:
    from extract.repair.decoder import LineDecoder
    from extract.repair.model import default_model

    rates = DropRates.default()
    assert min(rates.rate("ả"), rates.rate("c"), rates.rate("t")) >= 0.03  # 0.001-0.006 counted
    model = default_model()
    decoder = LineDecoder(model, model.language, rates)
    # A font that loses "ả" (the dev gold's never did): "Đảng", not "Đứng".
    choices, _ = decoder.decode("góp phần xây dựng Đ ng, xây dựng chính quyền trong sạch", ())
    assert [choice.after for choice in choices] == ["Đảng,"]


def test_the_training_text_holds_no_known_typo() -> None:
    from extract.repair.build_data import DATA, TRAINING_TYPOS

    text = (DATA / "clean_text.txt").read_text(encoding="utf-8")
    for typo, word in TRAINING_TYPOS.items():
        assert typo not in text
        assert word in text


def _garbled_town_plan() -> list[str]:
    from tests.conftest import PLANS

    path = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
    return path.read_text(encoding="utf-8").split("\n")


def _lose(lines: list[str], letters: str, seed: int) -> list[str]:
    """A font that lacks ``letters`` (either case): each lost with probability 0.7."""
    rng = random.Random(seed)
    return [
        "".join(" " if c.lower() in letters and rng.random() < 0.7 else c for c in line)
        for line in lines
    ]


def test_a_document_in_the_dev_gold_font_keeps_its_rates_another_gets_the_mean() -> None:
    from extract.repair.evidence import letter_counts
    from extract.repair.model import default_model

    share = default_model().letter_share
    prior = DropRates.default()
    # The town plan lacks the dev gold font's "đ", "ấ", "ủ": its counted rates explain it.
    assert prior.likelier_font(letter_counts(_garbled_town_plan()), share) is prior
    # A document that keeps them and lacks other letters is in a font no count knows.
    other = _lose(REALDOC.read_text(encoding="utf-8").split("\n"), "ikoxôèéơưảẹề", 3)
    font = prior.likelier_font(letter_counts(other), share)
    assert font is prior.unseen_font
    assert font.rate("đ") == font.rate("c") == font.rate("i") == prior.default_letter
    assert font.rate("Đ") >= CAPITAL_FLOOR
    assert font.rate("4") == prior.rate("4")  # digits keep their rates


def test_a_real_document_in_another_font_is_repaired_at_the_mean_rates() -> None:
    from tests.benchmarks.repair_bench import score

    clean = REALDOC.read_text(encoding="utf-8").split("\n")
    for letters, seed, least in (("ikoxôèéơưảẹề", 3, 0.93), ("uyếtrộmủ", 5, 0.85)):
        garbled = _lose(clean, letters, seed)
        repaired, _ = repair_dropped_glyphs(garbled)
        accuracy = score(clean, garbled, repaired)["damaged_word_accuracy"]
        # 60 and 102 damaged words; at the dev gold's counted rates 0.85 and 0.77
        assert isinstance(accuracy, float) and accuracy >= least, (letters, accuracy)


def test_in_an_unseen_font_a_smaller_shortfall_is_read_as_losses() -> None:
    # The counted font would lose "a" nine times in ten: a document with all its "a"s is
    # in another font, where letters short of their share are the only evidence of losses.
    unseen = DropRates({}, 0.1, 0.002)
    counted = DropRates({"a": 0.9, "d": 0.01}, 0.02, 0.002, unseen_font=unseen)
    share = {"a": 0.3, "b": 0.3, "c": 0.2, "d": 0.2}
    observed = {"a": 300, "b": 300, "c": 200, "d": 110}  # "d" 45% short
    assert counted.likelier_font(observed, share) is unseen
    assert abs(counted.fitted_to_letter_counts(observed, share).rate("d") - 0.15) < 1e-9
    # In the counted font the same shortfall stays within style (margin 0.5).
    plain = DropRates({"d": 0.01}, 0.02, 0.002)
    assert plain.fitted_to_letter_counts(observed, share).rate("d") == 0.01


def test_a_glyph_the_document_lost_every_time_it_was_seen_is_taken_as_mostly_lost() -> None:
    prior = DropRates({"ô": 0.03}, 0.02, 0.002)
    rates = prior.reestimated(({"ô": 10}, {}))  # ten filled, none survived
    assert rates.rate("ô") > 0.7  # 0.52 when the prior weighed ten glyphs
