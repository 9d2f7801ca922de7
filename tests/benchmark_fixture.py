"""A benchmark module for the runner's tests: behaves as ``PLANCHECK_FIXTURE_BENCH`` says.

``ok`` returns figures, ``fail`` raises, ``hang`` starts a grandchild process and then
both sleep far past any timeout the tests give (the runner must stop the whole group).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def run() -> dict[str, object]:
    """Do what the environment asks."""
    mode = os.environ.get("PLANCHECK_FIXTURE_BENCH", "ok")
    if mode == "fail":
        raise RuntimeError("this benchmark fails on purpose")
    if mode == "hang":
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        Path(os.environ["PLANCHECK_FIXTURE_PID_FILE"]).write_text(str(grandchild.pid))
        time.sleep(600)
    return {"value": 1, "mode": mode}
