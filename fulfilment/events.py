"""Writing fulfilment events and queueing the emails that follow them."""
from django.db import transaction

from fulfilment.models import LineShipmentEvent


def shipment_event_record(
    *, line, kind: str, actor, from_state: str, to_state: str, note: str = "",
    courier: str = "", tracking_number: str = "",
) -> LineShipmentEvent:
    """Append one event to the line's shipment history."""
    return LineShipmentEvent.objects.create(
        line=line, kind=kind, actor=actor, from_state=from_state, to_state=to_state,
        note=note, courier=courier, tracking_number=tracking_number,
    )


def notify_after_commit(event: LineShipmentEvent) -> None:
    """Queue the emails for this event once the transaction has committed."""
    from fulfilment.tasks import shipment_event_notify

    # robust: the move has committed; a mail server that is down must not turn it
    # into an error page (the task retries by itself with a broker).
    transaction.on_commit(lambda: shipment_event_notify.delay(event_id=event.pk), robust=True)
