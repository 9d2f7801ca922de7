"""Where bundled data lives, and the one YAML loader.

Vocabulary sits in each stage's ``data/`` folder (:func:`data_file`); reference documents
and the sample plans in ``corpus/`` (:func:`corpus_dir`). Every YAML file is read by
:func:`load_yaml` and validated by the pydantic model of the module that uses it.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from functools import cache
from pathlib import Path
from typing import Any

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
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    try:
        kept.parent.mkdir(exist_ok=True)
        dates: _Dates = []
        partial.write_bytes(marshal.dumps((text, _without_dates(data, (), dates), dates)))
        os.replace(partial, kept)  # whole or not at all, for a run reading it meanwhile
    except (OSError, ValueError):  # ValueError: a value marshal cannot keep (a YAML date)
        partial.unlink(missing_ok=True)


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
