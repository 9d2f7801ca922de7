"""``plancheck audit``: every plan of a folder, with a progress bar and a failure list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from app.terminal import shown

if TYPE_CHECKING:
    from concurrent.futures import Executor  # a type only: other commands start without it

    from rich.console import Console
    from rich.progress import TaskID

    from app.audit.dask_engine import DaskUnavailable
    from app.audit.runner import AuditRun


class Engine(StrEnum):
    """Where the batch runs: this machine's process pool, or a Dask cluster."""

    local = "local"
    dask = "dask"


def audit(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Thư mục kế hoạch cần rà soát; mặc định: kho văn bản kèm theo."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi kết quả.")] = Path("out"),
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Số tiến trình song song; mặc định: mọi lõi."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Tệp cấu hình quy tắc plancheck.toml.")
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Nơi chạy lô: local (các tiến trình của máy này) hoặc dask (cụm Dask; "
            "cần cài thêm gói bổ sung dask của plancheck).",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Địa chỉ bộ điều phối Dask (vd. tcp://10.0.0.5:8786); mặc định: "
            "một cụm Dask cục bộ gồm --jobs tiến trình. Chỉ dùng với --engine dask.",
        ),
    ] = None,
) -> None:
    """Rà soát mọi kế hoạch trong một thư mục (audit a folder of plans).

    Tự xác định kế hoạch cấp trên của từng kế hoạch trong lô; ghi một báo cáo
    cho mỗi kế hoạch, audit.xlsx và index.html vào --out. Tệp hỏng được liệt kê
    và lô vẫn tiếp tục. Mã thoát / exit codes: 2 nếu có tệp không rà soát được,
    nếu không thì 1 nếu có phát hiện mức Lỗi, nếu không thì 0.
    """
    from rich.console import Console

    from extract.resources import corpus_dir

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    source = folder if folder is not None else corpus_dir() / "plans"
    if not source.exists():
        _stop(console, f"{source}: không tìm thấy thư mục / folder not found")
    if scheduler is not None and engine is not Engine.dask:
        _stop(console, "--scheduler chỉ dùng với --engine dask / --scheduler needs --engine dask")
    run = _run_or_stop(console, source, out, jobs, config, engine, scheduler)
    _print_summary(console, run)
    if run.index is not None:
        typer.echo(str(run.index))
    raise typer.Exit(run.exit_code)


def _run_or_stop(
    console: Console,
    source: Path,
    out: Path,
    jobs: int | None,
    config: Path | None,
    engine: Engine,
    scheduler: str | None,
) -> AuditRun:
    """Run the audit; a problem with the whole batch (not one file) stops it with exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.audit.runner import run_audit
    from extract.errors import PlanInputError, explain

    try:
        with _executor(engine, jobs, scheduler) as executor, _BarProgress(console) as progress:
            return run_audit(
                source, out, jobs=jobs, config_path=config, executor=executor, progress=progress
            )
    except _dask_unavailable() as error:
        _stop(console, error.message)
    except PlanInputError as error:  # the configuration file, not a plan
        _stop(console, error.message)
    except OSError as error:  # the output folder cannot be written
        _stop(console, f"{error.filename or out}: không ghi được / cannot write ({error})")
    except SQLAlchemyError as error:
        _stop(
            console,
            "không mở được cơ sở dữ liệu bộ nhớ đệm / cannot open the cache database "
            f"(PLANCHECK_DATABASE_URL): {explain(error)}",
        )


@contextmanager
def _executor(engine: Engine, jobs: int | None, scheduler: str | None) -> Iterator[Executor | None]:
    """The batch's executor: None for the local pool (run_audit's default), or Dask's."""
    if engine is Engine.local:
        yield None
        return
    from app.audit.dask_engine import dask_executor

    with dask_executor(jobs, scheduler) as executor:
        yield executor


def _dask_unavailable() -> type[DaskUnavailable]:
    # The module imports Dask only inside its function, so importing it here is cheap.
    from app.audit.dask_engine import DaskUnavailable

    return DaskUnavailable


def _stop(console: Console, message: str) -> NoReturn:
    console.print(f"Lỗi / Error: {shown(message)}", markup=False)
    raise typer.Exit(2)


class _BarProgress:
    """A rich progress bar per stage, naming the file just finished."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}", style="dim", markup=False),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> _BarProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def stage(self, label: str, total: int) -> None:
        self.task = self.bar.add_task(label, total=total, current="")

    def advance(self, path: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, current=Path(path).name)


def _print_summary(console: Console, run: AuditRun) -> None:
    from rich.text import Text

    for failure in run.failures.values():
        # Text, not markup: a file name may contain brackets.
        console.print(
            Text.assemble(("Không rà soát được / Failed: ", "red"), shown(failure.message))
        )
    for path in run.unchecked:
        console.print(
            Text.assemble(
                ("Chưa kiểm tra được / Not checked: ", "red"),
                shown(f"{path}: không đọc được chữ một cách tin cậy "
                      "/ the text could not be read reliably"),
            )
        )
    console.print(
        f"{run.plans} tệp kế hoạch: {run.checked} rà soát mới, {run.reused} lấy từ bộ nhớ đệm, "
        f"{len(run.failures)} lỗi đầu vào / {run.plans} plan files: {run.checked} checked, "
        f"{run.reused} from cache, {len(run.failures)} failed"
    )
