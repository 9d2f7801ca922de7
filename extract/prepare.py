"""Build the kept forms of the bundled data once, at install (``make install``).

A cold run reads the parsed YAML vocabularies and the gazetteer's index from
``__pycache__`` beside their sources (``extract.resources``) instead of building them
(issue 18). A run writes what it built itself, but an installed copy whose folders the
user cannot write would build them on every run: ``python -m extract.prepare`` builds
them all when the folders are writable (as ``compileall`` writes the bytecode).
"""

from __future__ import annotations

import sys
from pathlib import Path

from extract.resources import load_yaml

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# Where bundled YAML lives: each stage's data folder and the corpus' reference documents.
# Not app/: the command line keeps its own words (app.cli_language), read without extract.
_DATA_FOLDERS = ("extract", "rules", "reports", "corpus/reference")


def bundled_yaml() -> list[Path]:
    """Every YAML file of the stages' data folders and of corpus/reference."""
    found: list[Path] = []
    for folder in _DATA_FOLDERS:
        root = _PACKAGE_ROOT / folder
        found += [
            path
            for path in sorted(root.rglob("*.yaml"))
            if "__pycache__" not in path.parts
            and ("data" in path.relative_to(_PACKAGE_ROOT).parts or folder.startswith("corpus"))
        ]
    return found


def main() -> int:
    """Parse (and so keep) every bundled YAML file and build the gazetteer's index."""
    from extract.parse import admin_units

    for path in bundled_yaml():
        load_yaml(path)
    for era in ("legacy", "2025"):
        admin_units._units(era)
    return 0


if __name__ == "__main__":
    sys.exit(main())
