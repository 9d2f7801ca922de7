"""web: the reviewers' page (FastAPI, server-rendered Jinja2, no external assets).

``create_app(settings)`` builds the application; ``plancheck serve`` runs it.
"""

from app.web.app import create_app
from app.web.settings import Settings

__all__ = ["Settings", "create_app"]
