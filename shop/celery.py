"""The Celery app, configured from Django's settings (CELERY_* names)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.base")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# artisans.joining is a package inside an app, so its tasks module is named here
# for the worker to find.
app.autodiscover_tasks(["artisans.joining"])
