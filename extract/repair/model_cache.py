"""The built repair model kept on disk, so that a new process loads it instead of building it.

Building the model from the shipped data (n-gram counts of the plans and of the
legal codes, word pairs, capitalisation) takes about 0.5 s of CPU, more than
half of repairing the garbled town plan; loading the same objects back takes
about 0.1 s. Every process that repairs a damaged document pays the build once
(``check`` on the command line, each audit or web worker).

The file is named after a fingerprint of everything the model is made from:
the Python version, the source of the repair package (and of the text helpers
it uses) and every shipped data file of it. A change to any of them names
another file, so a stale model is never loaded; when a new one is written, all
but the newest few (other checkouts may share the folder) are removed. The
cache is only a saving: a folder that cannot be written or a file that cannot
be read means the model is built as before. A file that is there but cannot be
loaded says so on stderr (once: the model built then replaces it), since a cache
that never loads would otherwise show only as a slower process.

``PLANCHECK_REPAIR_CACHE`` names the folder (``off`` turns the cache off);
by default it is ``$XDG_CACHE_HOME/plancheck`` or ``~/.cache/plancheck``.
The file is a pickle: like any cache in the user's own folders, it is trusted
as much as that folder is.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

VARIABLE = "PLANCHECK_REPAIR_CACHE"
_PREFIX = "repair-model-"
# Models of other code versions kept: several checkouts or installs may share one folder.
KEPT_VERSIONS = 4
_REPAIR = Path(__file__).resolve().parent
# Modules outside the repair package whose code shapes the built model.
_HELPERS = ("text.py", "resources.py")

T = TypeVar("T")


def cache_folder() -> Path | None:
    """Where the built model is kept, or None when the cache is turned off."""
    configured = os.environ.get(VARIABLE)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plancheck"


def fingerprint() -> str:
    """A digest of the Python version, the repair code and its data files."""
    digest = hashlib.sha256(sys.version.encode())
    sources = sorted(_REPAIR.glob("*.py")) + [_REPAIR.parent / name for name in _HELPERS]
    data = sorted(path for path in (_REPAIR / "data").rglob("*") if path.is_file())
    for path in (*sources, *data):
        digest.update(str(path.relative_to(_REPAIR.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached_model(build: Callable[[], T]) -> T:
    """The model kept on disk for this code and data, else ``build()`` (kept for the next time)."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{_PREFIX}{fingerprint()}.pickle"
    loaded = _load(path)
    if loaded is not None:
        # Hundreds of thousands of objects that live as long as the process: kept out
        # of the cyclic collector's walks (the first alone cost 3% of the town plan's
        # repair). Everything alive now is kept with them: imports, mostly.
        gc.freeze()
        return cast(T, loaded)
    model = build()
    _store(model, path)
    return model


def _load(path: Path) -> object | None:
    # The collector would walk the half-built dicts again and again (0.16 s -> 0.09 s off).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:  # damaged, truncated, unreadable: built anew and overwritten
        _warn_unloadable(path, error)
        return None
    finally:
        if enabled:
            gc.enable()


def _warn_unloadable(path: Path, error: Exception) -> None:
    """Say on stderr that a kept model could not be loaded, and why (it is built again)."""
    cause = f"{type(error).__name__}: {error}"
    print(
        f"plancheck: không nạp được mô hình sửa lỗi đã lưu {path} ({cause}); "
        "mô hình được dựng lại và lưu đè. / "
        f"could not load the kept repair model {path} ({cause}); "
        "it is built again and overwritten.",
        file=sys.stderr,
    )


def _store(model: object, path: Path) -> None:
    """Write the model, then remove all but the newest few (other checkouts share the folder)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        kept = sorted(path.parent.glob(f"{_PREFIX}*.pickle"), key=_age)
        for old in kept[KEPT_VERSIONS:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        # A read-only home: the model is built each time, as without the cache.
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _age(path: Path) -> float:
    """Newest first; a file another process removed meanwhile counts as oldest."""
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0


__all__ = ["VARIABLE", "cache_folder", "cached_model", "fingerprint"]
