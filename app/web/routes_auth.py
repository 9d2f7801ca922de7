"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.store import Database
from app.store.repository import authenticate
from app.web.guards import require_csrf
from app.web.pages import render
from app.web.security import CSRF_FIELD, SignInThrottle

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
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    if throttle.blocked(username.strip()):
        return render(
            request,
            "sign_in.html.j2",
            status_code=429,
            error="Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.",
            username=username,
        )

    def check() -> int | None:
        with database.reading() as session:
            user = authenticate(session, username.strip(), password)
            return user.id if user is not None else None

    user_id = await run_in_threadpool(check)
    if user_id is None:
        throttle.failed(username.strip())
        return render(
            request,
            "sign_in.html.j2",
            status_code=401,
            error="Tên đăng nhập hoặc mật khẩu không đúng.",
            username=username,
        )
    throttle.succeeded(username.strip())
    request.state.session.sign_in(user_id)
    return RedirectResponse("/", status_code=303)


@router.post("/dang-xuat")
def sign_out(request: Request, csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Response:
    require_csrf(request, csrf_token)
    request.state.session.sign_out()
    return RedirectResponse("/dang-nhap", status_code=303)
