"""Alembic migrations of the store: the web history and the audit cache share one history."""
