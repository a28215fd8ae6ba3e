from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StripePaymentsConfig(AppConfig):
    name = "stripe_payments"
    verbose_name = _("Card payments (Stripe)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from stripe_payments import receivers  # noqa: F401 - connects the signal
