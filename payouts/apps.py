from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """What the council owes each artisan, entry by entry, and the transfers it made."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "payouts"
    verbose_name = _("Payouts")

    def ready(self):
        # The ledger follows fulfilment's events in their own transaction.
        from payouts import receivers  # noqa: F401
