from collections import Counter, defaultdict

from tests.benchmarks.extract_bench import Stats, compare, summarise, unwrap


def counts(gold, extracted, path="meta"):
    stats: Stats = defaultdict(Counter)
    compare(gold, extracted, path, stats)
    return {field: (row["tp"], row["fp"], row["fn"]) for field, row in summarise(stats).items()}


def test_scalars_are_compared_in_folded_form():
    gold = {"issuer": "Ủy ban nhân dân thị xã", "number": "48-KH/ĐU", "place": None}
    extracted = {"issuer": "UỶ BAN NHÂN DÂN  THỊ XÃ", "number": "48-KH/DU", "place": "Huế"}
    assert counts(gold, extracted) == {
        "meta.issuer": (1, 0, 0),
        "meta.number": (0, 1, 1),
        "meta.place": (0, 1, 0),
    }


def test_list_items_are_paired_by_key_then_compared_field_by_field():
    gold = [
        {"raw": "10/10/2022", "line": 8, "iso": "2022-10-10", "valid": True},
        {"raw": "31/3", "line": 39, "iso": None, "valid": True},
    ]
    extracted = [
        {"raw": "10/10/2022", "line": 8, "iso": "2022-10-10", "valid": True, "span": {}},
        {"raw": "31/3", "line": 39, "iso": "2023-03-31", "valid": True},
        {"raw": "1/2", "line": 40, "iso": None, "valid": True},
    ]
    result = counts(gold, extracted, "dates")
    assert result["dates[]"] == (2, 1, 0)
    assert result["dates[].iso"] == (1, 1, 0)
    assert result["dates[].valid"] == (2, 0, 0)


def test_items_without_a_key_are_matched_whole_and_strings_as_a_multiset():
    gold = {"quantities": [{"op": ">", "value": 65, "unit": "%"}], "recipients": ["A", "B"]}
    extracted = {
        "quantities": [{"op": ">", "value": 65.0, "unit": "%", "raw": "trên 65%"}],
        "recipients": ["b", "C"],
    }
    result = counts(gold, extracted, "target")
    assert result["target.quantities[]"] == (1, 0, 0)
    assert result["target.recipients"] == (1, 1, 1)


def test_missing_nested_object_counts_every_gold_field_as_missed():
    result = counts({"signer": {"name": "Nguyễn Văn A", "title": "BÍ THƯ"}}, {"signer": None})
    assert result == {"meta.signer.name": (0, 0, 1), "meta.signer.title": (0, 0, 1)}


def test_gold_file_may_wrap_its_list():
    assert unwrap({"targets": [1]}, "targets") == [1]
    assert unwrap([1], "targets") == [1]
