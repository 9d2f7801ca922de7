"""Rendering pages: one Jinja environment (autoescape, StrictUndefined) and the page headers."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from app.web.security import CSRF_FIELD, PAGE_CSP, SessionData, csp_hash

_HERE = Path(__file__).resolve().parent


@cache
def environment() -> jinja2.Environment:
    """Templates escape everything by default: document text and file names are untrusted."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def asset(name: str) -> str:
    """The text of an inline asset (CSS or script) under app/web/assets."""
    return (_HERE / "assets" / name).read_text(encoding="utf-8")


@cache
def page_csp() -> str:
    """The page policy, allowing exactly our inline stylesheet and script by hash."""
    return PAGE_CSP.format(
        script_hashes=csp_hash(asset("upload.js")), style_hashes=csp_hash(asset("app.css"))
    )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the signed-in user, a CSRF token and the inline assets."""
    state = request.state
    session = getattr(state, "session", None) or SessionData.fresh()
    page = (
        environment()
        .get_template(template)
        .render(
            user=getattr(state, "user", None),
            csrf_field=CSRF_FIELD,
            csrf_token=request.app.state.signer.csrf_token(session),
            css=Markup(asset("app.css")),
            script=Markup(asset("upload.js")),
            **context,
        )
    )
    response = HTMLResponse(page, status_code=status_code)
    response.headers["Content-Security-Policy"] = page_csp()
    return response
