"""A real ``plancheck serve`` process on a free loopback port, for load and browser tests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.web.support import PASSWORD, ROOT

START_TIMEOUT_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``plancheck serve`` in a subprocess; stopped (or killed) by the test."""

    def __init__(
        self, data_dir: Path, log_path: Path, environment: dict[str, str] | None = None
    ) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log_path.open("ab")
        inherited = {k: v for k, v in os.environ.items() if k != "PLANCHECK_DATABASE_URL"}
        # The database is the data directory's SQLite file unless the test names one.
        environment = {**inherited, **(environment or {}), "PLANCHECK_DATA_DIR": str(data_dir)}
        command = [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/dang-nhap", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, like a power cut for the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self._log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self._log.close()


def signed_in(url: str, username: str, timeout: float = 120) -> httpx.Client:
    """An HTTP client with a signed-in session on the server at ``url``."""
    client = httpx.Client(base_url=url, timeout=timeout, follow_redirects=False)
    page = client.get("/dang-nhap").text
    token = re.search(r'name="csrf_token" value="([A-Za-z0-9_-]+)"', page)
    assert token is not None
    response = client.post(
        "/dang-nhap",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 303, response.text
    return client
