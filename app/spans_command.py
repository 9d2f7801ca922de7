"""``plancheck spans``: what extraction found in plans, as a spaCy DocBin for annotation tools.

spaCy loads inside the command (``extract.annotations``), never when the command
line starts, so ``check`` and ``--help`` do not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from extract.model import Plan

EXIT_INPUT_ERROR = 2


def spans(
    files: Annotated[
        list[Path], typer.Argument(help="Các tệp kế hoạch (.txt, .md, .docx, .pdf, ảnh).")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Tệp DocBin của spaCy cần ghi (.spacy).")
    ],
) -> None:
    """Xuất các đoạn đã nhận diện thành tệp DocBin của spaCy (export spans as a spaCy DocBin).

    Các đoạn: thông tin đầu văn bản, chỉ tiêu, nhiệm vụ, thời hạn, cơ quan; dùng cho công cụ
    gán nhãn (annotation tools).

    Mỗi kế hoạch là một Doc; các đoạn nằm trong nhóm "plancheck", các đoạn không chồng nhau
    (thông tin đầu văn bản, thời hạn, cơ quan) cũng là doc.ents. Tệp không đọc được được báo
    và bỏ qua. Mã thoát / exit codes: 0 thành công, 2 có tệp không đọc được hoặc không ghi được.
    """
    from app.terminal import shown
    from extract import load_plan
    from extract.annotations import plans_docbin
    from extract.errors import PlanInputError

    plans: list[Plan] = []
    failed = False
    for file in files:
        try:
            plans.append(load_plan(file))
        except PlanInputError as error:
            typer.echo(f"Lỗi / Error: {shown(error.message)}", err=True)
            failed = True
    try:
        output.write_bytes(plans_docbin(plans))
    except OSError as error:
        typer.echo(
            f"Lỗi / Error: không ghi được {output} (cannot write {output}): {error.strerror}",
            err=True,
        )
        raise typer.Exit(EXIT_INPUT_ERROR) from None
    typer.echo(f"Đã ghi {len(plans)} kế hoạch vào {output} (wrote {len(plans)} plans).")
    if failed:
        raise typer.Exit(EXIT_INPUT_ERROR)
