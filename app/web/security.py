"""Signed session cookies, CSRF tokens, security headers and the request size limit."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, Signer, URLSafeSerializer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "plancheck_session"
CSRF_FIELD = "csrf_token"

# Pages of the application: scripts and styles only from the exact inline blocks we
# wrote (by hash), nothing from anywhere else, no plugins, no framing by other sites;
# the upload page polls its own server for the progress of a scan (connect-src).
PAGE_CSP = (
    "default-src 'none'; script-src {script_hashes}; style-src {style_hashes}; "
    "img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; "
    "base-uri 'none'; "
    "frame-ancestors 'none'"
)
# The report (rendered by reports/ with inline styles): no script at all, shown only
# inside our own page's sandboxed frame.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)
# Downloads: nothing may run or load even if a browser renders them.
DOWNLOAD_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline block."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class SessionData:
    """What the cookie carries: a random nonce (CSRF key) and the signed-in user, if any."""

    nonce: str
    user_id: int | None
    issued: float
    changed: bool = False
    generation: int = 0  # the user's session generation when signed in (revocation)

    @classmethod
    def fresh(cls) -> SessionData:
        return cls(nonce=secrets.token_urlsafe(24), user_id=None, issued=time.time(), changed=True)

    def sign_in(self, user_id: int, generation: int = 0) -> None:
        """Attach a user and rotate the nonce, so a token seen before sign-in is worthless."""
        self.nonce = secrets.token_urlsafe(24)
        self.user_id = user_id
        self.generation = generation
        self.issued = time.time()
        self.changed = True

    def sign_out(self) -> None:
        self.nonce = secrets.token_urlsafe(24)
        self.user_id = None
        self.generation = 0
        self.changed = True


class SessionSigner:
    """Signs sessions and CSRF tokens with itsdangerous, and checks a session's age.

    The age runs from sign-in (``issued``), not from the cookie's last signing, so a
    session that is written on every request still ends ``max_age_seconds`` after
    sign-in; revocation (``generation``) is checked against the database by the app.
    """

    def __init__(self, secret_key: bytes, max_age_seconds: int) -> None:
        self._sessions = URLSafeSerializer(
            secret_key, salt="plancheck-session", signer_kwargs={"digest_method": hashlib.sha256}
        )
        self._csrf = Signer(secret_key, salt="plancheck-csrf", digest_method=hashlib.sha256)
        self.max_age_seconds = max_age_seconds

    def encode(self, session: SessionData) -> str:
        payload = {"n": session.nonce, "u": session.user_id, "t": session.issued,
                   "g": session.generation}
        return str(self._sessions.dumps(payload))

    def decode(self, cookie: str | None) -> SessionData | None:
        """The session in a valid, unexpired cookie, else None."""
        if not cookie:
            return None
        try:
            payload: dict[str, Any] = self._sessions.loads(cookie)
            session = SessionData(
                str(payload["n"]), payload["u"], float(payload["t"]), generation=int(payload["g"])
            )
        except (BadSignature, ValueError, KeyError, TypeError):
            return None
        if time.time() - session.issued > self.max_age_seconds:
            return None
        return session

    def csrf_token(self, session: SessionData) -> str:
        """The token forms must echo: bound to the session nonce, useless in another session."""
        return self._csrf.get_signature(session.nonce).decode("ascii")

    def csrf_valid(self, session: SessionData, token: str | None) -> bool:
        if not token:
            return False
        return self._csrf.verify_signature(session.nonce, token)


class BodySizeLimit:
    """Refuse request bodies over a limit with 413, counting bytes as they arrive.

    Checked before the multipart parser spools anything to disk, and also for
    chunked requests that announce no Content-Length.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _send_too_large(send)
            return
        received = 0
        too_large = False
        answered = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                too_large = True
                raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # The form parser turns our exception into its own 400 ("error parsing the
            # body"); once the body was too large, that answer is replaced by the 413.
            nonlocal answered
            if too_large:
                if not answered:
                    answered = True
                    await _send_too_large(send)
                return
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _BodyTooLarge:
            if not answered:
                await _send_too_large(send)


class _BodyTooLarge(Exception):
    pass


async def _send_too_large(send: Send) -> None:
    body = "Tệp quá lớn / Request body too large".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"content-security-policy", DOWNLOAD_CSP.encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
