from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Side effects recorded with the change that causes them, delivered by a relay."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core.outbox"
    label = "outbox"
    verbose_name = _("Outbox")
