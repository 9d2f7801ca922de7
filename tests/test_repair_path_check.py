"""The beam's best path checked run by run (path_check): a better fill the beam let go."""

from __future__ import annotations

from extract.repair.path_check import Step, rechecked
from extract.repair.run_reader import Option

KEEP = 2
START = ("<s>", "<s>")
# Log probabilities of a tiny language model: "cơ" leads after "hoạch", "cụ" before "thể".
LOGPROB = {
    ("hoạch", "cơ"): -2.0,
    ("hoạch", "cụ"): -4.0,
    ("cơ", "thể"): -6.0,
    ("cụ", "thể"): -0.5,
}
UNSEEN = -9.0


def _option(word: str, fill: float = -0.5) -> Option:
    return Option((word,), word, fill)


def _score(
    option: Option, history: tuple[str, ...], following: tuple[str, ...], floor: float
) -> float:
    total = option.fill_score
    for token in (*option.tokens, *following):
        total += LOGPROB.get((history[-1], token), UNSEEN)
        history = (*history[1:], token)
    return total


def _path(words: list[str]) -> list[Step]:
    steps: list[Step] = []
    history = START
    left = -1
    for word in words:
        steps.append((left, history, _option(word, -0.5 if word in ("cơ", "cụ") else 0.0)))
        history = (*history, word)[-KEEP:]
        left += len(word) + 1
    return steps


def _alternatives(left: int, history: tuple[str, ...], option: Option) -> list[Option]:
    return [_option("cơ"), _option("cụ")] if option.tokens[0] in ("cơ", "cụ") else []


def test_a_fill_the_next_word_tells_is_swapped_in_and_later_histories_follow() -> None:
    path = _path(["kế", "hoạch", "cơ", "thể", "và"])
    checked = rechecked(path, _alternatives, _score, (), KEEP)
    assert [step[2].tokens[0] for step in checked] == ["kế", "hoạch", "cụ", "thể", "và"]
    assert checked[3][1] == ("hoạch", "cụ")
    assert checked[4][1] == ("cụ", "thể")


def test_a_path_no_swap_improves_is_kept_as_it_is() -> None:
    path = _path(["kế", "hoạch", "cụ", "thể"])
    assert rechecked(path, _alternatives, _score, (), KEEP) == path


def test_the_next_lines_opening_tells_a_last_run() -> None:
    path = _path(["kế", "hoạch", "cơ"])
    checked = rechecked(path, _alternatives, _score, ("thể",), KEEP)
    assert checked[2][2].tokens == ("cụ",)
    assert rechecked(path, _alternatives, _score, (), KEEP) == path


def test_the_work_is_each_runs_readings_once() -> None:
    """A long line's check scores each run's readings once: linear, whatever the line's length."""
    words = ["kế", "hoạch", "cơ", "thể"] * 1500
    calls = [0]

    def counting(
        option: Option, history: tuple[str, ...], following: tuple[str, ...], floor: float
    ) -> float:
        calls[0] += 1
        return _score(option, history, following, floor)

    checked = rechecked(_path(words), _alternatives, counting, (), KEEP)
    assert [step[2].tokens[0] for step in checked[:4]] == ["kế", "hoạch", "cụ", "thể"]
    filled = words.count("cơ")
    assert calls[0] == filled * 3  # the reading chosen and its two alternatives
