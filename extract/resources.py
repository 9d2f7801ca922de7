"""Where bundled data lives, and the one YAML loader.

Vocabulary sits in each stage's ``data/`` folder (:func:`data_file`); reference documents
and the sample plans in ``corpus/`` (:func:`corpus_dir`). Every YAML file is read by
:func:`load_yaml` and validated by the pydantic model of the module that uses it.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

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


# libyaml's safe loader when PyYAML was built with it: several times faster at start-up.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(path: Path) -> Any:
    """Parse a YAML data file once per process (callers validate it with pydantic)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SAFE_LOADER)
