"""Find the plan documents under a folder, safely.

An audit folder is whatever a reviewer copied from shared drives: it may hold
symbolic links that loop back up the tree, folders we may not read, and files
of every kind. The walk visits each real folder once, never follows a link out
of a loop, and reports what it could not enter instead of stopping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extract.loaders import SUPPORTED_SUFFIXES


@dataclass
class Discovery:
    """What a walk found.

    Attributes:
        plans: Plan documents (by extension), sorted by path, each listed once.
        skipped: Folders or links that could not be entered, with the reason key
            of ``extract.errors.REASONS`` ('unreadable') and a detail.
    """

    plans: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str, str]] = field(default_factory=list)


def discover_plans(root: Path) -> Discovery:
    """List the plan documents under ``root`` (or ``root`` itself when it is a file).

    Symbolic links to files are followed, but each real file is listed once,
    under its own name when the walk meets it, else a link's name; links to
    folders are followed unless the real folder was already visited, which
    breaks loops. Hidden entries (names starting with a dot) are skipped: they
    hold caches and editor files, never plans.

    Args:
        root: A folder to walk, or a single document.

    Returns:
        The plans found and the places that could not be read.
    """
    found = Discovery()
    if root.is_file():
        found.plans.append(root)
        return found
    seen_files: dict[str, Path] = {}
    seen_dirs: set[str] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            found.skipped.append((folder, "unreadable", error.strerror or str(error)))
            continue
        for entry in entries:
            _visit(Path(entry.path), entry, found, pending, seen_files)
    found.plans = sorted(seen_files.values())
    return found


def _visit(
    path: Path,
    entry: os.DirEntry[str],
    found: Discovery,
    pending: list[Path],
    seen_files: dict[str, Path],
) -> None:
    if entry.name.startswith("."):
        return
    try:
        is_dir = entry.is_dir(follow_symlinks=True)
        is_file = not is_dir and entry.is_file(follow_symlinks=True)
    except OSError as error:  # a link loop or a permission problem on stat
        found.skipped.append((path, "unreadable", error.strerror or str(error)))
        return
    if is_dir:
        pending.append(path)
    elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return
    elif not is_file and entry.is_symlink():
        # A dangling link or a link that points at itself: say so, do not guess.
        found.skipped.append((path, "missing", "liên kết tượng trưng hỏng / broken link"))
    elif is_file:
        # One real file is one plan; its own name wins over a link's.
        real = os.path.realpath(path)
        if real not in seen_files or not entry.is_symlink():
            seen_files[real] = path
