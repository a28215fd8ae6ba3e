from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayoutsConfig(AppConfig):
    """What the council owes each artisan, entry by entry, and the transfers it made."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "payouts"
    verbose_name = _("Payouts")

    def ready(self):
        # The ledger follows fulfilment's shipment events, in their transaction.
        from fulfilment import hooks as fulfilment_hooks
        from payouts.services import ledger_follows_shipment_event

        fulfilment_hooks.shipment_event_recorded.register(ledger_follows_shipment_event)
