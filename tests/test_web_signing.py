"""Session cookies and CSRF tokens signed with itsdangerous (issue 17.6), same guarantees."""

from __future__ import annotations

import time

from app.web.security import SessionData, SessionSigner

KEY = b"k" * 32


def signed_in(user_id: int = 7, generation: int = 3) -> SessionData:
    session = SessionData.fresh()
    session.sign_in(user_id, generation)
    return session


def test_a_session_reads_back_as_it_was_written() -> None:
    signer = SessionSigner(KEY, max_age_seconds=3600)
    session = signed_in()
    read = signer.decode(signer.encode(session))
    assert read is not None
    assert (read.nonce, read.user_id, read.generation) == (session.nonce, 7, 3)


def test_a_changed_or_foreign_cookie_is_no_session() -> None:
    signer = SessionSigner(KEY, max_age_seconds=3600)
    cookie = signer.encode(signed_in())
    body, signature = cookie.rsplit(".", 1)
    forged = SessionSigner(b"x" * 32, max_age_seconds=3600).encode(signed_in(user_id=1))
    # The first base64 character carries six bits of the signature; the last may carry
    # only padding bits, so changing it could leave the signature as it was.
    changed = ("B" if signature[0] == "A" else "A") + signature[1:]
    for bad in (f"{body}.{changed}", f"{body[:-2]}.{signature}", forged, "", "abc", "a.b"):
        assert signer.decode(bad) is None


def test_a_session_ends_its_age_after_sign_in_even_when_rewritten() -> None:
    signer = SessionSigner(KEY, max_age_seconds=60)
    session = signed_in()
    session.issued = time.time() - 61
    assert signer.decode(signer.encode(session)) is None  # signed just now, issued too long ago


def test_a_csrf_token_holds_only_for_its_own_session() -> None:
    signer = SessionSigner(KEY, max_age_seconds=3600)
    mine, other = signed_in(), signed_in()
    token = signer.csrf_token(mine)
    assert signer.csrf_valid(mine, token)
    assert not signer.csrf_valid(other, token)
    assert not signer.csrf_valid(mine, None) and not signer.csrf_valid(mine, "")
    other_token = ("B" if token[0] == "A" else "A") + token[1:]
    assert not signer.csrf_valid(mine, other_token) and not signer.csrf_valid(mine, "%%%")
