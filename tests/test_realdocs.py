"""The real-document set is well formed and its benchmark runs (its figures are not asserted).

Gold values are checked against the text they were written from, so a typo in a
hand-written record fails here rather than silently lowering a benchmark figure.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from extract.model import Plan
from tests.benchmarks import realdocs_bench
from tests.realdocs.gold import (
    HERE,
    Entry,
    GoldQuantity,
    GoldTarget,
    load_gold,
    load_manifest,
    sha256_of,
    split_violations,
)

ENTRIES = load_manifest().documents


def _ids(entry: Entry) -> str:
    return entry.id


def _squeezed(text: str) -> str:
    """Text without whitespace or literal '\\r\\n', for finding values split over lines."""
    return re.sub(r"\s+", "", text.replace("\\r", "").replace("\\n", ""))


def test_manifest_lists_exactly_the_files_on_disk() -> None:
    ids = [entry.id for entry in ENTRIES]
    assert len(ids) == len(set(ids))
    listed = {entry.text_path for entry in ENTRIES} | {entry.gold_path for entry in ENTRIES}
    on_disk = {path for split in ("dev", "heldout") for path in (HERE / split).glob("*.*")}
    assert listed == on_disk


def test_each_page_is_stored_once() -> None:
    # Helpers add documents in parallel; the same page under two ids would count twice.
    urls = Counter(entry.url for entry in ENTRIES)
    assert [url for url, count in urls.items() if count > 1] == []
    texts = Counter(entry.sha256 for entry in ENTRIES)
    assert [digest for digest, count in texts.items() if count > 1] == []


def page_key(url: str) -> str:
    """A page's address without what differs between mirrors of one library.

    Legal libraries serve one page under several hosts ("ls1.hethongphapluat.com",
    "hethongphapluat.vn", "m.thuvienphapluat.vn") and schemes; the search corpus stores
    them apart, so the same text can come back under another address.
    """
    parts = urlsplit(url)
    host = re.sub(r"^(?:www|wwww|m|ls1)\.", "", parts.netloc.casefold())
    host = re.sub(r"\.(?:com\.vn|vn|com|net|org)$", "", host)
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.casefold().rstrip('/')}{query}"


def mirrored_pages(documents: list[Entry]) -> list[str]:
    """Ids of documents whose page another entry already holds under a mirror's address."""
    seen: dict[str, str] = {}
    repeats = []
    for entry in documents:
        key = page_key(entry.url)
        if key in seen:
            repeats.append(f"{entry.id} = {seen[key]}")
        seen.setdefault(key, entry.id)
    return repeats


def test_no_page_is_stored_again_under_a_mirror_address() -> None:
    assert mirrored_pages(ENTRIES) == []


def test_mirror_rule_catches_a_library_page_under_another_host() -> None:
    page = next(entry for entry in ENTRIES if "hethongphapluat" in entry.url)
    parts = urlsplit(page.url)
    other_host = (
        "http://ls1.hethongphapluat.vn"
        if "ls1." not in parts.netloc
        else "https://hethongphapluat.com"
    )
    mirror = page.model_copy(update={"id": "mirror", "url": other_host + parts.path})
    assert mirrored_pages([page, mirror]) == [f"mirror = {page.id}"]
    # The same library path on another query is another page (bulletin?id=...).
    other = page.model_copy(update={"id": "other", "url": page.url + "?id=2"})
    assert mirrored_pages([page, other]) == []


def test_split_is_by_issuer_province_and_topic() -> None:
    assert split_violations(ENTRIES) == []


def test_about_a_third_is_held_out() -> None:
    held = sum(entry.split == "heldout" for entry in ENTRIES)
    assert held == 0 or 0.25 <= held / len(ENTRIES) <= 0.45


def held_out_layouts_described(documents: list[Entry]) -> list[str]:
    """Held-out entries whose manifest `layout` says how the page is laid out.

    README rule: a helper who reads how held-out headers and target lists look tunes
    on them without opening a file, so their `layout` only says they are held out.
    """
    return [
        entry.id
        for entry in documents
        if entry.split == "heldout" and not entry.layout.startswith("held-out: not described")
    ]


def test_held_out_layouts_are_not_described() -> None:
    assert held_out_layouts_described(ENTRIES) == []


def test_layout_rule_catches_a_described_held_out_page() -> None:
    held = next(entry for entry in ENTRIES if entry.split == "heldout")
    described = held.model_copy(update={"layout": "header flattened into '|' cells"})
    assert held_out_layouts_described([held, described]) == [held.id]


def test_split_rule_catches_a_shared_topic() -> None:
    dev = ENTRIES[0]
    leaked = dev.model_copy(
        update={"id": "x", "split": "heldout", "province": None, "issuer": "Một cơ quan khác"}
    )
    assert split_violations([dev, leaked]) == [f"x: topic {dev.topic} is also in dev"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_text_is_unchanged_and_gold_valid(entry: Entry) -> None:
    assert sha256_of(entry.text_path) == entry.sha256
    gold = load_gold(entry)
    assert gold.url == entry.url


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_gold_header_values_are_in_the_text(entry: Entry) -> None:
    gold, text = load_gold(entry), entry.text_path.read_text(encoding="utf-8")
    squeezed = realdocs_bench.fold_name(_squeezed(text))
    for value in (gold.number, gold.place):
        if value is not None:
            assert realdocs_bench.fold_name(_squeezed(value)) in squeezed, value
    if gold.issuer is not None:
        # Two-column headers interleave the issuer with the motto: check word by word.
        words = set(realdocs_bench.fold_name(text.replace("\\r\\n", " ")).split())
        assert set(realdocs_bench.fold_name(gold.issuer).split()) <= words, gold.issuer
    if gold.doc_type is not None:
        stated = realdocs_bench.fold_name(_squeezed(gold.doc_type)) in squeezed
        by_form = _symbol_says(gold.doc_type, gold.number) or _letter_says(gold.doc_type, text)
        assert stated or by_form, gold.doc_type
    if gold.issue_date is not None:
        assert _date_in(gold.issue_date, text), gold.issue_date


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_gold_references_and_targets_are_in_the_text(entry: Entry) -> None:
    gold, text = load_gold(entry), entry.text_path.read_text(encoding="utf-8")
    lines = text.split("\n")
    squeezed = realdocs_bench.fold_number(_squeezed(text))
    for reference in gold.references:
        assert realdocs_bench.fold_number(reference.number) in squeezed, reference.number
        assert reference.date is None or _date_in(reference.date, text), reference
    numbers = Counter(reference.number for reference in gold.references)
    assert max(numbers.values(), default=1) == 1
    for target in gold.targets:
        line = lines[target.line - 1]
        assert target.label.rstrip(".)") in line, (target.line, target.label)
        # A table row's text may stand a few cells after its number ("1" / "|" / "Tỷ" / "lệ").
        near = " ".join(" ".join(lines[target.line - 1 : target.line + 4]).split())
        assert " ".join(target.text[:10].split()) in near, (target.line, target.text)


# Type codes of the symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III): a header without a
# type line still states the type through its symbol, "71/KH-UBND".
TYPE_CODES = {"Quyết định": "QĐ", "Kế hoạch": "KH", "Nghị quyết": "NQ", "Chỉ thị": "CT"}


def _symbol_says(doc_type: str, number: str | None) -> bool:
    code = TYPE_CODES.get(doc_type)
    return code is not None and number is not None and code in re.split(r"[/-]", number)[1:]


def _letter_says(doc_type: str, text: str) -> bool:
    """A "V/v ..." subject line marks a letter (Nghị định 30/2020/NĐ-CP, Phụ lục I mục 5b)."""
    subject = re.search(r"^\s*V/v\b", text, re.MULTILINE | re.IGNORECASE)
    return doc_type == "Công văn" and subject is not None


def _date_in(date: dt.date, text: str) -> bool:
    """Whether the text writes this date in one of the usual ways (split lines allowed)."""
    flat = " ".join(text.replace("\\r\\n", " ").split())
    day, month, year = date.day, date.month, date.year
    forms = [
        rf"0?{day}\s*[/.-]\s*0?{month}\s*[/.-]\s*{year}",
        rf"ngày\s+0?{day}\s+tháng\s+0?{month}\s+năm\s+{year}",
    ]
    # Titles write dates in capitals ("NGÀY 27 THÁNG 4 NĂM 2018").
    return any(re.search(form, flat, re.IGNORECASE) for form in forms)


def test_scoring_forgives_tone_placement_and_case_but_not_abbreviations() -> None:
    same = realdocs_bench.same_value
    assert same("issuer", "Ủy ban nhân dân tỉnh Hòa Bình", "UỶ BAN NHÂN DÂN  TỈNH HOÀ BÌNH")
    assert not same("issuer", "Ủy ban nhân dân tỉnh Hòa Bình", "UBND tỉnh Hòa Bình")
    assert not same("place", "Lạng Sơn", "r\\n Lạng Sơn")
    assert same("number", "19/KH-UBND", "19/ KH-UBND")
    assert not same("number", "19/KH-UBND", "19/KH")
    assert same("issue_date", dt.date(2020, 4, 6), dt.date(2020, 4, 6))
    assert not same("issue_date", dt.date(2020, 4, 6), None)


def _run_recording_opens(split: str | None = None) -> tuple[dict[str, object], list[Path]]:
    """The benchmark's figures and every file it opened (the "open" audit event)."""
    opened: list[Path] = []
    _RECORDERS.append(opened)
    try:
        figures = realdocs_bench.run(split)  # type: ignore[arg-type]
    finally:
        _RECORDERS.remove(opened)
    return figures, opened


_RECORDERS: list[list[Path]] = []


def _record_open(event: str, arguments: tuple[object, ...]) -> None:
    # An audit hook cannot be removed: it records only while a test listens.
    if event == "open" and _RECORDERS and isinstance(arguments[0], str | Path):
        for recorder in _RECORDERS:
            recorder.append(Path(arguments[0]).resolve())


sys.addaudithook(_record_open)


def test_a_development_run_scores_and_opens_only_the_development_part() -> None:
    figures, opened = _run_recording_opens("dev")
    held_out = (HERE / "heldout").resolve()
    assert [path for path in opened if path.is_relative_to(held_out)] == []
    dev_texts = {entry.text_path.resolve() for entry in ENTRIES if entry.split == "dev"}
    assert dev_texts <= set(opened), "the audit hook must see the development texts opened"
    assert set(figures) == {"dev"}
    dev = figures["dev"]
    assert isinstance(dev, dict)
    assert dev["documents"] == len(dev_texts)
    assert set(dev["header"]) == set(realdocs_bench.HEADER_FIELDS)
    targets = dev["targets"]
    assert targets["gold"] == sum(len(load_gold(e).targets) for e in ENTRIES if e.split == "dev")
    assert targets["exact"] <= targets["found"] <= targets["gold"]


def test_each_split_run_leaves_the_other_part_unopened_and_the_default_scores_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The reader is replaced by a plain read of the file: this checks which files
    # each run opens without running the reader on the held-out texts.
    def read_only(entry: Entry, gold: object) -> Counter[str]:
        entry.text_path.read_bytes()
        return Counter(documents=1)

    monkeypatch.setattr(realdocs_bench, "score_document", read_only)
    parts = {split: (HERE / split).resolve() for split in realdocs_bench.SPLITS}
    for split, other in (("heldout", "dev"), ("dev", "heldout")):
        figures, opened = _run_recording_opens(split)
        assert set(figures) == {split}
        assert any(path.is_relative_to(parts[split]) for path in opened)
        assert not any(path.is_relative_to(parts[other]) for path in opened)
    figures, _ = _run_recording_opens()
    assert set(figures) == {"dev", "heldout"}
    for split, part in figures.items():
        assert isinstance(part, dict)
        assert part["documents"] == sum(entry.split == split for entry in ENTRIES)


def test_the_runner_hands_the_split_to_the_realdocs_benchmark_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.benchmarks import __main__ as runner

    # Each benchmark runs in a child process: record what the parent asks of it
    # (never run the real one here: it would score, and print, the held-out part).
    asked: list[tuple[str, object]] = []

    def child(name: str, split: object, timeout: float) -> tuple[str, object, float]:
        asked.append((name, split))
        return "ok", {}, 0.0

    monkeypatch.setattr(runner, "_run_child", child)
    monkeypatch.setattr(runner, "RESULTS", tmp_path)
    assert runner.main(["realdocs", "--split", "dev"]) == 0
    assert runner.main(["realdocs"]) == 0
    assert asked == [("realdocs", "dev"), ("realdocs", None)]
    assert runner.main(["realdocs", "rules", "--split", "heldout"]) == 2
    assert asked == [("realdocs", "dev"), ("realdocs", None)]


def test_the_child_process_calls_the_benchmark_with_its_split(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.benchmarks import __main__ as runner

    calls: list[object] = []
    monkeypatch.setattr(realdocs_bench, "run", lambda split=None: calls.append(split) or {})
    assert runner._run_here(["realdocs"], "dev", tmp_path / "dev.json") == 0
    assert runner._run_here(["realdocs"], None, tmp_path / "all.json") == 0
    assert calls == ["dev", None]


def test_units_forgive_typed_per_mille_and_per_year_only() -> None:
    fold = realdocs_bench.fold_unit
    assert fold("%0") == fold("‰")
    assert fold("triệu đồng/năm") == fold("triệu đồng")
    assert fold("con / phụ nữ") == fold("con/phụ nữ")
    assert fold("con/phụ nữ") != fold("con")
    assert fold("%") != fold("điểm phần trăm")


def _plan_with_targets(tmp_path: Path, text: str) -> Plan:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return realdocs_bench.load_plan(path)


def test_targets_pair_on_line_and_opening_and_count_the_rest_as_invented(tmp_path: Path) -> None:
    plan = _plan_with_targets(
        tmp_path,
        "KẾ HOẠCH\nI. MỤC TIÊU\n1. Chỉ tiêu\n(1) Tỷ lệ hộ nghèo giảm trên 2%.\n"
        "(2) Tỷ lệ lao động qua đào tạo đạt 65%.\n",
    )
    assert len(plan.targets) == 2, "the fixture must give the parser two targets to pair"
    gold = [
        GoldTarget(
            line=4,
            label="(1)",
            text="Tỷ lệ hộ nghèo giảm",
            quantities=[GoldQuantity(value=2, unit="%", op=">")],
        ),
        GoldTarget(
            line=5,
            label="(2)",
            text="Tỷ lệ lao động",
            quantities=[GoldQuantity(value=70, unit="%", op="=")],
        ),
        GoldTarget(line=9, label="(3)", text="Không có trong văn bản", quantities=[]),
    ]
    counts = realdocs_bench.score_targets(gold, plan)
    assert counts["targets.found"] == 2
    assert counts["targets.exact"] == 1  # 65% read, gold says 70%: found but not exact
    assert counts["targets.invented"] == 0
    counts = realdocs_bench.score_targets(gold[:1], plan)
    assert counts["targets.found"] == 1
    assert counts["targets.invented"] == 1


def test_the_module_run_on_its_own_takes_the_split_and_refuses_other_arguments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `python -m tests.benchmarks.realdocs_bench --split dev` once ignored its argument and
    # scored the held-out part too.
    scored: list[object] = []
    monkeypatch.setattr(realdocs_bench, "run", scored.append)
    realdocs_bench.main(["--split", "dev"])
    assert scored == ["dev"]
    with pytest.raises(SystemExit):
        realdocs_bench.main(["--split", "dev-only"])
    with pytest.raises(SystemExit):
        realdocs_bench.main(["dev"])
    assert scored == ["dev"]
