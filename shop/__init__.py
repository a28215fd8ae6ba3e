"""The project: settings (all from the environment), URLs, the Celery app, health
checks, sitemaps and the context every page shares. It wires the apps together and
owns no business of its own.

May import: every app of the shop (it is the top layer).
"""

from shop.celery import app as celery_app

__all__ = ("celery_app",)
