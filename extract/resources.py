"""Where bundled data lives: the corpus folder and data files next to the code."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


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
