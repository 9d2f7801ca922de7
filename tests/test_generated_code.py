"""The table of compiled dataclass methods and string annotations (app.generated_code, issue 18).

Each test runs fresh interpreters: what matters is what a process builds from a table a
previous one kept, compared with what Python builds without any table.
"""

from __future__ import annotations

import json
import marshal
import os
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
    table.save()
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
    # Another interpreter's table (its cache tag) is no damage: the table is built again.
    foreign = tmp_path / "foreign.marshal"
    foreign.write_bytes(marshal.dumps(("cpython-99", {("exec", "<string>", "x = 1"): None})))
    assert generated_code.CompiledOnce(foreign).kept == {}
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "content",
    [
        b"\x00not marshal",  # overwritten
        marshal.dumps((sys.implementation.cache_tag, {("exec", "<string>", "x = 1"): 1}))[:-3],
        marshal.dumps((sys.implementation.cache_tag, {("exec", "<string>", "x = 1"): "x = 1"})),
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


# Prints whether the four modules got the table's functions, then runs a check.
_SWITCH_SCRIPT = """
import collections, dataclasses, inspect, sys, typing
import app
shadowed = [hasattr(module, name) for module, name in (
    (dataclasses, "exec"), (typing, "compile"), (inspect, "eval"), (collections, "eval"))]
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
        expected = "[False, False, False, False]" if switch == "off" else "[True, True, True, True]"
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
    path.write_bytes(marshal.dumps((sys.implementation.cache_tag, stale)))
    monkeypatch.setattr(generated_code, "MAX_ENTRIES", 4)
    table = generated_code.CompiledOnce(path)
    table.code("y * 2", "<string>", "eval")
    table.save()
    _, kept = marshal.loads(path.read_bytes())
    assert list(kept) == [("eval", "<string>", "y * 2")]
    assert eval(kept[("eval", "<string>", "y * 2")], {"y": 4}) == 8


def test_a_process_that_compiled_nothing_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "table.marshal"
    table = generated_code.CompiledOnce(path)
    table.save()
    assert not path.exists()


def test_a_second_check_start_compiles_no_generated_code() -> None:
    """Everything a check imports is found in the table the first start kept."""
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the table is used on Python 3.11 only")
    script = (
        "import app, app.cli, app.pipeline, reports.build, rules.engine\n"
        "from app.generated_code import install\n"
        "print(install().compiled)\n"
    )
    counts = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        counts.append(int(done.stdout.strip()))
    assert counts[1] == 0
