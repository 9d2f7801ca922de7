"""Which page of a scanned upload is being read, for the page the reviewer waits on.

Reading a scan takes about a second a page, so a reviewer who sent an eight-page
scan waits several seconds with nothing to see. The upload form carries a random
key (``upload.js``); while the check runs, the OCR reports each scanned page as
its reading starts (``extract.loaders.scan.ocr_progress``) — from a worker
process as a message on its pipe ahead of the answer — and the pool records it
here under the reviewer's account and the key. The waiting page polls
``/tien-do/{key}``. An entry lives only while its check runs.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

Listener = Callable[[int, int], None]
# What the form may send as a key: random, long enough not to be guessed.
KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PROGRESS = "progress"


class OcrProgress:
    """Pages reported by the checks running now, by (account, key)."""

    def __init__(self) -> None:
        """An empty board."""
        self._pages: dict[tuple[int, str], tuple[int, int]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def tracking(self, user_id: int, key: str | None) -> Iterator[Listener | None]:
        """A listener recording pages under (user, key) while the block runs; None without a key."""
        if key is None or not KEY.match(key):
            yield None
            return
        entry = (user_id, key)

        def listener(page: int, pages: int) -> None:
            with self._lock:
                self._pages[entry] = (page, pages)

        try:
            yield listener
        finally:
            with self._lock:
                self._pages.pop(entry, None)

    def get(self, user_id: int, key: str) -> tuple[int, int] | None:
        """(page being read, pages) of that reviewer's check, None when none is reported."""
        with self._lock:
            return self._pages.get((user_id, key))


def relay(connection: Connection) -> Listener:
    """In a worker: a listener that sends each page to the server ahead of the answer."""

    def listener(page: int, pages: int) -> None:
        connection.send((PROGRESS, (page, pages)))

    return listener


def answer(connection: Connection, seconds: float, listener: Listener | None) -> Any:
    """In the server: the worker's answer, passing progress messages on; None past ``seconds``.

    The time limit is the whole check's, whatever the number of messages before.
    """
    deadline = time.monotonic() + seconds
    while True:
        if not connection.poll(max(deadline - time.monotonic(), 0.0)):
            return None
        message = connection.recv()
        if message[0] != PROGRESS:
            return message
        if listener is not None:
            listener(*message[1])

