"""``plancheck serve`` and ``plancheck create-admin``: the web page's commands.

Registered in app/cli.py; this module imports the web stack only inside the
commands, so the rest of the command line starts without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LOOPBACK_NAMES = ("localhost",)

NON_LOOPBACK_WARNING = (
    "CẢNH BÁO: máy chủ đang mở trên địa chỉ {host}, không chỉ trên máy này. Mật khẩu và "
    "văn bản sẽ đi qua mạng KHÔNG mã hóa nếu không có TLS (HTTPS, ví dụ nginx) đứng trước.\n"
    "WARNING: the server listens on {host}, not only on this machine. Passwords and "
    "documents cross the network UNENCRYPTED unless TLS (HTTPS, e.g. nginx) is in front."
)


def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe (mặc định: chỉ máy này).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Cổng.", min=1, max=65535)] = 8000,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            help="Thư mục dữ liệu (mặc định $PLANCHECK_DATA_DIR hoặc ~/.local/share/plancheck)."
        ),
    ] = None,
) -> None:
    """Chạy trang web rà soát (serve the reviewers' web page)."""
    import uvicorn
    from pydantic import ValidationError

    from app.settings import invalid_setting, legacy_web_folder
    from app.web import Settings, create_app

    if not is_loopback(host):
        typer.secho(NON_LOOPBACK_WARNING.format(host=host), fg="red", bold=True, err=True)
    legacy = legacy_web_folder(data_dir)
    if legacy is not None:
        data_dir = legacy
        typer.echo(
            f"Dùng thư mục dữ liệu cũ {legacy.resolve()} (mặc định trước ngày 07/12/2026); "
            "đặt PLANCHECK_DATA_DIR hoặc --data-dir để chọn thư mục khác.\n"
            f"Using the earlier data folder {legacy.resolve()} (the default before "
            "2026-12-07); set PLANCHECK_DATA_DIR or --data-dir to choose another.",
            err=True,
        )
    try:
        application = create_app(Settings.from_env(data_dir))
    except ValidationError as error:
        detail = invalid_setting(error)
        typer.echo(
            f"Lỗi: biến môi trường không hợp lệ ({detail}).\n"
            f"Error: invalid environment variable ({detail}).",
            err=True,
        )
        raise typer.Exit(2) from None
    except OSError as error:
        # A data directory that cannot be created or written (permissions, a file in
        # the way, a read-only disk): one sentence in both languages, no traceback.
        where = error.filename or data_dir or "PLANCHECK_DATA_DIR"
        cause = error.strerror or str(error)
        typer.echo(
            f"Lỗi: không tạo hoặc ghi được thư mục dữ liệu {where} ({cause}). "
            "Hãy chọn thư mục khác bằng --data-dir hoặc PLANCHECK_DATA_DIR.\n"
            f"Error: cannot create or write the data directory {where} ({cause}). "
            "Choose another with --data-dir or PLANCHECK_DATA_DIR.",
            err=True,
        )
        raise typer.Exit(2) from None
    typer.echo(f"plancheck: http://{host}:{port}/  (Ctrl+C để dừng / to stop)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info", proxy_headers=False)


def create_admin(
    username: Annotated[str, typer.Option(prompt="Tên đăng nhập", help="Tên đăng nhập.")],
    office: Annotated[str, typer.Option(prompt="Cơ quan", help="Tên cơ quan của tài khoản.")],
    password: Annotated[
        str,
        typer.Option(
            prompt="Mật khẩu",
            hide_input=True,
            confirmation_prompt=True,
            envvar="PLANCHECK_ADMIN_PASSWORD",
            help="Mật khẩu (ít nhất 8 ký tự); hoặc biến môi trường PLANCHECK_ADMIN_PASSWORD.",
        ),
    ],
    full_name: Annotated[str, typer.Option(help="Họ tên hiển thị.")] = "",
    role: Annotated[str, typer.Option(help="reviewer, auditor hoặc admin.")] = "admin",
    data_dir: Annotated[Path | None, typer.Option(help="Thư mục dữ liệu.")] = None,
) -> None:
    """Tạo tài khoản (quản trị viên đầu tiên) trong cơ sở dữ liệu (create an account)."""
    from app.store import Database
    from app.store.repository import create_user
    from app.web.settings import Settings

    settings = Settings.from_env(data_dir)
    database = Database(settings.database_url)
    try:
        with database.transaction() as session:
            create_user(session, username, password, office, role=role, full_name=full_name)
    except ValueError as error:
        typer.echo(f"Lỗi / Error: {error}", err=True)
        raise typer.Exit(2) from None
    finally:
        database.dispose()
    typer.echo(f"Đã tạo tài khoản {username} ({role}, {office}).")


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    # Imported here: every command (and --help) imports this module to register serve.
    import ipaddress
    import socket

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(
        ipaddress.ip_address(address).is_loopback for address in addresses
    )
