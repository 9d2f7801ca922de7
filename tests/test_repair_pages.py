"""The plan pages the repair model learns from: the held-out rule, the manifest, the build.

``tests/repair_pages`` holds openings of real plans and decisions of other topics
(issue 19). Training text must never come from the held-out part of the real-document
benchmark: not its pages, and not its topics, provinces or issuers. Only the held-out
manifest's fields are read here, never the held-out texts.
"""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml

from extract.repair.build_data import DATA, token_ngram_counts
from extract.repair.dropped import repair_dropped_glyphs
from extract.repair.model import (
    ORDER,
    PAGE_TABLE,
    build_model,
    default_inventory,
    read_data,
    shipped_page_counts,
)
from extract.repair.page_text import PAGES, is_prose, training_fragments
from tests.garbled_realdocs import garbled_and_repaired
from tests.realdocs.gold import load_manifest, split_key


def _pages() -> list[dict[str, str | None]]:
    manifest = yaml.safe_load((PAGES / "manifest.yaml").read_text(encoding="utf-8"))
    documents: list[dict[str, str | None]] = manifest["documents"]
    return documents


def _held_out() -> dict[str, set[str]]:
    held_out = [entry for entry in load_manifest().documents if entry.split == "heldout"]
    return {
        "topic": {entry.topic for entry in held_out},
        "province": {split_key(entry.province) for entry in held_out if entry.province},
        "issuer": {split_key(entry.issuer) for entry in held_out},
    }


def test_no_page_shares_a_topic_province_or_issuer_with_a_held_out_document() -> None:
    held_out = _held_out()
    problems = [
        f"{page['id']}: {field} {page[field]}"
        for page in _pages()
        for field, key in (("topic", page["topic"]), ("province", page["province"]))
        if key is not None
        and (key if field == "topic" else split_key(key)) in held_out[field]
    ]
    problems += [
        f"{page['id']}: issuer {page['issuer']}"
        for page in _pages()
        if split_key(str(page["issuer"])) in held_out["issuer"]
    ]
    assert not problems


def test_no_page_is_a_document_of_the_real_document_benchmark() -> None:
    # Any split: dev documents are what the repair is tuned on, held-out ones what it is
    # reported on; neither may be training text.
    benchmark_urls = {entry.url for entry in load_manifest().documents}
    assert not [page["id"] for page in _pages() if page["url"] in benchmark_urls]


def test_no_page_text_names_a_held_out_province_as_its_place() -> None:
    # A cross-check of the manifest's province field: the text itself must not be set in a
    # held-out province ("tỉnh Quảng Nam", "Quảng Nam, ngày ...").
    provinces = [
        entry.province
        for entry in load_manifest().documents
        if entry.split == "heldout" and entry.province
    ]
    pattern = re.compile(
        "|".join(
            rf"(?:tỉnh|thành phố|TỈNH|THÀNH PHỐ) {re.escape(name)}\b|^{re.escape(name)}, ngày"
            for name in provinces
        ),
        re.MULTILINE | re.IGNORECASE,
    )
    found = {}
    for page in _pages():
        text = (PAGES / f"{page['id']}.txt").read_text(encoding="utf-8")
        match = pattern.search(text)
        if match:
            found[page["id"]] = match.group()
    assert not found


def test_the_manifest_lists_each_page_once_with_its_sha256() -> None:
    pages = _pages()
    ids = [page["id"] for page in pages]
    assert len(ids) == len(set(ids)) and len({page["url"] for page in pages}) == len(pages)
    assert {path.stem for path in PAGES.glob("*.txt")} == set(ids)
    for page in pages:
        data = (PAGES / f"{page['id']}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest() == page["sha256"], page["id"]
        assert str(page["url"]).startswith(("http://", "https://"))


def test_the_shipped_page_table_is_what_the_build_writes_and_the_build_is_deterministic() -> None:
    is_valid = default_inventory().is_valid
    first = token_ngram_counts(training_fragments(is_valid), ORDER)
    second = token_ngram_counts(training_fragments(is_valid), ORDER)
    assert first == second and first
    written = "".join(f"{context}\t{token}\t{count}\n" for context, token, count in first)
    assert (DATA / PAGE_TABLE).read_text(encoding="utf-8") == written, (
        "data/plan_page_ngrams.tsv is stale: python -m extract.repair.build_data --pages"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ;", True),
        ("KẾ HOẠCH BẢO TỒN, PHÁT HUY GIÁ TRỊ DI SẢN VĂN HÓA", True),
        ("Download | Share | Facebook | Zalo", False),  # a web menu
        ("Số: 306/KH-UBND", False),  # too short to be prose
    ],
)
def test_a_page_line_is_kept_when_it_is_vietnamese_prose(line: str, expected: bool) -> None:
    assert is_prose(line, default_inventory().is_valid) is expected


MEASURED_WEIGHT = 0.5  # the weight measured on dev (README, issue 19); shipped: PAGE_WEIGHT


def test_the_page_counts_join_the_plans_model_at_their_weight() -> None:
    # A word pair of a topic the corpus plans never touch: fishing boats ("tàu cá").
    with_pages = build_model(*read_data(), page_weight=MEASURED_WEIGHT)
    without = build_model(*read_data(), page_weight=0)
    context, token = ("giám", "sát"), "tàu"
    assert shipped_page_counts()[context][token] >= 1
    assert with_pages.language.logprob(context, token) > without.language.logprob(context, token)
    # Case and letter statistics stay those of the corpus plans.
    assert with_pages.letter_share == without.letter_share


def test_a_line_of_school_health_reads_right_with_the_pages_and_wrong_without() -> None:
    # A development document of a topic the corpus plans never touch (health in schools, Cà Mau),
    # garbled as the honest bench garbles it (seed 1, profile 1). Without the plan pages the
    # model read "mầm non và phổ thông" as "mầm non Cà phổ thông"; the pages write it.
    # (Profile 0's "ph  thông", read "phụ thông" without them, is read right since path_check.)
    document, profile, line = "ca-mau-ubnd-kh36-suc-khoe-hoc-duong", "s1p1", 29
    lines = garbled_and_repaired(document, profile)
    clean, garbled, _ = lines[line - 1]
    assert garbled == "sinh) trong  á  cơ sở giáo dụ  mầm n n  à phổ thông, trường  h yên biệt (gọi"
    document_lines = [text for _, text, _ in lines]
    with_pages = build_model(*read_data(), page_weight=MEASURED_WEIGHT)
    with_pages.inventory.prepare()
    new, _ = repair_dropped_glyphs(document_lines, model=with_pages)
    assert new[line - 1] == clean
    without = build_model(*read_data(), page_weight=0)
    without.inventory.prepare()
    old, _ = repair_dropped_glyphs(document_lines, model=without)
    assert "mầm non Cà phổ thông" in old[line - 1] and old[line - 1] != clean
