"""Sign in, sign out and change the password; the last two end the user's sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.store import Database
from app.store.repository import authenticate
from app.store.sign_in import SignInLimit, change_password, end_sessions
from app.web.guards import require_csrf, signed_in_user
from app.web.pages import render
from app.web.security import CSRF_FIELD

router = APIRouter()


@router.get("/dang-nhap")
def sign_in_page(request: Request) -> Response:
    return render(request, "sign_in.html.j2", error=None, username="")


@router.post("/dang-nhap")
async def sign_in(
    request: Request,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    database: Database = request.app.state.db
    limit: SignInLimit = request.app.state.sign_in_limit
    name = username.strip()
    # The slot is taken before the password is checked: parallel guesses cannot
    # check more passwords than the limit.
    if not await run_in_threadpool(limit.take_slot, name):
        return render(
            request,
            "sign_in.html.j2",
            status_code=429,
            error="Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.",
            username=username,
        )

    def check() -> tuple[int, int] | None:
        with database.reading() as session:
            user = authenticate(session, name, password)
            return (user.id, user.session_generation) if user is not None else None

    signed = await run_in_threadpool(check)
    if signed is None:
        return render(
            request,
            "sign_in.html.j2",
            status_code=401,
            error="Tên đăng nhập hoặc mật khẩu không đúng.",
            username=username,
        )
    await run_in_threadpool(limit.succeeded, name)
    request.state.session.sign_in(*signed)
    return RedirectResponse("/", status_code=303)


@router.post("/dang-xuat")
async def sign_out(
    request: Request, csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = ""
) -> Response:
    require_csrf(request, csrf_token)
    user = request.state.user
    if user is not None:
        # Every session of this user ends, including copies of this cookie.
        await run_in_threadpool(_end_sessions, request.app.state.db, user.id)
    request.state.session.sign_out()
    return RedirectResponse("/dang-nhap", status_code=303)


@router.get("/doi-mat-khau")
def password_page(request: Request) -> Response:
    signed_in_user(request)
    return render(request, "password.html.j2", error=None)


@router.post("/doi-mat-khau")
async def password_change(
    request: Request,
    current: Annotated[str, Form(max_length=200)] = "",
    new: Annotated[str, Form(max_length=200)] = "",
    repeated: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    user = signed_in_user(request)
    if new != repeated:
        mismatch = "Hai lần nhập mật khẩu mới khác nhau."
        return render(request, "password.html.j2", status_code=400, error=mismatch)
    database: Database = request.app.state.db
    limit: SignInLimit = request.app.state.sign_in_limit
    # Checking the current password is a guess like any sign-in: the same limit holds.
    if not await run_in_threadpool(limit.take_slot, user.username):
        blocked = "Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau 15 phút."
        return render(request, "password.html.j2", status_code=429, error=blocked)

    def change() -> int:
        with database.transaction() as session:
            return change_password(session, user.id, current, new)

    try:
        generation = await run_in_threadpool(change)
    except ValueError as error:
        message = str(error)
        return render(
            request, "password.html.j2", status_code=400, error=message[:1].upper() + message[1:]
        )
    await run_in_threadpool(limit.succeeded, user.username)
    # Every other session of the user has ended; this one goes on under the new generation.
    request.state.session.sign_in(user.id, generation)
    return render(request, "password.html.j2", error=None, done=True)


def _end_sessions(database: Database, user_id: int) -> None:
    with database.transaction() as session:
        end_sessions(session, user_id)
