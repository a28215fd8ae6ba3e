"""The ledger follows fulfilment: each new shipment event may owe the artisan (a line
shipped) or take it back (a shipped line refunded).

A post_save receiver, so the entries are written in the transaction of the
fulfilment move that wrote the event: either both are kept or neither.
"""
from django.db.models.signals import post_save
from django.dispatch import receiver

from fulfilment.models import LineShipmentEvent
from payouts.services import ledger_line_sync

LEDGER_KINDS = frozenset({LineShipmentEvent.Kind.SHIPPED, LineShipmentEvent.Kind.REFUNDED})


@receiver(post_save, sender=LineShipmentEvent, dispatch_uid="payouts-ledger-follows-shipments")
def ledger_follows_shipment_event(sender, instance: LineShipmentEvent, created: bool,
                                  raw: bool = False, **kwargs) -> None:
    """Write the SALE or REFUND a new "shipped" or "refunded" event calls for.

    Other kinds (packed, unable, delivered...) owe nothing. Fixtures loaded raw are
    left alone: the backfill migration and payouts_check deal with those.
    """
    if not created or raw or instance.kind not in LEDGER_KINDS:
        return
    ledger_line_sync(line_id=instance.line_id)
