"""Where bundled data lives, and the one YAML loader.

Vocabulary sits in each stage's ``data/`` folder (:func:`data_file`); reference documents
and the sample plans in ``corpus/`` (:func:`corpus_dir`). Every YAML file is read by
:func:`load_yaml` and validated by the pydantic model of the module that uses it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

_Built = TypeVar("_Built")

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def data_dir(stage: str) -> Path:
    """The vocabulary folder of a stage: "extract.parse" -> extract/parse/data/.

    Each stage keeps its words next to its code; reference documents live in the corpus
    (:func:`corpus_dir`). Both ship inside the wheel as package data, so the same paths
    hold in a checkout and in an installed copy.
    """
    return _PACKAGE_ROOT.joinpath(*stage.split("."), "data")


def data_file(stage: str, name: str) -> Path:
    """The vocabulary file ``name`` of a stage (see :func:`data_dir`)."""
    return data_dir(stage) / name


def corpus_dir() -> Path:
    """The corpus folder: $PLANCHECK_CORPUS, else corpus/ of this checkout."""
    configured = os.environ.get("PLANCHECK_CORPUS")
    return Path(configured) if configured else _PACKAGE_ROOT / "corpus"


@cache
def admin_units_dataset() -> Path:
    """The SQLite file of Vietnamese administrative units (before and after the 2025 reform).

    It ships inside the ``vietnamadminunits`` package (a pyproject dependency); the parser's
    gazetteer and the repair's name slot both read it.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed (pyproject dependency)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"


@cache
def load_yaml(path: Path) -> Any:
    """Parse a YAML data file once per process (callers validate it with pydantic).

    A bundled file's parsed form is kept in ``__pycache__`` beside it (:func:`_kept`), so
    a cold run neither imports PyYAML nor parses the file again (issue 18).
    """
    text = path.read_text(encoding="utf-8")
    data = _kept(path, text)
    if data is None:
        data = _parse(text)
        _keep(path, text, data)
    return data


def _parse(text: str) -> Any:
    import yaml

    # libyaml's safe loader when PyYAML was built with it: several times faster at start-up.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def kept_path(path: Path) -> Path | None:
    """Where the parsed form of ``path`` is kept; None for a file outside this package.

    Only the package's own files (vocabulary, the bundled corpus' reference) are kept:
    a ``__pycache__`` folder is never written into a user's folder ($PLANCHECK_CORPUS).
    """
    resolved = path.resolve()
    if not resolved.is_relative_to(_PACKAGE_ROOT):
        return None
    return resolved.parent / "__pycache__" / f"{resolved.name}.marshal"


def _kept(path: Path, text: str) -> Any:
    """The data an earlier run parsed from this very text, or None.

    Like Python's bytecode, kept with what it came from: the whole text is kept beside
    the data and compared, so an edited file is parsed again, never read stale.
    """
    kept = kept_path(path)
    if kept is None:
        return None
    try:
        kept_text, data, dates = marshal.loads(kept.read_bytes())
        if kept_text != text:
            return None
        for where, iso in dates:
            _put_date(data, where, iso)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None  # none yet, damaged, or another program's file
    return data


def _keep(path: Path, text: str, data: Any) -> None:
    """Keep the parsed data for the next run; a folder we cannot write costs only speed."""
    kept = kept_path(path)
    if kept is None:
        return
    try:
        dates: _Dates = []
        _write_kept(kept, (text, _without_dates(data, (), dates), dates))
    except ValueError:  # a value marshal cannot keep (a date as a key, a time of day)
        return


def kept_build(kept: Path, sources: Iterable[Path], build: Callable[[], _Built]) -> _Built:
    """What ``build`` makes from ``sources``, kept in the file ``kept`` for later runs.

    For a table built from data files and the code that reads them (the gazetteer's
    index of folded names): the file holds a fingerprint of the Python and of every
    source with the table, and a changed source or Python builds it again, so the kept
    table is never stale. Small sources count by their bytes, large ones (a database)
    by size and modification time, as Python's own bytecode does. ``build`` must return
    what marshal keeps (dicts, lists, tuples, text, numbers).
    """
    fingerprint = _fingerprint(sources)
    try:
        kept_fingerprint, built = marshal.loads(kept.read_bytes())
        if kept_fingerprint == fingerprint:
            return built  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, damaged, or another program's file
    built = build()
    try:
        _write_kept(kept, (fingerprint, built))
    except ValueError:  # a value marshal cannot keep: only slower
        pass
    return built


# Sources up to this size count by their bytes; larger ones by size and modification time.
_HASHED_BYTES = 1 << 20


def _fingerprint(sources: Iterable[Path]) -> str:
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for source in sources:
        status = source.stat()
        digest.update(f"\0{source.resolve()}\0{status.st_size}\0".encode())
        if status.st_size <= _HASHED_BYTES:
            digest.update(source.read_bytes())
        else:
            digest.update(f"{status.st_mtime_ns}:{status.st_ino}".encode())
    return digest.hexdigest()


def _write_kept(kept: Path, value: Any) -> None:
    """Write ``value`` whole or not at all (a run may read it meanwhile).

    Raises:
        ValueError: When marshal cannot keep the value. A folder we cannot write is
            silent: it costs only speed.
    """
    write_whole(kept, marshal.dumps(value))


def write_whole(kept: Path, data: bytes) -> None:
    """Write ``data`` to ``kept`` whole or not at all; a folder we cannot write costs only speed.

    The bytes go to a file of this process's own beside ``kept``, then replace it in one
    step, so a run reading ``kept`` meanwhile sees the old file or the new one, never half.
    """
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, kept)
    except OSError:
        try:
            partial.unlink(missing_ok=True)
        except OSError:  # its folder is no folder: nothing was written
            pass


_Dates = list[tuple[tuple[Any, ...], str]]


def _without_dates(data: Any, where: tuple[Any, ...], dates: _Dates) -> Any:
    """A copy of ``data`` with each date as its ISO text; marshal keeps no dates.

    Each date (YAML's ``2022-10-10``) is noted in ``dates`` by where it sits.

    Raises:
        ValueError: For a date marshal could not be given back in place (a key, a time of
            day, inside a tuple or set): such a file is simply parsed on every run.
    """
    if isinstance(data, dict):
        return {key: _without_dates(value, (*where, key), dates) for key, value in data.items()}
    if isinstance(data, list):
        return [_without_dates(value, (*where, index), dates) for index, value in enumerate(data)]
    if type(data) is dt.date:
        dates.append((where, data.isoformat()))
        return data.isoformat()
    marshal.dumps(data)  # raises ValueError for anything else marshal cannot keep
    return data


def _put_date(data: Any, where: tuple[Any, ...], iso: str) -> None:
    for step in where[:-1]:
        data = data[step]
    data[where[-1]] = dt.date.fromisoformat(iso)
