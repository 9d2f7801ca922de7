"""Worker processes that end when the process that started them dies.

A parent killed with SIGKILL runs no clean-up, so its pool workers would live
on as orphans (issue 22, item 9): holding memory, and for the audit writing to
a cache nobody reads. Two guards, both in the worker:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker
  when the thread that forked it ends. Only safe when that thread lives as
  long as the parent (the audit's main thread); a web request's thread may end
  first, so the web's workers do not ask for it;
* everywhere, a daemon thread that polls the parent's pid: once the worker has
  been re-parented (its parent died), it exits at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
# How often the watchdog looks at the parent; a worker outlives its parent by at most this.
POLL_SECONDS = 0.5


def exit_with_parent(parent_pid: int, death_signal: bool = False) -> None:
    """Make this (worker) process exit when ``parent_pid`` is no longer its parent.

    Args:
        parent_pid: The pid of the process that started this one, read by the parent
            (``os.getpid()``) and passed down, so that a parent that died before this
            call is noticed too.
        death_signal: Also ask Linux for SIGKILL when the forking thread ends.
    """
    if death_signal and sys.platform.startswith("linux"):
        _set_death_signal()
    if os.getppid() != parent_pid:
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch, args=(parent_pid,), name="plancheck-parent-watchdog", daemon=True
    )
    watchdog.start()


def _set_death_signal() -> None:
    library = ctypes.util.find_library("c")
    if library is None:
        return
    libc = ctypes.CDLL(library, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            # os._exit, not sys.exit: the main thread may be deep in a check and must
            # not get the chance to write anything more.
            os._exit(1)
        time.sleep(POLL_SECONDS)
