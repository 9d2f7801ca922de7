"""Issue 15 item 10: the command line's own words are Vietnamese; PLANCHECK_LANG=en keeps English.

Run as a separate process: typer's panel titles are set when app.cli is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ENGLISH_FRAMEWORK = ("Usage:", "Show this message and exit.", "[required]", "Options", "Arguments")


def _plancheck(*arguments: str, language: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PLANCHECK_LANG"}
    environment["TERMINAL_WIDTH"] = "120"
    if language is not None:
        environment["PLANCHECK_LANG"] = language
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def test_help_is_vietnamese() -> None:
    shown = _plancheck("check", "--help")
    assert shown.returncode == 0
    for vietnamese in ("Cách dùng: ", " check [TÙY CHỌN]", "Hiện hướng dẫn này rồi thoát.",
                       "Tùy chọn", "Tham số", "[bắt buộc]", "[mặc định: text]"):
        assert vietnamese in shown.stdout, vietnamese
    for english in ENGLISH_FRAMEWORK:
        assert english not in shown.stdout, english


@pytest.mark.parametrize("language", [None, "en"])
def test_flags_show_no_value_type(language: str | None) -> None:
    """`--quiet` and `--help` take no value: typer 0.29 labelled them "<bool>" as if they did."""
    shown = _plancheck("check", "--help", language=language)
    assert shown.returncode == 0
    quiet_row = next(line for line in shown.stdout.splitlines() if "--quiet" in line)
    assert "<bool>" not in shown.stdout and "<" not in quiet_row, quiet_row
    assert "<path>" in shown.stdout  # options that take a value still show its type


@pytest.mark.parametrize(
    ("arguments", "vietnamese", "english"),
    [
        (("check", "--nope"), "Không có tùy chọn --nope.", "No such option: --nope"),
        (("check",), "Thiếu tham số bắt buộc 'child'.", "Missing argument 'child'."),
        (("kiem-tra",), "Không có lệnh 'kiem-tra'.", "No such command 'kiem-tra'."),
        (("check", "a.txt", "-f", "pdf"), "Giá trị 'pdf' không hợp lệ", "is not one of"),
    ],
)
def test_usage_errors_read_vietnamese_then_english(
    arguments: tuple[str, ...], vietnamese: str, english: str
) -> None:
    shown = _plancheck(*arguments)
    assert shown.returncode == 2
    flat = " ".join(shown.stderr.replace("│", " ").split())
    assert vietnamese in flat and english in flat, flat
    assert "Cách dùng:" in flat and "Usage:" not in flat
    assert "Lỗi / Error" in flat


def test_english_on_request() -> None:
    shown = _plancheck("check", "--help", language="en")
    assert "Usage:" in shown.stdout and "Show this message and exit." in shown.stdout
    error = _plancheck("check", "--nope", language="en")
    assert error.returncode == 2 and "No such option: --nope" in error.stderr
    assert "Không có tùy chọn" not in error.stderr


def test_the_words_parsed_once_are_kept_and_a_changed_file_is_parsed_again(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import cli_language

    copy = tmp_path / "cli_words.yaml"
    copy.write_text(cli_language.WORDS_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(cli_language, "WORDS_PATH", copy)
    cli_language.words.cache_clear()
    try:
        parsed = cli_language.words()
        assert (tmp_path / "__pycache__" / "cli_words.yaml.marshal").is_file()
        cli_language.words.cache_clear()
        assert cli_language.words() == parsed  # from the kept form
        copy.write_text(
            copy.read_text(encoding="utf-8").replace('"Tùy chọn"', '"Các tùy chọn"'),
            encoding="utf-8",
        )
        cli_language.words.cache_clear()
        assert cli_language.words().rich["OPTIONS_PANEL_TITLE"] == "Các tùy chọn"
        # A kept form that cannot be read (another Python, a torn file) is parsed again.
        (tmp_path / "__pycache__" / "cli_words.yaml.marshal").write_bytes(b"\x00broken")
        cli_language.words.cache_clear()
        assert cli_language.words().rich["OPTIONS_PANEL_TITLE"] == "Các tùy chọn"
    finally:
        cli_language.words.cache_clear()
