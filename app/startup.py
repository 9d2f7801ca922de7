"""The cyclic garbage collector while a command starts (issue 18).

Most of a cold ``check`` is importing: typer, pydantic, every stage's modules, about a
hundred model classes with their schemas and validators, compiled patterns. All of it lives
as long as the process, yet as it piles up the collector walks it again and again looking
for cycles to free: about a tenth of a cold check's CPU (0.05 s), for the few kilobytes of
cyclic garbage imports leave. So ``console_main`` pauses the collector; it resumes when the
command starts, and a command that imports its stages first (``check``) pauses it again
around those imports. On resuming, everything alive is moved out of the collector's sight
(``gc.freeze``): later collections look only at what the command itself makes, so its
memory stays bounded as before.

Only a process that runs one command and ends (the ``plancheck`` script) is affected: an
in-process caller of ``app.cli.main`` (tests, the audit bench) never pauses its collector,
and nothing it holds is frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_one_command = False  # set by ``console_main``: this process runs one command and ends


def pause_for_start() -> None:
    """Pause the collector while the command line starts (``console_main`` only)."""
    global _one_command
    _one_command = True
    gc.disable()


def resume() -> None:
    """Collect again, leaving what the start built out of every later collection."""
    if _one_command and not gc.isenabled():
        gc.freeze()
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector around a command's own imports (one-command processes only)."""
    if not _one_command:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        resume()
