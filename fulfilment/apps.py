from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FulfilmentConfig(AppConfig):
    """Artisans pack and ship their own order lines; lines they cannot ship go to the council."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fulfilment"
    verbose_name = _("Fulfilment")
