from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FulfilmentConfig(AppConfig):
    """Artisans pack and ship their own order lines; lines they cannot ship go to the council."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "fulfilment"
    verbose_name = _("Fulfilment")

    def ready(self):
        from fulfilment.services import line_refund_confirm
        from payments import hooks as payment_hooks

        payment_hooks.line_refund_confirmed.register(line_refund_confirm)
