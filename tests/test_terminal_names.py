"""File names with a newline or an escape sequence are printed escaped (issue 22, item 10)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.terminal import shown

ROOT = Path(__file__).resolve().parents[1]
WARD_PLAN = ROOT / "corpus" / "plans" / "dang-uy-phuong-48-KH-DU-de-an-13.txt"
HOSTILE = "ke\nhoach\x1b[2J\x1b]0;gia mao\x07.txt"


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "check", str(path), "--format", "text"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_shown_escapes_controls_and_keeps_vietnamese() -> None:
    assert shown("Kế hoạch\n\x1b[31m\u2028đỏ\t") == "Kế hoạch\\n\\x1b[31m\\u2028đỏ\\t"


def test_an_unreadable_file_with_a_hostile_name_is_named_escaped(tmp_path: Path) -> None:
    path = tmp_path / HOSTILE
    path.write_bytes(b"")
    finished = _check(path)
    assert finished.returncode == 2
    assert "\x1b" not in finished.stderr and "\x07" not in finished.stderr
    assert "ke\\nhoach\\x1b[2J" in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1


def test_a_checked_plan_with_a_hostile_name_is_titled_escaped(tmp_path: Path) -> None:
    path = tmp_path / HOSTILE
    path.write_bytes(WARD_PLAN.read_bytes())
    finished = _check(path)
    assert "\x1b" not in finished.stdout and "\x07" not in finished.stdout
    assert "ke\\nhoach\\x1b[2J" in finished.stdout
