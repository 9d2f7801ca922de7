"""The ``plancheck`` command line.

Heavy modules (spaCy, the web stack) are imported inside the commands that
need them, so ``plancheck --help`` and a single check start fast.
"""

from __future__ import annotations

import copy
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app.cli_language import VietnameseCommand, VietnameseGroup

app = typer.Typer(
    name="plancheck",
    cls=VietnameseGroup,
    help="Rà soát kế hoạch cấp dưới so với kế hoạch cấp trên "
    "(checks Vietnamese subordinate plans against the plan they implement).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT_ERROR = 2


def _print_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        typer.echo(f"plancheck {version('plancheck')}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="In phiên bản rồi thoát (print the version).",
        ),
    ] = False,
) -> None:
    """Rà soát kế hoạch cấp dưới so với kế hoạch cấp trên."""


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"


@app.command(cls=VietnameseCommand)
def extract(
    file: Annotated[
        Path, typer.Argument(help="Tệp kế hoạch (.txt, .md, .docx, .pdf, ảnh .png/.jpg/.tif).")
    ],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: mô hình đầy đủ; text: tóm tắt.")
    ] = ExtractFormat.json,
) -> None:
    """Trích xuất mô hình kế hoạch (extract the plan model)."""
    from extract import load_plan

    plan = _or_exit(lambda: load_plan(file))
    if format is ExtractFormat.json:
        sys.stdout.write(plan.model_dump_json(indent=2) + "\n")
    else:
        from app.summary import plan_summary

        sys.stdout.write(plan_summary(plan))


def _or_exit(action):  # type: ignore[no-untyped-def]
    """Run ``action``; turn an input error into its one-line message and exit 2."""
    from app.terminal import shown
    from extract.errors import PlanInputError

    try:
        return action()
    except PlanInputError as error:
        typer.echo(f"Lỗi / Error: {shown(error.message)}", err=True)
        raise typer.Exit(EXIT_INPUT_ERROR) from None


def _register_batch_commands() -> None:
    # check and audit live in their own modules; their heavy imports stay inside them.
    from app.audit.command import audit
    from app.check_command import check
    from app.repair_command import repair

    app.command(name="check", cls=VietnameseCommand)(check)
    app.command(name="audit", cls=VietnameseCommand)(audit)
    app.command(name="repair", cls=VietnameseCommand)(repair)


_register_batch_commands()


def _register_web_commands() -> None:
    # app.web_commands imports only typer; fastapi and uvicorn load inside `serve`.
    from app.web_commands import create_admin, serve

    app.command(name="serve", cls=VietnameseCommand)(serve)
    app.command(name="create-admin", cls=VietnameseCommand)(create_admin)


_register_web_commands()


def _register_rules_command() -> None:
    # app.rules_command imports only typer; the registry and rich load inside `rules`.
    from app.rules_command import rules

    app.command(name="rules", cls=VietnameseCommand)(rules)


_register_rules_command()


def _register_spans_command() -> None:
    # app.spans_command imports only typer; spaCy loads inside `spans`.
    from app.spans_command import spans

    app.command(name="spans", cls=VietnameseCommand)(spans)


_register_spans_command()


def main() -> None:
    """Run the command line in this interpreter (tests and benchmarks call it in-process)."""
    command_line(sys.argv[1:])()


def command_line(arguments: list[str]) -> typer.Typer:
    """``app``, or when the first argument names a command, ``app`` with that command alone.

    typer builds every registered command (each parameter's annotation, its click object)
    before it looks at the arguments: 1% of a cold check's instructions (issue 18). A run of
    one command needs that command and the group's own callback (``--version``) only; the
    group's help and the suggestions for a mistyped command need every command, so any
    other first argument gets the whole ``app``.
    """
    from typer.main import get_command_name

    name = arguments[0] if arguments else None
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == name
    ]
    if not chosen:
        return app
    alone = copy.copy(app)  # the same settings and callback; app itself stays whole
    alone.registered_commands = chosen
    return alone


def console_main() -> None:
    """Entry point of the ``plancheck`` script: ``main`` without the interpreter's teardown.

    Freeing every module and object at exit was 12% of a cold check (issue 18). Once the
    command has returned, its files are closed (each is written inside a ``with``), so this
    flushes stdout/stderr, runs the atexit handlers and ends with ``os._exit``. Only here,
    never in ``main``: an in-process caller must get its SystemExit back. The cyclic
    collector is paused while the command starts (``app.startup``).
    """
    from app.startup import pause_for_start

    pause_for_start()
    try:
        main()
    except SystemExit as ended:
        code = ended.code
    else:
        code = 0
    _exit_now(code)


def _exit_now(code: str | int | None) -> None:
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)  # a live non-main thread: let the interpreter join it as usual
    if code is None:
        status = EXIT_OK
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and exits 1, as Python does
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be written
            status = status or 1
    os._exit(status & 0xFF)


if __name__ == "__main__":
    console_main()
