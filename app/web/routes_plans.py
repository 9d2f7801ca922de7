"""Pages of the reviewers: upload and history, a check's result, waivers, the report, downloads."""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.store.repository import history, issuers, upload_for
from app.web.app import CurrentUser
from app.web.guards import require_csrf, signed_in_user
from app.web.pages import render
from app.web.run_view import run_view
from app.web.security import CSRF_FIELD, DOWNLOAD_CSP, REPORT_CSP
from app.web.services import NotFound, Services
from app.web.uploads import UploadRejected
from extract.errors import PlanInputError
from reports import Report, render_docx, render_html, render_json

router = APIRouter()
CsrfToken = Annotated[str, Form(alias=CSRF_FIELD)]
DOWNLOAD_TYPES = {
    "html": ("text/html; charset=utf-8", "html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "json": ("application/json", "json"),
}
STATUS_FILTERS = {"": "Tất cả", "ok": "Đạt", "failed": "Có lỗi", "error": "Không đọc được"}


def services(request: Request) -> Services:
    state = request.app.state
    return Services(state.settings, state.db, state.plan_store, state.check_pool)


@router.get("/")
def home(request: Request, issuer: str = "", status: str = "") -> Response:
    return _home(request, signed_in_user(request), issuer, status)


@router.post("/tai-len")
async def upload(
    request: Request,
    file: Annotated[UploadFile, File()],
    csrf_token: CsrfToken = "",
    parent: Annotated[str, Form(max_length=300)] = "",
    version_of: Annotated[str, Form(max_length=20, pattern=r"^\d{0,18}$")] = "",
    progress: Annotated[str, Form(max_length=64, alias="tien_do")] = "",
) -> Response:
    require_csrf(request, csrf_token)
    user = signed_in_user(request)
    limit = request.app.state.settings.max_upload_bytes
    data = await file.read(limit + 1)
    try:
        ingested = await run_in_threadpool(
            services(request).ingest,
            user,
            user.id,
            file.filename or "",
            data,
            parent or None,
            int(version_of) if version_of else None,
            progress or None,
        )
    except UploadRejected as rejected:
        return _home(request, user, "", "", error=rejected.message, code=rejected.status_code)
    if ingested.run_id is None:
        return RedirectResponse(f"/ho-so/{ingested.upload_id}", status_code=303)
    return RedirectResponse(f"/ket-qua/{ingested.run_id}", status_code=303)


@router.get("/tien-do/{key}")
def ocr_progress(request: Request, key: str) -> Response:
    """The scanned page being read for this reviewer's upload (polled while they wait)."""
    user = signed_in_user(request)
    found = request.app.state.check_pool.progress.get(user.id, key)
    page, pages = found if found is not None else (None, None)
    return JSONResponse({"trang": page, "so_trang": pages}, headers={"Cache-Control": "no-store"})


@router.get("/ho-so/{upload_id}")
def upload_page(request: Request, upload_id: int) -> Response:
    user = signed_in_user(request)
    with request.app.state.db.reading() as session:
        found = upload_for(session, user, upload_id)
        if found is None:
            raise HTTPException(404, "Không tìm thấy hồ sơ.")
        if found.runs:
            return RedirectResponse(f"/ket-qua/{found.runs[-1].id}", status_code=303)
        return render(request, "upload_error.html.j2", status_code=422, upload=found)


@router.post("/ho-so/{upload_id}/ra-soat-lai")
async def recheck(
    request: Request,
    upload_id: int,
    csrf_token: CsrfToken = "",
    parent: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    user = signed_in_user(request)
    try:
        run_id = await run_in_threadpool(services(request).recheck, user, upload_id, parent or None)
    except NotFound:
        raise HTTPException(404, "Không tìm thấy hồ sơ.") from None
    except PlanInputError as error:  # the parent chosen is the plan itself, or unreadable
        return render(
            request,
            "error.html.j2",
            status_code=422,
            status=422,
            title="Không rà soát được",
            message=error.message,
        )
    return RedirectResponse(f"/ket-qua/{run_id}", status_code=303)


@router.get("/ket-qua/{run_id}")
def run_page(request: Request, run_id: int) -> Response:
    user = signed_in_user(request)
    view = run_view(services(request), user, run_id)
    if view is None:
        raise HTTPException(404, "Không tìm thấy kết quả rà soát.")
    return render(request, "run.html.j2", view=view)


@router.post("/ket-qua/{run_id}/chap-nhan")
async def waive(
    request: Request,
    run_id: int,
    fingerprint: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(min_length=3, max_length=2000)],
    csrf_token: CsrfToken = "",
    office_wide: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    require_csrf(request, csrf_token)
    user = signed_in_user(request)
    try:
        new_run = await run_in_threadpool(
            services(request).waive,
            user,
            user.id,
            run_id,
            fingerprint,
            reason.strip(),
            office_wide == "1",
        )
    except NotFound:
        raise HTTPException(404, "Không tìm thấy phát hiện cần chấp nhận.") from None
    return RedirectResponse(f"/ket-qua/{new_run}#phat-hien", status_code=303)


@router.get("/ket-qua/{run_id}/bao-cao")
def report_page(request: Request, run_id: int) -> Response:
    view = run_view(services(request), signed_in_user(request), run_id)
    if view is None:
        raise HTTPException(404, "Không tìm thấy kết quả rà soát.")
    response = Response(render_html(view.report), media_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response


@router.get("/ket-qua/{run_id}/tai-ve/{kind}")
def download(request: Request, run_id: int, kind: str) -> Response:
    if kind not in DOWNLOAD_TYPES:
        raise HTTPException(404, "Không có định dạng này.")
    user = signed_in_user(request)
    view = run_view(services(request), user, run_id)
    if view is None:
        raise HTTPException(404, "Không tìm thấy kết quả rà soát.")
    media_type, extension = DOWNLOAD_TYPES[kind]
    if kind == "html":
        body: bytes = render_html(view.report).encode("utf-8")
    elif kind == "json":
        body = render_json(view.report).encode("utf-8")
    else:
        body = _docx_bytes(view.report, user.office_name)
    name = f"bao-cao-ra-soat-{run_id}.{extension}"
    response = Response(body, media_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def _docx_bytes(report: Report, office: str) -> bytes:
    # The reviewer's office and today's date head the note (issue 15.8).
    buffer = io.BytesIO()
    render_docx(report, buffer, office=office, date=dt.date.today())
    return buffer.getvalue()


def _home(
    request: Request,
    user: CurrentUser,
    issuer: str,
    status: str,
    error: str | None = None,
    code: int = 200,
) -> Response:
    status = status if status in STATUS_FILTERS else ""
    with request.app.state.db.reading() as session:
        rows = history(session, user, issuer=issuer or None, status=status or None)
        return render(
            request,
            "home.html.j2",
            status_code=code,
            rows=rows,
            issuers=issuers(session, user),
            issuer=issuer,
            status=status,
            status_filters=STATUS_FILTERS,
            parent_options=services(request).parent_options(user),
            version_options=services(request).version_options(user),
            error=error,
            max_megabytes=request.app.state.settings.max_upload_bytes // (1024 * 1024),
        )
