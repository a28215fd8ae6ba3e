"""Writing fulfilment events and queueing the emails that follow them."""
from core.outbox.services import outbox_enqueue
from fulfilment import hooks
from fulfilment.models import LineShipmentEvent


def shipment_event_record(
    *, line, kind: str, actor, from_state: str, to_state: str, note: str = "",
    courier: str = "", tracking_number: str = "",
) -> LineShipmentEvent:
    """Append one event to the line's shipment history, and call the apps that follow
    it (hooks.shipment_event_recorded: the payout ledger) in the same transaction."""
    event = LineShipmentEvent.objects.create(
        line=line, kind=kind, actor=actor, from_state=from_state, to_state=to_state,
        note=note, courier=courier, tracking_number=tracking_number,
    )
    hooks.shipment_event_recorded(event=event)
    return event


def notify_after_commit(event: LineShipmentEvent) -> None:
    """Promise the emails for this event, in the transaction that records it (the outbox)."""
    from fulfilment.tasks import shipment_event_notify

    outbox_enqueue(task=shipment_event_notify, kwargs={"event_id": event.pk})
