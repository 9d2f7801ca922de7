"""The FastAPI application: settings, database, sessions, security headers, routes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from app.plan_store import PlanStore
from app.store import Database, User
from app.store.sign_in import SignInLimit
from app.web.memory import bound_malloc_arenas
from app.web.orphans import claim_data_dir
from app.web.security import (
    DOWNLOAD_CSP,
    SESSION_COOKIE,
    BodySizeLimit,
    SessionData,
    SessionSigner,
)
from app.web.settings import Settings
from app.web.worker import Busy, CheckFailed, CheckPool, PoolLimits

# Parsed plans are keyed by path, size and modification time, so every application in the
# process can share them (tests build many; a server builds one). The server reads only the
# bundled parents itself (to leave the upload's own copy out of its parent list); checks run
# in the workers, each with its own store.
SHARED_PLAN_STORE = PlanStore()
# Worker pools by their limits: every application of the process with the same limits
# shares one pool, so the server as a whole runs at most ``workers`` checks at once.
SHARED_POOLS: dict[PoolLimits, CheckPool] = {}

# Room for the multipart envelope and the form's other fields around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in user as the request sees them (detached from any database session)."""

    id: int
    username: str
    full_name: str
    role: str
    office_id: int
    office_name: str

    @property
    def sees_all_offices(self) -> bool:
        return self.role in ("auditor", "admin")

    @property
    def role_label(self) -> str:
        return {"reviewer": "Chuyên viên", "auditor": "Kiểm tra", "admin": "Quản trị"}.get(
            self.role, self.role
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the web application.

    Args:
        settings: Data directory, database and limits; from the environment when omitted.
    """
    settings = settings or Settings.from_env()
    # Before the request threads start: each would otherwise keep an arena of its own.
    bound_malloc_arenas()
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    application = FastAPI(title="plancheck", docs_url=None, redoc_url=None, openapi_url=None)
    application.state.settings = settings
    application.state.db = Database(settings.database_url)
    application.state.data_dir_lock = claim_data_dir(
        settings.data_dir, settings.uploads_dir, application.state.db
    )
    application.state.signer = SessionSigner(settings.secret_key, settings.session_hours * 3600)
    application.state.plan_store = SHARED_PLAN_STORE
    application.state.sign_in_limit = SignInLimit(application.state.db)
    application.state.check_pool = check_pool(settings.check_limits)

    from app.web import routes_auth, routes_plans

    application.include_router(routes_auth.router)
    application.include_router(routes_plans.router)
    _add_error_pages(application)
    application.middleware("http")(_session_middleware)
    application.add_middleware(
        BodySizeLimit, max_bytes=settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES
    )
    return application


def check_pool(limits: PoolLimits) -> CheckPool:
    """The process's pool for these limits (created on first use)."""
    pool = SHARED_POOLS.get(limits)
    if pool is None:
        pool = SHARED_POOLS.setdefault(limits, CheckPool(limits, SHARED_PLAN_STORE))
        pool.start()
    return pool


async def _session_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    signer: SessionSigner = request.app.state.signer
    session = signer.decode(request.cookies.get(SESSION_COOKIE)) or SessionData.fresh()
    request.state.session = session
    request.state.user = None
    if session.user_id is not None:
        request.state.user = await run_in_threadpool(_load_user, request, session)
        if request.state.user is None:
            session.sign_out()  # revoked (signed out elsewhere, password changed) or deleted
    response = await call_next(request)
    if session.changed:
        settings: Settings = request.app.state.settings
        response.set_cookie(
            SESSION_COOKIE,
            signer.encode(session),
            max_age=settings.session_hours * 3600,
            httponly=True,
            samesite="strict",
            secure=settings.secure_cookies,
            path="/",
        )
    _add_security_headers(response)
    return response


def _load_user(request: Request, cookie: SessionData) -> CurrentUser | None:
    """The cookie's user, if the account exists and the session was not revoked since."""
    database: Database = request.app.state.db
    with database.reading() as session:
        user = session.get(User, cookie.user_id)
        if user is None or user.session_generation != cookie.generation:
            return None
        return CurrentUser(
            user.id, user.username, user.full_name, user.role, user.office_id, user.office.name
        )


def _add_security_headers(response: Response) -> None:
    # Every response gets a policy; pages and reports set their own stricter ones first.
    response.headers.setdefault("Content-Security-Policy", DOWNLOAD_CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")


def _add_error_pages(application: FastAPI) -> None:
    """Errors as Vietnamese pages (with the page's headers), never a traceback or JSON."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import RedirectResponse
    from starlette.exceptions import HTTPException

    from app.web.guards import SignInRequired
    from app.web.pages import render

    async def sign_in_required(request: Request, _error: Exception) -> Response:
        return RedirectResponse("/dang-nhap", status_code=303)

    async def http_error(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 400
        detail = error.detail if isinstance(error, HTTPException) else None
        message = detail if isinstance(detail, str) and status != 405 else ERROR_TEXT.get(status)
        return render(
            request,
            "error.html.j2",
            status_code=status,
            status=status,
            title=ERROR_TITLES.get(status, "Có lỗi xảy ra"),
            message=message or "Yêu cầu không hợp lệ.",
        )

    async def unexpected_error(request: Request, _error: Exception) -> Response:
        # The traceback goes to the server log (uvicorn); the reviewer reads a sentence.
        return render(
            request,
            "error.html.j2",
            status_code=500,
            status=500,
            title="Có lỗi trong chương trình",
            message="Không hoàn tất được việc rà soát do lỗi của chương trình. Tệp đã gửi "
            "không bị mất; hãy báo cho quản trị viên và thử lại sau.",
        )

    async def busy(request: Request, error: Exception) -> Response:
        # Every worker busy and the queue full: say so at once, and when to come back,
        # rather than letting requests pile up until the server collapses.
        retry_after = error.retry_after if isinstance(error, Busy) else 30
        response = render(
            request,
            "error.html.j2",
            status_code=503,
            status=503,
            title="Máy chủ đang bận",
            message=f"Máy chủ đang bận rà soát các tệp khác. Tệp của bạn chưa được lưu; "
            f"hãy gửi lại sau khoảng {retry_after} giây.",
        )
        response.headers["Retry-After"] = str(retry_after)
        return response

    async def check_failed(request: Request, error: Exception) -> Response:
        message = error.message_vi if isinstance(error, CheckFailed) else str(error)
        return render(
            request,
            "error.html.j2",
            status_code=422,
            status=422,
            title="Không rà soát được tệp này",
            message=message[:1].upper() + message[1:] + ".",
        )

    application.add_exception_handler(SignInRequired, sign_in_required)
    application.add_exception_handler(Busy, busy)
    application.add_exception_handler(CheckFailed, check_failed)
    application.add_exception_handler(Exception, unexpected_error)
    application.add_exception_handler(HTTPException, http_error)
    application.add_exception_handler(RequestValidationError, http_error)


ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không được phép",
    404: "Không tìm thấy",
    405: "Không được phép",
    413: "Tệp quá lớn",
}
ERROR_TEXT = {
    400: "Biểu mẫu thiếu thông tin hoặc có giá trị không hợp lệ.",
    404: "Trang hoặc hồ sơ này không tồn tại, hoặc bạn không có quyền xem.",
    405: "Phương thức không được hỗ trợ.",
}
