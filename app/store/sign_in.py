"""Sign-in limit, revocable sessions and password change, kept in the database."""

from __future__ import annotations

import time
from typing import cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.database import Database
from app.store.models import SignInAttempt, User
from app.store.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password

MAX_ATTEMPTS = 5
WINDOW_SECONDS = 900


class SignInLimit:
    """At most ``max_attempts`` password checks per user name in ``window_seconds``.

    A slot is taken before the password is checked and given back only by a
    success, so 40 parallel guesses check at most ``max_attempts`` passwords, in one
    process or in several sharing the database.
    """

    def __init__(
        self, database: Database, max_attempts: int = MAX_ATTEMPTS, window: int = WINDOW_SECONDS
    ) -> None:
        self.database = database
        self.max_attempts = max_attempts
        self.window_seconds = window

    def take_slot(self, username: str) -> bool:
        """Count one attempt for ``username``; False when the limit is reached (refuse)."""
        key = _key(username)
        now = time.time()
        self._ensure_row(key, now)
        table = cast(Table, SignInAttempt.__table__)
        with self.database.transaction() as session:
            connection = session.connection()
            connection.execute(
                update(table)
                .where(
                    table.c.username_key == key,
                    table.c.window_start < now - self.window_seconds,
                )
                .values(attempts=0, window_start=now)
            )
            taken = connection.execute(
                update(table)
                .where(table.c.username_key == key, table.c.attempts < self.max_attempts)
                .values(attempts=table.c.attempts + 1)
            )
            return taken.rowcount == 1

    def succeeded(self, username: str) -> None:
        """The password was right: the user name starts afresh."""
        with self.database.transaction() as session:
            key = _key(username)
            session.execute(delete(SignInAttempt).where(SignInAttempt.username_key == key))

    def _ensure_row(self, key: str, now: float) -> None:
        cutoff = now - self.window_seconds
        try:
            with self.database.transaction() as session:
                # Expired rows go, so guessed user names do not pile up.
                session.execute(
                    delete(SignInAttempt).where(
                        SignInAttempt.window_start < cutoff, SignInAttempt.username_key != key
                    )
                )
                if session.get(SignInAttempt, key) is None:
                    session.add(SignInAttempt(username_key=key, attempts=0, window_start=now))
        except IntegrityError:
            pass  # another request created it at the same moment: it exists now


def end_sessions(session: Session, user_id: int) -> int:
    """Raise the user's session generation: every cookie issued before stops working."""
    user = session.get_one(User, user_id, with_for_update=True)
    user.session_generation += 1
    session.flush()
    return user.session_generation


def change_password(session: Session, user_id: int, current: str, new: str) -> int:
    """Set a new password and end every session of the user; return the new generation.

    Raises:
        ValueError: When the current password is wrong or the new one too short.
    """
    user = session.get_one(User, user_id)
    if not verify_password(current, user.password_hash):
        raise ValueError("mật khẩu hiện tại không đúng")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"mật khẩu mới phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    user.password_hash = hash_password(new)
    return end_sessions(session, user_id)


def session_generation(session: Session, user_id: int) -> int | None:
    """The user's current session generation; None when the account is gone."""
    return session.scalar(select(User.session_generation).where(User.id == user_id))


def _key(username: str) -> str:
    return username.strip().casefold()[:80]
