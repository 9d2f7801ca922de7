"""The table of compiled dataclass methods and string annotations (app.generated_code, issue 18).

Each test runs fresh interpreters: what matters is what a process builds from a table a
previous one kept, compared with what Python builds without any table.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import generated_code

# Frozen and plain dataclasses (every generated method), defaults and factories,
# annotations given as text that typing and inspect evaluate, a namedtuple. The module has
# no ``from __future__`` import, so a generated ``__init__`` that inherited one would show
# text for its annotations. Prints what a caller can observe of them. The table's module is
# loaded from its file, not through ``app`` (whose import installs the table at its place).
_CLASSES = '''
import collections, dataclasses, importlib.util, inspect, json, sys, typing
from pathlib import Path
table = None
if sys.argv[1] != "none":
    spec = importlib.util.spec_from_file_location("generated_code", sys.argv[2])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = module.install(Path(sys.argv[1]))

@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: float = 0.5
    tags: tuple[str, ...] = ()

@dataclasses.dataclass(order=True)
class Box:
    corner: Point
    names: list[str] = dataclasses.field(default_factory=list)
    note: str | None = None

class Hinted:
    point: "Point"
    boxes: "list[Box] | None"

Pair = collections.namedtuple("Pair", "left right")

def command(where: "Path", count: "int | None" = None) -> "None":
    pass

first, again, other = Point(1), Point(1), Point(2, 1.0, ("a",))
box = Box(first)
box.names.append("x")
try:
    first.x = 3
    frozen = "not frozen"
except dataclasses.FrozenInstanceError as error:
    frozen = repr(error)
observed = {
    "repr": [repr(first), repr(other), repr(box)],
    "eq": [first == again, first == other, box == Box(Point(1), ["x"])],
    "hash": hash(first) == hash(again),
    "order": Box(first, ["a"]) < Box(first, ["b"]),
    "frozen": frozen,
    "init": str(inspect.signature(Box.__init__)),
    "annotations": {k: repr(v) for k, v in Point.__init__.__annotations__.items()},
    "hints": {k: repr(v) for k, v in typing.get_type_hints(Hinted).items()},
    "namedtuple": [repr(Pair(1, right=2)), Pair(1, 2) == (1, 2)],
    "signature": str(inspect.signature(command, eval_str=True)),
    "compiled": table.compiled if table is not None else None,
}
if table is not None:
    table.save(always=True)
print(json.dumps(observed))
'''


def _observe(table: str, tmp_path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CLASSES, table, generated_code.__file__],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_classes_and_annotations_come_out_the_same_from_a_kept_table(tmp_path: Path) -> None:
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the table is used on Python 3.11 only")
    table = tmp_path / "generated.marshal"
    plain = _observe("none", tmp_path)
    first = _observe(str(table), tmp_path)
    second = _observe(str(table), tmp_path)
    assert table.is_file()
    assert first["compiled"] and first["compiled"] > 10  # every method and annotation text
    assert second["compiled"] == 0  # all of them found in the table the first run kept
    for observed in (first, second):
        assert {key: value for key, value in observed.items() if key != "compiled"} == {
            key: value for key, value in plain.items() if key != "compiled"
        }
    # The generated __init__ keeps real annotations: nothing inherited app's futures.
    assert first["annotations"]["x"] == "<class 'int'>"


def test_a_foreign_table_is_left_aside_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another interpreter's table (its cache tag) is no damage: the table is built again;
    # so is one stamped with the cache tag alone (any 3.11 release may have written it).
    for stamp in ("cpython-99", sys.implementation.cache_tag):
        foreign = tmp_path / "foreign.marshal"
        code = compile("x = 1", "<string>", "exec")
        foreign.write_bytes(marshal.dumps((stamp, {("exec", "<string>", "x = 1"): code})))
        assert generated_code.CompiledOnce(foreign).kept == {}
        assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "content",
    [
        b"\x00not marshal",  # overwritten
        marshal.dumps((generated_code.INTERPRETER, {("exec", "<string>", "x = 1"): 1}))[:-3],
        marshal.dumps((generated_code.INTERPRETER, {("exec", "<string>", "x = 1"): "x = 1"})),
        marshal.dumps(["not", "a", "table"]),
    ],
    ids=["garbage", "cut-short", "not-code", "not-a-table"],
)
def test_a_damaged_table_is_said_once_then_written_anew(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "table.marshal"
    path.write_bytes(content)
    table = generated_code.CompiledOnce(path)
    assert table.kept == {}
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1
    assert said[0].startswith("Cảnh báo / Warning: ") and str(path) in said[0]
    assert "bị hỏng" in said[0] and "damaged" in said[0]
    table.save()  # nothing compiled, yet the damaged file is replaced
    again = generated_code.CompiledOnce(path)
    assert capsys.readouterr().err == ""
    assert again.kept == {} and not again.damaged


def test_switched_off_the_table_is_neither_read_nor_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "table.marshal"
    path.write_bytes(b"\x00damaged: a read would say so")
    monkeypatch.setenv(generated_code.SWITCH_VARIABLE, "OFF")
    assert generated_code.install(path) is None
    assert capsys.readouterr().err == ""
    assert path.read_bytes() == b"\x00damaged: a read would say so"


# Prints whether the five modules got the table's functions, then runs a check.
_SWITCH_SCRIPT = """
import collections, dataclasses, inspect, re._compiler, sys, typing
import app
shadowed = [
    type(getattr(getattr(module, name, None), "__self__", None)).__name__ == "CompiledOnce"
    for module, name in (
        (dataclasses, "exec"), (typing, "compile"), (inspect, "eval"), (collections, "eval"),
        (re._compiler, "compile"), (inspect, "_signature_fromstr"))
]
print(shadowed, file=sys.stderr)
sys.argv = ["plancheck", *sys.argv[1:]]
from app.cli import main
main()
"""


def test_switched_off_a_check_gives_the_same_report(tmp_path: Path) -> None:
    from tests.conftest import PLANS

    ward = PLANS / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
    town = PLANS / "thi-uy-ke-hoach-thuc-hien-de-an-13-loi-phong.txt"
    reports = {}
    for switch in ("off", "on"):
        environment = {
            **os.environ,
            generated_code.SWITCH_VARIABLE: switch,
            "PLANCHECK_DATABASE_URL": f"sqlite:///{tmp_path / switch}.sqlite3",
        }
        output = tmp_path / f"{switch}.json"
        command = [sys.executable, "-c", _SWITCH_SCRIPT, "check", str(ward), "-a", str(town),
                   "-f", "json", "-o", str(output)]
        done = subprocess.run(command, capture_output=True, text=True, env=environment,
                              check=False)
        assert done.returncode == 1, done.stderr  # the ward plan has error findings
        expected = str([switch == "on"] * 6)
        if sys.version_info[:2] == (3, 11):
            assert done.stderr.splitlines()[0] == expected
        reports[switch] = output.read_bytes()
    assert reports["off"] == reports["on"]


def test_past_its_bound_the_table_keeps_only_what_the_process_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "table.marshal"
    stale = {("eval", "<string>", f"x + {number}"): compile("1", "<string>", "eval")
             for number in range(5)}
    path.write_bytes(marshal.dumps((generated_code.INTERPRETER, stale)))
    monkeypatch.setattr(generated_code, "MAX_ENTRIES", 4)
    monkeypatch.setattr(generated_code, "SAVE_AFTER", 1)
    table = generated_code.CompiledOnce(path)
    table.code("y * 2", "<string>", "eval")
    table.save()
    _, kept, _ = marshal.loads(path.read_bytes())
    assert list(kept) == [("eval", "<string>", "y * 2")]
    assert eval(kept[("eval", "<string>", "y * 2")], {"y": 4}) == 8


def test_a_process_that_compiled_nothing_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "table.marshal"
    table = generated_code.CompiledOnce(path)
    table.save()
    assert not path.exists()


def test_a_process_that_compiled_less_than_a_write_costs_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "table.marshal"
    table = generated_code.CompiledOnce(path)
    for number in range(generated_code.SAVE_AFTER - 1):
        table.code(f"x + {number}", "<string>", "eval")
    table.save()
    assert not path.exists()
    table.pattern(r"\d+", 0)
    table.save()
    assert path.is_file()


# Patterns of every kind re compiles: flags given and inline, named groups and back
# references, look-arounds, conditionals, atomic groups and possessive repeats, classes,
# bytes, verbose, Vietnamese letters under IGNORECASE, a long alternation.
_PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?<!\w)(?P<number>\d{1,4})[-/](?P<year>(?:19|20)\d\d)\b", 0),
    (r"(?i)ngày\s+(\d+)\s+tháng\s+(\d+)", 0),
    ("THÀNH PHỐ|thị xã|Ủy ban", re.IGNORECASE),
    (r"^(?P<label>[IVXLC]+)[.\-]\s*(?=\S)", re.MULTILINE),
    (r"(['\"])(?P<body>.*?)\1", re.DOTALL),
    (r"(a)?(?(1)b|c)", 0),
    (r"(?>x+)y|z*+w", 0),
    (r"[^\W\d_]+|[\u0300-\u036f]", 0),
    (rb"\x00\xff[\x80-\x9f]+", 0),
    (r"""
        (?P<head> [A-Z]+ )   # a head
        \s* : \s*
        (?P<rest> .* )""", re.VERBOSE),
    ("|".join(f"từ{number}" for number in range(300)), 0),
    (r"\bword\b", re.ASCII),
]


def test_patterns_come_out_equal_from_the_table(tmp_path: Path) -> None:
    path = tmp_path / "table.marshal"
    built = generated_code.CompiledOnce(path)
    for pattern, flags in _PATTERNS:
        plain = generated_code._compile_pattern(pattern, flags)
        made = built.pattern(pattern, flags)
        # Pattern equality is flags, text and program: the same compiled expression.
        assert made == plain, pattern
        assert (made.groups, dict(made.groupindex)) == (plain.groups, dict(plain.groupindex))
    assert built.compiled_patterns == len(_PATTERNS)
    built.save(always=True)
    kept = generated_code.CompiledOnce(path)
    sample = "Ngày 10 tháng 10 năm 2022, số 13-2022: THÀNH PHỐ ab"
    for pattern, flags in _PATTERNS:
        made, plain = kept.pattern(pattern, flags), generated_code._compile_pattern(pattern, flags)
        assert made == plain and dict(made.groupindex) == dict(plain.groupindex)
        if isinstance(pattern, str):
            assert [found.groups() for found in made.finditer(sample)] == [
                found.groups() for found in plain.finditer(sample)
            ]
    assert kept.compiled_patterns == 0


def test_a_class_text_signature_is_parsed_once_and_the_same(tmp_path: Path) -> None:
    import inspect

    table = generated_code.CompiledOnce(tmp_path / "table.marshal")
    text = list.__text_signature__
    plain = generated_code._signature_from_text(inspect.Signature, list, text)
    first = table.text_signature(inspect.Signature, list, text)
    assert first == plain and str(first) == "(iterable=(), /)"
    assert table.text_signature(inspect.Signature, list, text) is first
    # A bound builtin method is parsed each time: keeping it would keep its object.
    bound = [].append
    assert table.text_signature(inspect.Signature, bound, "($self, object, /)") == (
        generated_code._signature_from_text(inspect.Signature, bound, "($self, object, /)")
    )
    assert len(table.signatures) == 1


def test_re_still_compiles_what_the_table_leaves_to_it() -> None:
    # re.Scanner hands re a parsed pattern, not text: it goes to re's own compiler.
    scanner = re.Scanner([(r"\d+", lambda _, token: int(token)), (r"\s+", None)])
    assert scanner.scan("12 345") == ([12, 345], "")
    with pytest.raises(re.error):
        re.compile(r"(unclosed")


def test_a_second_check_start_compiles_no_generated_code(tmp_path: Path) -> None:
    """Everything a check imports and compiles is found in the table the first start kept.

    The same hash seed for both starts: a few patterns are built from sets of words, whose
    order (so the pattern's text) follows the seed.
    """
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the table is used on Python 3.11 only")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        f"os.environ['{generated_code.SWITCH_VARIABLE}'] = 'off'\n"
        "import app\n"  # no table installed: this test's own one is, below
        f"del os.environ['{generated_code.SWITCH_VARIABLE}']\n"
        "from app.generated_code import install\n"
        "table = install(Path(sys.argv[1]))\n"
        "import app.cli, app.pipeline, reports.build, rules.engine\n"
        "print(table.compiled, table.compiled_patterns)\n"
    )
    counts = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "table.marshal")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        counts.append(tuple(int(count) for count in done.stdout.split()))
    assert counts[0][0] > 500 and counts[0][1] > 100  # methods, annotations; patterns
    assert counts[1] == (0, 0)
