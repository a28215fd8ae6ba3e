from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    """What each artisan sold per month, the council's commission and what is owed to them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "statements"
    verbose_name = _("Statements")
