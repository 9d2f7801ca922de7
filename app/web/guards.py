"""Request guards: who is signed in, and whether a form carries the session's CSRF token."""

from __future__ import annotations

from fastapi import HTTPException, Request

from app.web.app import CurrentUser


class SignInRequired(Exception):
    """Raised by ``signed_in_user``; the app answers with a redirect to the sign-in page."""


def signed_in_user(request: Request) -> CurrentUser:
    """The signed-in user; otherwise the request goes to the sign-in page."""
    user: CurrentUser | None = request.state.user
    if user is None:
        raise SignInRequired
    return user


def require_csrf(request: Request, token: str | None) -> None:
    """Refuse with 403 a form whose token does not belong to this session."""
    if not request.app.state.signer.csrf_valid(request.state.session, token):
        raise HTTPException(
            status_code=403,
            detail="Phiên làm việc không hợp lệ (thiếu mã CSRF); hãy tải lại trang và thử lại.",
        )
