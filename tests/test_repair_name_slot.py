"""Place names after "tỉnh", "xã" ... are scored as a class: the gazetteer's names as a slot."""

from __future__ import annotations

import math
import random

from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import default_model
from extract.repair.name_slot import SLOT_SHARE, Gazetteer, NameSlotModel, gazetteer
from tests.benchmarks.repair_honest_bench import profile_garblers
from tests.realdocs.gold import load_manifest

DAK_NONG = "dak-nong-ubnd-qd-khuyen-nong-2006-2010"


def test_the_gazetteer_holds_units_of_both_eras_by_trigger() -> None:
    names = gazetteer()
    assert "kiên" in names.first[("tỉnh",)]  # a province before 1 July 2025
    assert "vĩnh" in names.first[("tỉnh",)]  # Vĩnh Long, a province after it too
    assert names.second[("tỉnh", "kiên")] == {"giang": 1.0}
    assert "trà" in names.first[("huyện",)]  # huyện Trà Bồng (Quảng Ngãi), Trà Cú, Trà Ôn
    assert "sơn" in names.first[("huyện", "ủy")]  # "Huyện ủy Sơn Tịnh"


def test_a_name_is_likelier_after_its_trigger_and_common_phrases_keep_theirs() -> None:
    base = default_model().language
    slot = NameSlotModel(base, gazetteer())
    assert slot.logprob(("tỉnh", "kiên"), "giang") > math.log(0.5)
    assert slot.logprob(("tỉnh", "kiên"), "giang") > base.logprob(("tỉnh", "kiên"), "giang") + 5
    # "xã hội" keeps at least the n-grams' share: the slot is a class, not raw n-grams.
    common = base.logprob(("tế", "xã"), "hội")
    assert slot.logprob(("tế", "xã"), "hội") >= common + math.log(1 - SLOT_SHARE)
    # Away from a trigger nothing changes.
    assert slot.logprob(("kinh", "tế"), "xã") == base.logprob(("kinh", "tế"), "xã")


def test_a_name_the_gazetteer_does_not_list_keeps_part_of_its_probability() -> None:
    names = Gazetteer({"tỉnh": ["Tỉnh"]}, [("Tỉnh", "Kiên Giang"), ("Tỉnh", "Trà Vinh")])
    base = default_model().language
    slot = NameSlotModel(base, names)
    assert slot.logprob(("tỉnh", "trà"), "cú") > base.logprob(("tỉnh", "trà"), "cú") + math.log(
        0.1
    )


def test_real_names_that_lost_a_glyph_are_restored() -> None:
    # The examples: "Kiên Giang" read "Kiện Gian", "Trà Vinh" read "Trà xinh".
    lines = [
        "Thực hiện Kế hoạch số 21/KH-UBND ngày 10/10/2022 của Ủy ban nhân dân tỉnh Ki n Gian  về",
        "việc tăng cường công tác dân vận trên địa bàn tỉnh Trà  inh trong giai đoạn 2023 - 2025,",
        "Ủy ban nhân dân huyện ban hành kế hoạch thực hiện như sau",
    ] * 2
    repaired, _ = repair_dropped_glyphs(lines, model=default_model())
    assert "tỉnh Kiên Giang về" in repaired[0]
    assert "tỉnh Trà Vinh trong" in repaired[1]


def test_a_name_written_with_either_vowel_mark_is_the_same_unit() -> None:
    # The gazetteer writes "Đắk Nông"; the Đắk Nông decision in the development set writes
    # "tỉnh Đăk Nông" (both are in use): either spelling is a name after "tỉnh".
    names = gazetteer()
    assert {"đắk", "đăk"} <= set(names.first[("tỉnh",)])
    assert "nông" in names.second[("tỉnh", "đăk")]
    assert "nông" in names.second[("tỉnh", "đắk")]
    # That decision garbled by the honest bench's s1p0 ("k" lost: "tỉnh Đă  Nông" was read
    # "Đăm Nông").
    entry = next(e for e in load_manifest().documents if e.id == DAK_NONG)
    clean = entry.text_path.read_text(encoding="utf-8").split("\n")
    garble, seed = profile_garblers((1,), 2)["s1p0"]
    garbled = garble(clean, random.Random(f"{seed}-{entry.id}"))
    repaired, _ = repair_dropped_glyphs(garbled, model=default_model())
    damaged = [
        after
        for line, before, after in zip(clean, garbled, repaired, strict=True)
        if "tỉnh Đăk Nông" in line and "tỉnh Đă  Nông" in before
    ]
    assert len(damaged) >= 2
    assert all("tỉnh Đăk Nông" in after for after in damaged)
