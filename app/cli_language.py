"""The command line's own words in Vietnamese: usage, help, panels and usage errors.

typer (and the click inside it) print "Usage:", "Show this message and exit.",
"[required]", "No such option", "Aborted." in English. A reviewer reads
Vietnamese, so the group and command classes here put the words of
``app/data/cli_words.yaml`` in their place; usage errors read "Vietnamese / English".
``PLANCHECK_LANG=en`` keeps typer's own English throughout.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from typer import Abort
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.2x carries its own copy of click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older typer on click
    from click.exceptions import ClickException  # type: ignore[no-redef, assignment]

LANGUAGE_VARIABLE = "PLANCHECK_LANG"
# Read with PyYAML directly, not extract.resources.load_yaml: importing the extract
# package would load the whole reader, and `plancheck --help` must start fast.
WORDS_PATH = Path(__file__).parent / "data" / "cli_words.yaml"


@dataclass(frozen=True)
class ErrorWords:
    """One usage error: the English it matches and the Vietnamese it reads as."""

    pattern: str
    vietnamese: str


@dataclass(frozen=True)
class CliWords:
    """The vocabulary of ``cli_words.yaml``.

    A dataclass checked by hand rather than a pydantic model: ``plancheck --help``
    must start fast, and pydantic is the heaviest import it would pay for.
    """

    usage: str
    metavars: dict[str, str]
    help_option: str
    rich: dict[str, str]
    errors: tuple[ErrorWords, ...]
    fallback: str
    suggestion: str


@cache
def words() -> CliWords:
    """The command line's words, loaded and checked once."""
    text = WORDS_PATH.read_text(encoding="utf-8")
    data = _compiled(text)
    if data is None:
        import yaml

        data = yaml.safe_load(text)
        _compile(text, data)
    texts = ("usage", "help_option", "fallback", "suggestion")
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) for key in texts):
        raise ValueError(f"{WORDS_PATH.name}: {', '.join(texts)} must be text")
    rich, metavars, errors = data.get("rich"), data.get("metavars"), data.get("errors")
    if not isinstance(rich, dict) or not isinstance(metavars, dict) or not isinstance(errors, list):
        raise ValueError(f"{WORDS_PATH.name}: 'rich', 'metavars' must be mappings, 'errors' a list")
    return CliWords(
        usage=data["usage"],
        metavars={str(key): str(value) for key, value in metavars.items()},
        help_option=data["help_option"],
        rich={str(key): str(value) for key, value in rich.items()},
        errors=tuple(ErrorWords(str(row["pattern"]), str(row["vietnamese"])) for row in errors),
        fallback=data["fallback"],
        suggestion=data["suggestion"],
    )


def _compiled_path() -> Path:
    return WORDS_PATH.parent / "__pycache__" / f"{WORDS_PATH.name}.marshal"


def _compiled(text: str) -> Any:
    """The words parsed from ``text`` by an earlier run, or None.

    Importing PyYAML is a tenth of ``plancheck --help`` (issue 18). Like Python's own
    bytecode, the parsed words are kept in ``__pycache__`` (marshal, no import needed),
    together with the text they were parsed from: a changed file is parsed again.
    """
    try:
        kept_text, data = marshal.loads(_compiled_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or another Python's
        return None
    return data if kept_text == text else None


def _compile(text: str, data: Any) -> None:
    """Keep the parsed words for the next run; a folder we cannot write costs only speed."""
    path = _compiled_path()
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(exist_ok=True)
        partial.write_bytes(marshal.dumps((text, data)))
        os.replace(partial, path)  # whole or not at all, for a run reading it meanwhile
    except (OSError, ValueError):  # ValueError: a value marshal cannot keep
        partial.unlink(missing_ok=True)


def in_english() -> bool:
    """Whether the user asked for typer's English (``PLANCHECK_LANG=en``)."""
    return os.environ.get(LANGUAGE_VARIABLE, "vi").strip().lower().startswith("en")


def use_vietnamese_panels() -> None:
    """Put the Vietnamese titles and markers into typer's rich help and error panels.

    Called just before typer draws help or an error, not when the command line starts:
    typer.rich_utils (rich's Markdown, tables, panels) costs a command that prints
    neither, such as a check, about 0.08 s CPU of a cold start (issue 18).
    """
    if in_english():
        return
    from typer import rich_utils

    for name, text in words().rich.items():
        if not hasattr(rich_utils, name):
            raise ValueError(f"cli_words.yaml: typer.rich_utils has no {name}")
        setattr(rich_utils, name, text)


def translate_error(english: str) -> str:
    """A usage error as "Vietnamese / English"."""
    vocabulary = words()
    for entry in vocabulary.errors:
        match = re.fullmatch(entry.pattern, english.strip(), flags=re.DOTALL)
        if match is None:
            continue
        found = {key: value for key, value in match.groupdict().items() if value is not None}
        vietnamese = entry.vietnamese.format(**found)
        if "suggestion" in found:
            vietnamese += vocabulary.suggestion.format(suggestion=found["suggestion"])
        return f"{vietnamese} / {english}"
    return f"{vocabulary.fallback} / {english}"


class _Vietnamese:
    """What the group and its commands share: the usage line and the help option."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        if in_english():
            super().format_usage(ctx, formatter)  # type: ignore[misc]
            return
        vocabulary = words()
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        shown = [vocabulary.metavars.get(piece, piece) for piece in pieces]
        formatter.write_usage(ctx.command_path, " ".join(shown), prefix=vocabulary.usage)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        use_vietnamese_panels()
        for param in self.params:  # type: ignore[attr-defined]
            _show_no_type_for_flag(param)
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            _show_no_type_for_flag(option)
            if not in_english():
                option.help = words().help_option
        return option


def _show_no_type_for_flag(param: Any) -> None:
    """An on/off flag takes no value: typer 0.29's help would show it as "<bool>", as if it did."""
    on_off = getattr(param, "is_flag", False) and not getattr(param, "count", False)
    if on_off and param.metavar is None:
        param.metavar = ""


class VietnameseCommand(_Vietnamese, TyperCommand):
    """A typer command whose help reads in Vietnamese."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; the command line is parsed, so the collector resumes (app.startup)."""
        from app.startup import resume

        resume()
        return super().invoke(ctx)


class VietnameseGroup(_Vietnamese, TyperGroup):
    """The ``plancheck`` group: Vietnamese help, usage errors in Vietnamese and English."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Run the command line; translate the usage errors typer would print in English."""
        if in_english() or not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode=standalone_mode, **kwargs
            )
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except ClickException as error:
            english = error.format_message()
            error.format_message = lambda: translate_error(english)  # type: ignore[method-assign]
            use_vietnamese_panels()
            from typer import rich_utils

            rich_utils.rich_format_error(error)
            sys.exit(error.exit_code)
        except Abort:
            use_vietnamese_panels()
            from typer import rich_utils

            rich_utils.rich_abort_error()
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
