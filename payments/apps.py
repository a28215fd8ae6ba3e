from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    # The label of the app the card tables were made in: their tables
    # (stripe_payments_*) and migration history keep it.
    label = "stripe_payments"
    verbose_name = _("Payments")

    def ready(self):
        from payments import receivers  # noqa: F401 - connects the signal
