"""The server process's memory: a bound on the C library's malloc arenas (issue 18).

glibc gives each thread that allocates while another holds the main arena an arena of its
own, up to eight per core, and keeps what each one grew to. The server answers requests
on a pool of threads: over its first hundred uploads its resident memory grew by ~52 MB
and stayed there (the web bench's "within 50 MB of the start" line); with two arenas it
grew by ~10 MB, the same uploads as fast (web bench, 200 uploads, side by side at load 7.6).
The checks themselves run in worker processes, which this does not concern.
"""

from __future__ import annotations

import ctypes
import sys

# Arenas the server's threads share: the main one and one more.
ARENAS = 2
# glibc's mallopt parameter for the most arenas (malloc.h: M_ARENA_MAX).
_M_ARENA_MAX = -8


def bound_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask the C library for at most ``arenas`` malloc arenas; return whether it agreed.

    Only glibc on Linux knows the setting (its ``MALLOC_ARENA_MAX`` variable, read at
    start-up, does the same); elsewhere nothing is asked and False is returned.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt (musl has one: a no-op)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_ARENA_MAX, arenas))
