"""The server bounds its malloc arenas before its request threads start (issue 18).

Each request thread kept a glibc arena of its own: the server's resident memory grew by
~52 MB over its first 100 uploads and stayed there; with two arenas, by ~10 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.web.support import make_settings


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_c_library_takes_the_bound() -> None:
    from app.web.memory import ARENAS, bound_malloc_arenas

    assert ARENAS == 2
    assert bound_malloc_arenas() is True


def test_the_application_bounds_the_arenas_when_it_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.web import app as web_app

    asked: list[int] = []
    monkeypatch.setattr(web_app, "bound_malloc_arenas", lambda: asked.append(1) or True)
    web_app.create_app(make_settings(tmp_path))
    assert asked == [1]
