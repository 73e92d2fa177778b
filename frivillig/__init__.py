"""The project: settings, the URLconf (which composes the apps' URLs), Celery, WSGI/ASGI.

May import: every app (the top layer).
"""

from .celery import app as celery_app

__all__ = ("celery_app",)
